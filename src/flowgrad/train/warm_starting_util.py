"""`tf.train.warm_start` and `tf.train.VocabInfo` (TF 1.14's
python/training/warm_starting_util.py): initialize a new model's variables from another
model's checkpoint, vocabulary-indexed ones remapped from their previous vocabulary
(checkpoint_ops.py)."""
from __future__ import annotations

import collections
import os

from .. import logging
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import GraphKeys, get_default_graph
from ..ops import state_ops
from ..ops.partitioned_variables import PartitionedVariable, _PartitionInfo
from ..ops.variables import Variable
from . import checkpoint_management, checkpoint_ops, checkpoint_utils

__all__ = ["VocabInfo", "warm_start"]


class VocabInfo(collections.namedtuple("VocabInfo", [
        "new_vocab", "new_vocab_size", "num_oov_buckets", "old_vocab", "old_vocab_size",
        "backup_initializer", "axis"])):
    """How a vocabulary-indexed variable maps from an old vocabulary to a new one."""

    def __new__(cls, new_vocab, new_vocab_size, num_oov_buckets, old_vocab,
                old_vocab_size=-1, backup_initializer=None, axis=0):
        if axis not in (0, 1):
            raise ValueError("The only supported values for the axis argument are 0 and 1.  "
                             "Provided axis: {}".format(axis))
        return super().__new__(cls, new_vocab, new_vocab_size, num_oov_buckets, old_vocab,
                               old_vocab_size, backup_initializer, axis)


def _var_name(var):
    """The checkpoint name of a variable (a partitioned variable's part: its full name)."""
    info = var._get_save_slice_info() if hasattr(var, "_get_save_slice_info") else None
    if info is not None:
        return info.full_name
    return var.op.name


def _is_variable(v):
    return isinstance(v, Variable)


def _grouped_variables(vars_to_warm_start):
    graph = get_default_graph()
    if isinstance(vars_to_warm_start, str) or vars_to_warm_start is None:
        logging.info("Warm-starting variables only in TRAINABLE_VARIABLES.")
        found = graph.get_collection(GraphKeys.TRAINABLE_VARIABLES, scope=vars_to_warm_start)
    elif isinstance(vars_to_warm_start, list):
        if all(isinstance(v, str) for v in vars_to_warm_start):
            found = []
            for pattern in vars_to_warm_start:
                found += graph.get_collection(GraphKeys.GLOBAL_VARIABLES, scope=pattern)
        elif all(_is_variable(v) for v in vars_to_warm_start):
            found = list(vars_to_warm_start)
        else:
            raise ValueError("If `vars_to_warm_start` is a list, it must be all `Variable` or "
                             "all `str`.  Given types are {}".format(
                                 [type(v) for v in vars_to_warm_start]))
    else:
        raise ValueError("`vars_to_warm_start must be a `list` or `str`.  Given type is {}"
                         .format(type(vars_to_warm_start)))
    grouped = {}
    for v in found:
        grouped.setdefault(_var_name(v), []).append(v)
    return grouped


def _checkpoint_path(ckpt):
    path = os.fspath(ckpt)
    if os.path.isdir(path):
        latest = checkpoint_management.latest_checkpoint(path)
        if latest is None:
            raise ValueError("Couldn't find 'checkpoint' file or checkpoints in given "
                             "directory {}".format(path))
        return latest
    return path


def _warm_start_var_with_vocab(var, current_vocab_path, current_vocab_size, prev_ckpt,
                               prev_vocab_path, previous_vocab_size=-1, current_oov_buckets=0,
                               prev_tensor_name=None, initializer=None, axis=0):
    """Initializes the (parts of the) vocabulary-indexed `var` from the checkpoint, its
    rows (axis 0) or columns (axis 1) remapped from the previous vocabulary."""
    if not (current_vocab_path and current_vocab_size and prev_ckpt and prev_vocab_path):
        raise ValueError("Invalid args: Must provide all of [current_vocab_path, "
                         "current_vocab_size, prev_ckpt, prev_vocab_path}.")
    if _is_variable(var):
        var = [var]
    elif isinstance(var, PartitionedVariable):
        var = var._get_variable_list()
    elif not (isinstance(var, list) and all(_is_variable(v) for v in var)):
        raise TypeError("var MUST be one of the following: a Variable, list of Variable or "
                        "PartitionedVariable, but is {}".format(type(var)))
    if not prev_tensor_name:
        prev_tensor_name = _var_name(var[0])
    total_first_axis = sum(v.get_shape().as_list()[0] for v in var)
    for v in var:
        v_shape = v.get_shape().as_list()
        info = v._get_save_slice_info()
        partition_info = None if info is None else _PartitionInfo(
            full_shape=info.full_shape, var_offset=info.var_offset)
        if axis == 0:
            row = dict(new_row_vocab_size=current_vocab_size, new_col_vocab_size=v_shape[1],
                       old_row_vocab_size=previous_vocab_size,
                       old_row_vocab_file=prev_vocab_path,
                       new_row_vocab_file=current_vocab_path,
                       num_row_oov_buckets=current_oov_buckets)
        elif axis == 1:
            row = dict(new_row_vocab_size=total_first_axis,
                       new_col_vocab_size=current_vocab_size,
                       old_col_vocab_file=prev_vocab_path,
                       new_col_vocab_file=current_vocab_path,
                       num_col_oov_buckets=current_oov_buckets)
        else:
            raise ValueError("The only supported values for the axis argument are 0 and 1.  "
                             "Provided axis: {}".format(axis))
        init = checkpoint_ops.load_and_remap_matrix_initializer(
            ckpt_path=_checkpoint_path(prev_ckpt), old_tensor_name=prev_tensor_name,
            initializer=initializer, **row)
        value = convert_to_tensor(init(shape=v_shape, partition_info=partition_info))
        v._initializer_op = state_ops.assign(v, value)


def warm_start(ckpt_to_initialize_from, vars_to_warm_start=".*",
               var_name_to_vocab_info=None, var_name_to_prev_var_name=None):
    """Makes the selected variables of the default graph initialize from the checkpoint
    (a file prefix or a directory's latest checkpoint), each under its previous name, the
    ones of `var_name_to_vocab_info` remapped from their previous vocabulary."""
    var_name_to_vocab_info = var_name_to_vocab_info or {}
    var_name_to_prev_var_name = dict(var_name_to_prev_var_name or {})
    logging.info("Warm-starting from: %s", (ckpt_to_initialize_from,))
    grouped = _grouped_variables(vars_to_warm_start)
    count = 0
    prev_used, vocab_used = set(), set()
    vocabless = {}
    for name, variables in grouped.items():
        prev = var_name_to_prev_var_name.get(name)
        if prev:
            prev_used.add(name)
        info = var_name_to_vocab_info.get(name)
        if info:
            vocab_used.add(name)
            count += 1
            _warm_start_var_with_vocab(
                variables, current_vocab_path=info.new_vocab,
                current_vocab_size=info.new_vocab_size, prev_ckpt=ckpt_to_initialize_from,
                prev_vocab_path=info.old_vocab, previous_vocab_size=info.old_vocab_size,
                current_oov_buckets=info.num_oov_buckets, prev_tensor_name=prev,
                initializer=info.backup_initializer, axis=info.axis)
        elif vars_to_warm_start:
            count += 1
            logging.debug("Warm-starting variable: {}; prev_var_name: {}".format(
                name, prev or "Unchanged"))
            vocabless[prev or name] = variables[0] if len(variables) == 1 else variables
    # as TF: the path as given (init_from_checkpoint finds a directory's latest checkpoint
    # and names the path as given in its errors)
    checkpoint_utils.init_from_checkpoint(ckpt_to_initialize_from, vocabless)
    logging.info("Warm-started %d variables.", count)
    unused = set(var_name_to_prev_var_name) - prev_used
    if unused:
        raise ValueError("You provided the following variables in var_name_to_prev_var_name "
                         "that were not used: {0}.  Perhaps you misspelled them?  Here is "
                         "the list of viable variable names: {1}".format(
                             unused, grouped.keys()))
    unused = set(var_name_to_vocab_info) - vocab_used
    if unused:
        raise ValueError("You provided the following variables in var_name_to_vocab_info that "
                         "were not used: {0}.  Perhaps you misspelled them?  Here is the list "
                         "of viable variable names: {1}".format(unused, grouped.keys()))

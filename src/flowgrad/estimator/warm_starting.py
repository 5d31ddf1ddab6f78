"""`tf.estimator.WarmStartSettings`, `tf.estimator.VocabInfo` and `tf.train.warm_start`:
initialize a new model's variables from another model's checkpoint (TF 1.14's
warm_starting_util; vocabulary remapping is not implemented by flowgrad)."""
from __future__ import annotations

import collections
import os

from .. import logging
from ..engine.framework.graph import GraphKeys, get_default_graph
from ..train import checkpoint_management, checkpoint_utils

__all__ = ["VocabInfo", "WarmStartSettings", "warm_start"]


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


class WarmStartSettings(collections.namedtuple("WarmStartSettings", [
        "ckpt_to_initialize_from", "vars_to_warm_start", "var_name_to_vocab_info",
        "var_name_to_prev_var_name"])):
    """Which checkpoint an Estimator warm-starts from and which variables it takes."""

    def __new__(cls, ckpt_to_initialize_from, vars_to_warm_start=".*",
                var_name_to_vocab_info=None, var_name_to_prev_var_name=None):
        if not ckpt_to_initialize_from:
            raise ValueError("`ckpt_to_initialize_from` MUST be set in WarmStartSettings")
        return super().__new__(cls, ckpt_to_initialize_from, vars_to_warm_start,
                               var_name_to_vocab_info or {}, var_name_to_prev_var_name or {})


def _var_name(var):
    name = var.op.name
    if "/part_" in name:
        name = name[:name.index("/part_")]
    return name


def _grouped_variables(vars_to_warm_start):
    graph = get_default_graph()
    if isinstance(vars_to_warm_start, str):
        found = graph.get_collection(GraphKeys.TRAINABLE_VARIABLES, scope=vars_to_warm_start)
    elif isinstance(vars_to_warm_start, list):
        if all(isinstance(v, str) for v in vars_to_warm_start):
            found = []
            for pattern in vars_to_warm_start:
                found += graph.get_collection(GraphKeys.GLOBAL_VARIABLES, scope=pattern)
        elif all(hasattr(v, "op") for v in vars_to_warm_start):
            found = list(vars_to_warm_start)
        else:
            raise ValueError("If `vars_to_warm_start` is a list, it must be all `Variable` or "
                             "all `str`.  Given types are {}".format(
                                 [type(v) for v in vars_to_warm_start]))
    elif vars_to_warm_start is None:
        found = []
    else:
        raise ValueError("`vars_to_warm_start must be a `list` or `str`.  Given type {}"
                         .format(type(vars_to_warm_start)))
    grouped = collections.OrderedDict()
    for v in found:
        grouped.setdefault(_var_name(v), []).append(v)
    return grouped


def warm_start(ckpt_to_initialize_from, vars_to_warm_start=".*",
               var_name_to_vocab_info=None, var_name_to_prev_var_name=None):
    """Makes the selected variables of the default graph initialize from the checkpoint
    (a file prefix or a directory's latest checkpoint), each under its previous name."""
    if var_name_to_vocab_info:
        raise NotImplementedError("warm_start: var_name_to_vocab_info (vocabulary remapping) "
                                  "is not implemented by flowgrad")
    logging.info("Warm-starting from: %s", ckpt_to_initialize_from)
    var_name_to_prev_var_name = dict(var_name_to_prev_var_name or {})
    path = os.fspath(ckpt_to_initialize_from)
    if os.path.isdir(path):
        latest = checkpoint_management.latest_checkpoint(path)
        if latest is None:
            raise ValueError("Couldn't find 'checkpoint' file or checkpoints in given "
                             "directory {}".format(path))
        path = latest
    prev_used = set()
    for name, variables in _grouped_variables(vars_to_warm_start).items():
        prev = var_name_to_prev_var_name.get(name)
        if prev:
            prev_used.add(name)
        else:
            prev = name
        logging.debug("Warm-starting variable: %s; prev_var_name: %s", name, prev)
        target = variables[0] if len(variables) == 1 else variables
        checkpoint_utils.init_from_checkpoint(path, {prev: target})
    unused = set(var_name_to_prev_var_name) - prev_used
    if unused:
        raise ValueError("You provided the following variables in var_name_to_prev_var_name "
                         "that were not used: {0}.  Perhaps you misspelled them?  Here is "
                         "the list of viable variable names: {1}".format(
                             unused, sorted(_grouped_variables(vars_to_warm_start))))


def settings_from(warm_start_from):
    """The WarmStartSettings of an Estimator's `warm_start_from` (a path, a SavedModel
    directory, or WarmStartSettings), or None."""
    if warm_start_from is None:
        return None
    if isinstance(warm_start_from, (str, bytes, os.PathLike)):
        path = os.fsdecode(warm_start_from)
        if os.path.isfile(os.path.join(path, "saved_model.pb")) or \
                os.path.isfile(os.path.join(path, "saved_model.pbtxt")):
            logging.info("Warm-starting from a SavedModel")
            return WarmStartSettings(ckpt_to_initialize_from=os.path.join(
                path, "variables", "variables"))
        return WarmStartSettings(ckpt_to_initialize_from=path)
    if isinstance(warm_start_from, WarmStartSettings):
        if warm_start_from.var_name_to_vocab_info:
            raise NotImplementedError("WarmStartSettings: var_name_to_vocab_info (vocabulary "
                                      "remapping) is not implemented by flowgrad")
        return warm_start_from
    raise ValueError("warm_start_from must be a string or a WarmStartSettings, instead got "
                     "{}".format(type(warm_start_from)))



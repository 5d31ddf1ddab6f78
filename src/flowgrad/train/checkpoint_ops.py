"""TF 1.14's vocabulary-remapping checkpoint loading (python/training/checkpoint_ops.py):
the ops GenerateVocabRemapping (new vocabulary ids -> old ids, by token) and
LoadAndRemapMatrix (a checkpointed matrix's rows / columns gathered through such
remappings, missing cells filled from initializing values), and the initializer
warm_start builds from them."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops._base import apply
from ..engine.ops.construction import range as _range
from ..engine.ops.lookup import read_vocabulary
from ..ops import array_ops, init_ops
from .checkpoint_io import NewCheckpointReader

__all__ = ["generate_vocab_remapping", "load_and_remap_matrix",
           "load_and_remap_matrix_initializer"]

_LINE_NUMBER, _WHOLE_LINE = -1, -2


def _str(x):
    x = np.asarray(x, dtype=object).reshape(()).item()
    return x.decode() if isinstance(x, bytes) else str(x)


# -- GenerateVocabRemapping ---------------------------------------------------------------
def _remap_infer(inputs, attrs):
    for t, what in zip(inputs, ("new_vocab_file", "old_vocab_file")):
        if t.shape.ndims not in (None, 0):
            raise ValueError(f"Shape must be rank 0 but is rank {t.shape.ndims}")
    return [(_dt.int64, TensorShape([attrs["num_new_vocab"]])), (_dt.int32, TensorShape([]))]


def _remap_kernel(new_vocab_file, old_vocab_file, new_vocab_offset, num_new_vocab,
                  old_vocab_size=-1, **_):
    new_name, old_name = _str(new_vocab_file), _str(old_vocab_file)
    if not new_name:
        raise errors.InvalidArgumentError(None, None, "new vocab filename cannot be empty.")
    if not old_name:
        raise errors.InvalidArgumentError(None, None, "old vocab filename cannot be empty.")
    ids, tokens = read_vocabulary(new_name, _LINE_NUMBER, _WHOLE_LINE,
                                  new_vocab_offset + num_new_vocab, "\t", _dt.int64,
                                  _dt.string)
    new_tokens = dict(zip(ids, tokens))
    old_tokens, old_ids = read_vocabulary(old_name, _WHOLE_LINE, _LINE_NUMBER, old_vocab_size,
                                          "\t", _dt.string, _dt.int64)
    old = {}
    for token, i in zip(old_tokens, old_ids):
        if token in old and old[token] != i:
            raise errors.FailedPreconditionError(
                None, None, f"HashTable has different value for same key. Key "
                f"{_str(token)} has {old[token]} and trying to add value {i}")
        old.setdefault(token, i)
    remapping = np.array([old.get(new_tokens.get(i), -1)
                          for i in range(new_vocab_offset, new_vocab_offset + num_new_vocab)],
                         dtype=np.int64)
    return remapping, np.int32(np.count_nonzero(remapping >= 0))


register_op("GenerateVocabRemapping", infer=_remap_infer, kernel=_remap_kernel, stateful=False,
            grad=None)


def generate_vocab_remapping(new_vocab_file, old_vocab_file, new_vocab_offset, num_new_vocab,
                             old_vocab_size=-1, name=None):
    """(remapping, num_present): each new id's old id (-1 when its token is new)."""
    with name_scope(name, "GenerateVocabRemapping") as scope:
        ins = [convert_to_tensor(new_vocab_file, _dt.string, name="new_vocab_file"),
               convert_to_tensor(old_vocab_file, _dt.string, name="old_vocab_file")]
        return apply("GenerateVocabRemapping", ins,
                     {"new_vocab_offset": int(new_vocab_offset),
                      "num_new_vocab": int(num_new_vocab),
                      "old_vocab_size": int(old_vocab_size)}, scope)


# -- LoadAndRemapMatrix -------------------------------------------------------------------
def _load_infer(inputs, attrs):
    return [(_dt.float32, TensorShape([attrs["num_rows"], attrs["num_cols"]]))]


def _load_kernel(ckpt_path, old_tensor_name, row_remapping, col_remapping, initializing_values,
                 num_rows, num_cols, max_rows_in_memory=-1, **_):
    rows = np.asarray(row_remapping, np.int64).reshape(-1)
    cols = np.asarray(col_remapping, np.int64).reshape(-1)
    init = np.asarray(initializing_values, np.float32).reshape(-1)
    if rows.size != num_rows:
        raise errors.InvalidArgumentError(
            None, None, f"Size of row_remapping is {rows.size} instead of being equal to "
            f"num_rows={num_rows}")
    if cols.size and cols.size != num_cols:
        raise errors.InvalidArgumentError(
            None, None, f"Provided col_remapping, but its size is {cols.size} instead of "
            f"being equal to num_cols={num_cols}")
    old = np.asarray(NewCheckpointReader(_str(ckpt_path)).get_tensor(_str(old_tensor_name)))
    if old.ndim != 2:
        raise errors.InvalidArgumentError(
            None, None, f"Tensor {_str(old_tensor_name)} in the checkpoint is not a matrix "
            f"(shape {list(old.shape)})")
    if not cols.size:
        cols = np.arange(num_cols, dtype=np.int64)
        if old.shape[1] != num_cols:
            raise errors.InvalidArgumentError(
                None, None, f"Expected num_cols={num_cols} to equal the number of columns "
                f"{old.shape[1]} of the checkpointed tensor {_str(old_tensor_name)} when no "
                "col_remapping is given")
    for what, ids, size in (("row", rows, old.shape[0]), ("column", cols, old.shape[1])):
        bad = ids[ids >= size]
        if bad.size:
            raise errors.InvalidArgumentError(
                None, None, f"Old {what} id {int(bad[0])} is out of range of the checkpointed "
                f"tensor {_str(old_tensor_name)} of shape {list(old.shape)}")
    present = (rows >= 0)[:, None] & (cols >= 0)[None, :]
    missing = int(present.size - np.count_nonzero(present))
    if init.size != missing:
        raise errors.InvalidArgumentError(
            None, None, f"Initializing values contained {init.size} elements, but "
            f"{missing} elements were needed to fill in missing values.")
    out = np.empty((num_rows, num_cols), np.float32)
    out[present] = old[np.ix_(np.maximum(rows, 0), np.maximum(cols, 0))][present]
    out[~present] = init
    return out


register_op("LoadAndRemapMatrix", infer=_load_infer, kernel=_load_kernel, stateful=False,
            grad=None)


def load_and_remap_matrix(ckpt_path, old_tensor_name, row_remapping, col_remapping,
                          initializing_values, num_rows, num_cols, max_rows_in_memory=-1,
                          name=None):
    """The [num_rows, num_cols] float32 matrix of the checkpointed `old_tensor_name` gathered
    through the remappings (an empty col_remapping keeps the columns), each missing cell
    the next of `initializing_values`."""
    with name_scope(name, "LoadAndRemapMatrix") as scope:
        ins = [convert_to_tensor(v, dt, name=n) for v, dt, n in (
            (ckpt_path, _dt.string, "ckpt_path"), (old_tensor_name, _dt.string,
                                                    "old_tensor_name"),
            (row_remapping, _dt.int64, "row_remapping"),
            (col_remapping, _dt.int64, "col_remapping"),
            (initializing_values, _dt.float32, "initializing_values"))]
        return apply("LoadAndRemapMatrix", ins,
                     {"num_rows": int(num_rows), "num_cols": int(num_cols),
                      "max_rows_in_memory": int(max_rows_in_memory)}, scope)


# -- the initializer ----------------------------------------------------------------------
def _load_and_remap(ckpt_path, old_tensor_name, new_row_vocab_offset, num_rows_to_load,
                    new_col_vocab_size, initializer, old_row_vocab_size=-1,
                    old_row_vocab_file=None, new_row_vocab_file=None, old_col_vocab_file=None,
                    new_col_vocab_file=None, num_row_oov_buckets=0, num_col_oov_buckets=0,
                    max_rows_in_memory=-1):
    if num_row_oov_buckets < 0:
        raise ValueError("num_row_oov_buckets must be >= 0, but received %d" %
                         num_row_oov_buckets)
    if num_col_oov_buckets < 0:
        raise ValueError("num_col_oov_buckets must be >= 0, but received %d" %
                         num_col_oov_buckets)
    if bool(old_row_vocab_file) != bool(new_row_vocab_file):
        raise ValueError("old_row_vocab_file and new_row_vocab_file must both be specified or "
                         "left unspecified. old_row_vocab_file='{}', new_row_vocab_file='{}'"
                         .format(old_row_vocab_file, new_row_vocab_file))
    if bool(old_col_vocab_file) != bool(new_col_vocab_file):
        raise ValueError("old_col_vocab_file and new_col_vocab_file must both be specified or "
                         "left unspecified. old_col_vocab_file='{}', new_col_vocab_file='{}'"
                         .format(old_col_vocab_file, new_col_vocab_file))
    remap_rows = new_row_vocab_file and old_row_vocab_file
    remap_cols = new_col_vocab_file and old_col_vocab_file
    if not (remap_rows or remap_cols):
        raise ValueError("Must provide either row or column vocab files. If no remapping is "
                         "necessary, consider using `tf.contrib.framework.init_from_checkpoint` "
                         "instead.")
    num_rows_present = num_rows_to_load
    if remap_rows:
        row_remapping, num_rows_present = generate_vocab_remapping(
            new_row_vocab_file, old_row_vocab_file, new_row_vocab_offset, num_rows_to_load,
            old_vocab_size=old_row_vocab_size)
    else:
        row_remapping = _range(new_row_vocab_offset, new_row_vocab_offset + num_rows_to_load,
                               dtype=_dt.int64)
    col_remapping = []
    num_cols_present = new_col_vocab_size
    if remap_cols:
        col_remapping, num_cols_present = generate_vocab_remapping(
            new_col_vocab_file, old_col_vocab_file, 0, new_col_vocab_size)
    init_vals = initializer([num_rows_to_load * new_col_vocab_size -
                             num_rows_present * num_cols_present, 1])
    out = load_and_remap_matrix(ckpt_path, old_tensor_name, row_remapping, col_remapping,
                                init_vals, num_rows_to_load, new_col_vocab_size,
                                max_rows_in_memory)
    if num_row_oov_buckets > 0:
        oov = convert_to_tensor(initializer([num_row_oov_buckets, new_col_vocab_size]))
        out = array_ops.concat([out, oov], 0)
    if num_col_oov_buckets > 0:
        oov = convert_to_tensor(initializer([num_rows_to_load + num_row_oov_buckets,
                                             num_col_oov_buckets]))
        out = array_ops.concat([out, oov], 1)
    return out


def load_and_remap_matrix_initializer(ckpt_path, old_tensor_name, new_row_vocab_size,
                                      new_col_vocab_size, old_row_vocab_size=-1,
                                      old_row_vocab_file=None, new_row_vocab_file=None,
                                      old_col_vocab_file=None, new_col_vocab_file=None,
                                      num_row_oov_buckets=0, num_col_oov_buckets=0,
                                      initializer=None, max_rows_in_memory=-1):
    """An initializer (shape, dtype, partition_info) loading a (partition of a) vocabulary-
    remapped matrix from a checkpoint (TF's _load_and_remap_matrix_initializer)."""
    if initializer is None:
        initializer = init_ops.zeros_initializer()
    if not callable(initializer):
        raise TypeError("initializer must be callable, instead of being {} of type {}.".format(
            initializer, type(initializer)))

    def _initializer(shape, dtype=_dt.float32, partition_info=None):
        if dtype != _dt.float32:
            raise TypeError("Currently, only float32 is supported. Received dtype: {}".format(
                dtype))
        if len(shape) != 2:
            raise ValueError("Expected 2-dim shape, but received: {}".format(shape))
        if shape[0] <= 0:
            raise ValueError("Expected 1st dim of shape to be > 0, but received shape: {}"
                             .format(shape))
        if shape[1] != new_col_vocab_size + num_col_oov_buckets:
            raise ValueError(
                "Expected 2nd dim of shape to be new_col_vocab_size ({}) + num_col_oov_buckets "
                "({}) = {}, but received shape: {}".format(
                    new_col_vocab_size, num_col_oov_buckets,
                    new_col_vocab_size + num_col_oov_buckets, shape))
        offset = 0 if partition_info is None else partition_info.single_offset(shape)
        if offset + shape[0] > new_row_vocab_size + num_row_oov_buckets:
            raise ValueError(
                "Trying to initialize {} additional rows after {} rows have already been "
                "initialized, which would exceed expected total row count of "
                "new_row_vocab_size ({}) + num_row_oov_buckets ({}) = {}.".format(
                    shape[0], offset, new_row_vocab_size, num_row_oov_buckets,
                    new_row_vocab_size + num_row_oov_buckets))
        oov_rows = min(shape[0], max(0, offset + shape[0] - new_row_vocab_size))
        rows_to_load = shape[0] - oov_rows
        if offset > new_row_vocab_size:
            if shape[0] != oov_rows:
                raise ValueError("Partitioned variable offset is greater than new vocab size "
                                 "and not operating on OOV-only partition.")
            return initializer(shape)
        return _load_and_remap(
            ckpt_path=ckpt_path, old_tensor_name=old_tensor_name,
            new_row_vocab_offset=offset, num_rows_to_load=rows_to_load,
            new_col_vocab_size=new_col_vocab_size, initializer=initializer,
            old_row_vocab_size=old_row_vocab_size, old_row_vocab_file=old_row_vocab_file,
            new_row_vocab_file=new_row_vocab_file, old_col_vocab_file=old_col_vocab_file,
            new_col_vocab_file=new_col_vocab_file, num_row_oov_buckets=oov_rows,
            num_col_oov_buckets=num_col_oov_buckets, max_rows_in_memory=max_rows_in_memory)
    return _initializer

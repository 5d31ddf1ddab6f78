"""The ops of TF's sharded Saver graph (tf.train.Saver(sharded=True), which every
SavedModel's saver is): StringJoin, ShardedFilename and MergeV2Checkpoints, so that TF's
.meta files and SavedModels import and their save op runs.

TF's sharded save writes each shard to `<prefix>_temp_<uuid>/part-NNNNN-of-NNNNN` and
MergeV2Checkpoints merges the shards into the one checkpoint `<prefix>`, then removes the
shard files and (when empty) their directory.
"""
import os

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.registry import register_op
from ..engine.framework.tensor_shape import TensorShape
from . import checkpoint_io as _io
from . import tensor_bundle as _tb


def _text(x):
    return x.decode() if isinstance(x, bytes) else str(x)


# -- StringJoin: elementwise concatenation, scalars broadcast (TF's string_join) ----------
def _string_join_infer(inputs, attrs):
    shape = TensorShape([])
    for t in inputs:
        if t.shape.ndims != 0:
            if shape.ndims not in (0, None) and t.shape.ndims is not None:
                _check_merge(shape, t.shape)
            shape = shape.merge_with(t.shape) if shape.ndims != 0 else t.shape
    return [(_dt.string, shape)]


def _check_merge(a, b):
    """TF's shape-merge message for two known-rank shapes that do not merge."""
    da, db = a.as_list(), b.as_list()
    show = "[" + ",".join("?" if d is None else str(d) for d in da) + "] and [" + \
        ",".join("?" if d is None else str(d) for d in db) + "]"
    if len(da) != len(db):
        raise ValueError(f"Shapes must be equal rank, but are {len(da)} and {len(db)}")
    for i, (x, y) in enumerate(zip(da, db)):
        if x is not None and y is not None and x != y:
            raise ValueError(f"Dimension {i} in both shapes must be equal, but are {x} and "
                             f"{y}. Shapes are {show}.")


def _string_join_kernel(*inputs, N=None, separator=""):
    arrays = [np.asarray(x, dtype=object) for x in inputs]
    shapes = {a.shape for a in arrays if a.ndim}
    if len(shapes) > 1:
        raise errors.InvalidArgumentError(
            None, None, "Input shapes do not match: " +
            " vs. ".join(str(list(s)) for s in sorted(shapes)))
    shape = shapes.pop() if shapes else ()
    sep = separator.encode() if isinstance(separator, str) else separator
    flat = [np.broadcast_to(a, shape).reshape(-1) for a in arrays]
    out = np.empty(int(np.prod(shape, dtype=np.int64)), dtype=object)
    for i in range(out.size):
        out[i] = sep.join(x[i] if isinstance(x[i], bytes) else str(x[i]).encode()
                          for x in flat)
    return out.reshape(shape)


register_op("StringJoin", infer=_string_join_infer, kernel=_string_join_kernel, grad=None)


# -- ShardedFilename: "<basename>-<shard:05d>-of-<num_shards:05d>" ------------------------
def _sharded_filename_infer(inputs, attrs):
    return [(_dt.string, TensorShape([]))]


def _sharded_filename_kernel(basename, shard, num_shards):
    b = np.asarray(basename, dtype=object).item()
    name = f"{_text(b)}-{int(shard):05d}-of-{int(num_shards):05d}"
    return np.array(name.encode(), dtype=object)


register_op("ShardedFilename", infer=_sharded_filename_infer,
            kernel=_sharded_filename_kernel, grad=None)


# -- ShardedFilespec: "<basename>-?????-of-<num_shards:05d>" (a V1 sharded save's path) -----
def _sharded_filespec_kernel(basename, num_shards):
    b = np.asarray(basename, dtype=object).item()
    return np.array(f"{_text(b)}-?????-of-{int(num_shards):05d}".encode(), dtype=object)


register_op("ShardedFilespec", infer=_sharded_filename_infer,
            kernel=_sharded_filespec_kernel, grad=None)


# -- MergeV2Checkpoints: the shards' entries as one checkpoint ----------------------------
def _merge_infer(inputs, attrs):
    return []


def _merge_kernel(checkpoint_prefixes, destination_prefix, delete_old_dirs=True):
    sources = [_text(p) for p in np.asarray(checkpoint_prefixes, dtype=object).reshape(-1)]
    dest = _text(np.asarray(destination_prefix, dtype=object).item())
    merged = {}
    shard_ids = {}   # as TF's MergeV2Checkpoints, shard i's data file stays data file i
    for shard, src in enumerate(sources):
        ckpt = _io.open_checkpoint(src)
        # each shard's data in its order (TF renames the data files, offsets kept)
        offset = getattr(ckpt.reader, "data_offset", None)
        names = sorted(ckpt.entries, key=lambda n: (offset(n) if offset else 0, n))
        slices = getattr(ckpt.reader, "saved_slices", lambda n: None)
        for n in names:
            sliced = slices(n)
            have = merged.get(n)
            if have is not None and isinstance(have[1], _tb.Sliced) and sliced is not None:
                have[1].parts.extend(sliced.parts)  # slices of one tensor in two shards
                continue
            if have is not None:
                raise errors.InvalidArgumentError(
                    None, None, f"Duplicate tensor keyed by {n} encountered, when merging "
                    "prefix: " + src)
            merged[n] = (ckpt.entries[n][0],
                         sliced if sliced is not None else np.array(ckpt.read([n])[0]))
            shard_ids[n] = shard
    _io.write_checkpoint(dest, merged, shard_ids=shard_ids)
    if delete_old_dirs:
        for src in sources:
            if os.path.abspath(src) == os.path.abspath(dest):
                continue
            d, base = os.path.split(src)
            for f in os.listdir(d or "."):
                if f == base + ".index" or f.startswith(base + ".data-"):
                    os.remove(os.path.join(d, f))
            try:  # only the shards' own directory, and only once it is empty
                os.rmdir(os.path.dirname(src) or ".")
            except OSError:
                pass


register_op("MergeV2Checkpoints", infer=_merge_infer, kernel=_merge_kernel, stateful=True,
            grad=None)

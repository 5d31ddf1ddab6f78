"""Batches of serialized tf.train.Examples written alike, parsed by NumPy in one pass.

Examples written from the same feature spec with the same value counts (the common case:
a TFRecord file of training examples) have the same size and the same bytes outside the
values (tags, lengths, keys). Such a batch is a [n, size] uint8 matrix (a strided view of
the record buffer: nothing is copied per record). Where each feature's values lie (the
layout) is read from one record and kept per record size; every record's other bytes are
checked equal to that record's with one gather; then each feature's values are a column
block of the matrix: packed float32s a view, int64s (all one-byte varints) a cast. The
one copy is into the output. Anything else returns None, and the caller parses the
Examples one at a time (which also raises TF's errors).
"""
from __future__ import annotations

import math

import numpy as np

from ._example_wire import _DTYPE_KIND, _np_type, _ParseError, example_spans

__all__ = ["parse_dense_parts", "parse_uniform", "parse_uniform_batch", "record_matrix"]


class _Layout:
    """Where the values of each feature of an Example lie ({key: (kind, start, end)}), and
    the Example's other bytes (`fixed`: their offsets; `ref`: their values)."""

    __slots__ = ("spans", "fixed", "ref")

    def __init__(self, row):
        spans = example_spans(memoryview(row.tobytes()))
        if spans is None:
            raise _ParseError()
        keep = np.ones(len(row), dtype=bool)
        for kind, a, b in spans.values():
            if kind == 1 and (b - a) % 4:
                raise _ParseError()
            keep[a:b] = False
        self.spans = spans
        self.fixed = np.flatnonzero(keep)
        self.ref = np.asarray(row)[self.fixed]

    def matches(self, mat):
        """Whether every row of `mat` has this layout's bytes outside the values (the int64
        values are checked by their reader)."""
        return bool((mat[:, self.fixed] == self.ref).all())


_LAYOUTS = {}       # record size -> the last layout seen at that size
_MAX_LAYOUTS = 64


def _layout(mat):
    """The layout every row of `mat` has, or None."""
    size = mat.shape[1]
    lay = _LAYOUTS.get(size)
    if lay is not None and lay.matches(mat):
        return lay
    try:
        lay = _Layout(mat[0])
    except _ParseError:
        return None
    if not lay.matches(mat):
        return None
    if len(_LAYOUTS) >= _MAX_LAYOUTS:
        _LAYOUTS.clear()
    _LAYOUTS[size] = lay
    return lay


def record_matrix(buf, starts, lens):
    """The records buf[s:s + n] (starts, lens: int64 arrays) as the rows of a read-only
    [k, size] uint8 view of `buf` when they are equal-sized and evenly spaced, else None."""
    k = len(starts)
    if not k:
        return None
    size, s0 = int(lens[0]), int(starts[0])
    stride = size
    if k > 1:
        if lens.min() != size or lens.max() != size:
            return None
        step = starts[1:] - starts[:-1]
        stride = int(step[0])
        if stride < size or step.min() != stride or step.max() != stride:
            return None
    if s0 < 0 or s0 + (k - 1) * stride + size > len(buf):
        return None
    mat = np.ndarray((k, size), dtype=np.uint8, buffer=buf, offset=s0,
                     strides=(max(stride, 1), 1))
    mat.flags.writeable = False
    return mat


def _values(mat, kind, a, b):
    """A feature's [k, count] values from the column block mat[:, a:b], or None when an
    int64 is not a one-byte varint."""
    block = mat[:, a:b]
    if kind == 1:
        try:
            return block.view("<f4")
        except ValueError:
            return np.ascontiguousarray(block).view("<f4")
    if block.size and int(block.max()) >= 0x80:
        return None
    return block


def parse_dense_parts(parts, dense_keys, dense_types, dense_shapes):
    """parse_example's dense outputs (FixedLenFeatures, no defaults used) for the batch of
    serialized Examples given as `parts`, a list of (buf, starts, lens) (record i of a part
    being buf[starts[i]:starts[i] + lens[i]]), read in place from the buffers: for records
    of one size written alike, every key present with its full count; else None (then
    parse them the general way, which raises the errors)."""
    mats = [record_matrix(*p) for p in parts]
    if any(m is None for m in mats) or len({m.shape[1] for m in mats}) != 1:
        return None
    lays = [_layout(m) for m in mats]
    if lays[0] is None or any(lay is not lays[0] for lay in lays):
        return None
    spans = lays[0].spans
    n = sum(len(m) for m in mats)
    outs = []
    for key, dtype, shape in zip(dense_keys, dense_types, dense_shapes):
        shape = tuple(int(d) for d in shape)
        got = spans.get(key)
        if got is None or got[0] != _DTYPE_KIND.get(dtype):
            return None
        kind, a, b = got
        per = math.prod(shape)
        if (b - a) // (4 if kind == 1 else 1) != per:
            return None
        out = np.empty((n,) + shape, dtype=_np_type(dtype))
        flat = out.reshape(n, per)
        i = 0
        for m in mats:
            vals = _values(m, kind, a, b)
            if vals is None:
                return None
            flat[i:i + len(m)] = vals
            i += len(m)
        outs.append(out)
    return outs


def parse_uniform(serialized):
    """{key: (kind, [N, k] values)} of a batch of serialized Examples written alike (same
    size, same bytes outside the values), else None."""
    recs = serialized.tolist() if isinstance(serialized, np.ndarray) else list(serialized)
    if set(map(type, recs)) != {bytes}:
        recs = [x.encode() if isinstance(x, str) else bytes(x) for x in recs]
    sizes = set(map(len, recs))
    if len(sizes) != 1:
        return None
    size = sizes.pop()
    mat = np.frombuffer(b"".join(recs), dtype=np.uint8).reshape(len(recs), size)
    lay = _layout(mat)
    if lay is None:
        return None
    out = {}
    for key, (kind, a, b) in lay.spans.items():
        vals = _values(mat, kind, a, b)
        if vals is None:
            return None
        out[key] = (kind, vals if kind == 1 else vals.astype(np.int64))
    return out


def parse_uniform_batch(uni, n, sparse_keys, sparse_types, dense_keys, dense_types,
                        dense_shapes, var_len):
    """parse_example's outputs from `parse_uniform`'s arrays, or None to parse one by one."""
    sp_idx, sp_val, sp_shape, dense = [], [], [], []
    for key, dtype in zip(sparse_keys, sparse_types):
        kind, arr = uni.get(key, (None, np.zeros((n, 0))))
        if kind is not None and kind != _DTYPE_KIND[dtype]:
            return None
        k = arr.shape[1]
        ii, kk = np.meshgrid(np.arange(n, dtype=np.int64), np.arange(k, dtype=np.int64),
                             indexing="ij")
        sp_idx.append(np.stack([ii.reshape(-1), kk.reshape(-1)], axis=1))
        sp_val.append(arr.reshape(-1).astype(_np_type(dtype)))
        sp_shape.append(np.asarray([n, k], dtype=np.int64))
    for key, dtype, shape, vl in zip(dense_keys, dense_types, dense_shapes, var_len):
        shape = tuple(int(d) for d in shape)
        if vl or key not in uni:
            return None
        kind, arr = uni[key]
        if kind != _DTYPE_KIND[dtype] or arr.shape[1] != int(np.prod(shape)):
            return None
        # an owned, native-order array (IteratorGetNext copies views out again)
        dense.append(np.array(arr.reshape((n,) + shape), dtype=_np_type(dtype)))
    return sp_idx, sp_val, sp_shape, dense

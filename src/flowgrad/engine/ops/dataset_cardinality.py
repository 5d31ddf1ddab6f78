"""tf.data.experimental.cardinality: the number of elements of a dataset value, from how
its ops made it (TF 1.14's DatasetBase::Cardinality rules): -1 infinite, -2 unknown."""
from __future__ import annotations

import numpy as np

from ..framework import dtypes as _dt
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from . import dataset_batch as _b
from . import dataset_grouping as _g
from . import dataset_io as _io
from . import dataset_map as _m
from . import dataset_sources as _s
from .dataset_core import DatasetValue, _passthrough, _scalar

__all__ = ["cardinality", "INFINITE", "UNKNOWN"]

INFINITE = -1
UNKNOWN = -2


def _n(a):
    return int(_scalar(a))


def _inputs(args):
    return [a for a in args if isinstance(a, DatasetValue)]


def _repeat(c, args):
    n, count = c(args[0]), _n(args[1])
    if count < 0:
        return 0 if n == 0 else INFINITE
    if count == 0:
        return 0
    return n if n in (INFINITE, UNKNOWN) else count * n


def _take(c, args):
    n, count = c(args[0]), _n(args[1])
    if n == UNKNOWN:
        return UNKNOWN
    if count < 0:
        return n
    return count if n == INFINITE else min(n, count)


def _skip(c, args):
    n, count = c(args[0]), _n(args[1])
    if n in (INFINITE, UNKNOWN):
        return n
    return 0 if count < 0 else max(0, n - count)


def _batched(n, size, drop):
    if n in (INFINITE, UNKNOWN):
        return n
    return n // size + (0 if n % size == 0 or drop else 1)


def _zip(c, args):
    result = INFINITE
    for d in _inputs(args):
        n = c(d)
        if n == UNKNOWN:
            return UNKNOWN
        if n != INFINITE:
            result = n if result == INFINITE else min(result, n)
    return result


def _concatenate(c, args):
    a, b = c(args[0]), c(args[1])
    if INFINITE in (a, b):
        return INFINITE
    if UNKNOWN in (a, b):
        return UNKNOWN
    return a + b


def _shard(c, args):
    n, num, index = c(args[0]), _n(args[1]), _n(args[2])
    if n in (INFINITE, UNKNOWN):
        return n
    return n // num + (1 if index < n % num else 0)


def _padded(c, args):
    ncomp = (len(args) - 3) // 2
    return _batched(c(args[0]), _n(args[1]), bool(_scalar(args[2 + 2 * ncomp])))


def _shuffle_and_repeat(c, args):
    return _repeat(c, [args[0], args[4]])


_SAME = (_m._map, _m._map_elements, _io._prefetch, _io._cache, _m._shuffle, _m._optimize,
         _passthrough, _g._scan, _io._ignore_errors)
_RULES = {
    _b._tensor_slice: lambda c, args: int(np.shape(args[0])[0]) if np.ndim(args[0]) else 0,
    _b._tensors: lambda c, args: 1,
    _b._range: lambda c, args: len(range(_n(args[0]), _n(args[1]), _n(args[2]))),
    _b._repeat: _repeat, _b._take: _take, _b._skip: _skip, _b._zip: _zip,
    _b._concatenate: _concatenate,
    _b._batch: lambda c, args: _batched(c(args[0]), _n(args[1]), bool(_scalar(args[2]))),
    _b._padded_batch: _padded,
    _io._shard: _shard,
    # TF 1.14's WindowDataset: n / shift, one more for a partial window unless dropped
    _io._window: lambda c, args: _batched(c(args[0]), _n(args[2]), bool(_scalar(args[4]))),
    _m._shuffle_and_repeat: _shuffle_and_repeat,
    _s._random: lambda c, args: INFINITE,
}


def cardinality(dv):
    """The number of elements `dv` yields (INFINITE, or UNKNOWN if its ops cannot say)."""
    src = dv.src
    if src is None:
        return UNKNOWN
    make, args = src[0], src[1]
    if make in _SAME:
        return cardinality(args[0])
    if make is _m._map_and_batch:
        n_caps = src[2]["n_captures"]
        return _batched(cardinality(args[0]), _n(args[1 + n_caps]),
                        bool(_scalar(args[3 + n_caps])))
    rule = _RULES.get(make)
    return UNKNOWN if rule is None else rule(cardinality, args)


register_op("ExperimentalDatasetCardinality",
            infer=lambda inputs, attrs: [(_dt.int64, TensorShape([]))],
            kernel=lambda input_dataset: np.int64(cardinality(input_dataset)), grad=None)

"""Dataset.cache(filename)'s files, in TF 1.14's format: a tensor bundle (the V2
checkpoint format: `filename.index` + `filename.data-00000-of-00001`) whose key for
component k of element i is `"%7d_%*d" % (i, w, k)` (w: the digits of the last component
index), as TF's CacheDataset writes it. TF reads the caches flowgrad writes and the
reverse.

The files are read with train/tensor_bundle.py's reader, which trusts nothing on disk
(bounded reads, checksums, regular files only; no code runs). A cache whose entries do not
match the dataset (missing components, other dtypes or shapes) is refused with
InvalidArgumentError naming the file; damage is DataLossError.
"""
from __future__ import annotations

import os

import numpy as np

from ..engine.framework import errors
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops import dataset as _ds
from ..train import tensor_bundle as _tb

__all__ = ["exists", "read", "write"]

_ITEM_WIDTH = 7        # the digits of TF's kMaxItems - 1 (9999999)


def _key(i, k, n):
    return "%*d_%*d" % (_ITEM_WIDTH, i, len(str(max(n - 1, 0))), k)


def exists(path):
    return os.path.exists(path + ".index")


def read(path, types, shapes):
    """The cached elements (tuples of arrays), checked against the dataset's components."""
    reader = _tb.BundleReader(path)
    n = len(types)
    entries = reader.entries
    count = 0
    while _key(count, 0, n) in entries:
        count += 1
    if len(entries) != count * n:
        raise errors.InvalidArgumentError(
            None, None, f"The cache file {path} does not hold {n}-component elements of "
            "this dataset (its keys do not match).")
    elems = []
    for i in range(count):
        comps = []
        for k, (dt, shape) in enumerate(zip(types, shapes)):
            key = _key(i, k, n)
            e_dt, e_shape = entries.get(key, (None, None))
            if e_dt is None or e_dt.base_dtype is not dt.base_dtype or \
                    not TensorShape(shape).is_compatible_with(TensorShape(list(e_shape))):
                raise errors.InvalidArgumentError(
                    None, None, f"The cache file {path} does not match the dataset: entry "
                    f"{key.strip()!r} is {getattr(e_dt, 'name', 'missing')} "
                    f"{list(e_shape) if e_shape is not None else ''}, the dataset's "
                    f"component {k} is {dt.name} {TensorShape(shape)}.")
            try:
                comps.append(np.asarray(reader.get_tensor(key)))
            except errors.OutOfRangeError as e:
                # a short file is damage here, never the end of the dataset
                raise errors.DataLossError(None, None, e.message) from None
        elems.append(tuple(comps))
    return elems


def write(path, elems, types):
    n = len(types)
    tensors = {}
    for i, e in enumerate(elems):
        for k, (v, dt) in enumerate(zip(e, types)):
            tensors[_key(i, k, n)] = (dt, np.asarray(v))
    _tb.write_bundle(path, tensors)


class _Files:
    exists = staticmethod(exists)
    read = staticmethod(read)
    write = staticmethod(write)


_ds.set_cache_files(_Files)

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

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.variant import VariantTensorData
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
                value = np.asarray(reader.get_tensor(key))
            except errors.OutOfRangeError as e:
                # a short file is damage here, never the end of the dataset
                raise errors.DataLossError(None, None, e.message) from None
            comps.append(_unboxed(value, path) if dt.base_dtype is _dt.variant else value)
        elems.append(tuple(comps))
    return elems


def write(path, elems, types):
    n = len(types)
    tensors = {}
    for i, e in enumerate(elems):
        for k, (v, dt) in enumerate(zip(e, types)):
            v = np.asarray(v)
            tensors[_key(i, k, n)] = (dt, _boxed(v) if dt.base_dtype is _dt.variant else v)
    _tb.write_bundle(path, tensors)


# A boxed SparseTensor (engine/ops/sparse_serialize.py) is a variant array whose elements
# are tensors; in a file each is TF's encoding of a Tensor held in a Variant.
_TENSOR = "tensorflow::Tensor"


def _boxed(v):
    out = np.empty(v.shape, dtype=object)
    for idx, x in np.ndenumerate(v):
        if not isinstance(x, np.ndarray):
            raise errors.UnimplementedError(None, None, f"Dataset.cache(filename) cannot "
                                            f"write a variant element {type(x).__name__}")
        out[idx] = VariantTensorData(_TENSOR, b"", [x])
    return out


def _unboxed(v, path):
    out = np.empty(v.shape, dtype=object)
    for idx, x in np.ndenumerate(v):
        if not isinstance(x, VariantTensorData) or x.type_name != _TENSOR or \
                len(x.tensors) != 1:
            raise errors.DataLossError(None, None, f"The cache file {path} holds a variant "
                                       "element that is not a tensor")
        out[idx] = x.tensors[0]
    return out


class _Files:
    exists = staticmethod(exists)
    read = staticmethod(read)
    write = staticmethod(write)


_ds.set_cache_files(_Files)

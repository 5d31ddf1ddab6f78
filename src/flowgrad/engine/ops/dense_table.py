"""TF 1.14's MutableDenseHashTableV2: a lookup table kept in two bucket arrays, with open
addressing and quadratic probing (tensorflow/core/kernels/lookup_table_op.cc,
MutableDenseHashTable), and LookupTableRemoveV2 (for it and for MutableHashTableV2);
also MutableHashTableOfTensorsV2 (a MutableHashTable with vector values, `TensorsTable`).

The buckets are what `export()` returns, so they are laid out exactly as TF lays them
out: key buckets [num_buckets, key_size] filled with empty_key, value buckets
[num_buckets, value_size] of zeros (False, 0); a key's first bucket is its hash masked
with num_buckets - 1, then +1, +2, +3, ... (mod num_buckets) until its own, an empty or
(insert) a deleted bucket. The hash of a scalar key is the key as an unsigned 64-bit
integer (a string: TF's Hash64); of a vector key TF's Hash64Combine of its elements'
hashes. Before an insert of n keys the table doubles its buckets while entries + n >
buckets * max_load_factor (in float32, as TF), reinserting the old buckets in order.
Removing a key writes deleted_key into its bucket.
"""
from __future__ import annotations

import threading

import numpy as np

from ..framework import dtypes as _dt
from ..framework import errors
from ..framework.registry import register_op
from ..framework.tensor_shape import TensorShape
from .hashing import _hash64
from .lookup import Table, _key_list

__all__ = ["DenseTable", "TensorsTable"]

_M64 = (1 << 64) - 1

# TF 1.14's CPU kernels: key dtype -> value dtypes (DT_VARIANT values are not in flowgrad)
_KERNELS = {_dt.int32: (_dt.int32, _dt.float32, _dt.float64),
            _dt.int64: (_dt.bool_, _dt.float64, _dt.float32, _dt.int32, _dt.int64),
            _dt.string: (_dt.bool_, _dt.float64, _dt.float32, _dt.int32, _dt.int64)}
_TF_NAMES = {"float32": "FLOAT", "float64": "DOUBLE"}


def _tf_type(dt):
    return "DT_" + _TF_NAMES.get(dt.name, dt.name.upper())


def _dims(shape):
    return "[" + ",".join(str(d) for d in shape) + "]"


def _invalid(msg):
    return errors.InvalidArgumentError(None, None, msg)


def _hash_combine(a, b):
    """TF's Hash64Combine (core/lib/hash/hash.h)."""
    return a ^ ((b + 0x9e3779b97f4a7800 + (a << 10) + (a >> 4)) & _M64)


def _scalar_hash(k):
    if isinstance(k, bytes):
        return _hash64(k)
    return int(k) & _M64


def _key_hash(key):
    """TF's HashKey of one key (a tuple of its elements)."""
    if len(key) == 1:
        return _scalar_hash(key[0])
    h = 0
    for k in key:
        h = _hash_combine(h, _scalar_hash(k))
    return h


def _np_type(dtype):
    return object if dtype == _dt.string else dtype.as_numpy_dtype


def _rows(arr, n, size, dtype):
    """`arr` as n rows of `size` Python values (bytes for strings)."""
    flat = np.asarray(arr, dtype=_np_type(dtype)).reshape(-1).tolist()
    if dtype == _dt.string:
        flat = [x.encode() if isinstance(x, str) else bytes(x) for x in flat]
    return [tuple(flat[i * size:(i + 1) * size]) for i in range(n)]


class DenseTable:
    """One MutableDenseHashTable of one session."""

    kind = "MutableDenseHashTable"

    def __init__(self, key_dtype, value_dtype, empty_key, deleted_key, value_shape,
                 num_buckets, max_load_factor):
        self.key_dtype = key_dtype
        self.value_dtype = value_dtype
        self.key_shape = tuple(np.shape(empty_key))
        self.value_shape = value_shape
        self.key_size = int(np.prod(self.key_shape, dtype=np.int64))
        self.value_size = int(np.prod(value_shape, dtype=np.int64))
        self.empty = _rows(empty_key, 1, self.key_size, key_dtype)[0]
        self.deleted = _rows(deleted_key, 1, self.key_size, key_dtype)[0]
        self.max_load_factor = np.float32(max_load_factor)
        self.lock = threading.Lock()
        self._allocate(num_buckets)

    # -- buckets ----------------------------------------------------------------------
    def _allocate(self, n):
        if n < 4 or n & (n - 1):
            raise _invalid(f"Number of buckets must be at least 4 and a power of 2, got: {n}")
        self.keys = [self.empty] * n
        self.values = [(self._zero(),) * self.value_size] * n
        self.entries = 0

    def _zero(self):
        return np.zeros((), _np_type(self.value_dtype)).item()

    def _check_special(self, key):
        if key == self.empty:
            raise _invalid("Using the empty_key as a table key is not allowed")
        if key == self.deleted:
            raise _invalid("Using the deleted_key as a table key is not allowed")

    def _probe(self, key, what, stop):
        """The bucket of `key` or the first bucket `stop` accepts, as TF probes."""
        n = len(self.keys)
        mask = n - 1
        b = _key_hash(key) & mask
        probes = 0
        while True:
            k = self.keys[b]
            if k == key or stop(k):
                return b
            probes += 1
            b = (b + probes) & mask
            if probes >= n:
                raise errors.InternalError(
                    None, None, f"Internal error in MutableDenseHashTable {what}")

    def _insert_rows(self, keys, values, ignore_special):
        empty, deleted = self.empty, self.deleted
        for key, value in zip(keys, values):
            if key == empty or key == deleted:
                if ignore_special:
                    continue
                self._check_special(key)
            b = self._probe(key, "insert", lambda k: k == empty or k == deleted)
            if self.keys[b] != key:
                self.entries += 1
                self.keys[b] = key
            self.values[b] = value

    # -- the table's operations (under LookupTable*V2 ops) ------------------------------
    def _check_key_shape(self, shape):
        ks = self.key_shape
        if len(shape) < len(ks) or tuple(shape[len(shape) - len(ks):]) != ks:
            raise _invalid(f"Input key shape {_dims(shape)} must end with the table's key "
                           f"shape {_dims(ks)}")

    def _batch(self, keys, scalar_ok=True):
        shape = keys.shape
        n = 1 if (not shape and scalar_ok) else (shape[0] if shape else 0)
        if keys.size != n * self.key_size:
            raise _invalid(f"Expected key shape {_dims((n,) + self.key_shape)} got "
                           f"{_dims(shape)}")
        return n

    def find(self, keys, default):
        keys = np.asarray(keys)
        default = np.asarray(default)
        self._check_key_shape(keys.shape)
        if default.shape != self.value_shape:
            raise _invalid(f"Expected shape {_dims(self.value_shape)} for default value, got "
                           f"{_dims(default.shape)}")
        out_shape = keys.shape[:keys.ndim - len(self.key_shape)] + self.value_shape
        n = self._batch(keys)
        rows = _rows(keys, n, self.key_size, self.key_dtype)
        dflt = tuple(default.reshape(-1).tolist())
        out = []
        empty = self.empty
        with self.lock:
            for key in rows:
                self._check_special(key)
                b = self._probe(key, "lookup", lambda k: k == empty)
                out.append(self.values[b] if self.keys[b] == key else dflt)
        arr = np.empty((n, self.value_size), _np_type(self.value_dtype))
        if n:
            arr[...] = out
        return arr.reshape(out_shape)

    def size(self):
        return np.int64(self.entries)

    def insert(self, keys, values):
        keys, values = np.asarray(keys), np.asarray(values)
        self._check_key_shape(keys.shape)
        want = keys.shape[:keys.ndim - len(self.key_shape)] + self.value_shape
        if values.shape != want:
            raise _invalid(f"Expected shape {_dims(want)} for value, got "
                           f"{_dims(values.shape)}")
        n = self._batch(keys)
        krows = _rows(keys, n, self.key_size, self.key_dtype)
        vrows = _rows(values, n, self.value_size, self.value_dtype)
        with self.lock:
            pending = np.float32(self.entries + n)
            buckets = len(self.keys)
            if pending > np.float32(buckets) * self.max_load_factor:
                new = buckets
                while True:
                    new <<= 1
                    if not pending > np.float32(new) * self.max_load_factor:
                        break
                old_keys, old_values = self.keys, self.values
                self._allocate(new)
                self._insert_rows(old_keys, old_values, True)
            self._insert_rows(krows, vrows, False)

    def remove(self, keys):
        keys = np.asarray(keys)
        self._check_key_shape(keys.shape)
        n = self._batch(keys, scalar_ok=False)
        rows = _rows(keys, n, self.key_size, self.key_dtype)
        empty = self.empty
        with self.lock:
            for key in rows:
                self._check_special(key)
                b = self._probe(key, "remove", lambda k: k == empty)
                if self.keys[b] == key:
                    self.entries -= 1
                    self.keys[b] = self.deleted

    def export(self):
        with self.lock:
            keys, values = list(self.keys), list(self.values)
        k = np.empty((len(keys), self.key_size), _np_type(self.key_dtype))
        v = np.empty((len(values), self.value_size), _np_type(self.value_dtype))
        if keys:
            k[...] = keys
            v[...] = values
        return k, v

    def import_values(self, keys, values):
        """TF's import: the arrays become the buckets (as export gave them)."""
        keys, values = np.asarray(keys), np.asarray(values)
        self._check_key_shape(keys.shape)
        key_vec = self.key_shape or (1,)
        want = keys.shape[:keys.ndim - len(key_vec)] + (self.value_shape or (1,))
        if values.shape != want:
            raise _invalid(f"Expected shape {_dims(want)} for value, got "
                           f"{_dims(values.shape)}")
        if keys.ndim != 2 or values.ndim != 2:
            raise _invalid(f"MutableDenseHashTable import needs buckets of rank 2, got "
                           f"{_dims(keys.shape)} and {_dims(values.shape)}")
        n = keys.shape[0]
        with self.lock:
            self.keys = _rows(keys, n, self.key_size, self.key_dtype)
            self.values = _rows(values, n, self.value_size, self.value_dtype)
            self.entries = sum(1 for k in self.keys if k != self.empty and k != self.deleted)


# -- ops -----------------------------------------------------------------------------
def _table_infer(inputs, attrs):
    r = inputs[0].shape.ndims
    if r is not None and r > 1:
        raise ValueError(f"Shape must be at most rank 1 but is rank {r}")
    return [(_dt.resource, TensorShape([]))]


def _check_kernel(node, key_dtype, value_dtype):
    if value_dtype in _KERNELS.get(key_dtype, ()):
        return
    a = node.attrs
    shape = TensorShape(a.get("value_shape", ()))
    shape = "[" + ",".join("?" if d is None else str(d) for d in shape.as_list()) + "]" \
        if shape.ndims is not None else "<unknown>"
    attrs = [f"value_dtype={_tf_type(value_dtype)}",   # TF's order varies (a hash map)
             f"max_load_factor={a.get('max_load_factor', 0.8):g}",
             f"initial_num_buckets={a.get('initial_num_buckets', 131072)}",
             f"shared_name=\"{a.get('shared_name', '')}\"",
             f"use_node_name_sharing={str(bool(a.get('use_node_name_sharing'))).lower()}",
             f"key_dtype={_tf_type(key_dtype)}", f"container=\"{a.get('container', '')}\"",
             f"value_shape={shape}"]
    raise _invalid(f"No OpKernel was registered to support Op 'MutableDenseHashTableV2' used "
                   f"by node {node.name} with these attrs: [{', '.join(sorted(attrs))}]")


def _new_table(attrs, key_dtype, value_dtype, empty_key, deleted_key):
    """TF's MutableDenseHashTable constructor and its checks, in TF's order."""
    mlf = float(np.float32(attrs.get("max_load_factor", 0.8)))
    if not 0 < mlf < 1:
        raise _invalid(f"max_load_factor must be between 0 and 1, got: {mlf:g}")
    vshape = tuple(TensorShape(attrs.get("value_shape", ())).as_list())
    if len(vshape) > 1:
        raise _invalid(f"Empty value must be a scalar or a vector, got shape {_dims(vshape)}")
    empty_key, deleted_key = np.asarray(empty_key), np.asarray(deleted_key)
    if empty_key.ndim > 1:
        raise _invalid(f"Empty key must be a scalar or a vector, got shape "
                       f"{_dims(empty_key.shape)}")
    if empty_key.shape != deleted_key.shape:
        raise _invalid(f"Empty and deleted keys must have same shape, got shapes: "
                       f"{_dims(empty_key.shape)} and {_dims(deleted_key.shape)}")
    if _key_hash(_rows(empty_key, 1, empty_key.size, key_dtype)[0]) == \
            _key_hash(_rows(deleted_key, 1, deleted_key.size, key_dtype)[0]):
        raise _invalid("Empty and deleted keys cannot be equal")
    return DenseTable(key_dtype, value_dtype, empty_key, deleted_key, vshape,
                      int(attrs.get("initial_num_buckets", 131072)), mlf)


def _table_bind(node, ctx):
    store = ctx.__dict__.setdefault("tables", {})
    attrs = node.attrs
    key = ("table", attrs.get("container", ""), attrs.get("shared_name") or node.name)
    lock = ctx.lock
    # an imported GraphDef's node has no key_dtype attr (flowgrad infers it from inputs)
    key_dtype = _dt.as_dtype(attrs["key_dtype"]) if "key_dtype" in attrs \
        else node.op._inputs[0].dtype.base_dtype
    value_dtype = _dt.as_dtype(attrs["value_dtype"])

    def handle(empty_key, deleted_key):
        _check_kernel(node, key_dtype, value_dtype)
        t = store.get(key)
        if t is None:
            with lock:
                t = store.get(key)
                if t is None:
                    t = store[key] = _new_table(attrs, key_dtype, value_dtype, empty_key,
                                                deleted_key)
        if t.kind != DenseTable.kind or t.key_dtype != key_dtype or \
                t.value_dtype != value_dtype:
            raise _invalid(f"Trying to share a table '{key[2]}' of another type or with "
                           "other key/value dtypes")
        return t
    return handle


register_op("MutableDenseHashTableV2", infer=_table_infer, bind=_table_bind, stateful=True,
            grad=None)


# the v1 form of old GraphDefs (a string_ref handle, no deleted_key input): TF 1.14's kernel
# reads a deleted_key input the op does not have, so every run holding it fails
def _dense_v1_kernel(empty_key):
    raise _invalid("Unknown input name: deleted_key")


register_op("MutableDenseHashTable", infer=lambda i, a: [(_dt.string._as_ref, TensorShape([2]))],
            kernel=_dense_v1_kernel, stateful=True, grad=None)


def _remove_infer(inputs, attrs):
    r = inputs[1].shape.ndims
    if r is not None and r < 1:
        raise ValueError(f"Shape must be at least rank 1 but is rank {r}")
    return []


def _remove_bind(node, ctx):
    def run(t, keys):
        if t.kind == "HashTable":
            raise errors.UnimplementedError(None, None, "Remove is not supported by HashTable")
        t.remove(keys)
    return run


register_op("LookupTableRemoveV2", infer=_remove_infer, bind=_remove_bind, stateful=True,
            grad=None)


# -- MutableHashTableOfTensorsV2 -------------------------------------------------------
# TF 1.14's CPU kernels: key dtype -> value dtypes
_TENSORS_KERNELS = {_dt.int32: (_dt.int32, _dt.float32, _dt.float64),
                    _dt.int64: (_dt.int32, _dt.int64, _dt.float32, _dt.float64, _dt.string),
                    _dt.string: (_dt.int32, _dt.int64, _dt.float32, _dt.float64, _dt.bool_)}


class TensorsTable(Table):
    """A MutableHashTable whose values are vectors (TF's MutableHashTableOfTensors):
    entries map a key to a tuple of value_shape[0] values."""

    def __init__(self, key_dtype, value_dtype, value_shape):
        super().__init__("MutableHashTableOfTensors", key_dtype, value_dtype)
        self.initialized = True
        self.value_shape = value_shape

    def _pairs(self, keys, values):
        keys, values = np.asarray(keys), np.asarray(values)
        want = keys.shape + self.value_shape
        if values.shape != want:
            raise _invalid(f"Expected shape {_dims(want)} for value, got "
                           f"{_dims(values.shape)}")
        return _key_list(keys), _rows(values, keys.size, self.value_shape[0], self.value_dtype)

    def find(self, keys, default):
        keys, default = np.asarray(keys), np.asarray(default)
        if default.shape != self.value_shape:
            raise _invalid(f"Expected shape {_dims(self.value_shape)} for default value, got "
                           f"{_dims(default.shape)}")
        dflt = _rows(default, 1, self.value_shape[0], self.value_dtype)[0]
        get = self.data.get
        out = [get(k, dflt) for k in _key_list(keys)]
        arr = np.empty((len(out), self.value_shape[0]), _np_type(self.value_dtype))
        if out:
            arr[...] = out
        return arr.reshape(keys.shape + self.value_shape)

    def insert(self, keys, values):
        ks, vs = self._pairs(keys, values)
        with self.lock:
            self.data.update(zip(ks, vs))

    def import_values(self, keys, values):
        ks, vs = self._pairs(keys, values)
        with self.lock:
            self.data = dict(zip(ks, vs))

    def export(self):
        with self.lock:
            items = list(self.data.items())
        k = np.empty(len(items), _np_type(self.key_dtype))
        v = np.empty((len(items), self.value_shape[0]), _np_type(self.value_dtype))
        if items:
            k[:] = [i[0] for i in items]
            v[...] = [i[1] for i in items]
        return k, v


def _tensors_bind(node, ctx):
    store = ctx.__dict__.setdefault("tables", {})
    attrs = node.attrs
    key = ("table", attrs.get("container", ""), attrs.get("shared_name") or node.name)
    lock = ctx.lock
    key_dtype = _dt.as_dtype(attrs["key_dtype"])
    value_dtype = _dt.as_dtype(attrs["value_dtype"])
    vshape = tuple(TensorShape(attrs.get("value_shape", ())).as_list())

    def handle():
        if value_dtype not in _TENSORS_KERNELS.get(key_dtype, ()):
            items = [f"key_dtype={_tf_type(key_dtype)}", f"value_dtype={_tf_type(value_dtype)}",
                     f"value_shape={_dims(vshape)}", f"container=\"{attrs.get('container', '')}\"",
                     f"shared_name=\"{attrs.get('shared_name', '')}\"",
                     f"use_node_name_sharing="
                     f"{str(bool(attrs.get('use_node_name_sharing'))).lower()}"]
            raise _invalid(f"No OpKernel was registered to support Op "
                           f"'{node.op.type}' used by node {node.name} with these "
                           f"attrs: [{', '.join(sorted(items))}]")
        if len(vshape) != 1:
            raise _invalid(f"Default value must be a vector, got shape {_dims(vshape)}")
        t = store.get(key)
        if t is None:
            with lock:
                t = store.get(key)
                if t is None:
                    t = store[key] = TensorsTable(key_dtype, value_dtype, vshape)
        if not isinstance(t, TensorsTable) or t.key_dtype != key_dtype or \
                t.value_dtype != value_dtype:
            raise _invalid(f"Trying to share a table '{key[2]}' of another type or with "
                           "other key/value dtypes")
        return t
    return handle


register_op("MutableHashTableOfTensorsV2", infer=lambda i, a: [(_dt.resource, TensorShape([]))],
            bind=_tensors_bind, stateful=True, grad=None)
# (the v1 form of old GraphDefs: a string_ref handle of shape [2])
register_op("MutableHashTableOfTensors",
            infer=lambda i, a: [(_dt.string._as_ref, TensorShape([2]))],
            bind=_tensors_bind, stateful=True, grad=None)

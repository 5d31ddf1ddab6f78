"""TF 1.14's DenseHashTable (tf.lookup.experimental.DenseHashTable, also
tf.contrib.lookup.MutableDenseHashTable): a mutable table on the MutableDenseHashTableV2
op (engine/ops/dense_table.py), with TF's op names, bucket layout and errors.

    table = tf.contrib.lookup.MutableDenseHashTable(tf.int64, tf.int64, default_value=-1,
                                                    empty_key=0, deleted_key=-1)
    ins = table.insert(keys, values)
    out = table.lookup(query_keys)

Keys may be vectors (empty_key's shape) and values vectors (default_value's shape);
`export()` gives the bucket arrays, [num_buckets, key size] and [num_buckets, value size].
With `checkpoint` (the default) tf.train.Saver saves "<name>-keys" and "<name>-values".
"""
from __future__ import annotations

from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import GraphKeys, get_default_graph
from ..engine.ops._base import apply
from .lookup_ops import LookupInterface, MutableHashTable, _MutableTableOps

__all__ = ["DenseHashTable"]


class DenseHashTable(_MutableTableOps, LookupInterface):
    """A mutable hash table kept in tensors, with open addressing and quadratic probing
    (TF's MutableDenseHashTableV2); `empty_key` and `deleted_key` mark free buckets and
    may not be used as keys."""

    def __init__(self, key_dtype, value_dtype, default_value, empty_key, deleted_key,
                 initial_num_buckets=None, name="MutableDenseHashTable", checkpoint=True):
        self._default_value = convert_to_tensor(default_value, dtype=value_dtype,
                                                name="default_value")
        self._key_dtype = key_dtype
        self._value_dtype = value_dtype
        self._initial_num_buckets = initial_num_buckets
        self._value_shape = self._default_value.get_shape()
        self._checkpoint = checkpoint
        self._name = name
        self._empty_key = convert_to_tensor(empty_key, dtype=key_dtype, name="empty_key")
        self._deleted_key = convert_to_tensor(deleted_key, dtype=key_dtype,
                                              name="deleted_key")
        self._shared_name = None
        super().__init__(key_dtype, value_dtype)
        self._resource_handle = self._create_resource()
        if checkpoint:      # TF's saveable: the buckets saved as "<name>-keys/-values"
            get_default_graph().add_to_collection(GraphKeys.SAVEABLE_OBJECTS,
                                                  DenseHashTable._Saveable(self, name))

    _Saveable = MutableHashTable._Saveable

    def _create_resource(self):
        handle = apply("MutableDenseHashTableV2", [self._empty_key, self._deleted_key], {
            "container": "", "shared_name": "",
            "use_node_name_sharing": bool(self._checkpoint and self._shared_name is None),
            "key_dtype": self._key_dtype, "value_dtype": self._value_dtype,
            "value_shape": self._value_shape,
            "initial_num_buckets": 131072 if self._initial_num_buckets is None
            else self._initial_num_buckets,
            "max_load_factor": 0.8}, self._name)
        self._table_name = handle.op.name.split("/")[-1]
        return handle

    def insert_or_assign(self, keys, values, name=None):
        """Associates `keys` with `values` (LookupTableInsertV2; `insert` too)."""
        return self.insert(keys, values, name)

    def erase(self, keys, name=None):
        """Removes `keys` (a Tensor of the key dtype; absent keys are ignored; `remove`
        too)."""
        return self.remove(keys, name)


"""tf.contrib.lookup (TF 1.14): HashTable, MutableHashTable, MutableDenseHashTable (TF's
DenseHashTable), the index tables and the deprecated string_to_index helpers, on
flowgrad/ops/lookup_ops.py and flowgrad/ops/dense_hash_table.py."""
from __future__ import annotations

from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor as _convert
from ...engine.framework.graph import name_scope as _name_scope
from ...ops import lookup_ops as _lookup_ops
from ...ops.dense_hash_table import DenseHashTable as MutableDenseHashTable
from ...ops.lookup_ops import (FastHashSpec, HasherSpec, HashTable, IdTableWithHashBuckets,
                               InitializableLookupTableBase, KeyValueTensorInitializer,
                               LookupInterface, MutableHashTable, StrongHashSpec,
                               TableInitializerBase, TextFileIdTableInitializer, TextFileIndex,
                               TextFileInitializer, TextFileStringTableInitializer,
                               index_table_from_file, index_to_string_table_from_file)

__all__ = ["FastHashSpec", "HasherSpec", "HashTable", "IdTableWithHashBuckets",
           "InitializableLookupTableBase", "KeyValueTensorInitializer", "LookupInterface",
           "MutableDenseHashTable", "MutableHashTable", "StrongHashSpec", "TableInitializerBase",
           "TextFileIdTableInitializer", "TextFileIndex", "TextFileInitializer",
           "TextFileStringTableInitializer", "index_table_from_file", "index_table_from_tensor",
           "index_to_string", "index_to_string_table_from_file",
           "index_to_string_table_from_tensor", "string_to_index",
           "string_to_index_table_from_file", "string_to_index_table_from_tensor"]


def index_table_from_tensor(mapping, num_oov_buckets=0, default_value=-1,
                            hasher_spec=FastHashSpec, dtype=_dt.string, name=None):
    """A table mapping each element of `mapping` to its position (int64 ids)."""
    if mapping is None:
        raise ValueError("mapping must be specified.")
    return _lookup_ops.index_table_from_tensor(
        vocabulary_list=mapping, num_oov_buckets=num_oov_buckets, default_value=default_value,
        hasher_spec=hasher_spec, dtype=dtype, name=name)


def index_to_string_table_from_tensor(mapping, default_value="UNK", name=None):
    """A table mapping int64 positions to the strings of `mapping`."""
    if mapping is None:
        raise ValueError("mapping must be specified.")
    return _lookup_ops.index_to_string_table_from_tensor(
        vocabulary_list=mapping, default_value=default_value, name=name)


def string_to_index_table_from_file(vocabulary_file=None, num_oov_buckets=0, vocab_size=None,
                                    default_value=-1, hasher_spec=FastHashSpec, name=None):
    """Deprecated: index_table_from_file with string keys."""
    return index_table_from_file(vocabulary_file, num_oov_buckets, vocab_size, default_value,
                                 hasher_spec, key_dtype=_dt.string, name=name)


def string_to_index_table_from_tensor(mapping, num_oov_buckets=0, default_value=-1,
                                      hasher_spec=FastHashSpec, name=None):
    """Deprecated: index_table_from_tensor of a string mapping."""
    with _name_scope(name, "string_to_index") as scope:
        mapping = _convert(mapping)
    if mapping.dtype.base_dtype != _dt.string:
        raise ValueError("string_to_index_table_from_tensor requires string.")
    return index_table_from_tensor(mapping, num_oov_buckets, default_value, hasher_spec,
                                   name=scope)


def string_to_index(tensor, mapping, default_value=-1, name=None):
    """Deprecated: the ids of `tensor` in `mapping` (default_value if absent)."""
    table = index_table_from_tensor(mapping=mapping, default_value=default_value, name=name)
    return table.lookup(tensor)


def index_to_string(tensor, mapping, default_value="UNK", name=None):
    """Deprecated: the strings of `mapping` at the int64 positions `tensor`."""
    table = index_to_string_table_from_tensor(mapping=mapping, default_value=default_value,
                                              name=name)
    return table.lookup(tensor)

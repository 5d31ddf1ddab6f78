"""TF 1.14's lookup tables (tensorflow/python/ops/lookup_ops.py): `tf.lookup`,
`tf.contrib.lookup` and `tf.tables_initializer`, with TF's ops, op names and errors.

    table = tf.contrib.lookup.index_table_from_tensor(["a", "b"], num_oov_buckets=2)
    ids = table.lookup(tf.constant(["a", "zz"]))     # [0, 2 + Fingerprint64("zz") % 2]
    with tf.Session() as sess:
        sess.run(tf.tables_initializer())

Tables are the engine's HashTableV2 / MutableHashTableV2 (engine/ops/lookup.py), one per
session; initializers add their op to the TABLE_INITIALIZERS collection. Differences from
TF 1.14: a MutableHashTable's `export()` lists
entries in insertion order (TF: its hash map's order). DenseHashTable is in
dense_hash_table.py.
"""
from __future__ import annotations

import collections

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import GraphKeys, Tensor, get_default_graph, name_scope
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops import dense_table as _dense_table  # noqa: F401 - registers the ops
from ..engine.ops import hashing as _hashing
from ..engine.ops import lookup as _lookup  # noqa: F401 - registers the table ops
from ..engine.ops._base import apply, apply_op
from ..engine.ops.cast import cast
from ..engine.ops.comparison import not_equal
from ..engine.ops.construction import range as _range
from ..engine.ops.elementwise import add
from ..engine.ops.indexing import where
from ..engine.ops.shape import size as _size
from .control_flow_ops import group, no_op
from ..train.saveable_object import SaveableObject, SaveSpec
from .sparse_tensor import SparseTensor

__all__ = ["tables_initializer", "initialize_all_tables", "LookupInterface",
           "InitializableLookupTableBase", "StaticHashTable", "StaticHashTableV1", "HashTable",
           "TableInitializerBase", "KeyValueTensorInitializer", "TextFileIndex",
           "TextFileInitializer", "TextFileStringTableInitializer",
           "TextFileIdTableInitializer", "HasherSpec", "FastHashSpec", "StrongHashSpec",
           "IdTableWithHashBuckets", "StaticVocabularyTable", "index_table_from_file",
           "index_table_from_tensor", "index_to_string_table_from_file",
           "index_to_string_table_from_tensor", "MutableHashTable"]


def tables_initializer(name="init_all_tables"):
    """An op that runs every initializer in the TABLE_INITIALIZERS collection (a NoOp if none)."""
    initializers = get_default_graph().get_collection(GraphKeys.TABLE_INITIALIZERS)
    if initializers:
        return group(*initializers, name=name)
    return no_op(name=name)


def initialize_all_tables(name="init_all_tables"):
    """Deprecated alias of tables_initializer."""
    return tables_initializer(name)


def _check_table_dtypes(table, key_dtype, value_dtype):
    if key_dtype.base_dtype != table.key_dtype:
        raise TypeError(f"Invalid key dtype, expected {table.key_dtype} but got {key_dtype}.")
    if value_dtype.base_dtype != table.value_dtype:
        raise TypeError(f"Invalid value dtype, expected {table.value_dtype} but got "
                        f"{value_dtype}.")


def _lifted():
    """TF's init_scope in graph mode: outside any control_dependencies block."""
    return get_default_graph().control_dependencies(None)


class LookupInterface:
    """A lookup table that persists across steps (TF's LookupInterface)."""

    def __init__(self, key_dtype, value_dtype):
        self._key_dtype = _dt.as_dtype(key_dtype)
        self._value_dtype = _dt.as_dtype(value_dtype)

    @property
    def key_dtype(self):
        return self._key_dtype

    @property
    def value_dtype(self):
        return self._value_dtype

    @property
    def name(self):
        return NotImplementedError

    @property
    def resource_handle(self):
        return self._resource_handle

    def size(self, name=None):
        raise NotImplementedError

    def lookup(self, keys, name=None):
        raise NotImplementedError


class InitializableLookupTableBase(LookupInterface):
    """A table filled once by its initializer (TF's InitializableLookupTableBase)."""

    def __init__(self, default_value, initializer):
        super().__init__(initializer.key_dtype, initializer.value_dtype)
        self._default_value = convert_to_tensor(default_value, dtype=self._value_dtype)
        self._default_value.get_shape().merge_with(TensorShape([]))
        self._initializer = initializer
        with _lifted():
            self._resource_handle = self._create_resource()
            self._init_op = self._initialize()

    def _initialize(self):
        return self._initializer.initialize(self)

    @property
    def default_value(self):
        return self._default_value

    @property
    def initializer(self):
        return self._init_op

    def size(self, name=None):
        with name_scope(name, f"{self.name}_Size", [self.resource_handle]):
            return apply("LookupTableSizeV2", [self.resource_handle], {})

    def lookup(self, keys, name=None):
        key_tensor = keys.values if isinstance(keys, SparseTensor) else keys
        if keys.dtype.base_dtype != self._key_dtype:
            raise TypeError(f"Signature mismatch. Keys must be dtype {self._key_dtype}, got "
                            f"{keys.dtype}.")
        with name_scope(name, f"{self.name}_Lookup",
                        (self.resource_handle, key_tensor, self._default_value)):
            values = apply("LookupTableFindV2",
                           [self.resource_handle, key_tensor, self._default_value],
                           {"Tin": self._key_dtype, "Tout": self._value_dtype})
        values.set_shape(key_tensor.get_shape())
        if isinstance(keys, SparseTensor):
            return SparseTensor(keys.indices, values, keys.dense_shape)
        return values


class StaticHashTable(InitializableLookupTableBase):
    """An immutable table filled by its initializer (tf.lookup.StaticHashTable)."""

    def __init__(self, initializer, default_value, name=None):
        self._initializer = initializer
        self._shared_name = initializer._shared_name
        self._name = name or "hash_table"
        self._table_name = None
        super().__init__(default_value, initializer)
        self._value_shape = self._default_value.get_shape()

    def _create_resource(self):
        handle = apply("HashTableV2", [], {
            "container": "", "shared_name": self._shared_name or "",
            "use_node_name_sharing": False, "key_dtype": self._initializer.key_dtype,
            "value_dtype": self._initializer.value_dtype}, self._name)
        self._table_name = handle.op.name.split("/")[-1]
        return handle

    @property
    def name(self):
        return self._table_name

    def export(self, name=None):
        """(keys, values) of every entry."""
        with name_scope(name, f"{self.name}_Export", [self.resource_handle]):
            op = apply_op("LookupTableExportV2", [self.resource_handle],
                          {"Tkeys": self._key_dtype, "Tvalues": self._value_dtype})
        keys, values = op.outputs
        values.set_shape(keys.get_shape().concatenate(self._value_shape))
        return keys, values


class StaticHashTableV1(StaticHashTable):
    """tf.lookup.StaticHashTable of TF 1.14's v1 API (TF's class StaticHashTableV1): the table
    the index_table / index_to_string_table factories return."""


class HashTable(StaticHashTable):
    """tf.contrib.lookup.HashTable: a StaticHashTable with a `shared_name` and `init`."""

    def __init__(self, initializer, default_value, shared_name=None, name=None):
        self._initializer = initializer
        self._shared_name = shared_name
        self._name = name or "hash_table"
        self._table_name = None
        InitializableLookupTableBase.__init__(self, default_value, initializer)
        self._value_shape = self._default_value.get_shape()

    @property
    def init(self):
        return self.initializer


class TableInitializerBase:
    """Base class for table initializers."""

    def __init__(self, key_dtype, value_dtype):
        self._key_dtype = _dt.as_dtype(key_dtype)
        self._value_dtype = _dt.as_dtype(value_dtype)

    @property
    def key_dtype(self):
        return self._key_dtype

    @property
    def value_dtype(self):
        return self._value_dtype

    def initialize(self, table):
        raise NotImplementedError

    @property
    def _shared_name(self):
        return ""


class KeyValueTensorInitializer(TableInitializerBase):
    """Fills a table from a `keys` and a `values` tensor (one LookupTableImportV2 op)."""

    def __init__(self, keys, values, key_dtype=None, value_dtype=None, name=None):
        with _lifted():
            self._keys = convert_to_tensor(keys, dtype=key_dtype, name="keys")
            self._values = convert_to_tensor(values, dtype=value_dtype, name="values")
        self._name = name if name is not None else "key_value_init"
        super().__init__(self._keys.dtype, self._values.dtype)

    def initialize(self, table):
        _check_table_dtypes(table, self._keys.dtype, self._values.dtype)
        with name_scope(self._name, values=(table.resource_handle, self._keys, self._values)):
            init_op = apply_op("LookupTableImportV2",
                               [table.resource_handle, self._keys, self._values],
                               {"Tin": self._keys.dtype.base_dtype,
                                "Tout": self._values.dtype.base_dtype})
        get_default_graph().add_to_collection(GraphKeys.TABLE_INITIALIZERS, init_op)
        return init_op


class TextFileIndex:
    """Special column indices of TextFileInitializer."""
    WHOLE_LINE = -2
    LINE_NUMBER = -1


class TextFileInitializer(TableInitializerBase):
    """Fills a table from a text file: one entry per line (InitializeTableFromTextFileV2)."""

    def __init__(self, filename, key_dtype, key_index, value_dtype, value_index,
                 vocab_size=None, delimiter="\t", name=None):
        if not isinstance(filename, Tensor) and not filename:
            raise ValueError(f"Filename required for {name}.")
        self._filename_arg = filename
        key_dtype = _dt.as_dtype(key_dtype)
        value_dtype = _dt.as_dtype(value_dtype)
        if key_index < -2:
            raise ValueError(f"Invalid key index {key_index}.")
        if key_index == TextFileIndex.LINE_NUMBER and key_dtype != _dt.int64:
            raise ValueError(f"Signature mismatch. Keys must be dtype {_dt.int64}, got "
                             f"{key_dtype}.")
        if key_index == TextFileIndex.WHOLE_LINE and not key_dtype.is_integer and \
                key_dtype != _dt.string:
            raise ValueError(f"Signature mismatch. Keys must be integer or string, got "
                             f"{key_dtype}.")
        if value_index < -2:
            raise ValueError(f"Invalid value index {value_index}.")
        if value_index == TextFileIndex.LINE_NUMBER and value_dtype != _dt.int64:
            raise ValueError(f"Signature mismatch. Values must be dtype {_dt.int64}, got "
                             f"{value_dtype}.")
        if value_index == TextFileIndex.WHOLE_LINE and value_dtype != _dt.string:
            raise ValueError(f"Signature mismatch. Values must be dtype {_dt.string}, got "
                             f"{value_dtype}.")
        if vocab_size is not None and vocab_size <= 0:
            raise ValueError(f"Invalid vocab_size {vocab_size}.")
        self._key_index = key_index
        self._value_index = value_index
        self._vocab_size = vocab_size
        self._delimiter = delimiter
        self._name = name
        if isinstance(filename, Tensor):
            self._filename = filename
        else:   # TF's TrackableAsset: the path as a constant made at construction
            with _lifted():
                self._filename = convert_to_tensor(filename, _dt.string, name="asset_path")
        super().__init__(key_dtype, value_dtype)

    def initialize(self, table):
        _check_table_dtypes(table, self.key_dtype, self.value_dtype)
        with name_scope(self._name, "text_file_init", (table.resource_handle,)):
            filename = convert_to_tensor(self._filename, _dt.string, name="asset_filepath")
            init_op = apply_op("InitializeTableFromTextFileV2", [table.resource_handle, filename],
                               {"key_index": int(self._key_index),
                                "value_index": int(self._value_index),
                                "vocab_size": -1 if self._vocab_size is None
                                else int(self._vocab_size),
                                "delimiter": self._delimiter})
        g = get_default_graph()
        g.add_to_collection(GraphKeys.TABLE_INITIALIZERS, init_op)
        if filename.op.type == "Const":
            g.add_to_collection(GraphKeys.ASSET_FILEPATHS, filename)
        return init_op

    @property
    def _shared_name(self):
        if self._vocab_size:
            return (f"hash_table_{self._filename_arg}_{self._vocab_size:d}_{self._key_index}_"
                    f"{self._value_index}")
        return f"hash_table_{self._filename_arg}_{self._key_index}_{self._value_index}"


class TextFileStringTableInitializer(TextFileInitializer):
    """An int64 -> string table from a text file (line number -> whole line by default)."""

    def __init__(self, filename, key_column_index=TextFileIndex.LINE_NUMBER,
                 value_column_index=TextFileIndex.WHOLE_LINE, vocab_size=None,
                 delimiter="\t", name="text_file_string_table_init"):
        super().__init__(filename, _dt.int64, key_column_index, _dt.string, value_column_index,
                         vocab_size=vocab_size, delimiter=delimiter, name=name)


class TextFileIdTableInitializer(TextFileInitializer):
    """A key -> int64 id table from a text file (whole line -> line number by default)."""

    def __init__(self, filename, key_column_index=TextFileIndex.WHOLE_LINE,
                 value_column_index=TextFileIndex.LINE_NUMBER, vocab_size=None,
                 delimiter="\t", name="text_file_id_table_init", key_dtype=_dt.string):
        super().__init__(filename, key_dtype, key_column_index, _dt.int64, value_column_index,
                         vocab_size=vocab_size, delimiter=delimiter, name=name)


class HasherSpec(collections.namedtuple("HasherSpec", ["hasher", "key"])):
    """The hash function for out-of-vocabulary buckets ("fasthash", "stronghash", "legacy")."""
    __slots__ = ()


FastHashSpec = HasherSpec("fasthash", None)


class StrongHashSpec(HasherSpec):
    """The keyed strong hash (SipHash) with a key of two integers."""
    __slots__ = ()

    def __new__(cls, key):
        if len(key) != 2:
            raise ValueError(f"key must have size 2, got {len(key)}.")
        if not isinstance(key[0], int) or not isinstance(key[1], int):
            raise TypeError(f"Invalid key {key}. Must be unsigned integer values.")
        return super(cls, StrongHashSpec).__new__(cls, "stronghash", key)


def _as_string(tensor):
    if tensor.dtype.base_dtype == _dt.string:
        return tensor
    return _hashing.as_string_int(tensor)


def _hash_fn(hasher_spec):
    if not isinstance(hasher_spec, HasherSpec):
        raise TypeError(f"hasher_spec must be of type HasherSpec {hasher_spec}")
    if hasher_spec.hasher == "fasthash":
        return _hashing.string_to_hash_bucket_fast
    if hasher_spec.hasher == "legacy":
        return _hashing.string_to_hash_bucket
    if hasher_spec.hasher == "stronghash":
        return lambda x, num_buckets, name: _hashing.string_to_hash_bucket_strong(
            x, num_buckets, key=hasher_spec.key, name=name)
    raise ValueError(f"Unknown hasher {hasher_spec.hasher}")


def _check_vocab_key_dtypes(table_key_dtype, key_dtype, value_dtype):
    supported = (_dt.int64, _dt.string)
    if table_key_dtype not in supported:
        raise TypeError(f"Invalid key dtype, expected one of {supported}, but got "
                        f"{table_key_dtype}.")
    if table_key_dtype.is_integer != key_dtype.is_integer:
        raise TypeError(f"Invalid key dtype, expected "
                        f"{'integer' if key_dtype.is_integer else 'non-integer'} but got "
                        f"{table_key_dtype}.")
    if value_dtype != _dt.int64:
        raise TypeError(f"Invalid value dtype, expected {_dt.int64} but got {value_dtype}.")


class _BucketedTable(LookupInterface):
    """What IdTableWithHashBuckets and StaticVocabularyTable share: ids from a table,
    out-of-vocabulary keys hashed into `num_oov_buckets` buckets after them."""

    _hasher_spec = FastHashSpec

    def _initialize(self):
        if self._table is not None:
            return self._table._initialize()
        with name_scope(None, "init"):
            return no_op()

    @property
    def initializer(self):
        if self._table is not None:
            return self._table._init_op
        with name_scope(None, "init"):
            return no_op()

    @property
    def resource_handle(self):
        return self._table.resource_handle if self._table is not None else None

    @property
    def name(self):
        return self._table_name

    def size(self, name=None):
        with name_scope(name, f"{self.name}_Size"):
            if self._table:
                tsize = self._table.size()
            else:
                tsize = convert_to_tensor(0, dtype=_dt.int64)
            return tsize + self._num_oov_buckets

    def lookup(self, keys, name=None):
        if keys.dtype.base_dtype != self._key_dtype:
            raise TypeError(f"Signature mismatch. Keys must be dtype {self._key_dtype}, got "
                            f"{keys.dtype}.")
        values = keys.values if isinstance(keys, SparseTensor) else keys
        if self._table and self._table.key_dtype.base_dtype == _dt.int64:
            values = cast(values, _dt.int64)
        if self._num_oov_buckets == 0:
            ids = self._table.lookup(values, name=name)
        else:
            with name_scope(name, f"{self.name}_Lookup"):
                buckets = _hash_fn(self._hasher_spec)(
                    _as_string(values), num_buckets=self._num_oov_buckets, name="hash_bucket")
                if self._table:
                    ids = self._table.lookup(values)
                    buckets = add(buckets, self._table.size())
                    is_id_non_default = not_equal(ids, self._table.default_value)
                    ids = where(is_id_non_default, ids, buckets)
                else:
                    ids = buckets
        if isinstance(keys, SparseTensor):
            return SparseTensor(keys.indices, ids, keys.dense_shape)
        return ids


class IdTableWithHashBuckets(_BucketedTable):
    """A string/int64 -> id table whose misses go to hash buckets after the vocabulary."""

    def __init__(self, table, num_oov_buckets, hasher_spec=FastHashSpec, name=None,
                 key_dtype=None):
        if name:
            name = name.rstrip("/")
        if table:
            if key_dtype is None:
                key_dtype = table.key_dtype
            key_dtype = _dt.as_dtype(key_dtype)
            _check_vocab_key_dtypes(table.key_dtype, key_dtype, table.value_dtype)
            self._table = table
            name = name or self._table.name
        else:
            if num_oov_buckets <= 0:
                raise ValueError("oov_buckets must be > 0 if no table is supplied.")
            key_dtype = _dt.string if key_dtype is None else _dt.as_dtype(key_dtype)
            self._table = None
            name = name or "hash_bucket"
        if not key_dtype.is_integer and key_dtype != _dt.string:
            raise TypeError(f"Invalid key_dtype, expected integer or string, got {key_dtype}.")
        self._num_oov_buckets = num_oov_buckets
        if not isinstance(hasher_spec, HasherSpec):
            raise TypeError(f"hasher_spec must be of type HasherSpec, got {hasher_spec}")
        self._hasher_spec = hasher_spec
        self._table_name = name.split("/")[-1] if name else None
        super().__init__(key_dtype, _dt.int64)

    @property
    def init(self):
        return self.initializer


class StaticVocabularyTable(_BucketedTable):
    """tf.lookup.StaticVocabularyTable: ids from an initializer, misses hashed into
    `num_oov_buckets` buckets (Fingerprint64) after the vocabulary."""

    def __init__(self, initializer, num_oov_buckets, lookup_key_dtype=None, name=None):
        if num_oov_buckets <= 0:
            raise ValueError("oov_buckets must be > 0.")
        if name:
            name = name.rstrip("/")
        if initializer:
            if lookup_key_dtype is None:
                lookup_key_dtype = initializer.key_dtype
            lookup_key_dtype = _dt.as_dtype(lookup_key_dtype)
            _check_vocab_key_dtypes(initializer.key_dtype, lookup_key_dtype,
                                    initializer.value_dtype)
            self._table = StaticHashTable(initializer, default_value=-1)
            name = name or self._table.name
        else:
            lookup_key_dtype = _dt.string
            self._table = None
            name = name or "hash_bucket"
        if not lookup_key_dtype.is_integer and lookup_key_dtype != _dt.string:
            raise TypeError(f"Invalid key_dtype, expected integer or string, got "
                            f"{lookup_key_dtype}.")
        self._num_oov_buckets = num_oov_buckets
        self._table_name = name.split("/")[-1] if name is not None else None
        super().__init__(lookup_key_dtype, _dt.int64)


def index_table_from_file(vocabulary_file=None, num_oov_buckets=0, vocab_size=None,
                          default_value=-1, hasher_spec=FastHashSpec, key_dtype=_dt.string,
                          name=None, key_column_index=TextFileIndex.WHOLE_LINE,
                          value_column_index=TextFileIndex.LINE_NUMBER, delimiter="\t"):
    """A table mapping the keys of a vocabulary file to their line numbers (int64 ids)."""
    if vocabulary_file is None or (isinstance(vocabulary_file, str) and not vocabulary_file):
        raise ValueError("vocabulary_file must be specified and must not be empty.")
    if num_oov_buckets < 0:
        raise ValueError(f"num_oov_buckets must be greater or equal than 0, got "
                         f"{num_oov_buckets:d}.")
    if vocab_size is not None and vocab_size < 1:
        raise ValueError(f"vocab_size must be greater than 0, got {vocab_size:d}. "
                         f"vocabulary_file: {vocabulary_file}")
    key_dtype = _dt.as_dtype(key_dtype)
    if not key_dtype.is_integer and key_dtype.base_dtype != _dt.string:
        raise TypeError("Only integer and string keys are supported.")
    with name_scope(name, "string_to_index"):
        with name_scope(None, "hash_table"):
            init = TextFileIdTableInitializer(
                vocabulary_file, vocab_size=vocab_size,
                key_dtype=_dt.int64 if key_dtype.is_integer else key_dtype, name="table_init",
                key_column_index=key_column_index, value_column_index=value_column_index,
                delimiter=delimiter)
            table = StaticHashTableV1(init, default_value)
        if num_oov_buckets:
            table = IdTableWithHashBuckets(table, num_oov_buckets=num_oov_buckets,
                                           hasher_spec=hasher_spec, key_dtype=key_dtype)
        return table


def index_table_from_tensor(vocabulary_list, num_oov_buckets=0, default_value=-1,
                            hasher_spec=FastHashSpec, dtype=_dt.string, name=None):
    """A table mapping each element of `vocabulary_list` to its position (int64 ids)."""
    if vocabulary_list is None:
        raise ValueError("vocabulary_list must be specified.")
    if num_oov_buckets < 0:
        raise ValueError(f"num_oov_buckets must be greater or equal than 0, got "
                         f"{num_oov_buckets:d}.")
    dtype = _dt.as_dtype(dtype)
    if not dtype.is_integer and dtype.base_dtype != _dt.string:
        raise TypeError("Only integer and string keys are supported.")
    with name_scope(name, "string_to_index"):
        keys = convert_to_tensor(vocabulary_list)
        if keys.dtype.is_integer != dtype.is_integer:
            raise ValueError(f"Expected {'integer' if dtype.is_integer else 'non-integer'}, "
                             f"got {keys.dtype}.")
        if not dtype.is_integer and keys.dtype.base_dtype != dtype:
            raise ValueError(f"Expected {dtype}, got {keys.dtype}.")
        num_elements = _size(keys)
        values = cast(_range(num_elements), _dt.int64)
        with name_scope(None, "hash_table"):
            table_keys = cast(keys, _dt.int64) if keys.dtype.is_integer else keys
            init = KeyValueTensorInitializer(table_keys, values, table_keys.dtype.base_dtype,
                                             _dt.int64, name="table_init")
            table = StaticHashTableV1(init, default_value)
        if num_oov_buckets:
            table = IdTableWithHashBuckets(table, num_oov_buckets=num_oov_buckets,
                                           hasher_spec=hasher_spec, key_dtype=dtype)
        return table


def index_to_string_table_from_file(vocabulary_file, vocab_size=None, default_value="UNK",
                                    name=None, key_column_index=TextFileIndex.LINE_NUMBER,
                                    value_column_index=TextFileIndex.WHOLE_LINE,
                                    delimiter="\t"):
    """A table mapping int64 ids (line numbers) to the lines of a vocabulary file."""
    if vocabulary_file is None or (isinstance(vocabulary_file, str) and not vocabulary_file):
        raise ValueError("vocabulary_file must be specified and must not be empty.")
    if vocab_size is not None and vocab_size < 1:
        raise ValueError(f"vocab_size must be greater than 0, got {vocab_size:d}.")
    with name_scope(name, "index_to_string"):
        init = TextFileStringTableInitializer(
            vocabulary_file, vocab_size=vocab_size, name="table_init",
            key_column_index=key_column_index, value_column_index=value_column_index,
            delimiter=delimiter)
        return StaticHashTableV1(init, default_value)


def index_to_string_table_from_tensor(vocabulary_list, default_value="UNK", name=None):
    """A table mapping int64 positions to the strings of `vocabulary_list`."""
    if vocabulary_list is None:
        raise ValueError("vocabulary_list must be specified.")
    with name_scope(name, "index_to_string"):
        vocabulary_list = convert_to_tensor(vocabulary_list, _dt.string)
        num_elements = _size(vocabulary_list)
        keys = cast(_range(num_elements), _dt.int64)
        init = KeyValueTensorInitializer(keys, vocabulary_list, _dt.int64, _dt.string,
                                         name="table_init")
        return StaticHashTableV1(init, default_value)


class _MutableTableOps:
    """The ops of a table that takes inserts (MutableHashTable, DenseHashTable): TF's
    LookupTable*V2 ops on `resource_handle`, named in the table's scope."""

    @property
    def name(self):
        return self._table_name

    def size(self, name=None):
        with name_scope(name, f"{self.name}_Size", [self.resource_handle]):
            return apply("LookupTableSizeV2", [self.resource_handle], {})

    def _check_keys(self, keys):
        if keys.dtype.base_dtype != self._key_dtype:
            raise TypeError(f"Signature mismatch. Keys must be dtype {self._key_dtype}, got "
                            f"{keys.dtype}.")

    def remove(self, keys, name=None):
        """Removes `keys` (a Tensor of the key dtype) from the table (LookupTableRemoveV2);
        absent keys are ignored."""
        if keys.dtype != self._key_dtype:
            raise TypeError(f"Signature mismatch. Keys must be dtype {self._key_dtype}, got "
                            f"{keys.dtype}.")
        with name_scope(name, f"{self.name}_lookup_table_remove",
                        (self.resource_handle, keys, self._default_value)):
            return apply_op("LookupTableRemoveV2", [self.resource_handle, keys],
                            {"Tin": self._key_dtype})

    def lookup(self, keys, name=None):
        with name_scope(name, f"{self.name}_lookup_table_find",
                        (self.resource_handle, keys, self._default_value)):
            keys = convert_to_tensor(keys, dtype=self._key_dtype, name="keys")
            return apply("LookupTableFindV2", [self.resource_handle, keys, self._default_value],
                         {"Tin": self._key_dtype, "Tout": self._value_dtype})

    def insert(self, keys, values, name=None):
        with name_scope(name, f"{self.name}_lookup_table_insert",
                        [self.resource_handle, keys, values]):
            keys = convert_to_tensor(keys, self._key_dtype, name="keys")
            values = convert_to_tensor(values, self._value_dtype, name="values")
            return apply_op("LookupTableInsertV2", [self.resource_handle, keys, values],
                            {"Tin": self._key_dtype, "Tout": self._value_dtype})

    def export(self, name=None):
        with name_scope(name, f"{self.name}_lookup_table_export_values",
                        [self.resource_handle]):
            op = apply_op("LookupTableExportV2", [self.resource_handle],
                          {"Tkeys": self._key_dtype, "Tvalues": self._value_dtype})
        return tuple(op.outputs)


class MutableHashTable(_MutableTableOps, LookupInterface):
    """A table that takes inserts (MutableHashTableV2; MutableHashTableOfTensorsV2 for a
    vector default_value)."""

    def __init__(self, key_dtype, value_dtype, default_value, name="MutableHashTable",
                 checkpoint=True):
        self._default_value = convert_to_tensor(default_value, dtype=value_dtype)
        self._value_shape = self._default_value.get_shape()
        self._checkpoint = checkpoint
        self._name = name
        self._shared_name = None
        super().__init__(key_dtype, value_dtype)
        self._resource_handle = self._create_resource()
        if checkpoint:      # TF's saveable: keys and values saved as "<name>-keys/-values"
            get_default_graph().add_to_collection(GraphKeys.SAVEABLE_OBJECTS,
                                                  MutableHashTable._Saveable(self, name))

    class _Saveable(SaveableObject):
        """The table's contents for tf.train.Saver (its export), restored by an import."""

        def __init__(self, table, name):
            keys, values = table.export()
            super().__init__(table, [SaveSpec(keys, "", name + "-keys"),
                                     SaveSpec(values, "", name + "-values")], name)

        def restore(self, restored_tensors, restored_shapes, name=None):
            with name_scope(name, "%s_table_restore" % self.name):
                return apply_op("LookupTableImportV2", [self.op.resource_handle,
                                                        restored_tensors[0],
                                                        restored_tensors[1]],
                                {"Tin": self.op.key_dtype, "Tout": self.op.value_dtype})

    def _create_resource(self):
        attrs = {"container": "", "shared_name": "",
                 "use_node_name_sharing": bool(self._checkpoint),
                 "key_dtype": self._key_dtype, "value_dtype": self._value_dtype}
        if self._default_value.get_shape().ndims == 0:
            handle = apply("MutableHashTableV2", [], attrs, self._name)
        else:       # vector values (a default value of another rank fails when run, as TF)
            attrs["value_shape"] = self._default_value.get_shape()
            handle = apply("MutableHashTableOfTensorsV2", [], attrs, self._name)
        self._table_name = handle.op.name.split("/")[-1]
        return handle

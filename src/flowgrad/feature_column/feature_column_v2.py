"""TF 1.14's feature columns (tensorflow/python/feature_column/feature_column_v2.py): the
column constructors tf.feature_column exports and the column classes, each with the
interface TF 1.14's input_layer / linear_model call (`_transform_feature`,
`_get_dense_tensor`, `_get_sparse_tensors`, `_variable_shape`, `_num_buckets`,
`_parse_example_spec`) and the public properties (name, parse_example_spec, num_buckets,
variable_shape). Ops are composed as TF composes them, so op names, op counts (which seed
the initializers under a graph seed) and values are TF's.

Not here: the v2 state-manager interface (DenseFeatures / tf.keras feature layers) and
sequence columns; embedding columns with ckpt_to_load_from raise NotImplementedError.
"""
from __future__ import annotations

import collections
import math
import os

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import file_io
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import control_dependencies, name_scope
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops.comparison import greater_equal, less, logical_or, not_equal
from ..engine.ops.construction import range as _range
from ..engine.ops.hashing import as_string_int, bucketize, string_to_hash_bucket_fast
from ..ops import array_ops, math_ops, sparse_ops
from ..ops import lookup_ops
from ..ops.embedding_ops import safe_embedding_lookup_sparse
from ..ops.init_ops import truncated_normal_initializer
from ..ops.logging_ops import Assert
from ..ops.parsing_ops import FixedLenFeature, VarLenFeature
from ..ops.sparse_tensor import SparseTensor, SparseTensorValue
from ..ops.variable_scope import get_variable
from ..engine.framework.graph_keys import GraphKeys
from ..engine.ops.lookup import _MAX_VOCAB_BYTES

__all__ = ["numeric_column", "bucketized_column", "categorical_column_with_hash_bucket",
           "categorical_column_with_vocabulary_file", "categorical_column_with_vocabulary_list",
           "categorical_column_with_identity", "indicator_column", "embedding_column",
           "weighted_categorical_column", "crossed_column"]


# -- the column interface -----------------------------------------------------------------
class FeatureColumn:
    """Base of every column (TF's _FeatureColumn and FeatureColumn)."""

    @property
    def _var_scope_name(self):
        return self.name

    @property
    def parse_example_spec(self):
        return self._parse_example_spec


class DenseColumn(FeatureColumn):
    """A column input_layer can take (TF's _DenseColumn)."""

    @property
    def variable_shape(self):
        return self._variable_shape


class CategoricalColumn(FeatureColumn):
    """A column of ids (TF's _CategoricalColumn)."""
    IdWeightPair = collections.namedtuple("IdWeightPair", ("id_tensor", "weight_tensor"))

    @property
    def num_buckets(self):
        return self._num_buckets


# -- helpers ------------------------------------------------------------------------------
def convert_to_tensor_or_sparse_tensor(value):
    if isinstance(value, SparseTensorValue):
        return SparseTensor(value.indices, value.values, value.dense_shape)
    if isinstance(value, SparseTensor):
        return value
    return convert_to_tensor(value)


def _to_sparse_input_and_drop_ignore_values(input_tensor, ignore_value=None):
    input_tensor = convert_to_tensor_or_sparse_tensor(input_tensor)
    if isinstance(input_tensor, SparseTensor):
        return input_tensor
    with name_scope(None, "to_sparse_input", (input_tensor, ignore_value)):
        if ignore_value is None:
            if input_tensor.dtype == _dt.string:
                ignore_value = ""
            elif input_tensor.dtype.is_integer:
                ignore_value = -1
            else:
                ignore_value = input_tensor.dtype.as_numpy_dtype()
        ignore_value = math_ops.cast(ignore_value, input_tensor.dtype, name="ignore_value")
        indices = array_ops.where(not_equal(input_tensor, ignore_value), name="indices")
        return SparseTensor(
            indices=indices, values=array_ops.gather_nd(input_tensor, indices, name="values"),
            dense_shape=array_ops.shape(input_tensor, out_type=_dt.int64, name="dense_shape"))


def _check_shape(shape, key):
    if not isinstance(shape, (list, tuple)):
        shape = [shape]
    shape = tuple(shape)
    for dimension in shape:
        if not isinstance(dimension, (int, np.integer)) or isinstance(dimension, bool):
            raise TypeError(f"shape dimensions must be integer. shape: {shape}, key: {key}")
        if dimension < 1:
            raise ValueError(f"shape dimensions must be greater than 0. shape: {shape}, "
                             f"key: {key}")
    return shape


def _assert_string_or_int(dtype, prefix):
    if dtype != _dt.string and not dtype.is_integer:
        raise ValueError(f"{prefix} dtype must be string or integer. dtype: {dtype}.")


def _assert_key_is_string(key):
    if not isinstance(key, str):
        raise ValueError(f"key must be a string. Got: type {type(key)}. Given key: {key}.")


def _create_tuple(shape, value):
    if shape:
        return tuple(_create_tuple(shape[1:], value) for _ in range(shape[0]))
    return value


def _is_seq(x):
    return isinstance(x, (list, tuple))


def _flatten(x):
    return [y for v in x for y in _flatten(v)] if _is_seq(x) else [x]


def _as_tuple(value):
    return tuple(_as_tuple(v) for v in value) if _is_seq(value) else value


def _compatible(default_value, shape):
    if _is_seq(default_value) != bool(shape):
        return False
    if not shape:
        return True
    if len(default_value) != shape[0]:
        return False
    return all(_compatible(default_value[i], shape[1:]) for i in range(shape[0]))


def _check_default_value(shape, default_value, dtype, key):
    if default_value is None:
        return None
    if isinstance(default_value, int):
        return _create_tuple(shape, default_value)
    if isinstance(default_value, float) and dtype.is_floating:
        return _create_tuple(shape, default_value)
    if callable(getattr(default_value, "tolist", None)):
        default_value = default_value.tolist()
    if _is_seq(default_value):
        if not _compatible(default_value, shape):
            raise ValueError(f"The shape of default_value must be equal to given shape. "
                             f"default_value: {default_value}, shape: {shape}, key: {key}")
        flat = _flatten(default_value)
        if all(isinstance(v, int) for v in flat):
            return _as_tuple(default_value)
        if any(isinstance(v, float) for v in flat) and dtype.is_floating:
            return _as_tuple(default_value)
    raise TypeError(f"default_value must be compatible with dtype. default_value: "
                    f"{default_value}, dtype: {dtype}, key: {key}")


def _check_dtype_match(key, column_dtype, tensor_dtype):
    if column_dtype.is_integer != tensor_dtype.is_integer:
        raise ValueError(f"Column dtype and SparseTensors dtype must be compatible. key: {key}, "
                         f"column dtype: {column_dtype}, tensor dtype: {tensor_dtype}")


# -- numeric and bucketized -----------------------------------------------------------------
class NumericColumn(DenseColumn, collections.namedtuple(
        "NumericColumn", ("key", "shape", "default_value", "dtype", "normalizer_fn"))):
    """A dense float32 feature of a fixed shape."""

    @property
    def name(self):
        return self.key

    @property
    def _parse_example_spec(self):
        return {self.key: FixedLenFeature(self.shape, self.dtype, self.default_value)}

    def _transform_feature(self, inputs):
        input_tensor = inputs.get(self.key)
        if isinstance(input_tensor, SparseTensor):
            raise ValueError(f"The corresponding Tensor of numerical column must be a Tensor. "
                             f"SparseTensor is not supported. key: {self.key}")
        if self.normalizer_fn is not None:
            input_tensor = self.normalizer_fn(input_tensor)
        return math_ops.cast(input_tensor, _dt.float32)

    @property
    def _variable_shape(self):
        return TensorShape(self.shape)

    def _get_dense_tensor(self, inputs, weight_collections=None, trainable=None):
        return inputs.get(self)


class BucketizedColumn(DenseColumn, CategoricalColumn, collections.namedtuple(
        "BucketizedColumn", ("source_column", "boundaries"))):
    """A numeric column's values as bucket ids (one-hot when dense)."""

    @property
    def name(self):
        return f"{self.source_column.name}_bucketized"

    @property
    def _parse_example_spec(self):
        return self.source_column._parse_example_spec

    def _transform_feature(self, inputs):
        return bucketize(inputs.get(self.source_column), boundaries=list(self.boundaries))

    @property
    def _variable_shape(self):
        return TensorShape(tuple(self.source_column.shape) + (len(self.boundaries) + 1,))

    def _get_dense_tensor(self, inputs, weight_collections=None, trainable=None):
        return array_ops.one_hot(indices=math_ops.cast(inputs.get(self), _dt.int64),
                                 depth=len(self.boundaries) + 1, on_value=1., off_value=0.)

    @property
    def _num_buckets(self):
        return (len(self.boundaries) + 1) * self.source_column.shape[0]

    def _get_sparse_tensors(self, inputs, weight_collections=None, trainable=None):
        input_tensor = inputs.get(self)
        batch_size = array_ops.shape(input_tensor)[0]
        source_dimension = self.source_column.shape[0]
        i1 = array_ops.reshape(array_ops.tile(
            array_ops.expand_dims(_range(0, batch_size), 1), [1, source_dimension]), (-1,))
        i2 = array_ops.tile(_range(0, source_dimension), [batch_size])
        bucket_indices = array_ops.reshape(input_tensor, (-1,)) + \
            (len(self.boundaries) + 1) * i2
        indices = math_ops.cast(array_ops.transpose(array_ops.stack((i1, i2))), _dt.int64)
        dense_shape = math_ops.cast(array_ops.stack([batch_size, source_dimension]), _dt.int64)
        return CategoricalColumn.IdWeightPair(
            SparseTensor(indices=indices, values=bucket_indices, dense_shape=dense_shape), None)


# -- categorical ----------------------------------------------------------------------------
class _SimpleCategorical(CategoricalColumn):
    @property
    def name(self):
        return self.key

    def _transform_feature(self, inputs):
        return self._transform_input_tensor(
            _to_sparse_input_and_drop_ignore_values(inputs.get(self.key)))

    def _get_sparse_tensors(self, inputs, weight_collections=None, trainable=None):
        return CategoricalColumn.IdWeightPair(inputs.get(self), None)


class HashedCategoricalColumn(_SimpleCategorical, collections.namedtuple(
        "HashedCategoricalColumn", ("key", "hash_bucket_size", "dtype"))):
    """Ids = Fingerprint64(value as a string) % hash_bucket_size."""

    @property
    def _parse_example_spec(self):
        return {self.key: VarLenFeature(self.dtype)}

    def _transform_input_tensor(self, input_tensor):
        if not isinstance(input_tensor, SparseTensor):
            raise ValueError("SparseColumn input must be a SparseTensor.")
        _assert_string_or_int(input_tensor.dtype, prefix=f"column_name: {self.key} input_tensor")
        _check_dtype_match(self.key, self.dtype, input_tensor.dtype)
        if self.dtype == _dt.string:
            sparse_values = input_tensor.values
        else:
            sparse_values = as_string_int(input_tensor.values)
        ids = string_to_hash_bucket_fast(sparse_values, self.hash_bucket_size, name="lookup")
        return SparseTensor(input_tensor.indices, ids, input_tensor.dense_shape)

    @property
    def _num_buckets(self):
        return self.hash_bucket_size


class VocabularyFileCategoricalColumn(_SimpleCategorical, collections.namedtuple(
        "VocabularyFileCategoricalColumn", ("key", "vocabulary_file", "vocabulary_size",
                                            "num_oov_buckets", "dtype", "default_value"))):
    """Ids = line numbers in a vocabulary file (misses: default_value or OOV buckets)."""

    @property
    def _parse_example_spec(self):
        return {self.key: VarLenFeature(self.dtype)}

    def _transform_input_tensor(self, input_tensor):
        _check_dtype_match(self.key, self.dtype, input_tensor.dtype)
        _assert_string_or_int(input_tensor.dtype, prefix=f"column_name: {self.key} input_tensor")
        key_dtype = self.dtype
        if input_tensor.dtype.is_integer:
            key_dtype = _dt.int64
            input_tensor = math_ops.cast(input_tensor, _dt.int64)
        return lookup_ops.index_table_from_file(
            vocabulary_file=self.vocabulary_file, num_oov_buckets=self.num_oov_buckets,
            vocab_size=self.vocabulary_size, default_value=self.default_value,
            key_dtype=key_dtype, name=f"{self.key}_lookup").lookup(input_tensor)

    @property
    def _num_buckets(self):
        return self.vocabulary_size + self.num_oov_buckets


class VocabularyListCategoricalColumn(_SimpleCategorical, collections.namedtuple(
        "VocabularyListCategoricalColumn", ("key", "vocabulary_list", "dtype", "default_value",
                                            "num_oov_buckets"))):
    """Ids = positions in an in-memory vocabulary (misses: default_value or OOV buckets)."""

    @property
    def _parse_example_spec(self):
        return {self.key: VarLenFeature(self.dtype)}

    def _transform_input_tensor(self, input_tensor):
        _check_dtype_match(self.key, self.dtype, input_tensor.dtype)
        _assert_string_or_int(input_tensor.dtype, prefix=f"column_name: {self.key} input_tensor")
        key_dtype = self.dtype
        if input_tensor.dtype.is_integer:
            key_dtype = _dt.int64
            input_tensor = math_ops.cast(input_tensor, _dt.int64)
        return lookup_ops.index_table_from_tensor(
            vocabulary_list=tuple(self.vocabulary_list), default_value=self.default_value,
            num_oov_buckets=self.num_oov_buckets, dtype=key_dtype,
            name=f"{self.key}_lookup").lookup(input_tensor)

    @property
    def _num_buckets(self):
        return len(self.vocabulary_list) + self.num_oov_buckets


def _assert_compare(fn, x, y, data, name):
    with name_scope(name, values=[x, y]):
        cond = math_ops.reduce_all(fn(x, y), name="All")
        return Assert(cond, list(data))


class IdentityCategoricalColumn(_SimpleCategorical, collections.namedtuple(
        "IdentityCategoricalColumn", ("key", "number_buckets", "default_value"))):
    """Ids = the integer values themselves, in [0, num_buckets)."""

    @property
    def _parse_example_spec(self):
        return {self.key: VarLenFeature(_dt.int64)}

    def _transform_input_tensor(self, input_tensor):
        if not input_tensor.dtype.is_integer:
            raise ValueError(f"Invalid input, not integer. key: {self.key} dtype: "
                             f"{input_tensor.dtype}")
        values = math_ops.cast(input_tensor.values, _dt.int64, name="values")
        num_buckets = math_ops.cast(self.num_buckets, _dt.int64, name="num_buckets")
        zero = math_ops.cast(0, _dt.int64, name="zero")
        if self.default_value is None:
            assert_less = _assert_compare(less, values, num_buckets, (values, num_buckets),
                                          "assert_less_than_num_buckets")
            assert_greater = _assert_compare(greater_equal, values, zero, (values,),
                                             "assert_greater_or_equal_0")
            with control_dependencies((assert_less, assert_greater)):
                values = array_ops.identity(values)
        else:
            values = array_ops.where(
                logical_or(values < zero, values >= num_buckets, name="out_of_range"),
                array_ops.fill(dims=array_ops.shape(values),
                               value=math_ops.cast(self.default_value, _dt.int64),
                               name="default_values"), values)
        return SparseTensor(indices=input_tensor.indices, values=values,
                            dense_shape=input_tensor.dense_shape)

    @property
    def _num_buckets(self):
        return self.number_buckets


class WeightedCategoricalColumn(CategoricalColumn, collections.namedtuple(
        "WeightedCategoricalColumn", ("categorical_column", "weight_feature_key", "dtype"))):
    """A categorical column whose ids carry the weights of another feature."""

    @property
    def name(self):
        return f"{self.categorical_column.name}_weighted_by_{self.weight_feature_key}"

    @property
    def _parse_example_spec(self):
        config = self.categorical_column._parse_example_spec
        if self.weight_feature_key in config:
            raise ValueError(f"Parse config {config[self.weight_feature_key]} already exists "
                             f"for {self.weight_feature_key}.")
        config[self.weight_feature_key] = VarLenFeature(self.dtype)
        return config

    @property
    def _num_buckets(self):
        return self.categorical_column._num_buckets

    def _transform_feature(self, inputs):
        weight_tensor = inputs.get(self.weight_feature_key)
        if weight_tensor is None:
            raise ValueError(f"Missing weights {self.weight_feature_key}.")
        weight_tensor = convert_to_tensor_or_sparse_tensor(weight_tensor)
        if self.dtype != weight_tensor.dtype.base_dtype:
            raise ValueError(f"Bad dtype, expected {self.dtype}, but got {weight_tensor.dtype}.")
        if not isinstance(weight_tensor, SparseTensor):
            weight_tensor = _to_sparse_input_and_drop_ignore_values(weight_tensor,
                                                                    ignore_value=0.0)
        if not weight_tensor.dtype.is_floating:
            weight_tensor = math_ops.cast(weight_tensor, _dt.float32)
        return (inputs.get(self.categorical_column), weight_tensor)

    def _get_sparse_tensors(self, inputs, weight_collections=None, trainable=None):
        tensors = inputs.get(self)
        return CategoricalColumn.IdWeightPair(tensors[0], tensors[1])


def _collect_leaf_level_keys(cross):
    keys = []
    for k in cross.keys:
        if isinstance(k, CrossedColumn):
            keys.extend(_collect_leaf_level_keys(k))
        else:
            keys.append(k)
    return keys


class CrossedColumn(CategoricalColumn, collections.namedtuple(
        "CrossedColumn", ("keys", "hash_bucket_size", "hash_key"))):
    """Hashed crosses of features (TF's SparseCross with FingerprintCat64)."""

    @property
    def name(self):
        names = [k.name if isinstance(k, FeatureColumn) else k
                 for k in _collect_leaf_level_keys(self)]
        return "_X_".join(sorted(names))

    @property
    def _parse_example_spec(self):
        config = {}
        for key in self.keys:
            if isinstance(key, FeatureColumn):
                config.update(key._parse_example_spec)
            else:
                config.update({key: VarLenFeature(_dt.string)})
        return config

    def _transform_feature(self, inputs):
        feature_tensors = []
        for key in _collect_leaf_level_keys(self):
            if isinstance(key, str):
                feature_tensors.append(inputs.get(key))
            elif isinstance(key, CategoricalColumn):
                ids_and_weights = key._get_sparse_tensors(inputs)
                if ids_and_weights.weight_tensor is not None:
                    raise ValueError(f"crossed_column does not support weight_tensor, but the "
                                     f"given column populates weight_tensor. Given column: "
                                     f"{key.name}")
                feature_tensors.append(ids_and_weights.id_tensor)
            else:
                raise ValueError(f"Unsupported column type. Given: {key}")
        return sparse_ops.sparse_cross_hashed(inputs=feature_tensors,
                                              num_buckets=self.hash_bucket_size,
                                              hash_key=self.hash_key)

    @property
    def _num_buckets(self):
        return self.hash_bucket_size

    def _get_sparse_tensors(self, inputs, weight_collections=None, trainable=None):
        return CategoricalColumn.IdWeightPair(inputs.get(self), None)


# -- dense views of categorical columns -----------------------------------------------------
class IndicatorColumn(DenseColumn, collections.namedtuple(
        "IndicatorColumn", ("categorical_column",))):
    """A multi-hot (or weighted) dense view of a categorical column."""

    @property
    def name(self):
        return f"{self.categorical_column.name}_indicator"

    def _transform_feature(self, inputs):
        pair = self.categorical_column._get_sparse_tensors(inputs)
        id_tensor, weight_tensor = pair.id_tensor, pair.weight_tensor
        if weight_tensor is not None:
            weighted = sparse_ops.sparse_merge(sp_ids=id_tensor, sp_values=weight_tensor,
                                               vocab_size=int(self._variable_shape[-1]))
            weighted = sparse_ops.sparse_slice(weighted, [0, 0], weighted.dense_shape)
            return array_ops.scatter_nd(weighted.indices, weighted.values,
                                        weighted.dense_shape)
        dense_id_tensor = sparse_ops.sparse_tensor_to_dense(id_tensor, default_value=-1)
        one_hot_id_tensor = array_ops.one_hot(dense_id_tensor, depth=self._variable_shape[-1],
                                              on_value=1.0, off_value=0.0)
        return math_ops.reduce_sum(one_hot_id_tensor, axis=[-2])

    @property
    def _parse_example_spec(self):
        return self.categorical_column._parse_example_spec

    @property
    def _variable_shape(self):
        return TensorShape([1, self.categorical_column._num_buckets])

    def _get_dense_tensor(self, inputs, weight_collections=None, trainable=None):
        return inputs.get(self)


class EmbeddingColumn(DenseColumn, collections.namedtuple(
        "EmbeddingColumn", ("categorical_column", "dimension", "combiner", "initializer",
                            "ckpt_to_load_from", "tensor_name_in_ckpt", "max_norm",
                            "trainable"))):
    """A dense embedding (variable `embedding_weights`) of a categorical column's ids."""

    @property
    def name(self):
        return f"{self.categorical_column.name}_embedding"

    @property
    def _parse_example_spec(self):
        return self.categorical_column._parse_example_spec

    def _transform_feature(self, inputs):
        return inputs.get(self.categorical_column)

    @property
    def _variable_shape(self):
        return TensorShape([self.dimension])

    def _create_variables(self, weight_collections=None, trainable=None):
        """The embedding variable, in the current variable scope (reused if it exists)."""
        embedding_shape = (self.categorical_column._num_buckets, self.dimension)
        if weight_collections and GraphKeys.GLOBAL_VARIABLES not in weight_collections:
            weight_collections.append(GraphKeys.GLOBAL_VARIABLES)
        return get_variable(
            name="embedding_weights", shape=embedding_shape, dtype=_dt.float32,
            initializer=self.initializer, trainable=self.trainable and trainable,
            collections=weight_collections)

    def _get_dense_tensor(self, inputs, weight_collections=None, trainable=None,
                          embedding_weights=None):
        """The embedding of the column's ids; `embedding_weights` given (tf.keras.layers.
        DenseFeatures makes the variable in its build) or made in the current scope."""
        sparse_tensors = self.categorical_column._get_sparse_tensors(
            inputs, weight_collections, trainable)
        if embedding_weights is None:
            embedding_weights = self._create_variables(weight_collections, trainable)
        return safe_embedding_lookup_sparse(
            embedding_weights=embedding_weights, sparse_ids=sparse_tensors.id_tensor,
            sparse_weights=sparse_tensors.weight_tensor, combiner=self.combiner,
            name=f"{self.name}_weights", max_norm=self.max_norm)


def is_feature_column_v2(feature_columns):
    """Whether every column is one of this module's (TF's v2 columns: those of
    tf.feature_column but shared embeddings, not contrib.layers')."""
    return all(type(c).__module__ == __name__ for c in feature_columns)


# -- constructors ----------------------------------------------------------------------------
def numeric_column(key, shape=(1,), default_value=None, dtype=_dt.float32, normalizer_fn=None):
    """A dense numeric feature `key` of `shape` (cast to float32)."""
    shape = _check_shape(shape, key)
    dtype = _dt.as_dtype(dtype)
    if not (dtype.is_integer or dtype.is_floating):
        raise ValueError(f"dtype must be convertible to float. dtype: {dtype}, key: {key}")
    default_value = _check_default_value(shape, default_value, dtype, key)
    if normalizer_fn is not None and not callable(normalizer_fn):
        raise TypeError(f"normalizer_fn must be a callable. Given: {normalizer_fn}")
    _assert_key_is_string(key)
    return NumericColumn(key, shape=shape, default_value=default_value, dtype=dtype,
                         normalizer_fn=normalizer_fn)


def bucketized_column(source_column, boundaries):
    """`source_column`'s values as buckets between `boundaries` (sorted)."""
    if not isinstance(source_column, NumericColumn):
        raise ValueError(f"source_column must be a column generated with numeric_column(). "
                         f"Given: {source_column}")
    if len(source_column.shape) > 1:
        raise ValueError(f"source_column must be one-dimensional column. Given: "
                         f"{source_column}")
    if not boundaries:
        raise ValueError("boundaries must not be empty.")
    if not isinstance(boundaries, (list, tuple)):
        raise ValueError("boundaries must be a sorted list.")
    for i in range(len(boundaries) - 1):
        if boundaries[i] >= boundaries[i + 1]:
            raise ValueError("boundaries must be a sorted list.")
    return BucketizedColumn(source_column, tuple(boundaries))


def categorical_column_with_hash_bucket(key, hash_bucket_size, dtype=_dt.string):
    """Ids = Fingerprint64(str(value)) % hash_bucket_size (TF's buckets)."""
    if hash_bucket_size is None:
        raise ValueError(f"hash_bucket_size must be set. key: {key}")
    if hash_bucket_size < 1:
        raise ValueError(f"hash_bucket_size must be at least 1. hash_bucket_size: "
                         f"{hash_bucket_size}, key: {key}")
    _assert_key_is_string(key)
    dtype = _dt.as_dtype(dtype)
    _assert_string_or_int(dtype, prefix=f"column_name: {key}")
    return HashedCategoricalColumn(key, hash_bucket_size, dtype)


def categorical_column_with_vocabulary_file(key, vocabulary_file, vocabulary_size=None,
                                            num_oov_buckets=0, default_value=None,
                                            dtype=_dt.string):
    """Ids = line numbers of the values in `vocabulary_file` (one value a line)."""
    if not vocabulary_file:
        raise ValueError(f"Missing vocabulary_file in {key}.")
    if vocabulary_size is None:
        try:
            fd, st = file_io.open_regular(vocabulary_file)
        except (FileNotFoundError, file_io.NotRegularFileError):
            raise ValueError(f"vocabulary_file in {key} does not exist.") from None
        try:
            if st.st_size > _MAX_VOCAB_BYTES:
                raise ValueError(f"vocabulary_file in {key} is larger than flowgrad's limit of "
                                 f"{_MAX_VOCAB_BYTES} bytes.")
            data = file_io.read_fd(fd, st.st_size)
        finally:
            os.close(fd)
        vocabulary_size = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    if vocabulary_size < 1:
        raise ValueError(f"Invalid vocabulary_size in {key}.")
    if num_oov_buckets:
        if default_value is not None:
            raise ValueError(f"Can't specify both num_oov_buckets and default_value in {key}.")
        if num_oov_buckets < 0:
            raise ValueError(f"Invalid num_oov_buckets {num_oov_buckets} in {key}.")
    dtype = _dt.as_dtype(dtype)
    _assert_string_or_int(dtype, prefix=f"column_name: {key}")
    _assert_key_is_string(key)
    return VocabularyFileCategoricalColumn(
        key=key, vocabulary_file=vocabulary_file, vocabulary_size=vocabulary_size,
        num_oov_buckets=0 if num_oov_buckets is None else num_oov_buckets,
        default_value=-1 if default_value is None else default_value, dtype=dtype)


def categorical_column_with_vocabulary_list(key, vocabulary_list, dtype=None, default_value=-1,
                                            num_oov_buckets=0):
    """Ids = positions of the values in `vocabulary_list`."""
    if vocabulary_list is None or len(vocabulary_list) < 1:
        raise ValueError(f"vocabulary_list {vocabulary_list} must be non-empty, column_name: "
                         f"{key}")
    if len(set(vocabulary_list)) != len(vocabulary_list):
        raise ValueError(f"Duplicate keys in vocabulary_list {vocabulary_list}, column_name: "
                         f"{key}")
    vocabulary_dtype = _dt.as_dtype(np.array(vocabulary_list).dtype)
    if num_oov_buckets:
        if default_value != -1:
            raise ValueError(f"Can't specify both num_oov_buckets and default_value in {key}.")
        if num_oov_buckets < 0:
            raise ValueError(f"Invalid num_oov_buckets {num_oov_buckets} in {key}.")
    _assert_string_or_int(vocabulary_dtype, prefix=f"column_name: {key} vocabulary")
    if dtype is None:
        dtype = vocabulary_dtype
    else:
        dtype = _dt.as_dtype(dtype)
        if dtype.is_integer != vocabulary_dtype.is_integer:
            raise ValueError(f"dtype {dtype} and vocabulary dtype {vocabulary_dtype} do not "
                             f"match, column_name: {key}")
    _assert_string_or_int(dtype, prefix=f"column_name: {key}")
    _assert_key_is_string(key)
    return VocabularyListCategoricalColumn(key=key, vocabulary_list=tuple(vocabulary_list),
                                           dtype=dtype, default_value=default_value,
                                           num_oov_buckets=num_oov_buckets)


def categorical_column_with_identity(key, num_buckets, default_value=None):
    """Ids = the integer values themselves (in [0, num_buckets))."""
    if num_buckets < 1:
        raise ValueError(f"num_buckets {num_buckets} < 1, column_name {key}")
    if default_value is not None and (default_value < 0 or default_value >= num_buckets):
        raise ValueError(f"default_value {default_value} not in range [0, {num_buckets}), "
                         f"column_name {key}")
    _assert_key_is_string(key)
    return IdentityCategoricalColumn(key=key, number_buckets=num_buckets,
                                     default_value=default_value)


def indicator_column(categorical_column):
    """A multi-hot dense view of `categorical_column`."""
    return IndicatorColumn(categorical_column)


def weighted_categorical_column(categorical_column, weight_feature_key, dtype=_dt.float32):
    """`categorical_column` with per-id weights from feature `weight_feature_key`."""
    dtype = None if dtype is None else _dt.as_dtype(dtype)
    if dtype is None or not (dtype.is_integer or dtype.is_floating):
        raise ValueError(f"dtype {dtype} is not convertible to float.")
    return WeightedCategoricalColumn(categorical_column=categorical_column,
                                     weight_feature_key=weight_feature_key, dtype=dtype)


def crossed_column(keys, hash_bucket_size, hash_key=None):
    """Hashed crosses of string features / categorical columns (TF's buckets)."""
    if not hash_bucket_size or hash_bucket_size < 1:
        raise ValueError(f"hash_bucket_size must be > 1. hash_bucket_size: {hash_bucket_size}")
    if not keys or len(keys) < 2:
        raise ValueError(f"keys must be a list with length > 1. Given: {keys}")
    for key in keys:
        if not isinstance(key, (str, CategoricalColumn)):
            raise ValueError(f"Unsupported key type. All keys must be either string, or "
                             f"categorical column except HashedCategoricalColumn. Given: {key}")
        if isinstance(key, HashedCategoricalColumn):
            raise ValueError(f"categorical_column_with_hash_bucket is not supported for "
                             f"crossing. Hashing before crossing will increase probability of "
                             f"collision. Instead, use the feature name as a string. Given: "
                             f"{key}")
    return CrossedColumn(keys=tuple(keys), hash_bucket_size=hash_bucket_size, hash_key=hash_key)


def embedding_column(categorical_column, dimension, combiner="mean", initializer=None,
                     ckpt_to_load_from=None, tensor_name_in_ckpt=None, max_norm=None,
                     trainable=True):
    """A dense embedding of `categorical_column` (truncated_normal(0, 1/sqrt(dimension)))."""
    if dimension is None or dimension < 1:
        raise ValueError(f"Invalid dimension {dimension}.")
    if (ckpt_to_load_from is None) != (tensor_name_in_ckpt is None):
        raise ValueError("Must specify both `ckpt_to_load_from` and `tensor_name_in_ckpt` or "
                         "none of them.")
    if ckpt_to_load_from is not None:
        raise NotImplementedError("embedding_column(ckpt_to_load_from=...) is not in flowgrad")
    if initializer is not None and not callable(initializer):
        raise ValueError(f"initializer must be callable if specified. Embedding of "
                         f"column_name: {categorical_column.name}")
    if initializer is None:
        initializer = truncated_normal_initializer(mean=0.0, stddev=1 / math.sqrt(dimension))
    return EmbeddingColumn(categorical_column=categorical_column, dimension=dimension,
                           combiner=combiner, initializer=initializer,
                           ckpt_to_load_from=ckpt_to_load_from,
                           tensor_name_in_ckpt=tensor_name_in_ckpt, max_norm=max_norm,
                           trainable=trainable)


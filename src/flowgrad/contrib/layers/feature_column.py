"""tf.contrib.layers' legacy feature columns (TF 1.14 contrib/layers/python/layers/
feature_column.py): real_valued_column, the sparse_column_with_* family,
weighted_sparse_column, one_hot_column, embedding_column, shared_embedding_columns,
bucketized_column and the feature-spec helpers.

Each column is a namedtuple of TF's class name, so its `key` (its repr, which orders the
columns the layer functions build) is TF's. A column transforms its raw feature with TF's
ops (`insert_transformed_feature`) and says how a DNN input layer (`_to_dnn_input_layer`,
`_deep_embedding_lookup_arguments`) or a linear model (`_wide_embedding_lookup_arguments`)
consumes it; feature_column_ops.py drives them. The columns are also tf.feature_column
columns, so tf.feature_column.input_layer / linear_model take them.
"""
from __future__ import annotations

import collections
import collections.abc
import math

from ... import logging
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import control_dependencies, get_default_graph, name_scope
from ...engine.framework.tensor_shape import TensorShape
from ...engine.ops.comparison import not_equal
from ...engine.ops.construction import range as _range
from ...ops.slicing import strided_slice
from ...engine.ops.hashing import bucketize
from ...feature_column.feature_column_v2 import CategoricalColumn, DenseColumn, FeatureColumn
from ...ops import array_ops, math_ops, sparse_ops, string_ops
from ...ops.check_ops import assert_rank_at_least
from ...ops.init_ops import truncated_normal_initializer, zeros_initializer
from ...ops.parsing_ops import FixedLenFeature, FixedLenSequenceFeature, VarLenFeature
from ...ops.sparse_tensor import SparseTensor
from ..framework.variables import model_variable
from ...train import checkpoint_utils
from ..lookup import index_table_from_file, index_table_from_tensor
from .encoders import safe_embedding_lookup_sparse
from .scattered import scattered_embedding_lookup_sparse
from .sparse_feature_cross import sparse_feature_cross

__all__ = ["real_valued_column", "sparse_column_with_hash_bucket", "sparse_column_with_keys",
           "sparse_column_with_integerized_feature", "sparse_column_with_vocabulary_file",
           "weighted_sparse_column", "one_hot_column", "embedding_column",
           "shared_embedding_columns", "bucketized_column", "crossed_column",
           "scattered_embedding_column",
           "create_feature_spec_for_parsing",
           "make_place_holder_tensors_for_base_features"]

_LinearEmbeddingLookupArguments = collections.namedtuple(
    "_LinearEmbeddingLookupArguments",
    ["input_tensor", "weight_tensor", "vocab_size", "initializer", "combiner"])
_DeepEmbeddingLookupArguments = collections.namedtuple(
    "_DeepEmbeddingLookupArguments",
    ["input_tensor", "weight_tensor", "vocab_size", "initializer", "combiner", "dimension",
     "shared_embedding_name", "hash_key", "max_norm", "trainable"])


# -- helpers ------------------------------------------------------------------------------
def inner_flatten(inputs, new_rank):
    """TF's layers._inner_flatten: flattens the dimensions from `new_rank - 1` on (scope
    "InnerFlatten")."""
    with name_scope(None, "InnerFlatten", [inputs, new_rank]):
        if isinstance(inputs, SparseTensor):
            rank = inputs.dense_shape.get_shape().as_list()[0]
            if rank < new_rank:
                raise ValueError(
                    "Inputs has rank less than new_rank. {} must have rank at least {}. "
                    "Received rank {}, shape {}".format(inputs, new_rank, rank,
                                                        inputs.get_shape()))
            outer = inputs.dense_shape[:new_rank - 1]
            inner = inputs.dense_shape[new_rank - 1:]
            new_shape = array_ops.concat((outer, [math_ops.reduce_prod(inner)]), 0)
            return sparse_ops.sparse_reshape(inputs, new_shape)
        inputs = convert_to_tensor(inputs)
        check = assert_rank_at_least(inputs, new_rank,
                                     message="inputs has rank less than new_rank")
        with control_dependencies([check]):
            outer = strided_slice(array_ops.shape(inputs), [0], [new_rank - 1])
            new_shape = array_ops.concat((outer, [-1]), 0)
            reshaped = array_ops.reshape(inputs, new_shape)
        static = inputs.get_shape()
        if static.dims is not None:
            dims = static.as_list()
            flat = 1
            for d in dims[new_rank - 1:]:
                if d is None:
                    flat = None
                    break
                flat *= d
            reshaped.set_shape(dims[:new_rank - 1] + [flat])
        return reshaped


def dense_to_sparse_tensor(dense_tensor, ignore_value=None):
    """contrib.layers' sparse_ops.dense_to_sparse_tensor (scope "DenseToSparseTensor")."""
    with name_scope("DenseToSparseTensor"):
        dense_tensor = convert_to_tensor(dense_tensor)
        if ignore_value is None:
            ignore_value = "" if dense_tensor.dtype == _dt.string else \
                dense_tensor.dtype.as_numpy_dtype()
        ignore = math_ops.cast(ignore_value, dense_tensor.dtype, name="ignore_value")
        indices = array_ops.where(not_equal(dense_tensor, ignore), name="indices")
        return SparseTensor(indices=indices,
                            values=array_ops.gather_nd(dense_tensor, indices, name="values"),
                            dense_shape=array_ops.shape(dense_tensor, out_type=_dt.int64,
                                                        name="dense_shape"))


def _reshape_real_valued_tensor(input_tensor, output_rank, column_name=None):
    input_rank = input_tensor.get_shape().ndims
    if input_rank is not None:
        if output_rank > input_rank + 1:
            message = ("Rank of input Tensor ({}) should be the same as output_rank ({}). For "
                       "example, sequence data should typically be 3 dimensional (rank 3) "
                       "while non-sequence data is typically 2 dimensional (rank 2).".format(
                           input_rank, output_rank))
            if column_name is not None:
                message = "Error while processing column {}.".format(column_name) + message
            raise ValueError(message)
        if output_rank == input_rank + 1:
            logging.warning(
                "Rank of input Tensor ({}) should be the same as output_rank ({}) for "
                "column. Will attempt to expand dims. It is highly recommended that you "
                "resize your input, as this behavior may change.".format(input_rank,
                                                                         output_rank))
            return array_ops.expand_dims(input_tensor, -1, name="expand_dims")
        if output_rank == input_rank:
            return input_tensor
    return inner_flatten(input_tensor, output_rank)


# -- the column interface -----------------------------------------------------------------
class _FeatureColumn(FeatureColumn):
    """TF's contrib _FeatureColumn: name, config, key, insert_transformed_feature."""

    def _to_dnn_input_layer(self, input_tensor, weight_collection=None, trainable=True,
                            output_rank=2):
        raise ValueError("Calling an abstract method.")

    def _deep_embedding_lookup_arguments(self, input_tensor):
        raise NotImplementedError(
            "No deep embedding lookup arguments for column {}.".format(self))

    def _wide_embedding_lookup_arguments(self, input_tensor):
        raise NotImplementedError(
            "No wide embedding lookup arguments for column {}.".format(self))

    def _to_dense_tensor(self, input_tensor):
        raise NotImplementedError(
            "No dense tensor representation for column {}.".format(self))

    def _checkpoint_path(self):
        return None

    def _key_without_properties(self, properties):
        values = ["{}={}".format(k, self[i]) for i, k in enumerate(self._fields)
                  if k not in properties]
        return "{}({})".format(type(self).__name__, ", ".join(values))

    @property
    def _parse_example_spec(self):
        return self.config


class _SparseIdLookupConfig(collections.namedtuple("_SparseIdLookupConfig", [
        "vocabulary_file", "keys", "num_oov_buckets", "vocab_size", "default_value"])):
    """Which vocabulary (file or keys) a sparse column looks its values up in."""

    def __new__(cls, vocabulary_file=None, keys=None, num_oov_buckets=0, vocab_size=None,
                default_value=-1):
        return super().__new__(cls, vocabulary_file, keys, num_oov_buckets, vocab_size,
                               default_value)


class _SparseColumn(_FeatureColumn, CategoricalColumn, collections.namedtuple(
        "_SparseColumn", ["column_name", "is_integerized", "bucket_size", "lookup_config",
                          "combiner", "dtype"])):
    """A column of sparse ids (from hashing, a vocabulary, or integers)."""

    def __new__(cls, column_name, is_integerized=False, bucket_size=None, lookup_config=None,
                combiner="sum", dtype=_dt.string):
        if is_integerized and bucket_size is None:
            raise ValueError("bucket_size must be set if is_integerized is True. "
                             "column_name: {}".format(column_name))
        if is_integerized and not dtype.is_integer:
            raise ValueError("dtype must be an integer if is_integerized is True. "
                             "dtype: {}, column_name: {}.".format(dtype, column_name))
        if dtype != _dt.string and not dtype.is_integer:
            raise ValueError("dtype must be string or integer. "
                             "dtype: {}, column_name: {}".format(dtype, column_name))
        if bucket_size is None and lookup_config is None:
            raise ValueError("one of bucket_size or lookup_config must be set. "
                             "column_name: {}".format(column_name))
        if bucket_size is not None and lookup_config:
            raise ValueError("one and only one of bucket_size or lookup_config must be set. "
                             "column_name: {}".format(column_name))
        if bucket_size is not None and bucket_size < 1:
            raise ValueError("bucket_size must be at least 1. bucket_size: {}, column_name: "
                             "{}".format(bucket_size, column_name))
        if lookup_config and not isinstance(lookup_config, _SparseIdLookupConfig):
            raise TypeError("lookup_config must be an instance of _SparseIdLookupConfig. "
                            "Given one is in type {} for column_name {}".format(
                                type(lookup_config), column_name))
        if lookup_config and lookup_config.vocabulary_file and lookup_config.vocab_size is None:
            raise ValueError("vocab_size must be defined. column_name: {}".format(column_name))
        return super().__new__(cls, column_name, is_integerized, bucket_size, lookup_config,
                               combiner, dtype)

    @property
    def name(self):
        return self.column_name

    @property
    def length(self):
        if self.bucket_size is not None:
            return self.bucket_size
        return self.lookup_config.vocab_size + self.lookup_config.num_oov_buckets

    @property
    def config(self):
        return {self.column_name: VarLenFeature(self.dtype)}

    @property
    def key(self):
        return "{}".format(self)

    def id_tensor(self, input_tensor):
        return input_tensor

    def weight_tensor(self, input_tensor):
        return None

    def _to_dnn_input_layer(self, input_tensor, weight_collections=None, trainable=True,
                            output_rank=2):
        raise ValueError("SparseColumn is not supported in DNN. Please use embedding_column "
                         "or one_hot_column. column: {}".format(self))

    def _wide_embedding_lookup_arguments(self, input_tensor):
        return _LinearEmbeddingLookupArguments(
            input_tensor=self.id_tensor(input_tensor),
            weight_tensor=self.weight_tensor(input_tensor), vocab_size=self.length,
            initializer=zeros_initializer(), combiner=self.combiner)

    def _get_input_sparse_tensor(self, input_tensor):
        if not isinstance(input_tensor, SparseTensor):
            input_tensor = convert_to_tensor(input_tensor)
            ignore_value = "" if input_tensor.dtype == _dt.string else -1
            input_tensor = _reshape_real_valued_tensor(input_tensor, 2, self.name)
            input_tensor = dense_to_sparse_tensor(input_tensor, ignore_value=ignore_value)
        return input_tensor

    def is_compatible(self, other_column):
        """Whether this column and `other_column` can share an embedding."""
        if self.lookup_config and other_column.lookup_config:
            return self.lookup_config == other_column.lookup_config
        compatible = (self.length == other_column.length and
                      (self.dtype == other_column.dtype or
                       (self.dtype.is_integer and other_column.dtype.is_integer)))
        if compatible:
            logging.warn("Column {} and {} may not have the same vocabulary.".format(
                self.name, other_column.name))
        return compatible

    def insert_transformed_feature(self, columns_to_tensors):
        input_tensor = self._get_input_sparse_tensor(columns_to_tensors[self.name])
        columns_to_tensors[self] = self._do_transform(input_tensor)

    def _transform_feature(self, inputs):
        return self._do_transform(self._get_input_sparse_tensor(inputs.get(self.name)))

    @property
    def _num_buckets(self):
        return self.length

    def _get_sparse_tensors(self, inputs, weight_collections=None, trainable=None):
        tensor = inputs.get(self)
        return CategoricalColumn.IdWeightPair(self.id_tensor(tensor),
                                              self.weight_tensor(tensor))


class _SparseColumnIntegerized(_SparseColumn):
    """Ids = value mod bucket_size."""

    def _do_transform(self, input_tensor):
        ids = math_ops.mod(input_tensor.values, self.bucket_size, name="mod")
        return SparseTensor(input_tensor.indices, ids, input_tensor.dense_shape)


def sparse_column_with_integerized_feature(column_name, bucket_size, combiner="sum",
                                           dtype=_dt.int64):
    """A sparse column of integer ids (taken modulo bucket_size)."""
    return _SparseColumnIntegerized(column_name, is_integerized=True, bucket_size=bucket_size,
                                    combiner=combiner, dtype=dtype)


class _SparseColumnHashed(_SparseColumn):
    """Ids = a hash of the value (as a string) modulo bucket_size."""

    def __new__(cls, column_name, is_integerized=False, bucket_size=None, lookup_config=None,
                combiner="sum", dtype=_dt.string, hash_keys=None):
        if hash_keys is not None:
            if not isinstance(hash_keys, list) or not hash_keys:
                raise ValueError("hash_keys must be a non-empty list.")
            if (any(not isinstance(p, list) for p in hash_keys) or
                    any(len(p) != 2 for p in hash_keys) or
                    any(not isinstance(k, int) for p in hash_keys for k in p)):
                raise ValueError("Each element of hash_keys must be a pair of integers.")
        obj = super().__new__(cls, column_name, is_integerized=is_integerized,
                              bucket_size=bucket_size, lookup_config=lookup_config,
                              combiner=combiner, dtype=dtype)
        obj.hash_keys = hash_keys
        return obj

    def _do_transform(self, input_tensor):
        values = input_tensor.values
        if self.dtype.is_integer:
            values = string_ops.as_string(values)
        if self.hash_keys:
            result = [SparseTensor(input_tensor.indices,
                                   string_ops.string_to_hash_bucket_strong(
                                       values, self.bucket_size, key),
                                   input_tensor.dense_shape) for key in self.hash_keys]
            return sparse_ops.sparse_concat(axis=1, sp_inputs=result, name="lookup")
        ids = string_ops.string_to_hash_bucket_fast(values, self.bucket_size, name="lookup")
        return SparseTensor(input_tensor.indices, ids, input_tensor.dense_shape)


def sparse_column_with_hash_bucket(column_name, hash_bucket_size, combiner="sum",
                                   dtype=_dt.string, hash_keys=None):
    """A sparse column whose ids are hashes of its values."""
    return _SparseColumnHashed(column_name, bucket_size=hash_bucket_size, combiner=combiner,
                               dtype=dtype, hash_keys=hash_keys)


class _SparseColumnKeys(_SparseColumn):
    """Ids = the value's position in `keys` (default_value when absent)."""

    def _do_transform(self, input_tensor):
        table = index_table_from_tensor(mapping=tuple(self.lookup_config.keys),
                                        default_value=self.lookup_config.default_value,
                                        dtype=self.dtype, name="lookup")
        return table.lookup(input_tensor)


def sparse_column_with_keys(column_name, keys, default_value=-1, combiner="sum",
                            dtype=_dt.string):
    """A sparse column looking its values up in a list of keys."""
    keys = tuple(keys)
    return _SparseColumnKeys(column_name, lookup_config=_SparseIdLookupConfig(
        keys=keys, vocab_size=len(keys), default_value=default_value),
        combiner=combiner, dtype=dtype)


class _SparseColumnVocabulary(_SparseColumn):
    """Ids = the value's line in a vocabulary file (or an OOV bucket)."""

    def _do_transform(self, st):
        if self.dtype.is_integer:
            st = SparseTensor(st.indices, string_ops.as_string(st.values), st.dense_shape)
        config = self.lookup_config
        table = index_table_from_file(
            vocabulary_file=config.vocabulary_file, num_oov_buckets=config.num_oov_buckets,
            vocab_size=config.vocab_size, default_value=config.default_value,
            name=self.name + "_lookup")
        return table.lookup(st)


def sparse_column_with_vocabulary_file(column_name, vocabulary_file, num_oov_buckets=0,
                                       vocab_size=None, default_value=-1, combiner="sum",
                                       dtype=_dt.string):
    """A sparse column looking its values up in a vocabulary file."""
    if vocab_size is None:
        raise ValueError("vocab_size should be defined. column_name: {}".format(column_name))
    return _SparseColumnVocabulary(column_name, lookup_config=_SparseIdLookupConfig(
        vocabulary_file=vocabulary_file, num_oov_buckets=num_oov_buckets,
        vocab_size=vocab_size, default_value=default_value), combiner=combiner, dtype=dtype)


class _WeightedSparseColumn(_FeatureColumn, CategoricalColumn, collections.namedtuple(
        "_WeightedSparseColumn", ["sparse_id_column", "weight_column_name", "dtype"])):
    """A sparse id column with a weight feature per id."""

    @property
    def name(self):
        return "{}_weighted_by_{}".format(self.sparse_id_column.name, self.weight_column_name)

    @property
    def length(self):
        return self.sparse_id_column.length

    @property
    def config(self):
        config = _get_feature_config(self.sparse_id_column)
        config.update({self.weight_column_name: VarLenFeature(self.dtype)})
        return config

    @property
    def lookup_config(self):
        return self.sparse_id_column.lookup_config

    @property
    def key(self):
        return "{}".format(self)

    def id_tensor(self, input_tensor):
        return input_tensor[0]

    def weight_tensor(self, input_tensor):
        return input_tensor[1]

    def _to_dnn_input_layer(self, input_tensor, weight_collections=None, trainable=True,
                            output_rank=2):
        raise ValueError("WeightedSparseColumn is not supported in DNN. Please use "
                         "embedding_column or one_hot_column. column: {}".format(self))

    def _wide_embedding_lookup_arguments(self, input_tensor):
        return _LinearEmbeddingLookupArguments(
            input_tensor=self.id_tensor(input_tensor),
            weight_tensor=self.weight_tensor(input_tensor), vocab_size=self.length,
            initializer=zeros_initializer(), combiner=self.sparse_id_column.combiner)

    def _do_transform(self, id_tensor, weight_tensor):
        if not isinstance(weight_tensor, SparseTensor):
            weight_tensor = dense_to_sparse_tensor(weight_tensor)
        if not self.dtype.is_floating:
            weight_tensor = math_ops.cast(weight_tensor, _dt.float32)
        return (id_tensor, weight_tensor)

    def insert_transformed_feature(self, columns_to_tensors):
        if self.sparse_id_column not in columns_to_tensors:
            self.sparse_id_column.insert_transformed_feature(columns_to_tensors)
        columns_to_tensors[self] = self._do_transform(
            columns_to_tensors[self.sparse_id_column],
            columns_to_tensors[self.weight_column_name])

    def _transform_feature(self, inputs):
        return self._do_transform(inputs.get(self.sparse_id_column),
                                  inputs.get(self.weight_column_name))

    @property
    def _num_buckets(self):
        return self.length

    def _get_sparse_tensors(self, inputs, weight_collections=None, trainable=None):
        tensor = inputs.get(self)
        return CategoricalColumn.IdWeightPair(self.id_tensor(tensor),
                                              self.weight_tensor(tensor))

    def is_compatible(self, other_column):
        """Whether this column and `other_column` can share an embedding."""
        if isinstance(other_column, _WeightedSparseColumn):
            return self.sparse_id_column.is_compatible(other_column.sparse_id_column)
        return self.sparse_id_column.is_compatible(other_column)


def weighted_sparse_column(sparse_id_column, weight_column_name, dtype=_dt.float32):
    """A sparse id column weighted by the feature `weight_column_name`."""
    if not (dtype.is_integer or dtype.is_floating):
        raise ValueError("dtype is not convertible to float. Given {}".format(dtype))
    return _WeightedSparseColumn(sparse_id_column, weight_column_name, dtype)


class _OneHotColumn(_FeatureColumn, DenseColumn, collections.namedtuple(
        "_OneHotColumn", ["sparse_id_column"])):
    """A sparse id column as a multi-hot (or weighted) dense vector."""

    @property
    def name(self):
        return "{}_one_hot".format(self.sparse_id_column.name)

    @property
    def length(self):
        return self.sparse_id_column.length

    @property
    def config(self):
        return _get_feature_config(self.sparse_id_column)

    @property
    def key(self):
        return "{}".format(self)

    def insert_transformed_feature(self, columns_to_tensors):
        if self.sparse_id_column not in columns_to_tensors:
            self.sparse_id_column.insert_transformed_feature(columns_to_tensors)
        columns_to_tensors[self] = columns_to_tensors[self.sparse_id_column]

    def _to_dnn_input_layer(self, transformed_input_tensor, unused_weight_collections=None,
                            unused_trainable=False, output_rank=2):
        ids = self.sparse_id_column.id_tensor(transformed_input_tensor)
        ids = inner_flatten(ids, output_rank)
        weights = self.sparse_id_column.weight_tensor(transformed_input_tensor)
        if weights is not None:
            merged = sparse_ops.sparse_merge(sp_ids=ids, sp_values=weights,
                                             vocab_size=self.length)
            merged = sparse_ops.sparse_slice(
                merged, array_ops.zeros_like(merged.dense_shape), merged.dense_shape)
            dense = sparse_ops.sparse_tensor_to_dense(merged)
            batch_shape = array_ops.shape(dense)[:-1]
            shape = array_ops.concat([batch_shape, [self.length]], axis=0)
            return array_ops.reshape(dense, shape)
        dense_ids = sparse_ops.sparse_tensor_to_dense(ids, default_value=-1)
        one_hot = array_ops.one_hot(dense_ids, depth=self.length, on_value=1.0, off_value=0.0)
        return math_ops.reduce_sum(one_hot, axis=[output_rank - 1])

    @property
    def _variable_shape(self):
        return TensorShape([self.length])

    def _get_dense_tensor(self, inputs, weight_collections=None, trainable=None):
        return inputs.get(self)

    def _transform_feature(self, inputs):
        return self._to_dnn_input_layer(inputs.get(self.sparse_id_column))


def one_hot_column(sparse_id_column):
    """A DNN input of the sparse ids of `sparse_id_column`, one-hot (multi-hot) encoded."""
    return _OneHotColumn(sparse_id_column)


class _EmbeddingColumn(_FeatureColumn, DenseColumn, collections.namedtuple(
        "_EmbeddingColumn", ["sparse_id_column", "dimension", "combiner", "initializer",
                             "ckpt_to_load_from", "tensor_name_in_ckpt",
                             "shared_embedding_name", "shared_vocab_size", "max_norm",
                             "trainable"])):
    """A sparse id column as the combined embeddings of its ids."""

    def __new__(cls, sparse_id_column, dimension, combiner="mean", initializer=None,
                ckpt_to_load_from=None, tensor_name_in_ckpt=None, shared_embedding_name=None,
                shared_vocab_size=None, max_norm=None, trainable=True):
        if initializer is not None and not callable(initializer):
            raise ValueError("initializer must be callable if specified. Embedding of "
                             "column_name: {}".format(sparse_id_column.name))
        if (ckpt_to_load_from is None) != (tensor_name_in_ckpt is None):
            raise ValueError("Must specify both `ckpt_to_load_from` and "
                             "`tensor_name_in_ckpt` or none of them.")
        if initializer is None:
            logging.warn("The default stddev value of initializer was changed from "
                         "\"1/sqrt(vocab_size)\" to \"1/sqrt(dimension)\" in core "
                         "implementation (tf.feature_column.embedding_column).")
            initializer = truncated_normal_initializer(
                mean=0.0, stddev=1 / math.sqrt(sparse_id_column.length))
        return super().__new__(cls, sparse_id_column, dimension, combiner, initializer,
                               ckpt_to_load_from, tensor_name_in_ckpt, shared_embedding_name,
                               shared_vocab_size, max_norm, trainable)

    @property
    def name(self):
        if self.shared_embedding_name is None:
            return "{}_embedding".format(self.sparse_id_column.name)
        return "{}_shared_embedding".format(self.sparse_id_column.name)

    @property
    def length(self):
        if self.shared_vocab_size is None:
            return self.sparse_id_column.length
        return self.shared_vocab_size

    @property
    def config(self):
        return _get_feature_config(self.sparse_id_column)

    @property
    def key(self):
        return self._key_without_properties(["initializer"])

    def insert_transformed_feature(self, columns_to_tensors):
        if self.sparse_id_column not in columns_to_tensors:
            self.sparse_id_column.insert_transformed_feature(columns_to_tensors)
        columns_to_tensors[self] = columns_to_tensors[self.sparse_id_column]

    def _deep_embedding_lookup_arguments(self, input_tensor):
        return _DeepEmbeddingLookupArguments(
            input_tensor=self.sparse_id_column.id_tensor(input_tensor),
            weight_tensor=self.sparse_id_column.weight_tensor(input_tensor),
            vocab_size=self.length, dimension=self.dimension, initializer=self.initializer,
            combiner=self.combiner, shared_embedding_name=self.shared_embedding_name,
            hash_key=None, max_norm=self.max_norm, trainable=self.trainable)

    def _checkpoint_path(self):
        if self.ckpt_to_load_from is not None:
            return self.ckpt_to_load_from, self.tensor_name_in_ckpt
        return None

    def _wide_embedding_lookup_arguments(self, input_tensor):
        raise ValueError("Column {} is not supported in linear models. Please use "
                         "sparse_column.".format(self))

    @property
    def _variable_shape(self):
        return TensorShape([self.dimension])

    def _get_dense_tensor(self, inputs, weight_collections=None, trainable=None):
        return embeddings_from_arguments(
            self, self._deep_embedding_lookup_arguments(inputs.get(self)),
            weight_collections, trainable)

    def _transform_feature(self, inputs):
        return inputs.get(self.sparse_id_column)


def maybe_restore_from_checkpoint(checkpoint_path, variable):
    """Initializes `variable` (a list of parts) from a checkpoint tensor, if one is given."""
    if checkpoint_path is not None:
        path, tensor_name = checkpoint_path
        target = variable[0] if len(variable) == 1 else variable
        checkpoint_utils.init_from_checkpoint(path, {tensor_name: target})


def _variable_list(variable):
    if hasattr(variable, "_get_variable_list"):
        return variable._get_variable_list()
    return [variable]


def embeddings_from_arguments(column, args, weight_collections, trainable, output_rank=2):
    """The embedding variable of a deep column ('weights', or the shared one) and its
    lookup (TF's _embeddings_from_arguments)."""
    input_tensor = inner_flatten(args.input_tensor, output_rank)
    weight_tensor = None
    if args.weight_tensor is not None:
        weight_tensor = inner_flatten(args.weight_tensor, output_rank)
    trainable = trainable and args.trainable
    if args.hash_key:
        embeddings = model_variable(name="weights", shape=[args.vocab_size], dtype=_dt.float32,
                                    initializer=args.initializer, trainable=trainable,
                                    collections=weight_collections)
        return scattered_embedding_lookup_sparse(embeddings, input_tensor, args.dimension,
                                                 hash_key=args.hash_key,
                                                 combiner=args.combiner, name="lookup")
    if args.shared_embedding_name is not None:
        collection_name = "SHARED_EMBEDDING_COLLECTION_" + args.shared_embedding_name.upper()
        graph = get_default_graph()
        collection = graph.get_collection_ref(collection_name)
        shape = [args.vocab_size, args.dimension]
        if collection:
            if len(collection) > 1:
                raise ValueError("Collection %s can only contain one (partitioned) variable."
                                 % collection_name)
            embeddings = collection[0]
            if embeddings.get_shape() != shape:
                raise ValueError(
                    "The embedding variable with name {} already exists, but its shape does "
                    "not match required embedding shape here. Please make sure to use "
                    "different shared_embedding_name for different shared embeddings."
                    .format(args.shared_embedding_name))
        else:
            embeddings = model_variable(name=args.shared_embedding_name, shape=shape,
                                        dtype=_dt.float32, initializer=args.initializer,
                                        trainable=trainable, collections=weight_collections)
            graph.add_to_collection(collection_name, embeddings)
    else:
        embeddings = model_variable(name="weights", shape=[args.vocab_size, args.dimension],
                                    dtype=_dt.float32, initializer=args.initializer,
                                    trainable=trainable, collections=weight_collections)
    embeddings = _variable_list(embeddings)
    maybe_restore_from_checkpoint(column._checkpoint_path(), embeddings)
    return safe_embedding_lookup_sparse(embeddings, input_tensor, sparse_weights=weight_tensor,
                                        combiner=args.combiner, name=column.name + "weights",
                                        max_norm=args.max_norm)


def embedding_column(sparse_id_column, dimension, combiner="mean", initializer=None,
                     ckpt_to_load_from=None, tensor_name_in_ckpt=None, max_norm=None,
                     trainable=True):
    """A DNN input of the embeddings of `sparse_id_column`'s ids."""
    return _EmbeddingColumn(sparse_id_column, dimension, combiner, initializer,
                            ckpt_to_load_from, tensor_name_in_ckpt, max_norm=max_norm,
                            trainable=trainable)


def shared_embedding_columns(sparse_id_columns, dimension, combiner="mean",
                             shared_embedding_name=None, initializer=None,
                             ckpt_to_load_from=None, tensor_name_in_ckpt=None, max_norm=None,
                             trainable=True):
    """Embedding columns of several sparse id columns sharing one embedding variable."""
    if (not isinstance(sparse_id_columns, collections.abc.Sequence) or
            isinstance(sparse_id_columns, str)):
        raise TypeError("sparse_id_columns must be a non-string sequence (ex: list or tuple) "
                        "instead of type {}.".format(type(sparse_id_columns)))
    if len(sparse_id_columns) < 1:
        raise ValueError("The input sparse_id_columns should have at least one element.")
    for column in sparse_id_columns:
        if not isinstance(column, (_SparseColumn, _WeightedSparseColumn)):
            raise TypeError("Elements of sparse_id_columns must be _SparseColumn or "
                            "_WeightedSparseColumn, but {} is not.".format(column))
    if len(sparse_id_columns) == 1:
        return [_EmbeddingColumn(sparse_id_columns[0], dimension, combiner, initializer,
                                 ckpt_to_load_from, tensor_name_in_ckpt,
                                 shared_embedding_name, max_norm=max_norm,
                                 trainable=trainable)]
    first = sparse_id_columns[0]
    compatible = True
    for column in sparse_id_columns[1:]:
        if isinstance(first, _WeightedSparseColumn):
            compatible = compatible and first.is_compatible(column)
        else:
            compatible = compatible and column.is_compatible(first)
    if not compatible:
        raise ValueError("The input sparse id columns are not compatible.")
    if not shared_embedding_name:
        plain = [c for c in sparse_id_columns if isinstance(c, _SparseColumn)]
        weighted = [c for c in sparse_id_columns if not isinstance(c, _SparseColumn)]
        ordered = sorted(plain) + sorted(weighted, key=lambda x: x.name)
        shared_embedding_name = "_".join(c.name for c in ordered[:3])
        if len(ordered) > 3:
            shared_embedding_name += "_plus_{}_others".format(len(ordered) - 3)
        shared_embedding_name += "_shared_embedding"
    return tuple(_EmbeddingColumn(column, dimension, combiner, initializer, ckpt_to_load_from,
                                  tensor_name_in_ckpt, shared_embedding_name, first.length,
                                  max_norm=max_norm, trainable=trainable)
                 for column in sparse_id_columns)


class _ScatteredEmbeddingColumn(_FeatureColumn, DenseColumn, collections.namedtuple(
        "_ScatteredEmbeddingColumn", ["column_name", "size", "dimension", "hash_key",
                                      "combiner", "initializer"])):
    """A string column embedded by feature hashing into `size` parameters."""

    def __new__(cls, column_name, size, dimension, hash_key, combiner="sqrtn",
                initializer=None):
        if initializer is not None and not callable(initializer):
            raise ValueError("initializer must be callable if specified. column_name: {}"
                             .format(column_name))
        if initializer is None:
            initializer = truncated_normal_initializer(mean=0.0, stddev=0.1)
        return super().__new__(cls, column_name, size, dimension, hash_key, combiner,
                               initializer)

    @property
    def name(self):
        return "{}_scattered_embedding".format(self.column_name)

    @property
    def config(self):
        return {self.column_name: VarLenFeature(_dt.string)}

    @property
    def key(self):
        return self._key_without_properties(["initializer"])

    def insert_transformed_feature(self, columns_to_tensors):
        columns_to_tensors[self] = columns_to_tensors[self.column_name]

    def _deep_embedding_lookup_arguments(self, input_tensor):
        return _DeepEmbeddingLookupArguments(
            input_tensor=input_tensor, weight_tensor=None, vocab_size=self.size,
            initializer=self.initializer, combiner=self.combiner, dimension=self.dimension,
            shared_embedding_name=None, hash_key=self.hash_key, max_norm=None,
            trainable=True)

    @property
    def _variable_shape(self):
        return TensorShape([self.dimension])

    def _get_dense_tensor(self, inputs, weight_collections=None, trainable=None):
        return embeddings_from_arguments(
            self, self._deep_embedding_lookup_arguments(inputs.get(self)),
            weight_collections, trainable)

    def _transform_feature(self, inputs):
        return inputs.get(self.column_name)


def scattered_embedding_column(column_name, size, dimension, hash_key, combiner="mean",
                               initializer=None):
    """An embedding of a string column by feature hashing into `size` parameters."""
    if dimension < 1 or size < 1:
        raise ValueError("Dimension and size must be greater than 0. dimension: {}, size: {}, "
                         "column_name: {}".format(dimension, size, column_name))
    if combiner not in ("mean", "sqrtn", "sum"):
        raise ValueError("Combiner must be one of 'mean', 'sqrtn' or 'sum'. combiner: {}, "
                         "column_name: {}".format(combiner, column_name))
    return _ScatteredEmbeddingColumn(column_name, size, dimension, hash_key, combiner,
                                     initializer)


class _RealValuedColumn(_FeatureColumn, DenseColumn, collections.namedtuple(
        "_RealValuedColumn", ["column_name", "dimension", "default_value", "dtype",
                              "normalizer"])):
    """A dense real-valued feature of `dimension` values."""

    def __new__(cls, column_name, dimension, default_value, dtype, normalizer):
        if default_value is not None:
            default_value = tuple(default_value)
        return super().__new__(cls, column_name, dimension, default_value, dtype, normalizer)

    @property
    def name(self):
        return self.column_name

    @property
    def config(self):
        default = None if self.default_value is None else list(self.default_value)
        return {self.column_name: FixedLenFeature([self.dimension], self.dtype, default)}

    @property
    def key(self):
        return self._key_without_properties(["normalizer"])

    @property
    def normalizer_fn(self):
        return self.normalizer

    def _normalized_input_tensor(self, input_tensor):
        return self.normalizer(input_tensor) if self.normalizer is not None else input_tensor

    def insert_transformed_feature(self, columns_to_tensors):
        tensor = self._normalized_input_tensor(columns_to_tensors[self.name])
        columns_to_tensors[self] = math_ops.cast(tensor, _dt.float32)

    def _to_dnn_input_layer(self, input_tensor, weight_collections=None, trainable=True,
                            output_rank=2):
        input_tensor = self._to_dense_tensor(input_tensor)
        if input_tensor.dtype != _dt.float32:
            input_tensor = math_ops.cast(input_tensor, _dt.float32)
        return _reshape_real_valued_tensor(input_tensor, output_rank, self.name)

    def _to_dense_tensor(self, input_tensor):
        return input_tensor

    @property
    def _variable_shape(self):
        return TensorShape([self.dimension])

    def _get_dense_tensor(self, inputs, weight_collections=None, trainable=None):
        return inputs.get(self)

    def _transform_feature(self, inputs):
        return math_ops.cast(self._normalized_input_tensor(inputs.get(self.name)),
                             _dt.float32)


def real_valued_column(column_name, dimension=1, default_value=None, dtype=_dt.float32,
                       normalizer=None):
    """A dense column of `dimension` real values."""
    if dimension is None:
        raise TypeError("dimension must be an integer. Use the _real_valued_var_len_column "
                        "for variable length features.dimension: {}, column_name: {}".format(
                            dimension, column_name))
    if not isinstance(dimension, int):
        raise TypeError("dimension must be an integer. dimension: {}, column_name: {}"
                        .format(dimension, column_name))
    if dimension < 1:
        raise ValueError("dimension must be greater than 0. dimension: {}, column_name: {}"
                         .format(dimension, column_name))
    if not (dtype.is_integer or dtype.is_floating):
        raise ValueError("dtype must be convertible to float. dtype: {}, column_name: {}"
                         .format(dtype, column_name))
    if default_value is None:
        return _RealValuedColumn(column_name, dimension, None, dtype, normalizer)
    if isinstance(default_value, int) and not isinstance(default_value, bool):
        if dtype.is_integer:
            return _RealValuedColumn(column_name, dimension, [default_value] * dimension,
                                     dtype, normalizer)
        if dtype.is_floating:
            return _RealValuedColumn(column_name, dimension,
                                     [float(default_value)] * dimension, dtype, normalizer)
    if isinstance(default_value, float) and dtype.is_floating:
        return _RealValuedColumn(column_name, dimension, [default_value] * dimension, dtype,
                                 normalizer)
    if isinstance(default_value, list):
        if len(default_value) != dimension:
            raise ValueError("The length of default_value must be equal to dimension. "
                             "default_value: {}, dimension: {}, column_name: {}".format(
                                 default_value, dimension, column_name))
        all_int = all(isinstance(v, int) for v in default_value)
        all_float = all(isinstance(v, (float, int)) for v in default_value)
        if all_int and dtype.is_integer:
            return _RealValuedColumn(column_name, dimension, default_value, dtype, normalizer)
        if all_float and dtype.is_floating:
            return _RealValuedColumn(column_name, dimension, [float(v) for v in default_value],
                                     dtype, normalizer)
    raise TypeError("default_value must be compatible with dtype. default_value: {}, dtype: "
                    "{}, column_name: {}".format(default_value, dtype, column_name))


class _BucketizedColumn(_FeatureColumn, CategoricalColumn, DenseColumn,
                        collections.namedtuple("_BucketizedColumn",
                                               ["source_column", "boundaries"])):
    """A real-valued column's values as bucket ids (one-hot for a DNN)."""

    def __new__(cls, source_column, boundaries):
        if not isinstance(source_column, _RealValuedColumn):
            raise TypeError("source_column must be an instance of _RealValuedColumn. "
                            "source_column: {}".format(source_column))
        if source_column.dimension is None:
            raise ValueError("source_column must have a defined dimension. source_column: {}"
                             .format(source_column))
        if not isinstance(boundaries, (list, tuple)) or not boundaries:
            raise ValueError("boundaries must be a non-empty list or tuple. boundaries: {}"
                             .format(boundaries))
        sanitized = []
        for i in range(len(boundaries) - 1):
            if boundaries[i] == boundaries[i + 1]:
                continue
            if boundaries[i] < boundaries[i + 1]:
                sanitized.append(boundaries[i])
            else:
                raise ValueError("boundaries must be a sorted list. boundaries: {}".format(
                    boundaries))
        sanitized.append(boundaries[-1])
        return super().__new__(cls, source_column, tuple(sanitized))

    @property
    def name(self):
        return "{}_bucketized".format(self.source_column.name)

    @property
    def length(self):
        return len(self.boundaries) + 1

    @property
    def config(self):
        return self.source_column.config

    @property
    def key(self):
        return "{}".format(self)

    def _to_dnn_input_layer(self, input_tensor, weight_collections=None, trainable=True,
                            output_rank=2):
        if output_rank != 2:
            raise ValueError("BucketizedColumn currently only supports output_rank=2")
        one_hot = array_ops.one_hot(math_ops.cast(input_tensor, _dt.int64), self.length, 1.,
                                    0., name="one_hot")
        return array_ops.reshape(one_hot, [-1, self.length * self.source_column.dimension],
                                 name="reshape")

    def to_sparse_tensor(self, input_tensor):
        """The bucket ids as a [batch, dimension] SparseTensor of ids offset per value."""
        dimension = self.source_column.dimension
        batch_size = array_ops.shape(input_tensor, name="shape")[0]
        if dimension > 1:
            i1 = array_ops.reshape(array_ops.tile(
                array_ops.expand_dims(_range(0, batch_size), 1, name="expand_dims"),
                [1, dimension], name="tile"), [-1], name="reshape")
            i2 = array_ops.tile(_range(0, dimension), [batch_size], name="tile")
            bucket_indices = array_ops.reshape(input_tensor, [-1], name="reshape") + \
                self.length * i2
        else:
            i1 = _range(0, batch_size)
            i2 = array_ops.zeros([batch_size], dtype=_dt.int32, name="zeros")
            bucket_indices = array_ops.reshape(input_tensor, [-1], name="reshape")
        indices = math_ops.cast(array_ops.transpose(array_ops.stack((i1, i2))), _dt.int64)
        shape = math_ops.cast(array_ops.stack([batch_size, dimension]), _dt.int64)
        return SparseTensor(indices, bucket_indices, shape)

    def _wide_embedding_lookup_arguments(self, input_tensor):
        return _LinearEmbeddingLookupArguments(
            input_tensor=self.to_sparse_tensor(input_tensor), weight_tensor=None,
            vocab_size=self.length * self.source_column.dimension,
            initializer=zeros_initializer(), combiner="sum")

    def _transform_feature(self, inputs):
        return bucketize(inputs.get(self.source_column), boundaries=list(self.boundaries),
                         name="bucketize")

    def insert_transformed_feature(self, columns_to_tensors):
        columns_to_tensors[self] = self._transform_feature(
            _LazyBuilderByColumnsToTensor(columns_to_tensors))

    @property
    def _num_buckets(self):
        return self.length * self.source_column.dimension

    def _get_sparse_tensors(self, inputs, weight_collections=None, trainable=None):
        return CategoricalColumn.IdWeightPair(self.to_sparse_tensor(inputs.get(self)), None)

    @property
    def _variable_shape(self):
        return TensorShape([self.length * self.source_column.dimension])

    def _get_dense_tensor(self, inputs, weight_collections=None, trainable=None):
        return self._to_dnn_input_layer(inputs.get(self), weight_collections, trainable)


def bucketized_column(source_column, boundaries):
    """A real_valued_column's values bucketized by `boundaries`."""
    return _BucketizedColumn(source_column, boundaries)


class _CrossedColumn(_FeatureColumn, CategoricalColumn, collections.namedtuple(
        "_CrossedColumn", ["columns", "hash_bucket_size", "hash_key", "combiner",
                           "ckpt_to_load_from", "tensor_name_in_ckpt"])):
    """The hashed crosses of sparse, bucketized or crossed columns."""

    def __new__(cls, columns, hash_bucket_size, hash_key, combiner="sum",
                ckpt_to_load_from=None, tensor_name_in_ckpt=None):
        for column in columns:
            if not isinstance(column, (_SparseColumn, _CrossedColumn, _BucketizedColumn)):
                raise TypeError("columns must be a set of _SparseColumn, _CrossedColumn, or "
                                "_BucketizedColumn instances. (column {} is a {})".format(
                                    column, column.__class__.__name__))
        if len(columns) < 2:
            raise ValueError("columns must contain at least 2 elements. columns: {}".format(
                columns))
        if hash_bucket_size < 2:
            raise ValueError("hash_bucket_size must be at least 2. hash_bucket_size: {}"
                             .format(hash_bucket_size))
        if (ckpt_to_load_from is None) != (tensor_name_in_ckpt is None):
            raise ValueError("Must specify both `ckpt_to_load_from` and "
                             "`tensor_name_in_ckpt` or none of them.")
        ordered = sorted(columns, key=lambda column: column.name)
        return super().__new__(cls, tuple(ordered), hash_bucket_size, hash_key, combiner,
                               ckpt_to_load_from, tensor_name_in_ckpt)

    @property
    def name(self):
        return "_X_".join(sorted(column.name for column in self.columns))

    @property
    def config(self):
        config = {}
        for column in self.columns:
            config.update(_get_feature_config(column))
        return config

    @property
    def length(self):
        return self.hash_bucket_size

    @property
    def key(self):
        return "{}".format(self)

    def id_tensor(self, input_tensor):
        return input_tensor

    def weight_tensor(self, input_tensor):
        return None

    def _to_dnn_input_layer(self, input_tensor, weight_collections=None, trainable=True,
                            output_rank=2):
        raise ValueError("CrossedColumn is not supported in DNN. Please use embedding_column. "
                         "column: {}".format(self))

    def _checkpoint_path(self):
        if self.ckpt_to_load_from is not None:
            return self.ckpt_to_load_from, self.tensor_name_in_ckpt
        return None

    def _wide_embedding_lookup_arguments(self, input_tensor):
        return _LinearEmbeddingLookupArguments(
            input_tensor=input_tensor, weight_tensor=None, vocab_size=self.length,
            initializer=zeros_initializer(), combiner=self.combiner)

    def _transform_feature(self, inputs):
        def leaves(cross):
            out = []
            for c in cross.columns:
                out.extend(leaves(c) if isinstance(c, _CrossedColumn) else [c])
            return out

        tensors = []
        for c in leaves(self):
            if isinstance(c, _SparseColumn):
                tensors.append(inputs.get(c.name))
            elif isinstance(c, _BucketizedColumn):
                tensors.append(c.to_sparse_tensor(inputs.get(c)))
            else:
                tensors.append(inputs.get(c))
        return sparse_feature_cross(tensors, hashed_output=True,
                                    num_buckets=self.hash_bucket_size, hash_key=self.hash_key,
                                    name="cross")

    def insert_transformed_feature(self, columns_to_tensors):
        columns_to_tensors[self] = self._transform_feature(
            _LazyBuilderByColumnsToTensor(columns_to_tensors))

    @property
    def _num_buckets(self):
        return self.length

    def _get_sparse_tensors(self, inputs, weight_collections=None, trainable=None):
        return CategoricalColumn.IdWeightPair(inputs.get(self), None)


def crossed_column(columns, hash_bucket_size, combiner="sum", ckpt_to_load_from=None,
                   tensor_name_in_ckpt=None, hash_key=None):
    """The hashed crosses of `columns` (sparse, bucketized or crossed columns)."""
    return _CrossedColumn(columns, hash_bucket_size, hash_key, combiner=combiner,
                          ckpt_to_load_from=ckpt_to_load_from,
                          tensor_name_in_ckpt=tensor_name_in_ckpt)


class _LazyBuilderByColumnsToTensor:
    """Transforms a column on first use into the columns_to_tensors dict."""

    def __init__(self, columns_to_tensors):
        self._columns_to_tensors = columns_to_tensors

    def get(self, key):
        if key in self._columns_to_tensors:
            return self._columns_to_tensors[key]
        if isinstance(key, str):
            raise ValueError("features dictionary doesn't contain key ({})".format(key))
        if not isinstance(key, _FeatureColumn):
            raise TypeError('"key" must be either a "str" or "_FeatureColumn". Provided: {}'
                            .format(key))
        key.insert_transformed_feature(self._columns_to_tensors)
        return self._columns_to_tensors[key]


# -- parsing specs ------------------------------------------------------------------------
def _get_feature_config(feature_column):
    if not isinstance(feature_column, _FeatureColumn):
        raise TypeError("feature_columns should only contain instances of _FeatureColumn. "
                        "Given column is {}".format(feature_column))
    return feature_column.config


def create_feature_spec_for_parsing(feature_columns):
    """The parse_example spec ({name: FixedLenFeature / VarLenFeature}) of the columns."""
    if isinstance(feature_columns, dict):
        feature_columns = feature_columns.values()
    config = {}
    for column in feature_columns:
        config.update(_get_feature_config(column))
    return config


def create_sequence_feature_spec_for_parsing(sequence_feature_columns,
                                             allow_missing_by_default=False):
    """The parse_single_sequence_example spec of sequence columns."""
    spec = create_feature_spec_for_parsing(sequence_feature_columns)
    out = {}
    for key, feature in spec.items():
        if isinstance(feature, VarLenFeature):
            out[key] = feature
        elif isinstance(feature, (FixedLenFeature, FixedLenSequenceFeature)):
            default_is_set = feature.default_value is not None
            if default_is_set:
                logging.warning('Found default value {} for feature "{}". Ignoring this value '
                                "and setting `allow_missing=True` instead.".format(
                                    feature.default_value, key))
            out[key] = FixedLenSequenceFeature(
                shape=feature.shape, dtype=feature.dtype,
                allow_missing=(allow_missing_by_default or default_is_set))
        else:
            raise TypeError("Unsupported feature type: {}".format(type(feature).__name__))
    return out


def make_place_holder_tensors_for_base_features(feature_columns):
    """A placeholder (sparse for VarLenFeature) per base feature of the columns."""
    placeholders = {}
    for name, spec in create_feature_spec_for_parsing(feature_columns).items():
        if isinstance(spec, VarLenFeature):
            placeholders[name] = sparse_ops.sparse_placeholder(
                spec.dtype, name="Placeholder_{}".format(name))
        else:
            placeholders[name] = array_ops.placeholder(
                spec.dtype, shape=(None, spec.shape[0]), name="Placeholder_{}".format(name))
    return placeholders


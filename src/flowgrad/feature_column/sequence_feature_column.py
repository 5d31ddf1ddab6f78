"""TF 1.14's sequence feature columns (feature_column/sequence_feature_column.py and the
sequence parts of feature_column_v2.py and utils.py): the sequence_categorical_column_with_*
constructors, sequence_numeric_column, and the (dense tensor, sequence length) pair that
tf.keras.experimental.SequenceFeatures takes from an embedding or indicator column over a
sequence categorical column, or from a sequence numeric column. Ops are composed as TF
composes them.
"""
from __future__ import annotations

import collections

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant
from ..engine.framework.graph import name_scope
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops.segment import segment_max
from ..ops import array_ops, math_ops, sparse_ops
from ..ops.embedding_ops import safe_embedding_lookup_sparse
from ..ops.parsing_ops import VarLenFeature
from ..ops.sparse_tensor import SparseTensor
from . import feature_column_v2 as fc

__all__ = ["sequence_categorical_column_with_identity",
           "sequence_categorical_column_with_hash_bucket",
           "sequence_categorical_column_with_vocabulary_file",
           "sequence_categorical_column_with_vocabulary_list", "sequence_numeric_column"]

TensorSequenceLengthPair = collections.namedtuple("TensorSequenceLengthPair",
                                                  ("dense_tensor", "sequence_length"))
_TF_FC = "tensorflow.python.feature_column.feature_column_v2."
_TF_SEQ = "tensorflow.python.feature_column.sequence_feature_column."


def _tf_type(column):
    module = _TF_SEQ if isinstance(column, SequenceNumericColumn) else _TF_FC
    return f"<class '{module}{type(column).__name__}'>"


def _shape(value):
    """TF 1.14's array_ops.shape (shape_internal with optimize=True): a SparseTensor's
    dense_shape as int32; a Const when the static shape is fully defined."""
    with name_scope(None, "Shape", [value]) as scope:
        if isinstance(value, SparseTensor):
            return math_ops.cast(value.dense_shape, _dt.int32)
        if value.shape.is_fully_defined():
            return constant(value.shape.as_list(), _dt.int32, name=scope)
        return array_ops.shape(value, name=scope)


def _ones_like(tensor):
    """TF 1.14's ones_like: Fill(shape, 1) with the shape folded to a Const when known."""
    with name_scope(None, "ones_like", [tensor]) as scope:
        return array_ops.ones(_shape(tensor), dtype=tensor.dtype, name=scope)


def sequence_length_from_sparse_tensor(sp_tensor, num_elements=1):
    """Per row, 1 + the largest column index of `sp_tensor`, divided by `num_elements`
    (rounded up); 0 for trailing rows without values."""
    with name_scope(None, "sequence_length") as scope:
        row_ids = sp_tensor.indices[:, 0]
        column_ids = sp_tensor.indices[:, 1]
        column_ids += _ones_like(column_ids)
        seq_length = segment_max(column_ids, segment_ids=row_ids)
        seq_length = math_ops.cast(math_ops.ceil(seq_length / num_elements), _dt.int64)
        n_pad = _shape(sp_tensor)[:1] - array_ops.shape(seq_length)[:1]
        padding = array_ops.zeros(n_pad, dtype=seq_length.dtype)
        return array_ops.concat([seq_length, padding], axis=0, name=scope)


class SequenceCategoricalColumn(fc.CategoricalColumn, collections.namedtuple(
        "SequenceCategoricalColumn", ("categorical_column",))):
    """A categorical column whose ids are a sequence per example: its sparse ids are made
    3-D ([batch, time, ids]) so embeddings are not combined over time."""

    @property
    def name(self):
        return self.categorical_column.name

    @property
    def _parse_example_spec(self):
        return self.categorical_column._parse_example_spec

    def _transform_feature(self, inputs):
        return self.categorical_column._transform_feature(inputs)

    @property
    def _num_buckets(self):
        return self.categorical_column._num_buckets

    def _get_sparse_tensors(self, inputs, weight_collections=None, trainable=None):
        pair = self.categorical_column._get_sparse_tensors(inputs)
        id_tensor, weight_tensor = pair.id_tensor, pair.weight_tensor
        shape = _shape(id_tensor)
        target_shape = [shape[0], shape[1], math_ops.reduce_prod(shape[2:])]
        id_tensor = sparse_ops.sparse_reshape(id_tensor, target_shape)
        if weight_tensor is not None:
            weight_tensor = sparse_ops.sparse_reshape(weight_tensor, target_shape)
        return fc.CategoricalColumn.IdWeightPair(id_tensor, weight_tensor)


class SequenceNumericColumn(fc.DenseColumn, collections.namedtuple(
        "SequenceNumericColumn", ("key", "shape", "default_value", "dtype",
                                  "normalizer_fn"))):
    """A sequence of numeric values of `shape` per example (a VarLenFeature)."""

    @property
    def name(self):
        return self.key

    @property
    def _parse_example_spec(self):
        return {self.key: VarLenFeature(self.dtype)}

    def _transform_feature(self, inputs):
        input_tensor = inputs.get(self.key)
        if self.normalizer_fn is not None:
            input_tensor = self.normalizer_fn(input_tensor)
        return input_tensor

    @property
    def _variable_shape(self):
        return TensorShape(self.shape)


def _not_sequence_error(kind, column, v1_api=False):
    """TF's error; its indicator column's v1 method names `_SequenceCategoricalColumn`."""
    cat = column.categorical_column
    wanted = "_" if v1_api and kind == "indicator" else ""
    return ValueError(
        "In {}_column: {}. categorical_column must be of type {}SequenceCategoricalColumn to "
        "use SequenceFeatures. Suggested fix: Use one of sequence_categorical_column_with_*. "
        "Given (type {}): {}".format(kind, column.name, wanted, _tf_type(cat), cat))


def sequence_dense_tensor(column, inputs, embedding_weights=None, weight_collections=None,
                          trainable=None, v1_api=False):
    """TF 1.14's get_sequence_dense_tensor of an embedding, indicator or sequence numeric
    column: TensorSequenceLengthPair([batch, time, ...], [batch] int64). An embedding
    variable not given is made in the current variable scope with `weight_collections` and
    `trainable`. `v1_api`: as the v1 column API's _get_sequence_dense_tensor (what
    tf.contrib.feature_column calls)."""
    if isinstance(column, fc.EmbeddingColumn):
        if not isinstance(column.categorical_column, SequenceCategoricalColumn):
            raise _not_sequence_error("embedding", column, v1_api)
        pair = column.categorical_column._get_sparse_tensors(inputs)
        if embedding_weights is None:
            embedding_weights = column._create_variables(weight_collections, trainable)
        dense = safe_embedding_lookup_sparse(
            embedding_weights=embedding_weights, sparse_ids=pair.id_tensor,
            sparse_weights=pair.weight_tensor, combiner=column.combiner,
            name=f"{column.name}_weights", max_norm=column.max_norm)
        return TensorSequenceLengthPair(dense, sequence_length_from_sparse_tensor(
            pair.id_tensor))
    if isinstance(column, fc.IndicatorColumn):
        if not isinstance(column.categorical_column, SequenceCategoricalColumn):
            raise _not_sequence_error("indicator", column, v1_api)
        dense = inputs.get(column)
        pair = column.categorical_column._get_sparse_tensors(inputs)
        return TensorSequenceLengthPair(dense, sequence_length_from_sparse_tensor(
            pair.id_tensor))
    sp_tensor = inputs.get(column)
    dense = sparse_ops.sparse_tensor_to_dense(sp_tensor, default_value=column.default_value)
    dense_shape = array_ops.concat([array_ops.shape(dense)[:1], [-1],
                                    list(column.shape)], axis=0)
    dense = array_ops.reshape(dense, shape=dense_shape)
    num_elements = (column._variable_shape.num_elements()
                    if sp_tensor.shape.ndims == 2 else 1)
    return TensorSequenceLengthPair(dense, sequence_length_from_sparse_tensor(
        sp_tensor, num_elements=num_elements))


def is_sequence_dense(column):
    """Whether `column` is one of TF 1.14's SequenceDenseColumns."""
    return isinstance(column, (fc.EmbeddingColumn, fc.IndicatorColumn, SequenceNumericColumn))


# -- constructors ----------------------------------------------------------------------------
def sequence_categorical_column_with_identity(key, num_buckets, default_value=None):
    """A sequence of integer ids in [0, num_buckets) per example."""
    return SequenceCategoricalColumn(fc.categorical_column_with_identity(
        key=key, num_buckets=num_buckets, default_value=default_value))


def sequence_categorical_column_with_hash_bucket(key, hash_bucket_size, dtype=_dt.string):
    """A sequence of hashed ids per example (TF's buckets)."""
    return SequenceCategoricalColumn(fc.categorical_column_with_hash_bucket(
        key=key, hash_bucket_size=hash_bucket_size, dtype=dtype))


def sequence_categorical_column_with_vocabulary_file(key, vocabulary_file,
                                                     vocabulary_size=None, num_oov_buckets=0,
                                                     default_value=None, dtype=_dt.string):
    """A sequence of ids per example: the line numbers of its values in `vocabulary_file`."""
    return SequenceCategoricalColumn(fc.categorical_column_with_vocabulary_file(
        key=key, vocabulary_file=vocabulary_file, vocabulary_size=vocabulary_size,
        num_oov_buckets=num_oov_buckets, default_value=default_value, dtype=dtype))


def sequence_categorical_column_with_vocabulary_list(key, vocabulary_list, dtype=None,
                                                     default_value=-1, num_oov_buckets=0):
    """A sequence of ids per example: the positions of its values in `vocabulary_list`."""
    return SequenceCategoricalColumn(fc.categorical_column_with_vocabulary_list(
        key=key, vocabulary_list=vocabulary_list, dtype=dtype, default_value=default_value,
        num_oov_buckets=num_oov_buckets))


def sequence_numeric_column(key, shape=(1,), default_value=0., dtype=_dt.float32,
                            normalizer_fn=None):
    """A sequence of numeric values of `shape` per example."""
    shape = fc._check_shape(shape=shape, key=key)
    dtype = _dt.as_dtype(dtype)
    if not (dtype.is_integer or dtype.is_floating):
        raise ValueError(f"dtype must be convertible to float. dtype: {dtype}, key: {key}")
    if normalizer_fn is not None and not callable(normalizer_fn):
        raise TypeError(f"normalizer_fn must be a callable. Given: {normalizer_fn}")
    return SequenceNumericColumn(key, shape=shape, default_value=default_value, dtype=dtype,
                                 normalizer_fn=normalizer_fn)

"""tf.contrib.feature_column (TF 1.14 contrib/feature_column/python/feature_column/
sequence_feature_column.py): the sequence column constructors of the v1 column API and
sequence_input_layer, which turns a dict of sequence features and sequence dense columns
(embedding or indicator columns over sequence_categorical_column_with_*,
sequence_numeric_column) into the [batch, time, total width] input of an RNN and its [batch]
sequence lengths.

The columns are flowgrad's sequence columns (feature_column/sequence_feature_column.py),
named as TF's contrib names them (`_SequenceCategoricalColumn`, `_SequenceNumericColumn`);
the ops are TF's: each column in variable scope `sequence_input_layer/<column name>`, in
name order, its embedding variable made there (TF's _get_sequence_dense_tensor).
"""
from __future__ import annotations


from ..engine.framework import dtypes as _dt
from ..feature_column import feature_column_v2 as _fc
from ..feature_column import sequence_feature_column as _sfc
from ..feature_column.feature_column import (_LazyBuilder, _normalize_feature_columns,
                                             _verify_static_batch_size_equality)
from ..keras.layers.sequence_features import _assert_all_equal_and_return
from ..ops import array_ops
from ..ops.variable_scope import variable_scope

__all__ = ["sequence_categorical_column_with_hash_bucket",
           "sequence_categorical_column_with_identity",
           "sequence_categorical_column_with_vocabulary_file",
           "sequence_categorical_column_with_vocabulary_list", "sequence_input_layer",
           "sequence_numeric_column"]

_TF_CONTRIB = ("tensorflow.contrib.feature_column.python.feature_column."
               "sequence_feature_column.")
# a v1 column's field where the v2 column (which flowgrad's is) names it otherwise
_V1_FIELDS = {"number_buckets": "num_buckets"}


class _SequenceCategoricalColumn(_sfc.SequenceCategoricalColumn):
    """TF's v1 `_SequenceCategoricalColumn`: a sequence categorical column."""

    __slots__ = ()

    def __repr__(self):
        inner = self.categorical_column
        fields = ", ".join(f"{_V1_FIELDS.get(f, f)}={v!r}"
                           for f, v in zip(inner._fields, inner))
        return (f"_SequenceCategoricalColumn(categorical_column=_{type(inner).__name__}"
                f"({fields}))")


class _SequenceNumericColumn(_sfc.SequenceNumericColumn):
    """contrib's `_SequenceNumericColumn`: a sequence of numeric values per example."""

    __slots__ = ()

    def __repr__(self):
        return ("_SequenceNumericColumn(key={!r}, shape={!r}, default_value={!r}, dtype={!r}, "
                "normalizer_fn={!r})".format(*self))


def _tf_type(column):
    """repr(type(column)) as TF 1.14 prints it."""
    if isinstance(column, _SequenceNumericColumn):
        return f"<class '{_TF_CONTRIB}_SequenceNumericColumn'>"
    if isinstance(column, _SequenceCategoricalColumn):
        return ("<class 'tensorflow.python.feature_column.feature_column."
                "_SequenceCategoricalColumn'>")
    return _sfc._tf_type(column)


def sequence_input_layer(features, feature_columns, weight_collections=None, trainable=True):
    """(input [batch, T, D0 + ... + Dn], sequence length [batch]) of sequence dense
    `feature_columns` (sorted by name, concatenated on the last axis); the sequence
    lengths of all columns are asserted equal at run time."""
    feature_columns = _normalize_feature_columns(feature_columns)
    for c in feature_columns:
        if not _sfc.is_sequence_dense(c):
            raise ValueError(
                "All feature_columns must be of type _SequenceDenseColumn. You can wrap a "
                "sequence_categorical_column with an embedding_column or indicator_column. "
                "Given (type {}): {}".format(_tf_type(c), c))
    with variable_scope(None, default_name="sequence_input_layer",
                        values=list(features.values())):
        builder = _LazyBuilder(features)
        output_tensors, sequence_lengths, ordered_columns = [], [], []
        for column in sorted(feature_columns, key=lambda x: x.name):
            ordered_columns.append(column)
            with variable_scope(None, default_name=column._var_scope_name):
                dense, length = _sfc.sequence_dense_tensor(
                    column, builder, weight_collections=weight_collections,
                    trainable=trainable, v1_api=True)
                shape = array_ops.shape(dense)
                output_tensors.append(array_ops.reshape(
                    dense, shape=[shape[0], shape[1],
                                  column._variable_shape.num_elements()]))
                sequence_lengths.append(length)
        _verify_static_batch_size_equality(output_tensors, ordered_columns)
        _verify_static_batch_size_equality(sequence_lengths, ordered_columns)
        sequence_length = _assert_all_equal_and_return(sequence_lengths)
        return array_ops.concat(output_tensors, -1), sequence_length


def sequence_categorical_column_with_identity(key, num_buckets, default_value=None):
    """A sequence of integer ids in [0, num_buckets) per example."""
    return _SequenceCategoricalColumn(_fc.categorical_column_with_identity(
        key=key, num_buckets=num_buckets, default_value=default_value))


def sequence_categorical_column_with_hash_bucket(key, hash_bucket_size, dtype=_dt.string):
    """A sequence of hashed ids per example (TF's buckets)."""
    return _SequenceCategoricalColumn(_fc.categorical_column_with_hash_bucket(
        key=key, hash_bucket_size=hash_bucket_size, dtype=dtype))


def sequence_categorical_column_with_vocabulary_file(key, vocabulary_file,
                                                     vocabulary_size=None, num_oov_buckets=0,
                                                     default_value=None, dtype=_dt.string):
    """A sequence of ids per example: the line numbers of its values in `vocabulary_file`."""
    return _SequenceCategoricalColumn(_fc.categorical_column_with_vocabulary_file(
        key=key, vocabulary_file=vocabulary_file, vocabulary_size=vocabulary_size,
        num_oov_buckets=num_oov_buckets, default_value=default_value, dtype=dtype))


def sequence_categorical_column_with_vocabulary_list(key, vocabulary_list, dtype=None,
                                                     default_value=-1, num_oov_buckets=0):
    """A sequence of ids per example: the positions of its values in `vocabulary_list`."""
    return _SequenceCategoricalColumn(_fc.categorical_column_with_vocabulary_list(
        key=key, vocabulary_list=vocabulary_list, dtype=dtype, default_value=default_value,
        num_oov_buckets=num_oov_buckets))


def sequence_numeric_column(key, shape=(1,), default_value=0., dtype=_dt.float32,
                            normalizer_fn=None):
    """A sequence of numeric values of `shape` per example."""
    return _SequenceNumericColumn(*_sfc.sequence_numeric_column(
        key, shape=shape, default_value=default_value, dtype=dtype,
        normalizer_fn=normalizer_fn))

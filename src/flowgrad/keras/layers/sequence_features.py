"""tf.keras.experimental.SequenceFeatures (TF 1.14 feature_column/sequence_feature_column.py):
from a dict of sequence features and sequence dense columns (embedding or indicator columns
over sequence_categorical_column_with_*, sequence_numeric_column), the [batch, time, total
width] input of a sequence model and the [batch] sequence lengths.

As TF 1.14's layer (built as DenseFeatures is): the columns are sorted by name; build
makes each embedding column's variable before any column's ops; each call computes the
columns in name scopes `<column name>`, concatenates them on the last axis and returns the
first column's sequence lengths, asserted equal to the others' at run time (TF's
assert_all_equal).
"""
from ...engine.framework.graph import control_dependencies, name_scope
from ...feature_column.feature_column import (_LazyBuilder,
                                              _verify_static_batch_size_equality)
from ...feature_column.sequence_feature_column import (_shape, is_sequence_dense,
                                                       sequence_dense_tensor)
from ...ops import array_ops, check_ops
from ..engine.base_layer import Layer
from .dense_features import DenseFeatures, _normalize_feature_columns

__all__ = ["SequenceFeatures"]

_TF_SEQUENCE_DENSE = ("<class 'tensorflow.python.feature_column.feature_column_v2."
                      "SequenceDenseColumn'>")


def _assert_all_equal_and_return(tensors, name=None):
    with name_scope(name, "assert_all_equal", tensors):
        if len(tensors) == 1:
            return tensors[0]
        asserts = [check_ops.assert_equal(tensors[0], t) for t in tensors[1:]]
        with control_dependencies(asserts):
            return array_ops.identity(tensors[0])


class SequenceFeatures(Layer):
    """(sequence input [batch, time, width], sequence length [batch]) of
    `feature_columns` from a dict of sequence features."""

    def __init__(self, feature_columns, trainable=True, name=None, **kwargs):
        super().__init__(name=name, trainable=trainable, **kwargs)
        self._feature_columns = _normalize_feature_columns(feature_columns)
        for column in self._feature_columns:
            if not is_sequence_dense(column):
                raise ValueError("Items of feature_columns must be a {}. You can wrap a "
                                 "categorical column with an embedding_column or "
                                 "indicator_column. Given: {}".format(_TF_SEQUENCE_DENSE,
                                                                      column))
        self._embedding_weights = {}

    _is_feature_layer = DenseFeatures._is_feature_layer
    build = DenseFeatures.build

    def compute_output_shape(self, input_shape):
        total = sum(c._variable_shape.num_elements() for c in self._feature_columns)
        return (input_shape[0], input_shape[1], total)

    def call(self, features):
        if not isinstance(features, dict):
            raise ValueError("We expected a dictionary here. Instead we got: ", features)
        builder = _LazyBuilder(features)
        output_tensors, sequence_lengths = [], []
        for column in self._feature_columns:
            with name_scope(column.name):
                dense, length = sequence_dense_tensor(
                    column, builder, self._embedding_weights.get(column))
                shape = _shape(dense)
                output_tensors.append(array_ops.reshape(
                    dense, shape=(shape[0], shape[1], column._variable_shape.num_elements())))
                sequence_lengths.append(length)
        _verify_static_batch_size_equality(sequence_lengths, self._feature_columns)
        sequence_length = _assert_all_equal_and_return(sequence_lengths)
        _verify_static_batch_size_equality(output_tensors, self._feature_columns)
        return array_ops.concat(output_tensors, -1), sequence_length

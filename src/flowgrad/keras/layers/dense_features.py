"""tf.keras.layers.DenseFeatures (TF 1.14 feature_column/feature_column_v2.py): the dense
[batch, total width] input of a model, from a dict of features and dense feature columns
(numeric, bucketized, indicator, embedding), through tf.feature_column's machinery.

As TF 1.14's layer: the columns are sorted by name; build makes each embedding column's
variable (a resource variable `<layer name>/<column name>/embedding_weights`, in variable
scopes that open no name scope) before any column's ops, so a graph seed gives TF's
numbers; each call computes the columns in name scopes `<column name>` and concatenates
them; the layer can be called again on other features and shares its variables.
get_config is the base layer's (name, trainable, dtype: from_config then lacks
feature_columns) and keras.layers.deserialize does not know the layer, as in TF 1.14.
Differences: errors raised inside `call` are not wrapped in AutoGraph's "in converted
code:" message; v1-only columns (shared_embedding_columns) are refused with TF's error.
"""
import collections.abc

from ...feature_column.feature_column import (_LazyBuilder, _SharedEmbeddingColumn,
                                              _verify_static_batch_size_equality)
from ...feature_column.feature_column_v2 import DenseColumn, EmbeddingColumn, FeatureColumn
from ...engine.framework.graph import name_scope
from ...ops import array_ops, variables
from ...ops.variable_scope import _PureVariableScope, get_variable
from ..engine.base_layer import Layer

__all__ = ["DenseFeatures"]

_TF_DENSE_COLUMN = "<class 'tensorflow.python.feature_column.feature_column_v2.DenseColumn'>"


def _pure_variable_scope(name):
    return _PureVariableScope(name, None, None, None, None, None, None, None, None, None,
                              None)


def _normalize_feature_columns(feature_columns):
    """TF 1.14's feature_column_v2 checks; the columns sorted by name."""
    if isinstance(feature_columns, FeatureColumn):
        feature_columns = [feature_columns]
    if isinstance(feature_columns, collections.abc.Iterator):
        feature_columns = list(feature_columns)
    if isinstance(feature_columns, dict):
        raise ValueError("Expected feature_columns to be iterable, found dict.")
    for column in feature_columns:
        if not isinstance(column, FeatureColumn):
            raise ValueError("Items of feature_columns must be a FeatureColumn. Given (type "
                             "{}): {}.".format(type(column), column))
    if not feature_columns:
        raise ValueError("feature_columns must not be empty.")
    name_to_column = {}
    for column in feature_columns:
        if column.name in name_to_column:
            raise ValueError(
                "Duplicate feature column name found for columns: {} and {}. This usually "
                "means that these columns refer to same base feature. Either one must be "
                "discarded or a duplicated but renamed item must be inserted in features "
                "dict.".format(column, name_to_column[column.name]))
        name_to_column[column.name] = column
    return sorted(feature_columns, key=lambda x: x.name)


class DenseFeatures(Layer):
    """A dense tensor of `feature_columns` (all DenseColumns) from a dict of features."""

    def __init__(self, feature_columns, trainable=True, name=None, **kwargs):
        super().__init__(name=name, trainable=trainable, **kwargs)
        self._feature_columns = _normalize_feature_columns(feature_columns)
        for column in self._feature_columns:
            if not isinstance(column, DenseColumn) or \
                    isinstance(column, _SharedEmbeddingColumn):
                raise ValueError("Items of feature_columns must be a {}. You can wrap a "
                                 "categorical column with an embedding_column or "
                                 "indicator_column. Given: {}".format(_TF_DENSE_COLUMN, column))
        self._embedding_weights = {}

    @property
    def _is_feature_layer(self):
        return True

    def build(self, _):
        for column in self._feature_columns:
            with _pure_variable_scope(self.name), _pure_variable_scope(column.name):
                if isinstance(column, EmbeddingColumn):
                    self._embedding_weights[column] = self.add_weight(
                        name="embedding_weights",
                        shape=(column.categorical_column._num_buckets, column.dimension),
                        dtype="float32", initializer=column.initializer,
                        trainable=self.trainable and column.trainable, use_resource=True,
                        getter=get_variable,
                        synchronization=variables.VariableSynchronization.AUTO,
                        aggregation=variables.VariableAggregation.NONE)
        self.built = True

    def compute_output_shape(self, input_shape):
        total = sum(c._variable_shape.num_elements() for c in self._feature_columns)
        return (input_shape[0], total)

    def call(self, features, cols_to_output_tensors=None):
        if not isinstance(features, dict):
            raise ValueError("We expected a dictionary here. Instead we got: ", features)
        builder = _LazyBuilder(features)
        output_tensors = []
        for column in self._feature_columns:
            with name_scope(column.name):
                if column in self._embedding_weights:
                    tensor = column._get_dense_tensor(
                        builder, embedding_weights=self._embedding_weights[column])
                else:
                    tensor = column._get_dense_tensor(builder)
                num_elements = column._variable_shape.num_elements()
                processed = array_ops.reshape(
                    tensor, shape=(array_ops.shape(tensor)[0], num_elements))
                if cols_to_output_tensors is not None:
                    cols_to_output_tensors[column] = processed
                output_tensors.append(processed)
        _verify_static_batch_size_equality(output_tensors, self._feature_columns)
        return array_ops.concat(output_tensors, -1)

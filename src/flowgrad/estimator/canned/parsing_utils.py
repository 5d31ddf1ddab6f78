"""`tf.estimator.classifier_parse_example_spec` and `regressor_parse_example_spec`: the
parse spec of the feature columns plus the label (and weight) feature."""
from __future__ import annotations

from ...engine.framework import dtypes
from ...ops.parsing_ops import FixedLenFeature
from ._common import feature_column_lib

__all__ = ["classifier_parse_example_spec", "regressor_parse_example_spec"]


def _with_label_and_weight(feature_columns, label_key, label_feature, weight_column):
    fc = feature_column_lib()
    spec = fc.make_parse_example_spec(feature_columns)
    if label_key in spec:
        raise ValueError("label should not be used as feature. label_key: {}, features: {}"
                         .format(label_key, spec.keys()))
    spec[label_key] = label_feature
    if weight_column is None:
        return spec
    if isinstance(weight_column, str):
        weight_column = fc.numeric_column(weight_column)
    if type(weight_column).__name__ != "NumericColumn":
        raise ValueError("weight_column should be an instance of "
                         "tf.feature_column.numeric_column. Given type: {} value: {}"
                         .format(type(weight_column), weight_column))
    if weight_column.key in spec:
        raise ValueError("weight_column should not be used as feature. weight_column: {}, "
                         "features: {}".format(weight_column.key, spec.keys()))
    spec.update(weight_column.parse_example_spec)
    return spec


def classifier_parse_example_spec(feature_columns, label_key, label_dtype=dtypes.int64,
                                  label_default=None, weight_column=None):
    """The parse spec of a classifier's Examples: the columns', the label's (shape [1])
    and the weight column's."""
    return _with_label_and_weight(feature_columns, label_key,
                                  FixedLenFeature((1,), label_dtype, label_default),
                                  weight_column)


def regressor_parse_example_spec(feature_columns, label_key, label_dtype=dtypes.float32,
                                 label_default=None, label_dimension=1, weight_column=None):
    """The parse spec of a regressor's Examples: the columns', the label's (shape
    [label_dimension]) and the weight column's."""
    return _with_label_and_weight(feature_columns, label_key,
                                  FixedLenFeature((label_dimension,), label_dtype,
                                                  label_default),
                                  weight_column)

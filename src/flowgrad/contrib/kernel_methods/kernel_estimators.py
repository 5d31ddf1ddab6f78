"""TF 1.14's KernelLinearClassifier (contrib/kernel_methods/python/kernel_estimators.py): a
contrib.learn linear classifier (linear._linear_model_fn) whose real-valued columns are
first mapped by their kernel mappers: column `c` gets a real_valued_column `c_MAPPED` of the
mappers' concatenated outputs, beside the given feature columns."""
from __future__ import annotations

from ...logging import warning
from ...ops import array_ops
from ..layers import feature_column as _layers_fc
from ..learn import head as head_lib
from ..learn import linear
from ..learn.constants import PredictionKey
from ..learn.estimator import Estimator
from .mappers import DenseKernelMapper

__all__ = ["KernelLinearClassifier"]

_FEATURE_COLUMNS = "feature_columns"
_KERNEL_MAPPERS = "kernel_mappers"
_OPTIMIZER = "optimizer"


def _check_valid_kernel_mappers(kernel_mappers):
    if kernel_mappers is None:
        return True
    return all(isinstance(m, DenseKernelMapper)
               for mappers in kernel_mappers.values() for m in mappers)


def _check_valid_head(head):
    return isinstance(head, (head_lib._BinaryLogisticHead, head_lib._MultiClassHead))


def _update_features_and_columns(features, feature_columns, kernel_mappers_dict):
    """`features` with each mapped column's `<name>_MAPPED` tensor, and the columns with
    its real_valued_column."""
    if kernel_mappers_dict is None:
        return features, feature_columns
    mapped_features = {}
    mapped_columns = set()
    for feature_column in kernel_mappers_dict:
        column_name = feature_column.name
        if not isinstance(feature_column, _layers_fc._RealValuedColumn):
            warning("Updates are currently supported on RealValuedColumns only. Metadata "
                    f"for FeatureColumn {column_name} will not be updated.")
            continue
        mapped_column_name = column_name + "_MAPPED"
        column_kernel_mappers = kernel_mappers_dict[feature_column]
        new_dim = sum(mapper.output_dim for mapper in column_kernel_mappers)
        mapped_columns.add(_layers_fc.real_valued_column(mapped_column_name, new_dim))
        output_tensors = [m.map(features[column_name]) for m in column_kernel_mappers]
        mapped_features[mapped_column_name] = array_ops.concat(output_tensors, 1)
    features = features.copy()
    features.update(mapped_features)
    feature_columns = set(feature_columns)
    feature_columns.update(mapped_columns)
    return features, feature_columns


def _kernel_model_fn(features, labels, mode, params, config=None):
    updated_features, updated_columns = _update_features_and_columns(
        features, params[_FEATURE_COLUMNS], params[_KERNEL_MAPPERS])
    params[_FEATURE_COLUMNS] = updated_columns
    return linear._linear_model_fn(updated_features, labels, mode, params, config)


class _KernelEstimator(Estimator):
    """A linear estimator over kernel-mapped features (TF's _KernelEstimator)."""

    def __init__(self, feature_columns=None, model_dir=None, weight_column_name=None,
                 head=None, optimizer=None, kernel_mappers=None, config=None):
        if not feature_columns and not kernel_mappers:
            raise ValueError("You should set at least one of feature_columns, kernel_mappers.")
        if not _check_valid_kernel_mappers(kernel_mappers):
            raise ValueError("Invalid kernel mappers.")
        if not _check_valid_head(head):
            raise ValueError("head type: {} is not supported. Supported head types: "
                             "_BinaryLogisticHead, _MultiClassHead.".format(type(head)))
        params = {"head": head, _FEATURE_COLUMNS: feature_columns or [],
                  _OPTIMIZER: optimizer, _KERNEL_MAPPERS: kernel_mappers}
        super().__init__(model_fn=_kernel_model_fn, model_dir=model_dir, config=config,
                         params=params)


class KernelLinearClassifier(_KernelEstimator):
    """A linear classifier (n_classes; logistic for 2) over feature columns and
    kernel-mapped real-valued columns."""

    def __init__(self, feature_columns=None, model_dir=None, n_classes=2,
                 weight_column_name=None, optimizer=None, kernel_mappers=None, config=None):
        super().__init__(feature_columns=feature_columns, model_dir=model_dir,
                         weight_column_name=weight_column_name,
                         head=head_lib.multi_class_head(
                             n_classes=n_classes, weight_column_name=weight_column_name),
                         optimizer=optimizer, kernel_mappers=kernel_mappers, config=config)

    def predict_classes(self, input_fn=None):
        """The predicted classes, one per example (an iterator)."""
        key = PredictionKey.CLASSES
        predictions = super().predict(input_fn=input_fn, outputs=[key])
        return (pred[key] for pred in predictions)

    def predict_proba(self, input_fn=None):
        """The predicted class probabilities, one per example (an iterator)."""
        key = PredictionKey.PROBABILITIES
        predictions = super().predict(input_fn=input_fn, outputs=[key])
        return (pred[key] for pred in predictions)

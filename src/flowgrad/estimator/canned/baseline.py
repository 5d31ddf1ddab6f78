"""`tf.estimator.BaselineClassifier` and `BaselineRegressor` (TF 1.14's canned/baseline.py):
logits are one bias per output ('baseline/bias', zeros), the same for every example, so
the model learns the label distribution (classifier) or mean (regressor); Ftrl at 0.3."""
from __future__ import annotations

from ...engine.framework import dtypes
from ...engine.framework.graph import control_dependencies
from ...engine.ops import construction, elementwise
from ...engine.ops import shape as shape_ops
from ...losses import losses_impl as losses
from ...ops import check_ops, init_ops
from ...ops.variable_scope import get_variable, variable_scope
from ...train import training_util
from ..estimator import Estimator
from . import head as head_lib
from . import optimizers
from ._common import validate_features

__all__ = ["BaselineClassifier", "BaselineEstimator", "BaselineRegressor"]

_LEARNING_RATE = 0.3


def _weight_key(weight_column):
    if weight_column is None:
        return None
    if isinstance(weight_column, str):
        return weight_column
    if type(weight_column).__name__ not in ("NumericColumn", "_NumericColumn"):
        raise TypeError("Weight column must be either a string or _NumericColumn. Given "
                        "type: {}.".format(type(weight_column)))
    return weight_column.key


def _baseline_logits(features, num_outputs, weight_column):
    weight_key = _weight_key(weight_column)
    # TF's _get_batch_size_and_size_checks: every feature but the weights has the first
    # one's batch size (assert_equal at run time)
    size_checks, batch_size = [], None
    for key, feature in features.items():
        if key == weight_key:
            continue
        first_dim = shape_ops.shape(feature)[0]
        if batch_size is None:
            batch_size = first_dim
        else:
            size_checks.append(check_ops.assert_equal(batch_size, first_dim))
    with control_dependencies(size_checks), variable_scope("baseline"):
        bias = get_variable("bias", shape=[num_outputs], initializer=init_ops.zeros_initializer())
        return elementwise.multiply(bias, construction.ones([batch_size, num_outputs],
                                                            dtype=dtypes.float32))


def _baseline_model_fn(features, labels, mode, head, optimizer, weight_column):
    validate_features(features)
    logits = _baseline_logits(features, head.logits_dimension, weight_column)

    def train_op_fn(loss):
        opt = optimizers.get_optimizer_instance(optimizer, learning_rate=_LEARNING_RATE)
        return opt.minimize(loss, global_step=training_util.get_global_step())
    return head.create_estimator_spec(features=features, mode=mode, logits=logits,
                                      labels=labels, train_op_fn=train_op_fn)


class BaselineClassifier(Estimator):
    """Predicts the class distribution of the training labels, whatever the features."""

    def __init__(self, model_dir=None, n_classes=2, weight_column=None,
                 label_vocabulary=None, optimizer="Ftrl", config=None,
                 loss_reduction=losses.Reduction.SUM):
        head = head_lib.binary_or_multi_class_head(n_classes, weight_column,
                                                   label_vocabulary, loss_reduction)

        def _model_fn(features, labels, mode, config):
            return _baseline_model_fn(features, labels, mode, head, optimizer, weight_column)
        super().__init__(model_fn=_model_fn, model_dir=model_dir, config=config)


class BaselineRegressor(Estimator):
    """Predicts the mean of the training labels, whatever the features."""

    def __init__(self, model_dir=None, label_dimension=1, weight_column=None,
                 optimizer="Ftrl", config=None, loss_reduction=losses.Reduction.SUM):
        head = head_lib.regression_head(weight_column=weight_column,
                                        label_dimension=label_dimension,
                                        loss_reduction=loss_reduction)

        def _model_fn(features, labels, mode, config):
            # TF 1.14's BaselineRegressor passes no weight column: the weights feature's
            # batch size is checked as the others'
            return _baseline_model_fn(features, labels, mode, head, optimizer, None)
        super().__init__(model_fn=_model_fn, model_dir=model_dir, config=config)


class BaselineEstimator(Estimator):
    """Learns one bias per logit, whatever the features; loss, predictions and metrics are
    those of `head`."""

    def __init__(self, head, model_dir=None, optimizer="Ftrl", config=None):
        def _model_fn(features, labels, mode, config):
            return _baseline_model_fn(features, labels, mode, head, optimizer, None)
        super().__init__(model_fn=_model_fn, model_dir=model_dir, config=config)

"""`tf.contrib.learn.LinearClassifier` / `LinearRegressor` / `LinearEstimator` (TF 1.14's
contrib/learn/.../estimators/linear.py): contrib.layers' weighted sum of the feature columns
under the 'linear' scope, a contrib.learn head, and the optimizer (FTRL at min(0.2,
1/sqrt(#columns)) by default; a name picks contrib.layers' optimizer at 0.2) applied to the
gradients of the 'linear' collection's variables. The SDCA optimizer is not implemented."""
from __future__ import annotations

import math

from ...engine.autodiff.gradients import gradients
from ...engine.framework.graph import get_default_graph
from ...ops import math_ops, partitioned_variables
from ...ops.variable_scope import variable_scope
from ...train import FtrlOptimizer, training_util
from ..layers import feature_column as fc_contrib
from ..layers.feature_column_ops import (joint_weighted_sum_from_feature_columns,
                                         weighted_sum_from_feature_columns)
from ..layers.optimizers import OPTIMIZER_CLS_NAMES
from . import head as head_lib
from .canned import Classifier, Regressor
from .estimator import Estimator

__all__ = ["LinearClassifier", "LinearEstimator", "LinearRegressor"]

_LEARNING_RATE = 0.2


def _get_optimizer(spec):
    if isinstance(spec, str):
        return OPTIMIZER_CLS_NAMES[spec](learning_rate=_LEARNING_RATE)
    if callable(spec):
        return spec()
    return spec


def _default_optimizer(feature_columns):
    return FtrlOptimizer(learning_rate=min(_LEARNING_RATE,
                                           1.0 / math.sqrt(len(feature_columns))))


def _linear_model_fn(features, labels, mode, params, config=None):
    head = params["head"]
    feature_columns = params["feature_columns"]
    optimizer = params.get("optimizer") or _default_optimizer(feature_columns)
    clip_norm = params.get("gradient_clip_norm", None)
    num_ps = config.num_ps_replicas if config else 0
    features = features if isinstance(features, dict) else {"": features}
    parent_scope = "linear"
    with variable_scope(parent_scope, values=tuple(features.values()),
                        partitioner=partitioned_variables.min_max_variable_partitioner(
                            max_partitions=num_ps, min_slice_size=64 << 20)) as scope:
        if all(isinstance(c, fc_contrib._FeatureColumn) for c in feature_columns):
            layer_fn = (joint_weighted_sum_from_feature_columns if params.get("joint_weights")
                        else weighted_sum_from_feature_columns)
            logits, _, _ = layer_fn(columns_to_tensors=features,
                                    feature_columns=feature_columns,
                                    num_outputs=head.logits_dimension,
                                    weight_collections=[parent_scope], scope=scope)
        else:
            from ...feature_column import linear_model  # lazy: core feature columns
            logits = linear_model(features=features, feature_columns=feature_columns,
                                  units=head.logits_dimension,
                                  weight_collections=[parent_scope])

        def train_op_fn(loss):
            my_vars = get_default_graph().get_collection(parent_scope)
            grads = gradients(loss, my_vars)
            if clip_norm:
                grads, _ = math_ops.clip_by_global_norm(grads, clip_norm)
            return _get_optimizer(optimizer).apply_gradients(
                zip(grads, my_vars), global_step=training_util.get_global_step())

        return head.create_model_fn_ops(features=features, mode=mode, labels=labels,
                                        train_op_fn=train_op_fn, logits=logits)


def _check_optimizer(optimizer):
    if type(optimizer).__name__ == "SDCAOptimizer":
        raise NotImplementedError("tf.contrib.learn linear estimators: the SDCAOptimizer "
                                  "is not implemented by flowgrad")


class LinearClassifier(Classifier):
    """A linear classifier (softmax over n_classes, logistic for 2)."""

    def __init__(self, feature_columns, model_dir=None, n_classes=2, weight_column_name=None,
                 optimizer=None, gradient_clip_norm=None, enable_centered_bias=False,
                 _joint_weight=False, config=None, feature_engineering_fn=None,
                 label_keys=None):
        _check_optimizer(optimizer)
        self._feature_columns = tuple(feature_columns or [])
        assert self._feature_columns
        head = head_lib.multi_class_head(n_classes, weight_column_name=weight_column_name,
                                         enable_centered_bias=enable_centered_bias,
                                         label_keys=label_keys)
        super().__init__(model_fn=_linear_model_fn, model_dir=model_dir, config=config,
                         params={"head": head, "feature_columns": feature_columns,
                                 "optimizer": optimizer,
                                 "gradient_clip_norm": gradient_clip_norm,
                                 "joint_weights": _joint_weight},
                         feature_engineering_fn=feature_engineering_fn)


class LinearRegressor(Regressor):
    """A linear regressor (mean squared error on label_dimension scores)."""

    def __init__(self, feature_columns, model_dir=None, weight_column_name=None,
                 optimizer=None, gradient_clip_norm=None, enable_centered_bias=False,
                 label_dimension=1, _joint_weights=False, config=None,
                 feature_engineering_fn=None):
        _check_optimizer(optimizer)
        self._feature_columns = tuple(feature_columns or [])
        assert self._feature_columns
        head = head_lib.regression_head(weight_column_name=weight_column_name,
                                        label_dimension=label_dimension,
                                        enable_centered_bias=enable_centered_bias)
        super().__init__(model_fn=_linear_model_fn, model_dir=model_dir, config=config,
                         params={"head": head, "feature_columns": feature_columns,
                                 "optimizer": optimizer,
                                 "gradient_clip_norm": gradient_clip_norm,
                                 "joint_weights": _joint_weights},
                         feature_engineering_fn=feature_engineering_fn)


class LinearEstimator(Estimator):
    """A linear Estimator over any contrib.learn head (weight_column_name is taken and, as
    in TF 1.14, not used: the head's own weight column counts)."""

    def __init__(self, feature_columns, head, model_dir=None, weight_column_name=None,
                 optimizer=None, gradient_clip_norm=None, _joint_weights=False, config=None,
                 feature_engineering_fn=None):
        assert feature_columns
        if type(optimizer).__name__ == "SDCAOptimizer":
            raise ValueError("LinearEstimator does not support SDCA optimizer.")
        super().__init__(model_fn=_linear_model_fn, model_dir=model_dir, config=config,
                         params={"head": head, "feature_columns": feature_columns,
                                 "optimizer": optimizer,
                                 "gradient_clip_norm": gradient_clip_norm,
                                 "joint_weights": _joint_weights},
                         feature_engineering_fn=feature_engineering_fn)

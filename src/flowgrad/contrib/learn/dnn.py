"""`tf.contrib.learn.DNNClassifier` / `DNNRegressor` / `DNNEstimator` (TF 1.14's
contrib/learn/.../estimators/dnn.py): contrib.layers' input layer over the feature columns,
fully connected hidden layers dnn/hiddenlayer_<i> and dnn/logits (with their zero-fraction
and activation summaries), a contrib.learn head, and optimize_loss (Adagrad at 0.05 by
default)."""
from __future__ import annotations

from ...ops import math_ops, nn_ops, partitioned_variables
from ...ops.variable_scope import variable_scope
from ...summary import summary_ops
from ...train import training_util
from ..layers import feature_column as fc_contrib
from ..layers import layers as layers_lib
from ..layers.feature_column_ops import input_from_feature_columns
from ..layers.optimizers import optimize_loss
from . import head as head_lib
from .constants import ModeKeys, PredictionKey
from .metric_spec import MetricSpec
from .canned import Classifier, Regressor
from .estimator import Estimator

__all__ = ["DNNClassifier", "DNNEstimator", "DNNRegressor"]

_LEARNING_RATE = 0.05
_ACTIVATIONS = {"relu": nn_ops.relu, "tanh": math_ops.tanh, "sigmoid": math_ops.sigmoid}


def _activation(fn):
    if not isinstance(fn, str):
        return fn
    if fn not in _ACTIVATIONS:
        raise ValueError("Activation name should be one of [%s], you provided %s."
                         % (", ".join(_ACTIVATIONS), fn))
    return _ACTIVATIONS[fn]


def _layer_summary(value, tag):
    summary_ops.scalar("%s_fraction_of_zero_values" % tag, nn_ops.zero_fraction(value))
    summary_ops.histogram("%s_activation" % tag, value)


def _input_layer(features, feature_columns, parent_scope, scope):
    if all(isinstance(c, fc_contrib._FeatureColumn) for c in feature_columns):
        return input_from_feature_columns(columns_to_tensors=features,
                                          feature_columns=feature_columns,
                                          weight_collections=[parent_scope], scope=scope)
    from ...feature_column import input_layer  # lazy: core feature columns on first use
    return input_layer(features=features, feature_columns=feature_columns,
                       weight_collections=[parent_scope])


def _dnn_logits(features, params, mode, num_ps_replicas, parent_scope):
    """The input layer, hidden layers and logits (built in the `parent_scope` scope)."""
    head = params["head"]
    activation_fn = _activation(params.get("activation_fn"))
    dropout = params.get("dropout")
    min_slice = params.get("input_layer_min_slice_size") or 64 << 20
    with variable_scope("input_from_feature_columns", values=tuple(features.values()),
                        partitioner=partitioned_variables.min_max_variable_partitioner(
                            max_partitions=num_ps_replicas, min_slice_size=min_slice)
                        ) as input_scope:
        net = _input_layer(features, params["feature_columns"], parent_scope, input_scope)
    for i, units in enumerate(params["hidden_units"]):
        with variable_scope("hiddenlayer_%d" % i, values=(net,)) as scope:
            net = layers_lib.fully_connected(net, units, activation_fn=activation_fn,
                                             variables_collections=[parent_scope],
                                             scope=scope)
            if dropout is not None and mode == ModeKeys.TRAIN:
                net = layers_lib.dropout(net, keep_prob=(1.0 - dropout))
        _layer_summary(net, scope.name)
    with variable_scope("logits", values=(net,)) as scope:
        logits = layers_lib.fully_connected(net, head.logits_dimension, activation_fn=None,
                                            variables_collections=[parent_scope],
                                            scope=scope)
    _layer_summary(logits, scope.name)
    return logits


def _dnn_model_fn(features, labels, mode, params, config=None):
    head = params["head"]
    optimizer = params.get("optimizer") or "Adagrad"
    if params.get("embedding_lr_multipliers"):
        raise NotImplementedError("tf.contrib.learn DNN estimators: embedding_lr_multipliers "
                                  "is not implemented by flowgrad")
    features = features if isinstance(features, dict) else {"": features}
    num_ps = config.num_ps_replicas if config else 0
    parent_scope = "dnn"
    with variable_scope(parent_scope, values=tuple(features.values()),
                        partitioner=partitioned_variables.min_max_variable_partitioner(
                            max_partitions=num_ps)):
        logits = _dnn_logits(features, params, mode, num_ps, parent_scope)

        def train_op_fn(loss):
            return optimize_loss(loss=loss, global_step=training_util.get_global_step(),
                                 learning_rate=_LEARNING_RATE,
                                 optimizer=optimizer() if callable(optimizer) else optimizer,
                                 clip_gradients=params.get("gradient_clip_norm"),
                                 name=parent_scope, summaries=[])

        return head.create_model_fn_ops(features=features, mode=mode, labels=labels,
                                        train_op_fn=train_op_fn, logits=logits)


def _dnn_params(head, hidden_units, feature_columns, optimizer, activation_fn, dropout,
                gradient_clip_norm, embedding_lr_multipliers, input_layer_min_slice_size):
    return {"head": head, "hidden_units": hidden_units, "feature_columns": feature_columns,
            "optimizer": optimizer, "activation_fn": activation_fn, "dropout": dropout,
            "gradient_clip_norm": gradient_clip_norm,
            "embedding_lr_multipliers": embedding_lr_multipliers,
            "input_layer_min_slice_size": input_layer_min_slice_size}


class DNNClassifier(Classifier):
    """A feed-forward classifier (softmax over n_classes, logistic for 2)."""

    def __init__(self, hidden_units, feature_columns, model_dir=None, n_classes=2,
                 weight_column_name=None, optimizer=None, activation_fn=nn_ops.relu,
                 dropout=None, gradient_clip_norm=None, enable_centered_bias=False,
                 config=None, feature_engineering_fn=None, embedding_lr_multipliers=None,
                 input_layer_min_slice_size=None, label_keys=None):
        self._feature_columns = tuple(feature_columns or [])
        super().__init__(model_fn=_dnn_model_fn, model_dir=model_dir, config=config,
                         params=_dnn_params(
                             head_lib.multi_class_head(
                                 n_classes, weight_column_name=weight_column_name,
                                 enable_centered_bias=enable_centered_bias,
                                 label_keys=label_keys),
                             hidden_units, self._feature_columns, optimizer, activation_fn,
                             dropout, gradient_clip_norm, embedding_lr_multipliers,
                             input_layer_min_slice_size),
                         feature_engineering_fn=feature_engineering_fn)


class DNNRegressor(Regressor):
    """A feed-forward regressor (mean squared error on label_dimension scores)."""

    def __init__(self, hidden_units, feature_columns, model_dir=None,
                 weight_column_name=None, optimizer=None, activation_fn=nn_ops.relu,
                 dropout=None, gradient_clip_norm=None, enable_centered_bias=False,
                 config=None, feature_engineering_fn=None, label_dimension=1,
                 embedding_lr_multipliers=None, input_layer_min_slice_size=None):
        self._feature_columns = tuple(feature_columns or [])
        super().__init__(model_fn=_dnn_model_fn, model_dir=model_dir, config=config,
                         params=_dnn_params(
                             head_lib.regression_head(
                                 label_dimension=label_dimension,
                                 weight_column_name=weight_column_name,
                                 enable_centered_bias=enable_centered_bias),
                             hidden_units, self._feature_columns, optimizer, activation_fn,
                             dropout, gradient_clip_norm, embedding_lr_multipliers,
                             input_layer_min_slice_size),
                         feature_engineering_fn=feature_engineering_fn)

    def evaluate(self, x=None, y=None, input_fn=None, feed_fn=None, batch_size=None,
                 steps=None, metrics=None, name=None, checkpoint_path=None, hooks=None):
        """evaluate, bare metric functions applied to the 'scores' prediction."""
        custom = {}
        for key, metric in (metrics or {}).items():
            plain = not isinstance(metric, MetricSpec) and not isinstance(key, tuple)
            custom[(key, PredictionKey.SCORES) if plain else key] = metric
        return super().evaluate(x=x, y=y, input_fn=input_fn, feed_fn=feed_fn,
                                batch_size=batch_size, steps=steps, metrics=custom,
                                name=name, checkpoint_path=checkpoint_path, hooks=hooks)


class DNNEstimator(Estimator):
    """A feed-forward Estimator over any contrib.learn head."""

    def __init__(self, head, hidden_units, feature_columns, model_dir=None, optimizer=None,
                 activation_fn=nn_ops.relu, dropout=None, gradient_clip_norm=None,
                 config=None, feature_engineering_fn=None, embedding_lr_multipliers=None,
                 input_layer_min_slice_size=None):
        super().__init__(model_fn=_dnn_model_fn, model_dir=model_dir, config=config,
                         params=_dnn_params(head, hidden_units, feature_columns, optimizer,
                                            activation_fn, dropout, gradient_clip_norm,
                                            embedding_lr_multipliers,
                                            input_layer_min_slice_size),
                         feature_engineering_fn=feature_engineering_fn)

"""`tf.contrib.learn.DNNLinearCombinedClassifier` / `DNNLinearCombinedRegressor` /
`DNNLinearCombinedEstimator` (TF 1.14's contrib/learn/.../estimators/dnn_linear_combined.py,
the wide & deep model): the 'dnn' tower (contrib.layers' input layer, hiddenlayer_<i>,
logits) and the 'linear' weighted sum added together, a contrib.learn head, and one
optimize_loss per tower (Adagrad at 0.05 over the 'dnn' collection, FTRL at
min(0.2, 1/sqrt(#linear columns)) over the 'linear' collection). With TF's default
fix_global_step_increment_bug=False both towers increment global_step (two per step)."""
from __future__ import annotations

import math

from ...engine.framework.graph import colocate_with, control_dependencies, get_collection
from ...engine.ops.ordering import group
from ...ops import nn_ops, partitioned_variables, state_ops
from ...ops.variable_scope import variable_scope
from ...summary import summary_ops
from ...train import training_util
from ...train.sync_replicas_optimizer import SyncReplicasOptimizer
from ..framework.deprecation import deprecated_arg_values
from ..layers import feature_column as fc_contrib
from ..layers import layers as layers_lib
from ..layers.feature_column_ops import (joint_weighted_sum_from_feature_columns,
                                         weighted_sum_from_feature_columns)
from ..layers.optimizers import optimize_loss
from . import head as head_lib
from .canned import Classifier, Regressor
from .constants import ModeKeys, PredictionKey
from .dnn import _input_layer
from .estimator import Estimator
from .metric_spec import MetricSpec

__all__ = ["DNNLinearCombinedClassifier", "DNNLinearCombinedEstimator",
           "DNNLinearCombinedRegressor"]

_DNN_LEARNING_RATE = 0.05
_LINEAR_LEARNING_RATE = 0.2

_FIX_GLOBAL_STEP_INCREMENT_DATE = "2017-04-15"
_FIX_GLOBAL_STEP_INCREMENT_INSTRUCTIONS = (
    "Please set fix_global_step_increment_bug=True and update training steps "
    "in your pipeline. See pydoc for details.")


def _get_optimizer(optimizer):
    return optimizer() if callable(optimizer) else optimizer


def _check_no_sync_replicas_optimizer(optimizer):
    if isinstance(optimizer, SyncReplicasOptimizer):
        raise ValueError(
            "SyncReplicasOptimizer is not supported in DNNLinearCombined model. "
            "If you want to use this optimizer, please use either DNN or Linear model.")


def _linear_learning_rate(num_linear_feature_columns):
    return min(_LINEAR_LEARNING_RATE, 1. / math.sqrt(num_linear_feature_columns))


def _add_layer_summary(value, tag):
    summary_ops.scalar("%s/fraction_of_zero_values" % tag, nn_ops.zero_fraction(value))
    summary_ops.histogram("%s/activation" % tag, value)


def _extract_embedding_lr_multipliers(embedding_lr_multipliers, collection_key,
                                      input_layer_scope):
    if not embedding_lr_multipliers:
        return None
    gradient_multipliers = {}
    for column, lr_mult in embedding_lr_multipliers.items():
        if not isinstance(column, fc_contrib._EmbeddingColumn):
            raise ValueError("learning rate multipler can only be defined for embedding "
                             "columns. It is defined for {}".format(column))
        embedding = get_collection(collection_key, input_layer_scope + "/" + column.name)
        if not embedding:
            raise ValueError("Couldn't find a variable for column {}".format(column))
        for v in embedding:
            gradient_multipliers[v] = lr_mult
    return gradient_multipliers


def _dnn_tower(features, mode, head, params, num_ps_replicas, input_layer_partitioner):
    """The 'dnn' logits and the input layer's scope name."""
    columns = params.get("dnn_feature_columns")
    hidden_units = params.get("dnn_hidden_units")
    activation_fn = params.get("dnn_activation_fn") or nn_ops.relu
    dropout = params.get("dnn_dropout")
    if not hidden_units:
        raise ValueError("dnn_hidden_units must be defined when dnn_feature_columns is "
                         "specified.")
    parent = "dnn"
    with variable_scope(parent, values=tuple(features.values()),
                        partitioner=partitioned_variables.min_max_variable_partitioner(
                            max_partitions=num_ps_replicas)):
        with variable_scope("input_from_feature_columns", values=tuple(features.values()),
                            partitioner=input_layer_partitioner) as input_scope:
            net = _input_layer(features, columns, parent, input_scope)
        for layer_id, units in enumerate(hidden_units):
            with variable_scope("hiddenlayer_%d" % layer_id, values=(net,)) as scope:
                net = layers_lib.fully_connected(net, units, activation_fn=activation_fn,
                                                 variables_collections=[parent], scope=scope)
                if dropout is not None and mode == ModeKeys.TRAIN:
                    net = layers_lib.dropout(net, keep_prob=(1.0 - dropout))
            _add_layer_summary(net, scope.name)
        with variable_scope("logits", values=(net,)) as scope:
            logits = layers_lib.fully_connected(net, head.logits_dimension,
                                                activation_fn=None,
                                                variables_collections=[parent], scope=scope)
        _add_layer_summary(logits, scope.name)
    return logits, input_scope.name


def _linear_tower(features, head, params, num_ps_replicas):
    columns = params.get("linear_feature_columns")
    parent = "linear"
    with variable_scope(parent, values=tuple(features.values()),
                        partitioner=partitioned_variables.min_max_variable_partitioner(
                            max_partitions=num_ps_replicas, min_slice_size=64 << 20)
                        ) as scope:
        if all(isinstance(c, fc_contrib._FeatureColumn) for c in columns):
            layer_fn = (joint_weighted_sum_from_feature_columns
                        if params.get("joint_linear_weights")
                        else weighted_sum_from_feature_columns)
            logits, _, _ = layer_fn(columns_to_tensors=features, feature_columns=columns,
                                    num_outputs=head.logits_dimension,
                                    weight_collections=[parent], scope=scope)
        else:
            from ...feature_column import linear_model  # lazy: core feature columns
            logits = linear_model(features=features, feature_columns=columns,
                                  units=head.logits_dimension, weight_collections=[parent])
        _add_layer_summary(logits, scope.name)
    return logits


def _dnn_linear_combined_model_fn(features, labels, mode, params, config=None):
    """TF's wide & deep model_fn: returns the head's ModelFnOps."""
    head = params["head"]
    linear_feature_columns = params.get("linear_feature_columns")
    linear_optimizer = params.get("linear_optimizer") or "Ftrl"
    dnn_feature_columns = params.get("dnn_feature_columns")
    dnn_optimizer = params.get("dnn_optimizer") or "Adagrad"
    gradient_clip_norm = params.get("gradient_clip_norm")
    num_ps_replicas = config.num_ps_replicas if config else 0
    input_layer_partitioner = params.get("input_layer_partitioner") or (
        partitioned_variables.min_max_variable_partitioner(
            max_partitions=num_ps_replicas, min_slice_size=64 << 20))
    embedding_lr_multipliers = params.get("embedding_lr_multipliers", {})
    fix_bug = params.get("fix_global_step_increment_bug", True)
    if not linear_feature_columns and not dnn_feature_columns:
        raise ValueError("Either linear_feature_columns or dnn_feature_columns must be "
                         "defined.")
    features = features if isinstance(features, dict) else {"": features}
    linear_optimizer = _get_optimizer(linear_optimizer)
    _check_no_sync_replicas_optimizer(linear_optimizer)
    dnn_optimizer = _get_optimizer(dnn_optimizer)
    _check_no_sync_replicas_optimizer(dnn_optimizer)

    dnn_logits = dnn_input_scope = None
    if dnn_feature_columns:
        dnn_logits, dnn_input_scope = _dnn_tower(features, mode, head, params,
                                                 num_ps_replicas, input_layer_partitioner)
    linear_logits = (_linear_tower(features, head, params, num_ps_replicas)
                     if linear_feature_columns else None)
    if dnn_logits is not None and linear_logits is not None:
        logits = dnn_logits + linear_logits
    else:
        logits = dnn_logits if dnn_logits is not None else linear_logits

    def _make_training_op(training_loss):
        train_ops = []
        global_step = training_util.get_global_step()
        if dnn_logits is not None:
            train_ops.append(optimize_loss(
                loss=training_loss, global_step=global_step,
                learning_rate=_DNN_LEARNING_RATE, optimizer=dnn_optimizer,
                gradient_multipliers=_extract_embedding_lr_multipliers(
                    embedding_lr_multipliers, "dnn", dnn_input_scope),
                clip_gradients=gradient_clip_norm, variables=get_collection("dnn"),
                name="dnn", summaries=[], increment_global_step=not fix_bug))
        if linear_logits is not None:
            train_ops.append(optimize_loss(
                loss=training_loss, global_step=global_step,
                learning_rate=_linear_learning_rate(len(linear_feature_columns)),
                optimizer=linear_optimizer, clip_gradients=gradient_clip_norm,
                variables=get_collection("linear"), name="linear", summaries=[],
                increment_global_step=not fix_bug))
        train_op = group(*train_ops)
        if fix_bug:
            with control_dependencies([train_op]):
                with colocate_with(global_step):
                    return state_ops.assign_add(global_step, 1).op
        return train_op

    return head.create_model_fn_ops(features=features, mode=mode, labels=labels,
                                    train_op_fn=_make_training_op, logits=logits)


def _input_layer_partitioner(input_layer_min_slice_size, config):
    if input_layer_min_slice_size is None:
        return None
    return partitioned_variables.min_max_variable_partitioner(
        max_partitions=config.num_ps_replicas if config else 0,
        min_slice_size=input_layer_min_slice_size)


def _params(head, linear_feature_columns, linear_optimizer, joint_linear_weights,
            dnn_feature_columns, dnn_optimizer, dnn_hidden_units, dnn_activation_fn,
            dnn_dropout, gradient_clip_norm, embedding_lr_multipliers,
            fix_global_step_increment_bug, input_layer_partitioner):
    return {"head": head, "linear_feature_columns": linear_feature_columns,
            "linear_optimizer": linear_optimizer, "joint_linear_weights": joint_linear_weights,
            "dnn_feature_columns": dnn_feature_columns, "dnn_optimizer": dnn_optimizer,
            "dnn_hidden_units": dnn_hidden_units, "dnn_activation_fn": dnn_activation_fn,
            "dnn_dropout": dnn_dropout, "gradient_clip_norm": gradient_clip_norm,
            "embedding_lr_multipliers": embedding_lr_multipliers,
            "fix_global_step_increment_bug": fix_global_step_increment_bug,
            "input_layer_partitioner": input_layer_partitioner}


def _no_columns():
    return ValueError("Either linear_feature_columns or dnn_feature_columns must be defined.")


_fix_bug_deprecated = deprecated_arg_values(
    _FIX_GLOBAL_STEP_INCREMENT_DATE, _FIX_GLOBAL_STEP_INCREMENT_INSTRUCTIONS,
    fix_global_step_increment_bug=False)


class DNNLinearCombinedEstimator(Estimator):
    """A wide & deep Estimator over any contrib.learn head."""

    @_fix_bug_deprecated
    def __init__(self, head, model_dir=None, linear_feature_columns=None,
                 linear_optimizer=None, _joint_linear_weights=False, dnn_feature_columns=None,
                 dnn_optimizer=None, dnn_hidden_units=None, dnn_activation_fn=None,
                 dnn_dropout=None, gradient_clip_norm=None, config=None,
                 feature_engineering_fn=None, embedding_lr_multipliers=None,
                 fix_global_step_increment_bug=False, input_layer_partitioner=None):
        linear_feature_columns = tuple(linear_feature_columns or [])
        dnn_feature_columns = tuple(dnn_feature_columns or [])
        if not linear_feature_columns + dnn_feature_columns:
            raise _no_columns()
        super().__init__(model_fn=_dnn_linear_combined_model_fn, model_dir=model_dir,
                         config=config, params=_params(
                             head, linear_feature_columns, linear_optimizer,
                             _joint_linear_weights, dnn_feature_columns, dnn_optimizer,
                             dnn_hidden_units, dnn_activation_fn, dnn_dropout,
                             gradient_clip_norm, embedding_lr_multipliers,
                             fix_global_step_increment_bug, input_layer_partitioner),
                         feature_engineering_fn=feature_engineering_fn)


class DNNLinearCombinedClassifier(Classifier):
    """A wide & deep classifier (softmax over n_classes, logistic for 2)."""

    @_fix_bug_deprecated
    def __init__(self, model_dir=None, n_classes=2, weight_column_name=None,
                 linear_feature_columns=None, linear_optimizer=None,
                 _joint_linear_weights=False, dnn_feature_columns=None, dnn_optimizer=None,
                 dnn_hidden_units=None, dnn_activation_fn=nn_ops.relu, dnn_dropout=None,
                 gradient_clip_norm=None, enable_centered_bias=False, config=None,
                 feature_engineering_fn=None, embedding_lr_multipliers=None,
                 input_layer_min_slice_size=None, label_keys=None,
                 fix_global_step_increment_bug=False):
        head = head_lib.multi_class_head(n_classes=n_classes,
                                         weight_column_name=weight_column_name,
                                         enable_centered_bias=enable_centered_bias,
                                         label_keys=label_keys)
        linear_feature_columns = tuple(linear_feature_columns or [])
        dnn_feature_columns = tuple(dnn_feature_columns or [])
        self._feature_columns = linear_feature_columns + dnn_feature_columns
        if not self._feature_columns:
            raise _no_columns()
        super().__init__(model_fn=_dnn_linear_combined_model_fn, model_dir=model_dir,
                         config=config, params=_params(
                             head, linear_feature_columns, linear_optimizer,
                             _joint_linear_weights, dnn_feature_columns, dnn_optimizer,
                             dnn_hidden_units, dnn_activation_fn, dnn_dropout,
                             gradient_clip_norm, embedding_lr_multipliers,
                             fix_global_step_increment_bug,
                             _input_layer_partitioner(input_layer_min_slice_size, config)),
                         feature_engineering_fn=feature_engineering_fn)


class DNNLinearCombinedRegressor(Regressor):
    """A wide & deep regressor (mean squared error on label_dimension scores)."""

    @_fix_bug_deprecated
    def __init__(self, model_dir=None, weight_column_name=None, linear_feature_columns=None,
                 linear_optimizer=None, _joint_linear_weights=False, dnn_feature_columns=None,
                 dnn_optimizer=None, dnn_hidden_units=None, dnn_activation_fn=nn_ops.relu,
                 dnn_dropout=None, gradient_clip_norm=None, enable_centered_bias=False,
                 label_dimension=1, config=None, feature_engineering_fn=None,
                 embedding_lr_multipliers=None, input_layer_min_slice_size=None,
                 fix_global_step_increment_bug=False):
        linear_feature_columns = linear_feature_columns or []
        dnn_feature_columns = dnn_feature_columns or []
        self._feature_columns = linear_feature_columns + dnn_feature_columns
        if not self._feature_columns:
            raise _no_columns()
        head = head_lib.regression_head(weight_column_name=weight_column_name,
                                        label_dimension=label_dimension,
                                        enable_centered_bias=enable_centered_bias)
        super().__init__(model_fn=_dnn_linear_combined_model_fn, model_dir=model_dir,
                         config=config, params=_params(
                             head, linear_feature_columns, linear_optimizer,
                             _joint_linear_weights, dnn_feature_columns, dnn_optimizer,
                             dnn_hidden_units, dnn_activation_fn, dnn_dropout,
                             gradient_clip_norm, embedding_lr_multipliers,
                             fix_global_step_increment_bug,
                             _input_layer_partitioner(input_layer_min_slice_size, config)),
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

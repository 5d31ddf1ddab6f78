"""`tf.estimator.DNNLinearCombinedClassifier` and `DNNLinearCombinedRegressor` (TF 1.14's
canned/dnn_linear_combined.py): the sum of a DNN's logits ('dnn/...', Adagrad at 0.001)
and a linear model's ('linear/...', Ftrl at min(0.005, 1/sqrt(number of columns)))."""
from __future__ import annotations

import math

from ...engine.framework.graph import GraphKeys, control_dependencies, get_default_graph
from ...engine.ops import activations
from ...engine.ops.ordering import group
from ...losses import losses_impl as losses
from ...ops import partitioned_variables, state_ops
from ...ops.variable_scope import variable_scope
from ...train import training_util
from ..estimator import Estimator
from . import head as head_lib
from . import optimizers
from ._common import add_layer_summary, validate_features
from .dnn import _dnn_logits
from .linear import linear_logit_fn_builder

__all__ = ["DNNLinearCombinedClassifier", "DNNLinearCombinedEstimator",
           "DNNLinearCombinedRegressor"]

_DNN_LEARNING_RATE = 0.001
_LINEAR_LEARNING_RATE = 0.005


def _linear_learning_rate(num_linear_feature_columns):
    return min(_LINEAR_LEARNING_RATE, 1.0 / math.sqrt(num_linear_feature_columns))


def _validate_feature_columns(linear_feature_columns, dnn_feature_columns):
    columns = list(linear_feature_columns or []) + list(dnn_feature_columns or [])
    if not columns:
        raise ValueError("Either linear_feature_columns or dnn_feature_columns must be "
                         "defined.")
    return columns


def _combined_model_fn(features, labels, mode, head, linear_feature_columns,
                       linear_optimizer, dnn_feature_columns, dnn_optimizer, dnn_hidden_units,
                       dnn_activation_fn, dnn_dropout, batch_norm, linear_sparse_combiner,
                       input_layer_partitioner=None, config=None):
    validate_features(features)
    if not linear_feature_columns and not dnn_feature_columns:
        raise ValueError("Either linear_feature_columns or dnn_feature_columns must be "
                         "defined.")
    num_ps_replicas = config.num_ps_replicas if config else 0
    input_layer_partitioner = input_layer_partitioner or \
        partitioned_variables.min_max_variable_partitioner(max_partitions=num_ps_replicas,
                                                           min_slice_size=64 << 20)
    graph = get_default_graph()
    dnn_logits = linear_logits = None
    if dnn_feature_columns:
        dnn_optimizer = optimizers.get_optimizer_instance(dnn_optimizer,
                                                          learning_rate=_DNN_LEARNING_RATE)
        if not dnn_hidden_units:
            raise ValueError("dnn_hidden_units must be defined when dnn_feature_columns is "
                             "specified.")
        dnn_partitioner = partitioned_variables.min_max_variable_partitioner(
            max_partitions=num_ps_replicas)
        with variable_scope("dnn", values=tuple(features.values()),
                            partitioner=dnn_partitioner) as scope:
            dnn_scope = scope.name
            dnn_logits = _dnn_logits(features, mode, head.logits_dimension, dnn_hidden_units,
                                     dnn_feature_columns, dnn_activation_fn, dnn_dropout,
                                     batch_norm, input_layer_partitioner)
    if linear_feature_columns:
        linear_optimizer = optimizers.get_optimizer_instance(
            linear_optimizer, learning_rate=_linear_learning_rate(len(linear_feature_columns)))
        with variable_scope("linear", values=tuple(features.values()),
                            partitioner=input_layer_partitioner, use_resource=True) as scope:
            linear_scope = scope.name
            linear_logits = linear_logit_fn_builder(
                head.logits_dimension, linear_feature_columns,
                linear_sparse_combiner)(features)
            add_layer_summary(linear_logits, scope.name)
    if dnn_logits is not None and linear_logits is not None:
        logits = dnn_logits + linear_logits
    else:
        logits = dnn_logits if dnn_logits is not None else linear_logits

    def _train_op_fn(loss):
        train_ops = []
        global_step = training_util.get_global_step()
        if dnn_logits is not None:
            train_ops.append(dnn_optimizer.minimize(loss, var_list=graph.get_collection(
                GraphKeys.TRAINABLE_VARIABLES, scope=dnn_scope)))
        if linear_logits is not None:
            train_ops.append(linear_optimizer.minimize(loss, var_list=graph.get_collection(
                GraphKeys.TRAINABLE_VARIABLES, scope=linear_scope)))
        train_op = group(*train_ops)
        with control_dependencies([train_op]):
            return state_ops.assign_add(global_step, 1).op

    return head.create_estimator_spec(features=features, mode=mode, labels=labels,
                                      train_op_fn=_train_op_fn, logits=logits)


class _CombinedBase(Estimator):
    def _init_combined(self, head, model_dir, linear_feature_columns, linear_optimizer,
                       dnn_feature_columns, dnn_optimizer, dnn_hidden_units, dnn_activation_fn,
                       dnn_dropout, input_layer_partitioner, config, warm_start_from,
                       batch_norm, linear_sparse_combiner):
        self._feature_columns = _validate_feature_columns(linear_feature_columns,
                                                          dnn_feature_columns)

        def _model_fn(features, labels, mode, config):
            return _combined_model_fn(
                features, labels, mode, head, linear_feature_columns, linear_optimizer,
                dnn_feature_columns, dnn_optimizer, dnn_hidden_units, dnn_activation_fn,
                dnn_dropout, batch_norm, linear_sparse_combiner, input_layer_partitioner, config)
        Estimator.__init__(self, model_fn=_model_fn, model_dir=model_dir, config=config,
                           warm_start_from=warm_start_from)


class DNNLinearCombinedClassifier(_CombinedBase):
    """A wide (linear) and deep (DNN) classifier."""

    def __init__(self, model_dir=None, linear_feature_columns=None, linear_optimizer="Ftrl",
                 dnn_feature_columns=None, dnn_optimizer="Adagrad", dnn_hidden_units=None,
                 dnn_activation_fn=activations.relu, dnn_dropout=None, n_classes=2,
                 weight_column=None, label_vocabulary=None, input_layer_partitioner=None,
                 config=None, warm_start_from=None, loss_reduction=losses.Reduction.SUM,
                 batch_norm=False, linear_sparse_combiner="sum"):
        _validate_feature_columns(linear_feature_columns, dnn_feature_columns)
        head = head_lib.binary_or_multi_class_head(n_classes, weight_column,
                                                   label_vocabulary, loss_reduction)
        self._init_combined(head, model_dir, linear_feature_columns, linear_optimizer,
                            dnn_feature_columns, dnn_optimizer, dnn_hidden_units,
                            dnn_activation_fn, dnn_dropout, input_layer_partitioner, config,
                            warm_start_from, batch_norm, linear_sparse_combiner)


class DNNLinearCombinedRegressor(_CombinedBase):
    """A wide (linear) and deep (DNN) regressor."""

    def __init__(self, model_dir=None, linear_feature_columns=None, linear_optimizer="Ftrl",
                 dnn_feature_columns=None, dnn_optimizer="Adagrad", dnn_hidden_units=None,
                 dnn_activation_fn=activations.relu, dnn_dropout=None, label_dimension=1,
                 weight_column=None, input_layer_partitioner=None, config=None,
                 warm_start_from=None, loss_reduction=losses.Reduction.SUM, batch_norm=False,
                 linear_sparse_combiner="sum"):
        _validate_feature_columns(linear_feature_columns, dnn_feature_columns)
        head = head_lib.regression_head(weight_column=weight_column,
                                        label_dimension=label_dimension,
                                        loss_reduction=loss_reduction)
        self._init_combined(head, model_dir, linear_feature_columns, linear_optimizer,
                            dnn_feature_columns, dnn_optimizer, dnn_hidden_units,
                            dnn_activation_fn, dnn_dropout, input_layer_partitioner, config,
                            warm_start_from, batch_norm, linear_sparse_combiner)


class DNNLinearCombinedEstimator(_CombinedBase):
    """A wide (linear) and deep (DNN) model whose loss, predictions and metrics are those
    of `head`."""

    def __init__(self, head, model_dir=None, linear_feature_columns=None,
                 linear_optimizer="Ftrl", dnn_feature_columns=None, dnn_optimizer="Adagrad",
                 dnn_hidden_units=None, dnn_activation_fn=activations.relu, dnn_dropout=None,
                 input_layer_partitioner=None, config=None, linear_sparse_combiner="sum"):
        _validate_feature_columns(linear_feature_columns, dnn_feature_columns)
        self._init_combined(head, model_dir, linear_feature_columns, linear_optimizer,
                            dnn_feature_columns, dnn_optimizer, dnn_hidden_units,
                            dnn_activation_fn, dnn_dropout, input_layer_partitioner, config,
                            None, False, linear_sparse_combiner)

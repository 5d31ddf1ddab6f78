"""`tf.estimator.DNNClassifier` and `DNNRegressor` (TF 1.14's canned/dnn.py): a
feed-forward network on feature columns, variables 'dnn/hiddenlayer_<i>/kernel|bias' and
'dnn/logits/kernel|bias', Adagrad at 0.05 by default."""
from __future__ import annotations

from ...engine.framework.graph import name_scope
from ...engine.ops import activations
from ...engine.ops.bias_add import bias_add
from ...engine.ops.linalg import matmul
from ...losses import losses_impl as losses
from ...ops import init_ops, partitioned_variables
from ...ops.variable_scope import get_variable, variable_scope
from ..estimator import Estimator
from ..model_fn import ModeKeys
from . import head as head_lib
from . import optimizers
from ._common import add_layer_summary, feature_column_lib, validate_features

__all__ = ["DNNClassifier", "DNNEstimator", "DNNRegressor", "dnn_logit_fn_builder"]

_LEARNING_RATE = 0.05


def _dense(net, units, activation_fn):
    """TF's core Dense layer in the current variable scope: kernel (glorot uniform), bias
    (zeros), MatMul, BiasAdd, then the activation. As in TF 1.14 (Keras layers under the
    'dnn' scope's partitioner) the variables are ResourceVariables partitioned by the
    scope's partitioner: one part `kernel/part_0` on one machine, read through the
    PartitionedVariable (`kernel/ReadVariableOp`, Identity `kernel`)."""
    in_units = net.shape.as_list()[-1]
    kernel = get_variable("kernel", shape=[in_units, units], dtype=net.dtype,
                          initializer=init_ops.glorot_uniform_initializer(),
                          use_resource=True)
    bias = get_variable("bias", shape=[units], dtype=net.dtype,
                        initializer=init_ops.zeros_initializer(), use_resource=True)
    out = bias_add(matmul(net, kernel), bias, name="BiasAdd")
    return activation_fn(out) if activation_fn is not None else out


def _dnn_logits(features, mode, units, hidden_units, feature_columns, activation_fn,
                dropout, batch_norm, input_layer_partitioner=None):
    from ...layers import core as core_layers  # lazy: tf.layers loads with a DNN
    from ...layers import normalization  # lazy: as above
    is_training = mode == ModeKeys.TRAIN
    # v2 columns: TF's DenseFeatures (resource variables made in its build); v1 ones
    # (shared embeddings): TF's InputLayer (variables of the scope, made as columns need them)
    v2 = feature_column_lib().feature_column_v2.is_feature_column_v2(feature_columns)
    with variable_scope("input_from_feature_columns", partitioner=input_layer_partitioner,
                        use_resource=True if v2 else None):
        net = feature_column_lib().feature_column._internal_input_layer(
            features, list(feature_columns), variables_first=v2)
    for layer_id, num_units in enumerate(hidden_units):
        with variable_scope("hiddenlayer_%d" % layer_id, values=(net,),
                            use_resource=True) as scope:
            net = _dense(net, num_units, activation_fn)
        if dropout is not None and is_training:
            # TF's Dropout layers live in the model's scope: 'dnn/dropout', 'dnn/dropout_1'
            net = core_layers.dropout(net, rate=dropout, training=True)
        if batch_norm:
            # as TF's Keras BatchNormalization made in the hidden layer's scope:
            # ResourceVariables, gamma and beta partitioned, the moving statistics not
            with variable_scope(scope, auxiliary_name_scope=False, use_resource=True), \
                    name_scope(scope.original_name_scope):
                net = normalization.batch_normalization(
                    net, momentum=0.999, training=is_training, trainable=True,
                    name="batchnorm_%d" % layer_id)
        add_layer_summary(net, scope.name)
    with variable_scope("logits", values=(net,)) as scope:
        logits = _dense(net, units, None)
    add_layer_summary(logits, scope.name)
    return logits


def dnn_logit_fn_builder(units, hidden_units, feature_columns, activation_fn, dropout,
                         input_layer_partitioner, batch_norm):
    """A logit_fn(features, mode) of a DNN with `units` logits."""
    if not isinstance(units, int):
        raise ValueError("units must be an int.  Given type: {}".format(type(units)))

    def dnn_logit_fn(features, mode):
        return _dnn_logits(features, mode, units, hidden_units, feature_columns,
                           activation_fn, dropout, batch_norm, input_layer_partitioner)
    return dnn_logit_fn


def _dnn_model_fn(features, labels, mode, head, hidden_units, feature_columns,
                  optimizer="Adagrad", activation_fn=activations.relu, dropout=None,
                  batch_norm=False, input_layer_partitioner=None, config=None):
    optimizer = optimizers.get_optimizer_instance(optimizer, learning_rate=_LEARNING_RATE)
    validate_features(features)
    num_ps_replicas = config.num_ps_replicas if config else 0
    partitioner = partitioned_variables.min_max_variable_partitioner(
        max_partitions=num_ps_replicas)
    with variable_scope("dnn", values=tuple(features.values()), partitioner=partitioner):
        input_layer_partitioner = input_layer_partitioner or \
            partitioned_variables.min_max_variable_partitioner(
                max_partitions=num_ps_replicas, min_slice_size=64 << 20)
        logits = _dnn_logits(features, mode, head.logits_dimension, hidden_units,
                             feature_columns, activation_fn, dropout, batch_norm,
                             input_layer_partitioner)
        return head.create_estimator_spec(features=features, mode=mode, labels=labels,
                                          optimizer=optimizer, logits=logits)


class _DNNBase(Estimator):
    def _init_dnn(self, head, hidden_units, feature_columns, model_dir, optimizer,
                  activation_fn, dropout, input_layer_partitioner, config, warm_start_from,
                  batch_norm):
        feature_columns = tuple(feature_columns or [])

        def _model_fn(features, labels, mode, config):
            return _dnn_model_fn(features=features, labels=labels, mode=mode, head=head,
                                 hidden_units=hidden_units, feature_columns=feature_columns,
                                 optimizer=optimizer, activation_fn=activation_fn,
                                 dropout=dropout, batch_norm=batch_norm,
                                 input_layer_partitioner=input_layer_partitioner,
                                 config=config)
        Estimator.__init__(self, model_fn=_model_fn, model_dir=model_dir, config=config,
                           warm_start_from=warm_start_from)


class DNNClassifier(_DNNBase):
    """A DNN classifier: binary (sigmoid) for n_classes=2, else softmax."""

    def __init__(self, hidden_units, feature_columns, model_dir=None, n_classes=2,
                 weight_column=None, label_vocabulary=None, optimizer="Adagrad",
                 activation_fn=activations.relu, dropout=None, input_layer_partitioner=None,
                 config=None, warm_start_from=None, loss_reduction=losses.Reduction.SUM,
                 batch_norm=False):
        head = head_lib.binary_or_multi_class_head(n_classes, weight_column,
                                                   label_vocabulary, loss_reduction)
        self._init_dnn(head, hidden_units, feature_columns, model_dir, optimizer,
                       activation_fn, dropout, input_layer_partitioner, config,
                       warm_start_from, batch_norm)


class DNNRegressor(_DNNBase):
    """A DNN regressor (mean squared error)."""

    def __init__(self, hidden_units, feature_columns, model_dir=None, label_dimension=1,
                 weight_column=None, optimizer="Adagrad", activation_fn=activations.relu,
                 dropout=None, input_layer_partitioner=None, config=None,
                 warm_start_from=None, loss_reduction=losses.Reduction.SUM, batch_norm=False):
        head = head_lib.regression_head(weight_column=weight_column,
                                        label_dimension=label_dimension,
                                        loss_reduction=loss_reduction)
        self._init_dnn(head, hidden_units, feature_columns, model_dir, optimizer,
                       activation_fn, dropout, input_layer_partitioner, config,
                       warm_start_from, batch_norm)


class DNNEstimator(_DNNBase):
    """A DNN whose loss, predictions and metrics are those of `head` (e.g.
    tf.contrib.estimator.multi_label_head)."""

    def __init__(self, head, hidden_units, feature_columns, model_dir=None,
                 optimizer="Adagrad", activation_fn=activations.relu, dropout=None,
                 input_layer_partitioner=None, config=None, warm_start_from=None,
                 batch_norm=False):
        self._init_dnn(head, hidden_units, feature_columns, model_dir, optimizer,
                       activation_fn, dropout, input_layer_partitioner, config,
                       warm_start_from, batch_norm)

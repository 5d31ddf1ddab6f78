"""contrib.layers / slim layers (TF 1.14 contrib/layers/python/layers/layers.py).

Built on tf.layers as TF builds them: the layer runs in a variable scope ("fully_connected",
"Conv", "BatchNorm", ...) whose custom getter renames kernel/bias to weights/biases and
makes them model variables (GLOBAL_VARIABLES + MODEL_VARIABLES).
"""
import functools

from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.tensor_shape import TensorShape
from ...engine.framework.graph import (GraphKeys, add_to_collection, add_to_collections,
                                       control_dependencies, get_collection, name_scope)
from ...layers import convolutional as conv_layers
from ...layers import core as core_layers
from ...layers import normalization as norm_layers
from ...layers import pooling as pool_layers
from ...ops import array_ops, init_ops, math_ops
from ...ops import variable_scope as vs
from ...train import moving_averages
from ... import nn
from ..framework import variables
from ..framework.arg_scope import add_arg_scope
from .initializers import xavier_initializer
from .utils import collect_named_outputs, constant_value, smart_cond

__all__ = ["fully_connected", "convolution", "convolution2d", "conv2d", "conv2d_transpose",
           "convolution2d_transpose", "max_pool2d", "avg_pool2d", "flatten", "dropout",
           "batch_norm", "one_hot_encoding", "repeat", "stack", "bias_add", "layer_norm",
           "convolution1d", "convolution3d", "conv1d", "conv3d", "elu", "relu", "relu6",
           "linear", "separable_convolution2d", "separable_conv2d"]

DATA_FORMAT_NCHW = "NCHW"
DATA_FORMAT_NHWC = "NHWC"


def _model_variable_getter(getter, name, shape=None, dtype=None, initializer=None,
                           regularizer=None, trainable=True, collections=None,
                           caching_device=None, partitioner=None, rename=None,
                           use_resource=None, **_):
    short_name = name.split("/")[-1]
    if rename and short_name in rename:
        parts = name.split("/")
        parts[-1] = rename[short_name]
        name = "/".join(parts)
    return variables.model_variable(
        name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
        collections=collections, trainable=trainable, caching_device=caching_device,
        partitioner=partitioner, custom_getter=getter, use_resource=use_resource)


def _build_variable_getter(rename=None):
    def layer_variable_getter(getter, *args, **kwargs):
        kwargs["rename"] = rename
        return _model_variable_getter(getter, *args, **kwargs)
    return layer_variable_getter


def _get_variable_collections(variables_collections, name):
    if isinstance(variables_collections, dict):
        return variables_collections.get(name, None)
    return variables_collections


def _params(center, scale, params_shape, dtype, param_initializers, variables_collections,
            trainable, broadcast):
    param_initializers = param_initializers or {}
    beta = gamma = None
    if center:
        beta = variables.model_variable(
            "beta", shape=params_shape, dtype=dtype,
            initializer=param_initializers.get("beta", init_ops.zeros_initializer()),
            collections=_get_variable_collections(variables_collections, "beta"),
            trainable=trainable)
        if broadcast:
            beta = array_ops.reshape(beta, broadcast)
    if scale:
        gamma = variables.model_variable(
            "gamma", shape=params_shape, dtype=dtype,
            initializer=param_initializers.get("gamma", init_ops.ones_initializer()),
            collections=_get_variable_collections(variables_collections, "gamma"),
            trainable=trainable)
        if broadcast:
            gamma = array_ops.reshape(gamma, broadcast)
    return beta, gamma


def _add_variable_to_collections(variable, variables_collections, name):
    # as TF: a PartitionedVariable's parts, not the PartitionedVariable, join the collections
    parts = list(variable) if type(variable).__name__ == "PartitionedVariable" else [variable]
    for collection in _get_variable_collections(variables_collections, name) or []:
        for var in parts:
            if var not in get_collection(collection):
                add_to_collection(collection, var)


def _slim_layer_kwargs(sc, inputs, reuse, normalizer_fn, weights_initializer,
                       weights_regularizer, biases_initializer, biases_regularizer, trainable):
    """The tf.layers layer's arguments as contrib.layers passes them: no activation, a
    bias unless a normalizer follows, named and scoped `sc`, inputs' dtype."""
    return dict(activation=None, use_bias=not normalizer_fn and biases_initializer,
                kernel_initializer=weights_initializer, bias_initializer=biases_initializer,
                kernel_regularizer=weights_regularizer, bias_regularizer=biases_regularizer,
                activity_regularizer=None, trainable=trainable, name=sc.name,
                dtype=inputs.dtype.base_dtype, _scope=sc, _reuse=reuse)


def _apply_slim_layer(layer, inputs, variables_collections, normalizer_fn, normalizer_params,
                      activation_fn, outputs_collections, alias):
    """layer(inputs), its weights / biases joining variables_collections, then the
    optional normalizer and activation; the output joins outputs_collections as `alias`."""
    outputs = layer.apply(inputs)
    _add_variable_to_collections(layer.kernel, variables_collections, "weights")
    if layer.bias is not None:
        _add_variable_to_collections(layer.bias, variables_collections, "biases")
    if normalizer_fn is not None:
        outputs = normalizer_fn(outputs, **(normalizer_params or {}))
    if activation_fn is not None:
        outputs = activation_fn(outputs)
    return collect_named_outputs(outputs_collections, alias, outputs)


_RELU = nn.relu
_ZEROS = init_ops.zeros_initializer()


@add_arg_scope
def fully_connected(inputs, num_outputs, activation_fn=_RELU, normalizer_fn=None,
                    normalizer_params=None, weights_initializer=xavier_initializer(),
                    weights_regularizer=None, biases_initializer=_ZEROS,
                    biases_regularizer=None, reuse=None, variables_collections=None,
                    outputs_collections=None, trainable=True, scope=None):
    """activation_fn(normalizer_fn(inputs @ weights + biases)), variables
    `<scope>/weights`, `<scope>/biases` (default scope "fully_connected")."""
    if not isinstance(num_outputs, int):
        raise ValueError("num_outputs type should be one of %s, got %s." % ([int],
                                                                            type(num_outputs)))
    getter = _build_variable_getter({"bias": "biases", "kernel": "weights"})
    with vs.variable_scope(scope, "fully_connected", [inputs], reuse=reuse,
                           custom_getter=getter) as sc:
        inputs = convert_to_tensor(inputs)
        layer = core_layers.Dense(
            units=num_outputs,
            **_slim_layer_kwargs(sc, inputs, reuse, normalizer_fn, weights_initializer,
                                 weights_regularizer, biases_initializer,
                                 biases_regularizer, trainable))
        return _apply_slim_layer(layer, inputs, variables_collections, normalizer_fn,
                                 normalizer_params, activation_fn, outputs_collections,
                                 sc.name)


def _convolution(inputs, num_outputs, kernel_size, stride, padding, data_format, rate,
                 activation_fn, normalizer_fn, normalizer_params, weights_initializer,
                 weights_regularizer, biases_initializer, biases_regularizer, reuse,
                 variables_collections, outputs_collections, trainable, scope, conv_dims):
    if data_format not in [None, "NWC", "NCW", "NHWC", "NCHW", "NDHWC", "NCDHW"]:
        raise ValueError("Invalid data_format: %r" % (data_format,))
    getter = _build_variable_getter({"bias": "biases", "kernel": "weights"})
    with vs.variable_scope(scope, "Conv", [inputs], reuse=reuse, custom_getter=getter) as sc:
        inputs = convert_to_tensor(inputs)
        input_rank = inputs.shape.ndims
        if conv_dims is not None and conv_dims + 2 != input_rank:
            raise ValueError("Convolution expects input with rank %d, got %d"
                             % (conv_dims + 2, input_rank))
        layer_class = {3: conv_layers.Conv1D, 4: conv_layers.Conv2D,
                       5: conv_layers.Conv3D}.get(input_rank)
        if layer_class is None:
            raise ValueError("Convolution not supported for input with rank", input_rank)
        df = ("channels_first" if data_format and data_format.startswith("NC")
              else "channels_last")
        layer = layer_class(
            filters=num_outputs, kernel_size=kernel_size, strides=stride, padding=padding,
            data_format=df, dilation_rate=rate,
            **_slim_layer_kwargs(sc, inputs, reuse, normalizer_fn, weights_initializer,
                                 weights_regularizer, biases_initializer,
                                 biases_regularizer, trainable))
        return _apply_slim_layer(layer, inputs, variables_collections, normalizer_fn,
                                 normalizer_params, activation_fn, outputs_collections,
                                 sc.name)


@add_arg_scope
def convolution(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None,
                rate=1, activation_fn=_RELU, normalizer_fn=None, normalizer_params=None,
                weights_initializer=xavier_initializer(), weights_regularizer=None,
                biases_initializer=_ZEROS, biases_regularizer=None, reuse=None,
                variables_collections=None, outputs_collections=None, trainable=True,
                scope=None, conv_dims=None):
    """N-D convolution (N from the input's rank) with `<scope>/weights`, `biases`."""
    return _convolution(inputs, num_outputs, kernel_size, stride, padding, data_format, rate,
                        activation_fn, normalizer_fn, normalizer_params, weights_initializer,
                        weights_regularizer, biases_initializer, biases_regularizer, reuse,
                        variables_collections, outputs_collections, trainable, scope,
                        conv_dims)


@add_arg_scope
def convolution2d(inputs, num_outputs, kernel_size, stride=1, padding="SAME",
                  data_format=None, rate=1, activation_fn=_RELU, normalizer_fn=None,
                  normalizer_params=None, weights_initializer=xavier_initializer(),
                  weights_regularizer=None, biases_initializer=_ZEROS, biases_regularizer=None,
                  reuse=None, variables_collections=None, outputs_collections=None,
                  trainable=True, scope=None):
    """2-D convolution (default scope "Conv"): variables `Conv/weights`, `Conv/biases`."""
    return _convolution(inputs, num_outputs, kernel_size, stride, padding, data_format, rate,
                        activation_fn, normalizer_fn, normalizer_params, weights_initializer,
                        weights_regularizer, biases_initializer, biases_regularizer, reuse,
                        variables_collections, outputs_collections, trainable, scope, 2)


conv2d = convolution2d


@add_arg_scope
def convolution2d_transpose(inputs, num_outputs, kernel_size, stride=1, padding="SAME",
                            data_format=DATA_FORMAT_NHWC, activation_fn=_RELU,
                            normalizer_fn=None, normalizer_params=None,
                            weights_initializer=xavier_initializer(), weights_regularizer=None,
                            biases_initializer=_ZEROS, biases_regularizer=None, reuse=None,
                            variables_collections=None, outputs_collections=None,
                            trainable=True, scope=None):
    """Transposed 2-D convolution (default scope "Conv2d_transpose")."""
    getter = _build_variable_getter({"bias": "biases", "kernel": "weights"})
    with vs.variable_scope(scope, "Conv2d_transpose", [inputs], reuse=reuse,
                           custom_getter=getter) as sc:
        if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
            raise ValueError("data_format has to be either NCHW or NHWC.")
        inputs = convert_to_tensor(inputs)
        df = ("channels_first" if data_format and data_format.startswith("NC")
              else "channels_last")
        layer = conv_layers.Conv2DTranspose(
            filters=num_outputs, kernel_size=kernel_size, strides=stride, padding=padding,
            data_format=df,
            **_slim_layer_kwargs(sc, inputs, reuse, normalizer_fn, weights_initializer,
                                 weights_regularizer, biases_initializer,
                                 biases_regularizer, trainable))
        return _apply_slim_layer(layer, inputs, variables_collections, normalizer_fn,
                                 normalizer_params, activation_fn, outputs_collections,
                                 sc.name)


conv2d_transpose = convolution2d_transpose


def _pool(cls, default_name, inputs, kernel_size, stride, padding, data_format,
          outputs_collections, scope):
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with name_scope(scope, default_name, [inputs]) as sc:
        inputs = convert_to_tensor(inputs)
        df = ("channels_first" if data_format and data_format.startswith("NC")
              else "channels_last")
        layer = cls(pool_size=kernel_size, strides=stride, padding=padding, data_format=df,
                    _scope=sc)
        outputs = layer.apply(inputs)
        return collect_named_outputs(outputs_collections, sc, outputs)


@add_arg_scope
def max_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NHWC,
               outputs_collections=None, scope=None):
    """2-D max pooling in name scope "MaxPool2D"."""
    return _pool(pool_layers.MaxPooling2D, "MaxPool2D", inputs, kernel_size, stride, padding,
                 data_format, outputs_collections, scope)


@add_arg_scope
def avg_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NHWC,
               outputs_collections=None, scope=None):
    """2-D average pooling in name scope "AvgPool2D"."""
    return _pool(pool_layers.AveragePooling2D, "AvgPool2D", inputs, kernel_size, stride,
                 padding, data_format, outputs_collections, scope)


@add_arg_scope
def flatten(inputs, outputs_collections=None, scope=None):
    """[batch, ...] -> [batch, k] in name scope "Flatten"."""
    with name_scope(scope, "Flatten", [inputs]) as sc:
        inputs = convert_to_tensor(inputs)
        outputs = core_layers.flatten(inputs)
        return collect_named_outputs(outputs_collections, sc, outputs)


@add_arg_scope
def dropout(inputs, keep_prob=0.5, noise_shape=None, is_training=True,
            outputs_collections=None, scope=None, seed=None):
    """Keeps each input with probability keep_prob when is_training (scope "Dropout")."""
    with vs.variable_scope(scope, "Dropout", [inputs],
                           custom_getter=_model_variable_getter) as sc:
        inputs = convert_to_tensor(inputs)
        layer = core_layers.Dropout(rate=1 - keep_prob, noise_shape=noise_shape, seed=seed,
                                    name=sc.name, _scope=sc)
        outputs = layer.apply(inputs, training=is_training)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001,
               activation_fn=None, param_initializers=None, param_regularizers=None,
               updates_collections=GraphKeys.UPDATE_OPS, is_training=True, reuse=None,
               variables_collections=None, outputs_collections=None, trainable=True,
               batch_weights=None, fused=None, data_format=DATA_FORMAT_NHWC,
               zero_debias_moving_mean=False, scope=None, renorm=False, renorm_clipping=None,
               renorm_decay=0.99, adjustment=None):
    """Batch normalization (scope "BatchNorm"); moving statistics `moving_mean`,
    `moving_variance`, updated through `updates_collections` (None: in place)."""
    if fused is None:
        fused = True
    inputs = convert_to_tensor(inputs)
    rank = inputs.shape.ndims
    possible_to_fuse = (batch_weights is None and not renorm and rank in [2, 4]
                        and adjustment is None)
    if fused and possible_to_fuse and (zero_debias_moving_mean or rank == 2
                                       or updates_collections is not GraphKeys.UPDATE_OPS):
        return _fused_batch_norm(
            inputs, decay=decay, center=center, scale=scale, epsilon=epsilon,
            activation_fn=activation_fn, param_initializers=param_initializers,
            param_regularizers=param_regularizers, updates_collections=updates_collections,
            is_training=is_training, reuse=reuse, variables_collections=variables_collections,
            outputs_collections=outputs_collections, trainable=trainable,
            data_format=data_format, zero_debias_moving_mean=zero_debias_moving_mean,
            scope=scope)
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with vs.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse,
                           custom_getter=_build_variable_getter()) as sc:
        inputs = convert_to_tensor(inputs)
        if (batch_weights is not None or updates_collections is not GraphKeys.UPDATE_OPS
                or zero_debias_moving_mean):
            return _legacy_batch_norm(
                inputs, sc, decay, center, scale, epsilon, activation_fn, param_initializers,
                updates_collections, is_training, variables_collections, outputs_collections,
                trainable, batch_weights, data_format, zero_debias_moving_mean, renorm)
        axis = 1 if data_format == DATA_FORMAT_NCHW else -1
        param_initializers = param_initializers or {}
        param_regularizers = param_regularizers or {}
        layer = norm_layers.BatchNormalization(
            axis=axis, momentum=decay, epsilon=epsilon, center=center, scale=scale,
            beta_initializer=param_initializers.get("beta", init_ops.zeros_initializer()),
            gamma_initializer=param_initializers.get("gamma", init_ops.ones_initializer()),
            moving_mean_initializer=param_initializers.get("moving_mean",
                                                           init_ops.zeros_initializer()),
            moving_variance_initializer=param_initializers.get("moving_variance",
                                                               init_ops.ones_initializer()),
            beta_regularizer=param_regularizers.get("beta"),
            gamma_regularizer=param_regularizers.get("gamma"), trainable=trainable,
            renorm=renorm, renorm_clipping=renorm_clipping, renorm_momentum=renorm_decay,
            adjustment=adjustment, name=sc.name, _scope=sc, _reuse=reuse, fused=fused)
        outputs = layer.apply(inputs, training=is_training)
        _add_variable_to_collections(layer.moving_mean, variables_collections, "moving_mean")
        _add_variable_to_collections(layer.moving_variance, variables_collections,
                                     "moving_variance")
        if layer.beta is not None:
            _add_variable_to_collections(layer.beta, variables_collections, "beta")
        if layer.gamma is not None:
            _add_variable_to_collections(layer.gamma, variables_collections, "gamma")
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


def _legacy_batch_norm(inputs, sc, decay, center, scale, epsilon, activation_fn,
                       param_initializers, updates_collections, is_training,
                       variables_collections, outputs_collections, trainable, batch_weights,
                       data_format, zero_debias_moving_mean, renorm):
    """TF 1.14's legacy batch_norm (batch_weights, a custom updates_collections or
    zero_debias_moving_mean): nn.moments / weighted_moments and assign_moving_average."""
    if renorm:
        raise ValueError("renorm is not supported with batch_weights, "
                         "updates_collections or zero_debias_moving_mean")
    inputs_shape = inputs.shape
    inputs_rank = inputs_shape.ndims
    if inputs_rank is None:
        raise ValueError("Inputs %s has undefined rank." % inputs.name)
    dtype = inputs.dtype.base_dtype
    if batch_weights is not None:
        batch_weights = convert_to_tensor(batch_weights)
        inputs_shape[0:1].assert_is_compatible_with(batch_weights.shape)
        nshape = [-1] + [1 for _ in range(inputs_rank - 1)]
        batch_weights = array_ops.reshape(batch_weights, nshape)
    if data_format == DATA_FORMAT_NCHW:
        moments_axes = [0] + list(range(2, inputs_rank))
        params_shape = inputs_shape[1:2]
        params_shape_broadcast = list([1, inputs_shape.dims[1].value]
                                      + [1 for _ in range(2, inputs_rank)])
    else:
        moments_axes = list(range(inputs_rank - 1))
        params_shape = inputs_shape[-1:]
        params_shape_broadcast = None
    if not params_shape.is_fully_defined():
        raise ValueError("Inputs %s has undefined channels dimension %s." % (inputs.name,
                                                                             params_shape))
    param_initializers = param_initializers or {}
    beta, gamma = _params(center, scale, params_shape, dtype, param_initializers,
                          variables_collections, trainable, None)
    with vs.variable_scope(vs.get_variable_scope()) as local_scope:
        local_scope.set_partitioner(None)
        moving_mean = variables.model_variable(
            "moving_mean", shape=params_shape, dtype=dtype,
            initializer=param_initializers.get("moving_mean", init_ops.zeros_initializer()),
            trainable=False,
            collections=_get_variable_collections(variables_collections, "moving_mean"))
        moving_variance = variables.model_variable(
            "moving_variance", shape=params_shape, dtype=dtype,
            initializer=param_initializers.get("moving_variance",
                                               init_ops.ones_initializer()),
            trainable=False,
            collections=_get_variable_collections(variables_collections, "moving_variance"))
    is_training_value = constant_value(is_training)
    if is_training_value is None or is_training_value:
        if batch_weights is None:
            if data_format == DATA_FORMAT_NCHW:
                mean, variance = nn.moments(inputs, moments_axes, keep_dims=True)
                mean = array_ops.reshape(mean, [-1])
                variance = array_ops.reshape(variance, [-1])
            else:
                mean, variance = nn.moments(inputs, moments_axes)
        else:
            if data_format == DATA_FORMAT_NCHW:
                mean, variance = nn.weighted_moments(inputs, moments_axes, batch_weights,
                                                     keepdims=True)
                mean = array_ops.reshape(mean, [-1])
                variance = array_ops.reshape(variance, [-1])
            else:
                mean, variance = nn.weighted_moments(inputs, moments_axes, batch_weights)

        def moving_vars_fn():
            return moving_mean, moving_variance

        def _updates():
            return (moving_averages.assign_moving_average(
                        moving_mean, mean, decay, zero_debias=zero_debias_moving_mean),
                    moving_averages.assign_moving_average(moving_variance, variance, decay,
                                                          zero_debias=False))
        if updates_collections is None:
            def _force_updates():
                with control_dependencies(list(_updates())):
                    return array_ops.identity(mean), array_ops.identity(variance)
            mean, variance = smart_cond(is_training, _force_updates, moving_vars_fn)
        else:
            update_mean, update_variance = smart_cond(is_training, _updates, moving_vars_fn)
            add_to_collections(updates_collections, update_mean)
            add_to_collections(updates_collections, update_variance)
            batch = (mean, variance)
            mean, variance = smart_cond(is_training, lambda: batch, moving_vars_fn)
    else:
        mean, variance = moving_mean, moving_variance
    if data_format == DATA_FORMAT_NCHW:
        mean = array_ops.reshape(mean, params_shape_broadcast)
        variance = array_ops.reshape(variance, params_shape_broadcast)
        if beta is not None:
            beta = array_ops.reshape(beta, params_shape_broadcast)
        if gamma is not None:
            gamma = array_ops.reshape(gamma, params_shape_broadcast)
    outputs = nn.batch_normalization(inputs, mean, variance, beta, gamma, epsilon)
    outputs.set_shape(inputs_shape)
    if activation_fn is not None:
        outputs = activation_fn(outputs)
    return collect_named_outputs(outputs_collections, sc.name, outputs)


def _fused_batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001,
                      activation_fn=None, param_initializers=None, param_regularizers=None,
                      updates_collections=GraphKeys.UPDATE_OPS, is_training=True, reuse=None,
                      variables_collections=None, outputs_collections=None, trainable=True,
                      data_format=DATA_FORMAT_NHWC, zero_debias_moving_mean=False,
                      scope=None):
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with vs.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse) as sc:
        inputs = convert_to_tensor(inputs)
        original_shape = inputs.shape
        original_inputs = inputs
        original_rank = original_shape.ndims
        if original_rank is None:
            raise ValueError("Inputs %s has undefined rank" % inputs.name)
        if original_rank not in [2, 4]:
            raise ValueError("Inputs %s has unsupported rank. Expected 2 or 4 but got %d"
                             % (inputs.name, original_rank))
        if original_rank == 2:
            channels = original_shape.as_list()[-1]
            if channels is None:
                raise ValueError("`C` dimension must be known but is None")
            new_shape = [-1, 1, 1, channels]
            if data_format == DATA_FORMAT_NCHW:
                new_shape = [-1, channels, 1, 1]
            inputs = array_ops.reshape(inputs, new_shape)
        inputs_shape = inputs.shape
        params_shape = inputs_shape[-1:] if data_format == DATA_FORMAT_NHWC else inputs_shape[1:2]
        if not params_shape.is_fully_defined():
            raise ValueError("Inputs %s has undefined `C` dimension %s." % (inputs.name,
                                                                            params_shape))
        param_initializers = param_initializers or {}
        param_regularizers = param_regularizers or {}
        dtype = _dt.float32
        if center:
            beta = variables.model_variable(
                "beta", shape=params_shape, dtype=dtype,
                initializer=param_initializers.get("beta", init_ops.zeros_initializer()),
                regularizer=param_regularizers.get("beta"),
                collections=_get_variable_collections(variables_collections, "beta"),
                trainable=trainable)
        else:
            beta = constant(0.0, dtype=dtype, shape=params_shape)
        if scale:
            gamma = variables.model_variable(
                "gamma", shape=params_shape, dtype=dtype,
                initializer=param_initializers.get("gamma", init_ops.ones_initializer()),
                regularizer=param_regularizers.get("gamma"),
                collections=_get_variable_collections(variables_collections, "gamma"),
                trainable=trainable)
        else:
            gamma = constant(1.0, dtype=dtype, shape=params_shape)
        with vs.variable_scope(vs.get_variable_scope()) as local_scope:
            local_scope.set_partitioner(None)
            moving_mean = variables.model_variable(
                "moving_mean", shape=params_shape, dtype=dtype,
                initializer=param_initializers.get("moving_mean",
                                                   init_ops.zeros_initializer()),
                trainable=False,
                collections=_get_variable_collections(variables_collections, "moving_mean"))
            moving_variance = variables.model_variable(
                "moving_variance", shape=params_shape, dtype=dtype,
                initializer=param_initializers.get("moving_variance",
                                                   init_ops.ones_initializer()),
                trainable=False,
                collections=_get_variable_collections(variables_collections,
                                                      "moving_variance"))

        def _training():
            return nn.fused_batch_norm(inputs, gamma, beta, epsilon=epsilon,
                                       data_format=data_format)

        def _inference():
            return nn.fused_batch_norm(inputs, gamma, beta, mean=moving_mean,
                                       variance=moving_variance, epsilon=epsilon,
                                       is_training=False, data_format=data_format)

        outputs, mean, variance = smart_cond(is_training, _training, _inference)
        is_training_value = constant_value(is_training)
        if is_training_value is None or is_training_value:
            def _updates():
                return (moving_averages.assign_moving_average(
                            moving_mean, mean, decay, zero_debias=zero_debias_moving_mean),
                        moving_averages.assign_moving_average(moving_variance, variance,
                                                              decay, zero_debias=False))
            if updates_collections is None:
                def _force_updates():
                    with control_dependencies(list(_updates())):
                        return array_ops.identity(outputs)
                outputs = smart_cond(is_training, _force_updates, lambda: outputs)
            else:
                update_mean, update_variance = smart_cond(
                    is_training, _updates, lambda: (moving_mean, moving_variance))
                add_to_collections(updates_collections, update_mean)
                add_to_collections(updates_collections, update_variance)
        outputs.set_shape(inputs_shape)
        if original_rank == 2:
            outputs = array_ops.reshape(outputs, array_ops.shape(original_inputs))
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def one_hot_encoding(labels, num_classes, on_value=1.0, off_value=0.0,
                     outputs_collections=None, scope=None):
    """One-hot encodes integer labels (name scope "OneHotEncoding")."""
    with name_scope(scope, "OneHotEncoding", [labels, num_classes]) as sc:
        labels = convert_to_tensor(labels)
        if labels.dtype == _dt.int32:
            labels = math_ops.to_int64(labels)
        outputs = array_ops.one_hot(labels, num_classes, on_value=on_value,
                                    off_value=off_value)
        return collect_named_outputs(outputs_collections, sc, outputs)


def repeat(inputs, repetitions, layer, *args, **kwargs):
    """Applies `layer` `repetitions` times, in scopes `<scope>/<scope>_1`, `_2`, ..."""
    scope = kwargs.pop("scope", None)
    with vs.variable_scope(scope, "Repeat", [inputs]):
        inputs = convert_to_tensor(inputs)
        if scope is None:
            scope = layer.__name__ if hasattr(layer, "__name__") else "repeat"
        outputs = inputs
        for i in range(repetitions):
            kwargs["scope"] = scope + "_" + str(i + 1)
            outputs = layer(outputs, *args, **kwargs)
        return outputs


def stack(inputs, layer, stack_args, **kwargs):
    """Applies `layer` once per element of stack_args, in scopes `<scope>/<scope>_1`, ..."""
    scope = kwargs.pop("scope", None)
    if not isinstance(stack_args, (list, tuple)):
        raise ValueError("stack_args need to be a list or tuple")
    with vs.variable_scope(scope, "Stack", [inputs]):
        inputs = convert_to_tensor(inputs)
        if scope is None:
            scope = layer.__name__ if hasattr(layer, "__name__") else "stack"
        outputs = inputs
        for i in range(len(stack_args)):
            kwargs["scope"] = scope + "_" + str(i + 1)
            layer_args = stack_args[i]
            if not isinstance(layer_args, (list, tuple)):
                layer_args = [layer_args]
            outputs = layer(outputs, *layer_args, **kwargs)
        return outputs


@add_arg_scope
def bias_add(inputs, activation_fn=None, initializer=_ZEROS, regularizer=None, reuse=None,
             variables_collections=None, outputs_collections=None, trainable=True,
             data_format=DATA_FORMAT_NHWC, scope=None):
    """Adds a learned bias `<scope>/biases` (default scope "BiasAdd")."""
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with vs.variable_scope(scope, "BiasAdd", [inputs], reuse=reuse) as sc:
        inputs = convert_to_tensor(inputs)
        dtype = inputs.dtype.base_dtype
        inputs_shape = inputs.shape
        inputs_rank = inputs_shape.ndims
        if inputs_rank is None:
            raise ValueError("Dims of shape must be known but is None")
        if inputs_rank < 2:
            raise ValueError("Rank of inputs must be at least 2")
        axis = 1 if data_format == DATA_FORMAT_NCHW else -1
        num_features = inputs_shape.as_list()[axis]
        if num_features is None:
            raise ValueError("`C` dimension must be known but is None")
        biases = variables.model_variable(
            "biases", shape=[num_features], dtype=dtype, initializer=initializer,
            regularizer=regularizer,
            collections=_get_variable_collections(variables_collections, "biases"),
            trainable=trainable)
        outputs = nn.bias_add(inputs, biases, data_format=data_format)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def layer_norm(inputs, center=True, scale=True, activation_fn=None, reuse=None,
               variables_collections=None, outputs_collections=None, trainable=True,
               begin_norm_axis=1, begin_params_axis=-1, scope=None):
    """Layer normalization (scope "LayerNorm"): normalizes over the axes from
    `begin_norm_axis` on; `beta` and `gamma` (model variables) have the shape of the
    axes from `begin_params_axis` on."""
    with vs.variable_scope(scope, "LayerNorm", [inputs], reuse=reuse) as sc:
        inputs = convert_to_tensor(inputs)
        inputs_shape = inputs.shape
        inputs_rank = inputs_shape.ndims
        if inputs_rank is None:
            raise ValueError("Inputs %s has undefined rank." % inputs.name)
        dtype = inputs.dtype.base_dtype
        if begin_norm_axis < 0:
            begin_norm_axis = inputs_rank + begin_norm_axis
        if begin_params_axis >= inputs_rank or begin_norm_axis >= inputs_rank:
            raise ValueError("begin_params_axis (%d) and begin_norm_axis (%d) must be < "
                             "rank(inputs) (%d)" % (begin_params_axis, begin_norm_axis,
                                                    inputs_rank))
        params_shape = inputs_shape[begin_params_axis:]
        if not params_shape.is_fully_defined():
            raise ValueError("Inputs %s: shape(inputs)[%s:] is not fully defined: %s"
                             % (inputs.name, begin_params_axis, inputs_shape))
        beta = gamma = None
        if center:
            beta = variables.model_variable(
                "beta", shape=params_shape, dtype=dtype,
                initializer=init_ops.zeros_initializer(),
                collections=_get_variable_collections(variables_collections, "beta"),
                trainable=trainable)
        if scale:
            gamma = variables.model_variable(
                "gamma", shape=params_shape, dtype=dtype,
                initializer=init_ops.ones_initializer(),
                collections=_get_variable_collections(variables_collections, "gamma"),
                trainable=trainable)
        norm_axes = list(range(begin_norm_axis, inputs_rank))
        mean, variance = nn.moments(inputs, norm_axes, keep_dims=True)
        variance_epsilon = 1e-12 if dtype != _dt.float16 else 1e-3
        outputs = nn.batch_normalization(inputs, mean, variance, offset=beta, scale=gamma,
                                         variance_epsilon=variance_epsilon)
        outputs.set_shape(inputs_shape)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def convolution1d(inputs, num_outputs, kernel_size, stride=1, padding="SAME",
                  data_format=None, rate=1, activation_fn=_RELU, normalizer_fn=None,
                  normalizer_params=None, weights_initializer=xavier_initializer(),
                  weights_regularizer=None, biases_initializer=_ZEROS, biases_regularizer=None,
                  reuse=None, variables_collections=None, outputs_collections=None,
                  trainable=True, scope=None):
    """1-D convolution (default scope "Conv") of [batch, width, channels] inputs."""
    return _convolution(inputs, num_outputs, kernel_size, stride, padding, data_format, rate,
                        activation_fn, normalizer_fn, normalizer_params, weights_initializer,
                        weights_regularizer, biases_initializer, biases_regularizer, reuse,
                        variables_collections, outputs_collections, trainable, scope, 1)


@add_arg_scope
def convolution3d(inputs, num_outputs, kernel_size, stride=1, padding="SAME",
                  data_format=None, rate=1, activation_fn=_RELU, normalizer_fn=None,
                  normalizer_params=None, weights_initializer=xavier_initializer(),
                  weights_regularizer=None, biases_initializer=_ZEROS, biases_regularizer=None,
                  reuse=None, variables_collections=None, outputs_collections=None,
                  trainable=True, scope=None):
    """3-D convolution (default scope "Conv") of [batch, depth, height, width, channels]."""
    return _convolution(inputs, num_outputs, kernel_size, stride, padding, data_format, rate,
                        activation_fn, normalizer_fn, normalizer_params, weights_initializer,
                        weights_regularizer, biases_initializer, biases_regularizer, reuse,
                        variables_collections, outputs_collections, trainable, scope, 3)


conv1d = convolution1d
conv3d = convolution3d

# fully_connected with a fixed activation (TF 1.14 defines them as functools.partial)
elu = functools.partial(fully_connected, activation_fn=nn.elu)
relu = functools.partial(fully_connected, activation_fn=nn.relu)
relu6 = functools.partial(fully_connected, activation_fn=nn.relu6)
linear = functools.partial(fully_connected, activation_fn=None)


def _channel_dimension(shape, df, min_rank):
    dims = shape.dims
    if dims is None:
        raise ValueError("dims of shape must be known but is None")
    if len(dims) < min_rank:
        raise ValueError("rank of shape must be at least %d not: %d" % (min_rank, len(dims)))
    dim = 1 if df == "channels_first" else -1
    value = dims[dim].value
    if value is None:
        raise ValueError("dimension %d of shape must be known but is None: %s" % (dim, shape))
    return value


def _two(value):
    """TF's utils.two_element_tuple: an int or a pair as (h, w)."""
    if isinstance(value, (list, tuple)):
        if len(value) != 2:
            raise ValueError("Must be a list with 2 elements: %s" % (value,))
        return int(value[0]), int(value[1])
    if isinstance(value, int):
        return value, value
    if isinstance(value, TensorShape) and len(value) == 2:
        return value[0], value[1]
    raise ValueError("Must be an int, a list with 2 elements or a TensorShape of length 2")


@add_arg_scope
def separable_convolution2d(inputs, num_outputs, kernel_size, depth_multiplier=1, stride=1,
                            padding="SAME", data_format=DATA_FORMAT_NHWC, rate=1,
                            activation_fn=_RELU, normalizer_fn=None, normalizer_params=None,
                            weights_initializer=xavier_initializer(),
                            pointwise_initializer=None, weights_regularizer=None,
                            biases_initializer=_ZEROS, biases_regularizer=None, reuse=None,
                            variables_collections=None, outputs_collections=None,
                            trainable=True, scope=None):
    """Depthwise then pointwise 2-D convolution (scope "SeparableConv2d"; variables
    `depthwise_weights`, `pointwise_weights`, `biases`); with num_outputs=None only the
    depthwise convolution (`depthwise_weights`, `biases` of depth_multiplier * channels)."""
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    getter = _build_variable_getter({"bias": "biases", "depthwise_kernel": "depthwise_weights",
                                     "pointwise_kernel": "pointwise_weights"})
    with vs.variable_scope(scope, "SeparableConv2d", [inputs], reuse=reuse,
                           custom_getter=getter) as sc:
        inputs = convert_to_tensor(inputs)
        if pointwise_initializer is None:
            pointwise_initializer = weights_initializer
        df = "channels_first" if data_format.startswith("NC") else "channels_last"
        if num_outputs is not None:
            layer = conv_layers.SeparableConv2D(
                filters=num_outputs, kernel_size=kernel_size, strides=stride, padding=padding,
                data_format=df, dilation_rate=_two(rate), activation=None,
                depth_multiplier=depth_multiplier,
                use_bias=not normalizer_fn and biases_initializer,
                depthwise_initializer=weights_initializer,
                pointwise_initializer=pointwise_initializer,
                bias_initializer=biases_initializer, depthwise_regularizer=weights_regularizer,
                pointwise_regularizer=weights_regularizer, bias_regularizer=biases_regularizer,
                activity_regularizer=None, trainable=trainable, name=sc.name,
                dtype=inputs.dtype.base_dtype, _scope=sc, _reuse=reuse)
            outputs = layer.apply(inputs)
            _add_variable_to_collections(layer.depthwise_kernel, variables_collections,
                                         "weights")
            _add_variable_to_collections(layer.pointwise_kernel, variables_collections,
                                         "weights")
            if layer.bias is not None:
                _add_variable_to_collections(layer.bias, variables_collections, "biases")
            if normalizer_fn is not None:
                outputs = normalizer_fn(outputs, **(normalizer_params or {}))
        else:
            dtype = inputs.dtype.base_dtype
            kernel_h, kernel_w = _two(kernel_size)
            stride_h, stride_w = _two(stride)
            num_filters_in = _channel_dimension(inputs.shape, df, min_rank=4)
            depthwise_weights = variables.model_variable(
                "depthwise_weights", shape=[kernel_h, kernel_w, num_filters_in,
                                            depth_multiplier],
                dtype=dtype, initializer=weights_initializer, regularizer=weights_regularizer,
                trainable=trainable,
                collections=_get_variable_collections(variables_collections, "weights"))
            strides = ([1, 1, stride_h, stride_w] if data_format.startswith("NC")
                       else [1, stride_h, stride_w, 1])
            outputs = nn.depthwise_conv2d(inputs, depthwise_weights, strides, padding,
                                          rate=_two(rate), data_format=data_format)
            num_outputs = depth_multiplier * num_filters_in
            if normalizer_fn is not None:
                outputs = normalizer_fn(outputs, **(normalizer_params or {}))
            elif biases_initializer is not None:
                biases = variables.model_variable(
                    "biases", shape=[num_outputs], dtype=dtype,
                    initializer=biases_initializer, regularizer=biases_regularizer,
                    trainable=trainable,
                    collections=_get_variable_collections(variables_collections, "biases"))
                outputs = nn.bias_add(outputs, biases, data_format=data_format)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


separable_conv2d = separable_convolution2d

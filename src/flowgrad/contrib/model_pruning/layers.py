"""Masked slim layers (TF 1.14 contrib/model_pruning/python/layers/layers.py): like
contrib.layers' convolution and fully_connected, with the kernel used as `mask * weights`
(variables `<scope>/mask`, `<scope>/threshold` beside `weights` and `biases`)."""
from ...engine.framework.constant_op import convert_to_tensor
from ...ops import init_ops
from ...ops import variable_scope as vs
from ... import nn
from ..framework.arg_scope import add_arg_scope
from ..layers.initializers import xavier_initializer
from ..layers.layers import _apply_slim_layer, _build_variable_getter, _slim_layer_kwargs
from . import core_layers as core

_RENAME = {"bias": "biases", "kernel": "weights"}


@add_arg_scope
def masked_convolution(inputs, num_outputs, kernel_size, stride=1, padding="SAME",
                       data_format=None, rate=1, activation_fn=nn.relu, normalizer_fn=None,
                       normalizer_params=None, weights_initializer=xavier_initializer(),
                       weights_regularizer=None,
                       biases_initializer=init_ops.zeros_initializer(),
                       biases_regularizer=None, reuse=None, variables_collections=None,
                       outputs_collections=None, trainable=True, scope=None):
    """A 2-D convolution (4-D inputs only, as TF) with a masked kernel, then the optional
    normalizer and activation (default scope "Conv")."""
    if data_format not in [None, "NWC", "NCW", "NHWC", "NCHW", "NDHWC", "NCDHW"]:
        raise ValueError("Invalid data_format: %r" % (data_format,))
    with vs.variable_scope(scope, "Conv", [inputs], reuse=reuse,
                           custom_getter=_build_variable_getter(_RENAME)) as sc:
        inputs = convert_to_tensor(inputs)
        input_rank = inputs.get_shape().ndims
        if input_rank != 4:
            raise ValueError("Sparse Convolution not supported for input with rank",
                             input_rank)
        if data_format is None or data_format == "NHWC":
            df = "channels_last"
        elif data_format == "NCHW":
            df = "channels_first"
        else:
            raise ValueError("Unsupported data format", data_format)
        layer = core.MaskedConv2D(
            filters=num_outputs, kernel_size=kernel_size, strides=stride, padding=padding,
            data_format=df, dilation_rate=rate,
            **_slim_layer_kwargs(sc, inputs, reuse, normalizer_fn, weights_initializer,
                                 weights_regularizer, biases_initializer,
                                 biases_regularizer, trainable))
        return _apply_slim_layer(layer, inputs, variables_collections, normalizer_fn,
                                 normalizer_params, activation_fn, outputs_collections,
                                 sc.original_name_scope)


masked_conv2d = masked_convolution


@add_arg_scope
def masked_fully_connected(inputs, num_outputs, activation_fn=nn.relu, normalizer_fn=None,
                           normalizer_params=None, weights_initializer=xavier_initializer(),
                           weights_regularizer=None,
                           biases_initializer=init_ops.zeros_initializer(),
                           biases_regularizer=None, reuse=None, variables_collections=None,
                           outputs_collections=None, trainable=True, scope=None):
    """inputs @ (mask * weights) + biases, then the optional normalizer and activation
    (default scope "fully_connected")."""
    if not isinstance(num_outputs, int):
        raise ValueError("num_outputs should be int or long, got %s." % (num_outputs,))
    with vs.variable_scope(scope, "fully_connected", [inputs], reuse=reuse,
                           custom_getter=_build_variable_getter(_RENAME)) as sc:
        inputs = convert_to_tensor(inputs)
        layer = core.MaskedFullyConnected(
            units=num_outputs,
            **_slim_layer_kwargs(sc, inputs, reuse, normalizer_fn, weights_initializer,
                                 weights_regularizer, biases_initializer,
                                 biases_regularizer, trainable))
        return _apply_slim_layer(layer, inputs, variables_collections, normalizer_fn,
                                 normalizer_params, activation_fn, outputs_collections,
                                 sc.original_name_scope)

"""More of TF 1.14's contrib.layers (contrib/layers/python/layers/layers.py and
encoders.py): legacy_fully_connected (and legacy_linear / legacy_relu),
convolution2d_in_plane, spatial_softmax and bow_encoder."""
from __future__ import annotations

import functools

from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import GraphKeys, add_to_collections, name_scope
from ...engine.framework import dtypes as _dt
from ...engine.ops.construction import lin_space
from ...engine.ops.linalg import matmul
from ...ops import array_ops, init_ops, math_ops
from ...ops import variable_scope as vs
from ... import nn
from ..framework import variables
from ..framework.arg_scope import add_arg_scope
from .encoders import safe_embedding_lookup_sparse
from .feature_column import dense_to_sparse_tensor
from .initializers import xavier_initializer
from .layers import _get_variable_collections, _two, collect_named_outputs
from .layers_extra import _last_dimension
from ...ops.sparse_tensor import SparseTensor

__all__ = ["legacy_fully_connected", "legacy_linear", "legacy_relu", "convolution2d_in_plane",
           "conv2d_in_plane", "spatial_softmax", "bow_encoder"]


def legacy_fully_connected(x, num_output_units, activation_fn=None,
                           weight_init=xavier_initializer(),
                           bias_init=init_ops.zeros_initializer(), name=None,
                           weight_collections=(GraphKeys.WEIGHTS,),
                           bias_collections=(GraphKeys.BIASES,),
                           output_collections=(GraphKeys.ACTIVATIONS,), trainable=True,
                           weight_regularizer=None, bias_regularizer=None):
    """x @ weights + bias (variables `weights`, `bias` in scope "fully_connected"), over
    the last dimension of x; the output joins ACTIVATIONS and `output_collections`."""
    with vs.variable_scope(name, "fully_connected", [x]):
        x = convert_to_tensor(x)
        dims = x.get_shape().dims
        if dims is None:
            raise ValueError("dims of x must be known but is None")
        if len(dims) < 2:
            raise ValueError("rank of x must be at least 2 not: %d" % len(dims))
        num_input_units = dims[-1].value
        if num_input_units is None:
            raise ValueError("last dimension of x must be known but is None")
        dtype = x.dtype.base_dtype
        collections = list(dict.fromkeys(list(weight_collections or []) +
                                         [GraphKeys.GLOBAL_VARIABLES]))
        w = vs.get_variable("weights", shape=[num_input_units, num_output_units], dtype=dtype,
                            initializer=weight_init, collections=collections,
                            regularizer=weight_regularizer, trainable=trainable)
        x_2_dim = x if len(dims) <= 2 else array_ops.reshape(x, [-1, num_input_units])
        y = matmul(x_2_dim, w)
        if bias_init is not None:
            collections = list(dict.fromkeys(list(bias_collections or []) +
                                             [GraphKeys.GLOBAL_VARIABLES]))
            b = vs.get_variable("bias", shape=[num_output_units], dtype=dtype,
                                initializer=bias_init, collections=collections,
                                regularizer=bias_regularizer, trainable=trainable)
            y = nn.bias_add(y, b)
        if len(dims) > 2:
            out_shape = array_ops.unstack(array_ops.shape(x))
            out_shape[-1] = num_output_units
            y = array_ops.reshape(y, array_ops.stack(out_shape))
            static = x.get_shape().as_list()
            static[-1] = num_output_units
            y.set_shape(static)
        if activation_fn is not None:
            y = activation_fn(y)
        add_to_collections(list(output_collections or []) + [GraphKeys.ACTIVATIONS], y)
        return y


legacy_relu = functools.partial(legacy_fully_connected, activation_fn=nn.relu)
legacy_linear = functools.partial(legacy_fully_connected, activation_fn=None)


@add_arg_scope
def convolution2d_in_plane(inputs, kernel_size, stride=1, padding="SAME",
                           activation_fn=nn.relu, normalizer_fn=None, normalizer_params=None,
                           weights_initializer=xavier_initializer(), weights_regularizer=None,
                           biases_initializer=init_ops.zeros_initializer(),
                           biases_regularizer=None, reuse=None, variables_collections=None,
                           outputs_collections=None, trainable=True, scope=None):
    """One [kh, kw] filter applied to every channel of `inputs` (scope "ConvInPlane";
    `weights` [kh, kw, 1, 1] tiled to a depthwise filter, `biases` per channel)."""
    with vs.variable_scope(scope, "ConvInPlane", [inputs], reuse=reuse) as sc:
        dtype = inputs.dtype.base_dtype
        kernel_h, kernel_w = _two(kernel_size)
        stride_h, stride_w = _two(stride)
        num_filters_in = _last_dimension(inputs.get_shape(), min_rank=4)
        weights = variables.model_variable(
            "weights", shape=[kernel_h, kernel_w, 1, 1], dtype=dtype,
            initializer=weights_initializer, regularizer=weights_regularizer,
            collections=_get_variable_collections(variables_collections, "weights"),
            trainable=trainable)
        depthwise = array_ops.tile(weights, [1, 1, num_filters_in, 1])
        outputs = nn.depthwise_conv2d(inputs, depthwise, [1, stride_h, stride_w, 1], padding)
        if normalizer_fn is not None:
            outputs = normalizer_fn(outputs, **(normalizer_params or {}))
        elif biases_initializer is not None:
            biases = variables.model_variable(
                "biases", shape=[num_filters_in], dtype=dtype, initializer=biases_initializer,
                regularizer=biases_regularizer,
                collections=_get_variable_collections(variables_collections, "biases"),
                trainable=trainable)
            outputs = nn.bias_add(outputs, biases)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


conv2d_in_plane = convolution2d_in_plane


@add_arg_scope
def spatial_softmax(features, temperature=None, name=None, variables_collections=None,
                    trainable=True, data_format="NHWC"):
    """Per channel, the expected (x, y) image position under a softmax over the positions
    (a learned `temperature` divides the features): [batch, 2 * channels] keypoints."""
    with vs.variable_scope(name, "spatial_softmax"):
        shape = array_ops.shape(features)
        static_shape = features.shape
        if data_format == "NHWC":
            height, width, num_channels = shape[1], shape[2], static_shape[3]
        elif data_format == "NCHW":
            num_channels, height, width = static_shape[1], shape[2], shape[3]
        else:
            raise ValueError("data_format has to be either NCHW or NHWC.")
        num_channels = num_channels.value
        if num_channels is None:
            raise ValueError("The num_channels dimension of the inputs to `spatial_softmax` "
                             "should be defined. Found `None`.")
        with name_scope("spatial_softmax_op", "spatial_softmax_op", [features]):
            pos_x, pos_y = array_ops.meshgrid(lin_space(-1., 1., num=height),
                                              lin_space(-1., 1., num=width), indexing="ij")
            pos_x = array_ops.reshape(pos_x, [height * width])
            pos_y = array_ops.reshape(pos_y, [height * width])
            initializer = init_ops.ones_initializer() if temperature is None else \
                init_ops.constant_initializer(temperature)
            collections = None if not trainable else \
                _get_variable_collections(variables_collections, "temperature")
            temperature = variables.model_variable(
                "temperature", shape=(), dtype=_dt.float32, initializer=initializer,
                collections=collections, trainable=trainable)
            if data_format == "NCHW":
                features = array_ops.reshape(features, [-1, height * width])
            else:
                features = array_ops.reshape(array_ops.transpose(features, [0, 3, 1, 2]),
                                             [-1, height * width])
            attention = nn.softmax(features / temperature)
            expected_x = math_ops.reduce_sum(pos_x * attention, [1], keepdims=True)
            expected_y = math_ops.reduce_sum(pos_y * attention, [1], keepdims=True)
            expected_xy = array_ops.concat([expected_x, expected_y], 1)
            keypoints = array_ops.reshape(expected_xy, [-1, num_channels * 2])
            keypoints.set_shape([None, num_channels * 2])
    return keypoints


def bow_encoder(ids, vocab_size, embed_dim, sparse_lookup=True, initializer=None,
                regularizer=None, trainable=True, scope=None, reuse=None):
    """The mean embedding of each row's ids (model variable `embeddings` in scope
    "bow_encoder"): [batch, embed_dim]."""
    if not vocab_size or not embed_dim:
        raise ValueError("Must specify vocab size and embedding dimension")
    with vs.variable_scope(scope, "bow_encoder", [ids], reuse=reuse):
        embeddings = variables.model_variable("embeddings", shape=[vocab_size, embed_dim],
                                              initializer=initializer,
                                              regularizer=regularizer, trainable=trainable)
        if sparse_lookup:
            sparse_ids = ids if isinstance(ids, SparseTensor) else dense_to_sparse_tensor(ids)
            return safe_embedding_lookup_sparse([embeddings], sparse_ids, combiner="mean",
                                                default_id=0)
        if isinstance(ids, SparseTensor):
            raise TypeError("ids are expected to be dense Tensor, got: %s", ids)
        return math_ops.reduce_mean(nn.embedding_lookup(embeddings, ids), axis=1)

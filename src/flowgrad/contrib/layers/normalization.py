"""contrib.layers instance_norm and group_norm (TF 1.14
contrib/layers/python/layers/normalization.py)."""
from ...engine.framework.constant_op import convert_to_tensor
from ...ops import array_ops, math_ops
from ...ops import variable_scope as vs
from ... import nn
from ..framework.arg_scope import add_arg_scope
from .layers import (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC, _params,
                     collect_named_outputs)

__all__ = ["instance_norm", "group_norm"]


@add_arg_scope
def instance_norm(inputs, center=True, scale=True, epsilon=1e-6, activation_fn=None,
                  param_initializers=None, reuse=None, variables_collections=None,
                  outputs_collections=None, trainable=True, data_format=DATA_FORMAT_NHWC,
                  scope=None):
    """Instance normalization (scope "InstanceNorm"): each example's channels are
    normalized over their spatial axes; `beta`/`gamma` have one value per channel."""
    inputs = convert_to_tensor(inputs)
    inputs_shape = inputs.shape
    inputs_rank = inputs_shape.ndims
    if inputs_rank is None:
        raise ValueError("Inputs %s has undefined rank." % inputs.name)
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with vs.variable_scope(scope, "InstanceNorm", [inputs], reuse=reuse) as sc:
        if data_format == DATA_FORMAT_NCHW:
            reduction_axis = 1
            broadcast = [1, inputs_shape[1].value] + [1] * (inputs_rank - 2)
        else:
            reduction_axis = inputs_rank - 1
            broadcast = None
        # TF deletes the channel axis, then the batch axis, from range(rank): an input of
        # rank below 2 fails there with Python's IndexError, inside the scope
        moments_axes = list(range(inputs_rank))
        del moments_axes[reduction_axis]
        del moments_axes[0]
        params_shape = inputs_shape[reduction_axis:reduction_axis + 1]
        if not params_shape.is_fully_defined():
            raise ValueError("Inputs %s has undefined channels dimension %s."
                             % (inputs.name, params_shape))
        beta, gamma = _params(center, scale, params_shape, inputs.dtype.base_dtype,
                              param_initializers, variables_collections, trainable,
                              broadcast)
        mean, variance = nn.moments(inputs, moments_axes, keep_dims=True)
        outputs = nn.batch_normalization(inputs, mean, variance, beta, gamma, epsilon,
                                         name="instancenorm")
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def group_norm(inputs, groups=32, channels_axis=-1, reduction_axes=(-3, -2), center=True,
               scale=True, epsilon=1e-6, activation_fn=None, param_initializers=None,
               reuse=None, variables_collections=None, outputs_collections=None,
               trainable=True, scope=None, mean_close_to_zero=False):
    """Group normalization (scope "GroupNorm"): the channels are split into `groups`,
    each normalized over its channels and `reduction_axes`."""
    inputs = convert_to_tensor(inputs)
    rank = inputs.shape.ndims
    if rank is None:
        raise ValueError("Inputs %s has undefined rank." % inputs.name)
    if channels_axis > rank - 1:
        raise ValueError("Axis is out of bounds.")
    dynamic_shape = array_ops.shape(inputs)
    shape_list = [dynamic_shape[i] if dim.value is None else dim.value
                  for i, dim in enumerate(inputs.shape.dims)]
    if channels_axis < 0:
        channels_axis = rank + channels_axis
    channels = inputs.shape[channels_axis].value
    if channels is None:
        raise ValueError("Inputs %s has undefined channel dimension: %d."
                         % (inputs.name, channels_axis))
    reduction_axes = [a + rank if a < 0 else a for a in reduction_axes]
    for a in reduction_axes:
        if a > rank:
            raise ValueError("Axis is out of bounds.")
        if inputs.shape[a].value is None:
            raise ValueError("Inputs %s has undefined dimensions %d." % (inputs.name, a))
        if channels_axis == a:
            raise ValueError("reduction_axis must be mutually exclusive with channels_axis")
    if groups > channels:
        raise ValueError("Invalid groups %d for %d channels." % (groups, channels))
    if channels % groups != 0:
        raise ValueError("%d channels is not commensurate with %d groups."
                         % (channels, groups))
    before, after = shape_list[:channels_axis], shape_list[channels_axis + 1:]
    broadcast = [1] * len(before) + [groups, channels // groups] + [1] * len(after)
    inputs = array_ops.reshape(inputs, before + [groups, channels // groups] + after)
    moments_axes = [channels_axis + 1] + [a + 1 if a > channels_axis else a
                                          for a in reduction_axes]
    with vs.variable_scope(scope, "GroupNorm", [inputs], reuse=reuse) as sc:
        beta, gamma = _params(center, scale, [channels], inputs.dtype.base_dtype,
                              param_initializers, variables_collections, trainable,
                              broadcast)
        if mean_close_to_zero:
            counts, means_ss, variance_ss, _ = nn.sufficient_statistics(
                inputs, moments_axes, keep_dims=True)
            mean, variance = nn.normalize_moments(counts, means_ss, variance_ss, shift=None)
        else:
            mean, variance = nn.moments(inputs, moments_axes, keep_dims=True)
        gain = math_ops.rsqrt(variance + epsilon)
        offset = -mean * gain
        if gamma is not None:
            gain *= gamma
            offset *= gamma
        if beta is not None:
            offset += beta
        outputs = inputs * gain + offset
        outputs = array_ops.reshape(outputs, shape_list)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return collect_named_outputs(outputs_collections, sc.name, outputs)

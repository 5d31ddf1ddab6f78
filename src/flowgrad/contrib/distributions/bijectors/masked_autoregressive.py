"""tf.contrib.distributions.bijectors.MaskedAutoregressiveFlow, masked_dense and
masked_autoregressive_default_template (TF 1.14): the autoregressive affine flow
y[i] = x[i] * exp(log_scale(y[:i])) + shift(y[:i]), whose forward runs the shift/log-scale
function once per event unit (a while_loop, or unrolled), its inverse once; the default
function a MADE network of masked dense layers."""
from __future__ import annotations

import numpy as np

from ....engine.framework import dtypes as _dt
from ....engine.framework.constant_op import constant
from ....engine.framework.graph import name_scope
from ....layers import core as layers
from ....ops import array_ops, control_flow_ops, init_ops, math_ops, nn_ops
from ....ops import variable_scope as variable_scope_lib
from .bijector import Bijector

__all__ = ["MaskedAutoregressiveFlow", "masked_autoregressive_default_template",
           "masked_dense"]

MASK_INCLUSIVE = "inclusive"
MASK_EXCLUSIVE = "exclusive"


class MaskedAutoregressiveFlow(Bijector):
    """Y = g(X) with Y[i] = X[i] * exp(log_scale[i]) + shift[i], (shift, log_scale) =
    shift_and_log_scale_fn(Y) autoregressive in Y."""

    def __init__(self, shift_and_log_scale_fn, is_constant_jacobian=False,
                 validate_args=False, unroll_loop=False, name=None):
        name = name or "masked_autoregressive_flow"
        self._shift_and_log_scale_fn = shift_and_log_scale_fn
        self._unroll_loop = unroll_loop
        super().__init__(forward_min_event_ndims=1, is_constant_jacobian=is_constant_jacobian,
                         validate_args=validate_args, name=name)

    @staticmethod
    def _step(x, shift, log_scale):
        y = x
        if log_scale is not None:
            y *= math_ops.exp(log_scale)
        if shift is not None:
            y += shift
        return y

    def _forward(self, x):
        if self._unroll_loop:
            event_size = x.shape.with_rank_at_least(1)[-1].value
            if event_size is None:
                raise ValueError("The final dimension of `x` must be known at graph "
                                 "construction time if `unroll_loop=True`. `x.shape: %r`"
                                 % x.shape)
            y = array_ops.zeros_like(x, name="y0")
            for _ in range(event_size):
                y = self._step(x, *self._shift_and_log_scale_fn(y))
            return y
        event_size = array_ops.shape(x)[-1]
        static_event_size = x.shape.with_rank_at_least(1)[-1].value
        y0 = array_ops.zeros_like(x, name="y0")
        # the first call, outside the loop, creates the template's variables
        self._shift_and_log_scale_fn(y0)

        def _loop_body(index, y0):
            with variable_scope_lib.variable_scope(
                    variable_scope_lib.get_variable_scope()) as vs:
                if vs.caching_device is None:
                    vs.set_caching_device(lambda op: op.device)
                shift, log_scale = self._shift_and_log_scale_fn(y0)
            y = self._step(x, shift, log_scale)
            return index + 1, y

        _, y = control_flow_ops.while_loop(cond=lambda index, _: index < event_size,
                                           body=_loop_body, loop_vars=(0, y0),
                                           maximum_iterations=static_event_size)
        return y

    def _inverse(self, y):
        shift, log_scale = self._shift_and_log_scale_fn(y)
        x = y
        if shift is not None:
            x -= shift
        if log_scale is not None:
            x *= math_ops.exp(-log_scale)
        return x

    def _inverse_log_det_jacobian(self, y):
        _, log_scale = self._shift_and_log_scale_fn(y)
        if log_scale is None:
            return constant(0., dtype=y.dtype, name="ildj")
        return -math_ops.reduce_sum(log_scale, axis=-1)


def _gen_slices(num_blocks, n_in, n_out, mask_type=MASK_EXCLUSIVE):
    """[rows, cols] slices of the ones of MADE's block mask."""
    slices = []
    col = 0
    d_in = n_in // num_blocks
    d_out = n_out // num_blocks
    row = d_out if mask_type == MASK_EXCLUSIVE else 0
    for _ in range(num_blocks):
        slices.append([slice(row, None), slice(col, col + d_in)])
        col += d_in
        row += d_out
    return slices


def _gen_mask(num_blocks, n_in, n_out, mask_type=MASK_EXCLUSIVE, dtype=_dt.float32):
    mask = np.zeros([n_out, n_in], dtype=dtype.as_numpy_dtype())
    for row_slice, col_slice in _gen_slices(num_blocks, n_in, n_out, mask_type=mask_type):
        mask[row_slice, col_slice] = 1
    return mask


def masked_dense(inputs, units, num_blocks=None, exclusive=False, kernel_initializer=None,
                 reuse=None, name=None, *args, **kwargs):
    """A dense layer whose kernel is MADE's autoregressive mask times the initializer's
    values (and constrained to it)."""
    input_depth = inputs.shape.with_rank_at_least(1)[-1].value
    if input_depth is None:
        raise NotImplementedError("Rightmost dimension must be known prior to graph execution.")
    mask = _gen_mask(num_blocks, input_depth, units,
                     MASK_EXCLUSIVE if exclusive else MASK_INCLUSIVE).T
    if kernel_initializer is None:
        kernel_initializer = init_ops.glorot_normal_initializer()

    def masked_initializer(shape, dtype=None, partition_info=None):
        return mask * kernel_initializer(shape, dtype, partition_info)

    with name_scope(name, "masked_dense", [inputs, units, num_blocks]):
        layer = layers.Dense(units, kernel_initializer=masked_initializer,
                             kernel_constraint=lambda x: mask * x, name=name,
                             dtype=inputs.dtype.base_dtype, _scope=name, _reuse=reuse,
                             *args, **kwargs)
        return layer.apply(inputs)


def masked_autoregressive_default_template(hidden_layers, shift_only=False,
                                           activation=nn_ops.relu, log_scale_min_clip=-5.,
                                           log_scale_max_clip=3.,
                                           log_scale_clip_gradient=False, name=None,
                                           *args, **kwargs):
    """A template `x -> (shift, log_scale)`: MADE (masked_dense layers of `hidden_layers`
    units, the first exclusive), log_scale clipped to [min_clip, max_clip] with the identity's
    gradient (log_scale_clip_gradient=True fails in TF 1.14, and here)."""
    name = name or "masked_autoregressive_default_template"
    with name_scope(name, values=[log_scale_min_clip, log_scale_max_clip]):
        def _fn(x):
            input_depth = x.shape.with_rank_at_least(1)[-1].value
            if input_depth is None:
                raise NotImplementedError(
                    "Rightmost dimension must be known prior to graph execution.")
            input_shape = (np.int32(x.shape.as_list()) if x.shape.is_fully_defined()
                           else array_ops.shape(x))
            for i, units in enumerate(hidden_layers):
                x = masked_dense(inputs=x, units=units, num_blocks=input_depth,
                                 exclusive=i == 0, activation=activation, *args, **kwargs)
            x = masked_dense(inputs=x, units=(1 if shift_only else 2) * input_depth,
                             num_blocks=input_depth, activation=None, *args, **kwargs)
            if shift_only:
                return array_ops.reshape(x, shape=input_shape), None
            x = array_ops.reshape(x, shape=array_ops.concat([input_shape, [2]], axis=0))
            shift, log_scale = array_ops.unstack(x, num=2, axis=-1)
            if log_scale_clip_gradient:
                # TF 1.14 calls math_ops.clip_by_value here, which does not exist: the
                # template fails once its layers are built (a second call then finds them)
                raise AttributeError("module 'tensorflow.python.ops.math_ops' has no "
                                     "attribute 'clip_by_value'")
            return shift, _clip_by_value_preserve_grad(log_scale, log_scale_min_clip,
                                                       log_scale_max_clip)
        return variable_scope_lib.make_template(name, _fn)


def _clip_by_value_preserve_grad(x, clip_value_min, clip_value_max, name=None):
    """clip_by_value in the forward pass, the identity's gradient."""
    with name_scope(name, "clip_by_value_preserve_grad", [x, clip_value_min, clip_value_max]):
        clip_x = math_ops.clip_by_value(x, clip_value_min, clip_value_max)
        return x + array_ops.stop_gradient(clip_x - x)

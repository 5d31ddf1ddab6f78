"""tf.contrib.distributions.bijectors.RealNVP and real_nvp_default_template (TF 1.14):
the affine coupling y[:, :d] = x[:, :d], y[:, d:] = x[:, d:] * exp(log_scale) + shift, with
(shift, log_scale) computed from x[:, :d] by a user function (a template of dense layers by
default)."""
from __future__ import annotations

from ....engine.framework.constant_op import constant
from ....engine.framework.graph import name_scope
from ....layers import core as layers
from ....ops import array_ops, math_ops, nn_ops
from ....ops.variable_scope import make_template
from .bijector import Bijector

__all__ = ["RealNVP", "real_nvp_default_template"]


class RealNVP(Bijector):
    """Real NVP's affine coupling of the last `input_depth - num_masked` units on the first
    `num_masked` (inputs of rank 2: [batch, event])."""

    def __init__(self, num_masked, shift_and_log_scale_fn, is_constant_jacobian=False,
                 validate_args=False, name=None):
        name = name or "real_nvp"
        if num_masked <= 0:
            raise ValueError("num_masked must be a positive integer.")
        self._num_masked = num_masked
        self._input_depth = None
        self._shift_and_log_scale_fn = shift_and_log_scale_fn
        super().__init__(forward_min_event_ndims=1, is_constant_jacobian=is_constant_jacobian,
                         validate_args=validate_args, name=name)

    def _cache_input_depth(self, x):
        if self._input_depth is None:
            self._input_depth = x.shape.with_rank_at_least(1)[-1].value
            if self._input_depth is None:
                raise NotImplementedError(
                    "Rightmost dimension must be known prior to graph execution.")
            if self._num_masked >= self._input_depth:
                raise ValueError("Number of masked units must be smaller than the event size.")

    def _shift_and_log_scale(self, x0):
        return self._shift_and_log_scale_fn(x0, self._input_depth - self._num_masked)

    def _forward(self, x):
        self._cache_input_depth(x)
        x0, x1 = x[:, :self._num_masked], x[:, self._num_masked:]
        shift, log_scale = self._shift_and_log_scale(x0)
        y1 = x1
        if log_scale is not None:
            y1 *= math_ops.exp(log_scale)
        if shift is not None:
            y1 += shift
        return array_ops.concat([x0, y1], axis=-1)

    def _inverse(self, y):
        self._cache_input_depth(y)
        y0, y1 = y[:, :self._num_masked], y[:, self._num_masked:]
        shift, log_scale = self._shift_and_log_scale(y0)
        x1 = y1
        if shift is not None:
            x1 -= shift
        if log_scale is not None:
            x1 *= math_ops.exp(-log_scale)
        return array_ops.concat([y0, x1], axis=-1)

    def _inverse_log_det_jacobian(self, y):
        self._cache_input_depth(y)
        _, log_scale = self._shift_and_log_scale(y[:, :self._num_masked])
        if log_scale is None:
            return constant(0., dtype=y.dtype, name="ildj")
        return -math_ops.reduce_sum(log_scale, axis=-1)

    def _forward_log_det_jacobian(self, x):
        self._cache_input_depth(x)
        _, log_scale = self._shift_and_log_scale(x[:, :self._num_masked])
        if log_scale is None:
            return constant(0., dtype=x.dtype, name="fldj")
        return math_ops.reduce_sum(log_scale, axis=-1)


def real_nvp_default_template(hidden_layers, shift_only=False, activation=nn_ops.relu,
                              name=None, *args, **kwargs):
    """A template `(x, output_units) -> (shift, log_scale)`: dense layers of
    `hidden_layers` units, then one of 2 * output_units split in two (output_units and
    log_scale None when shift_only)."""
    with name_scope(name, "real_nvp_default_template"):
        def _fn(x, output_units):
            for units in hidden_layers:
                x = layers.dense(inputs=x, units=units, activation=activation, *args,
                                 **kwargs)
            x = layers.dense(inputs=x, units=(1 if shift_only else 2) * output_units,
                             activation=None, *args, **kwargs)
            if shift_only:
                return x, None
            shift, log_scale = array_ops.split(x, 2, axis=-1)
            return shift, log_scale
        return make_template("real_nvp_default_template", _fn)

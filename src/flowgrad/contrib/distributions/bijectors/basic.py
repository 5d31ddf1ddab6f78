"""tf.contrib.distributions.bijectors' Identity, Exp (PowerTransform), AffineScalar,
Softplus, Sigmoid, Invert and Chain (TF 1.14): TF's ops and names in each method."""
from __future__ import annotations

import itertools

import numpy as np

from ....engine.framework.constant_op import constant, convert_to_tensor
from ....engine.framework.graph import name_scope
from ....ops import array_ops, check_ops, comparison_ops, control_flow_ops, math_ops, nn_ops
from ....ops.tensor_util import constant_value
from .bijector import Bijector, static_event_ndims

__all__ = ["Identity", "PowerTransform", "Exp", "AffineScalar", "Softplus", "Sigmoid",
           "Invert", "Chain", "softplus_inverse", "Kumaraswamy"]


def softplus_inverse(x, name=None):
    """log(exp(x) - 1), with TF's guards for tiny and large x."""
    with name_scope(name, "softplus_inverse", values=[x]):
        x = convert_to_tensor(x, name="x")
        threshold = np.log(np.finfo(x.dtype.as_numpy_dtype).eps) + 2.
        is_too_small = comparison_ops.less(x, np.exp(threshold))
        is_too_large = comparison_ops.greater(x, -threshold)
        too_small_value = math_ops.log(x)
        too_large_value = x
        x = array_ops.where(comparison_ops.logical_or(is_too_small, is_too_large),
                            array_ops.ones_like(x), x)
        y = x + math_ops.log(-math_ops.expm1(-x))
        return array_ops.where(is_too_small, too_small_value,
                               array_ops.where(is_too_large, too_large_value, y))


class Identity(Bijector):
    """Y = X."""

    def __init__(self, validate_args=False, name="identity"):
        super().__init__(forward_min_event_ndims=0, is_constant_jacobian=True,
                         validate_args=validate_args, name=name)

    def _forward(self, x):
        return x

    def _inverse(self, y):
        return y

    def _inverse_log_det_jacobian(self, y):
        return constant(0., dtype=y.dtype)

    def _forward_log_det_jacobian(self, x):
        return constant(0., dtype=x.dtype)


class PowerTransform(Bijector):
    """Y = (1 + X * c)**(1 / c) for power c > 0, exp(X) for c = 0."""

    def __init__(self, power=0., validate_args=False, name="power_transform"):
        self._graph_parents = []
        self._name = name
        self._validate_args = validate_args
        with self._name_scope("init", values=[power]):
            power = constant_value(convert_to_tensor(power, name="power"))
        if power is None or power < 0:
            raise ValueError("`power` must be a non-negative TF constant.")
        self._power = power
        super().__init__(forward_min_event_ndims=0, validate_args=validate_args, name=name)

    @property
    def power(self):
        return self._power

    def _forward(self, x):
        x = self._maybe_assert_valid_x(x)
        if self.power == 0.:
            return math_ops.exp(x)
        return math_ops.exp(math_ops.log1p(x * self.power) / self.power)

    def _inverse(self, y):
        y = self._maybe_assert_valid_y(y)
        if self.power == 0.:
            return math_ops.log(y)
        return math_ops.expm1(math_ops.log(y) * self.power) / self.power

    def _inverse_log_det_jacobian(self, y):
        y = self._maybe_assert_valid_y(y)
        return (self.power - 1.) * math_ops.log(y)

    def _maybe_assert_valid_x(self, x):
        if not self.validate_args or self.power == 0.:
            return x
        is_valid = check_ops.assert_non_negative(
            1. + self.power * x,
            message="Forward transformation input must be at least {}.".format(-1. / self.power))
        return control_flow_ops.with_dependencies([is_valid], x)

    def _maybe_assert_valid_y(self, y):
        if not self.validate_args:
            return y
        is_valid = check_ops.assert_positive(
            y, message="Inverse transformation input must be greater than 0.")
        return control_flow_ops.with_dependencies([is_valid], y)

    def _forward_log_det_jacobian(self, x):
        x = self._maybe_assert_valid_x(x)
        if self.power == 0.:
            return x
        return (1. / self.power - 1.) * math_ops.log1p(x * self.power)


class Exp(PowerTransform):
    """Y = exp(X)."""

    def __init__(self, validate_args=False, name="exp"):
        super().__init__(validate_args=validate_args, name=name)


class AffineScalar(Bijector):
    """Y = scale * X + shift (scalars or broadcastable tensors)."""

    def __init__(self, shift=None, scale=None, validate_args=False, name="affine_scalar"):
        self._graph_parents = []
        self._name = name
        self._validate_args = validate_args
        with self._name_scope("init", values=[scale, shift]):
            self._shift = None if shift is None else convert_to_tensor(shift, name="shift")
            self._scale = None if scale is None else convert_to_tensor(scale, name="scale")
            if self._scale is not None and validate_args:
                self._scale = control_flow_ops.with_dependencies(
                    [check_ops.assert_none_equal(
                        self._scale, array_ops.zeros([], dtype=self._scale.dtype))],
                    self._scale)
            super().__init__(forward_min_event_ndims=0, is_constant_jacobian=True,
                             validate_args=validate_args, name=name)

    @property
    def shift(self):
        return self._shift

    @property
    def scale(self):
        return self._scale

    def _forward(self, x):
        y = array_ops.identity(x)
        if self.scale is not None:
            y *= self.scale
        if self.shift is not None:
            y += self.shift
        return y

    def _inverse(self, y):
        x = array_ops.identity(y)
        if self.shift is not None:
            x -= self.shift
        if self.scale is not None:
            x /= self.scale
        return x

    def _forward_log_det_jacobian(self, x):
        if self.scale is None:
            return constant(0., dtype=x.dtype.base_dtype)
        return math_ops.log(math_ops.abs(self.scale))


class Softplus(Bijector):
    """Y = c * log(1 + exp(X / c)) (c = hinge_softness, 1 by default)."""

    def __init__(self, hinge_softness=None, validate_args=False, name="softplus"):
        with name_scope(name, values=[hinge_softness]):
            self._hinge_softness = (None if hinge_softness is None else
                                    convert_to_tensor(hinge_softness, name="hinge_softness"))
            if validate_args:   # (TF's AttributeError without a hinge_softness)
                nonzero_check = check_ops.assert_none_equal(
                    convert_to_tensor(0, dtype=self.hinge_softness.dtype),
                    self.hinge_softness, message="hinge_softness must be non-zero")
                self._hinge_softness = control_flow_ops.with_dependencies(
                    [nonzero_check], self.hinge_softness)
        super().__init__(forward_min_event_ndims=0, validate_args=validate_args, name=name)

    @property
    def hinge_softness(self):
        return self._hinge_softness

    def _forward(self, x):
        if self.hinge_softness is None:
            return nn_ops.softplus(x)
        c = math_ops.cast(self.hinge_softness, x.dtype)
        return c * nn_ops.softplus(x / c)

    def _inverse(self, y):
        if self.hinge_softness is None:
            return softplus_inverse(y)
        c = math_ops.cast(self.hinge_softness, y.dtype)
        return c * softplus_inverse(y / c)

    def _inverse_log_det_jacobian(self, y):
        if self.hinge_softness is not None:
            y /= math_ops.cast(self.hinge_softness, y.dtype)
        return -math_ops.log(-math_ops.expm1(-y))

    def _forward_log_det_jacobian(self, x):
        if self.hinge_softness is not None:
            x /= math_ops.cast(self.hinge_softness, x.dtype)
        return -nn_ops.softplus(-x)


class Sigmoid(Bijector):
    """Y = 1 / (1 + exp(-X))."""

    def __init__(self, validate_args=False, name="sigmoid"):
        super().__init__(forward_min_event_ndims=0, validate_args=validate_args, name=name)

    def _forward(self, x):
        return math_ops.sigmoid(x)

    def _inverse(self, y):
        return math_ops.log(y) - math_ops.log1p(-y)

    def _inverse_log_det_jacobian(self, y):
        return -math_ops.log(y) - math_ops.log1p(-y)

    def _forward_log_det_jacobian(self, x):
        return -nn_ops.softplus(-x) - nn_ops.softplus(x)


class Invert(Bijector):
    """The inverse of a bijector (forward and inverse swapped)."""

    def __init__(self, bijector, validate_args=False, name=None):
        if not bijector._is_injective:
            raise NotImplementedError("Invert is not implemented for non-injective bijectors.")
        self._bijector = bijector
        super().__init__(graph_parents=bijector.graph_parents,
                         forward_min_event_ndims=bijector.inverse_min_event_ndims,
                         inverse_min_event_ndims=bijector.forward_min_event_ndims,
                         is_constant_jacobian=bijector.is_constant_jacobian,
                         validate_args=validate_args, dtype=bijector.dtype,
                         name=name or "_".join(["invert", bijector.name]))

    @property
    def bijector(self):
        return self._bijector

    def _forward_event_shape(self, input_shape):
        return self.bijector._inverse_event_shape(input_shape)

    def _forward_event_shape_tensor(self, input_shape):
        return self.bijector._inverse_event_shape_tensor(input_shape)

    def _inverse_event_shape(self, output_shape):
        return self.bijector._forward_event_shape(output_shape)

    def _inverse_event_shape_tensor(self, output_shape):
        return self.bijector._forward_event_shape_tensor(output_shape)

    def _forward(self, x):
        return self.bijector._inverse(x)

    def _inverse(self, y):
        return self.bijector._forward(y)

    def _inverse_log_det_jacobian(self, y):
        return self.bijector._forward_log_det_jacobian(y)

    def _forward_log_det_jacobian(self, x):
        return self.bijector._inverse_log_det_jacobian(x)


def _compute_min_event_ndims(bijector_list, compute_forward=True):
    min_event_ndims = 0
    adjusted_max = 0
    if compute_forward:
        bijector_list = reversed(bijector_list)
    for b in bijector_list:
        if compute_forward:
            current, current_inverse = b.forward_min_event_ndims, b.inverse_min_event_ndims
        else:
            current, current_inverse = b.inverse_min_event_ndims, b.forward_min_event_ndims
        if adjusted_max < current:
            min_event_ndims += current - adjusted_max
        adjusted_max = max(current, adjusted_max)
        adjusted_max -= current - current_inverse
    return min_event_ndims


def _use_static_shape(input_tensor, ndims):
    return input_tensor.shape.is_fully_defined() and isinstance(ndims, int)


class Chain(Bijector):
    """The composition bijectors[0] o bijectors[1] o ... (the last applied first)."""

    def __init__(self, bijectors=None, validate_args=False, name=None):
        if bijectors is None:
            bijectors = ()
        self._bijectors = bijectors
        for b in bijectors:
            if not b._is_injective:
                raise NotImplementedError("Invert is not implemented for non-injective "
                                          "bijector ({})".format(b.name))
        dtypes = list(set([b.dtype for b in bijectors]))
        if len(dtypes) > 2:
            raise ValueError("incompatible dtypes: %s" % dtypes)
        if len(dtypes) == 2:
            dtype = dtypes[1] if dtypes[0] is None else dtypes[0]
        else:
            dtype = dtypes[0] if dtypes else None
        super().__init__(
            graph_parents=list(itertools.chain.from_iterable(b.graph_parents
                                                             for b in bijectors)),
            forward_min_event_ndims=_compute_min_event_ndims(bijectors, True),
            inverse_min_event_ndims=_compute_min_event_ndims(bijectors, False),
            is_constant_jacobian=all(b.is_constant_jacobian for b in bijectors),
            validate_args=validate_args, dtype=dtype,
            name=name or ("identity" if not bijectors else
                          "_of_".join(["chain"] + [b.name for b in bijectors])))

    @property
    def bijectors(self):
        return self._bijectors

    def _shape_helper(self, func_name, input_shape, reverse):
        new_shape = input_shape
        for b in reversed(self.bijectors) if reverse else self.bijectors:
            new_shape = getattr(b, func_name)(new_shape)
        return new_shape

    def _forward_event_shape(self, input_shape):
        return self._shape_helper("forward_event_shape", input_shape, reverse=True)

    def _forward_event_shape_tensor(self, input_shape):
        return self._shape_helper("forward_event_shape_tensor", input_shape, reverse=True)

    def _inverse_event_shape(self, output_shape):
        return self._shape_helper("inverse_event_shape", output_shape, reverse=False)

    def _inverse_event_shape_tensor(self, output_shape):
        return self._shape_helper("inverse_event_shape_tensor", output_shape, reverse=False)

    def _inverse(self, y):
        for b in self.bijectors:
            y = b.inverse(y)
        return y

    def _forward(self, x):
        for b in reversed(self.bijectors):
            x = b.forward(x)
        return x

    def _log_det(self, t, forward):
        t = convert_to_tensor(t, name="x" if forward else "y")
        total = math_ops.cast(0., dtype=t.dtype.base_dtype)
        if not self.bijectors:
            return total
        event_ndims = static_event_ndims(
            self.forward_min_event_ndims if forward else self.inverse_min_event_ndims)
        if _use_static_shape(t, event_ndims):
            event_shape = t.shape[t.shape.ndims - event_ndims:]
        else:
            event_shape = array_ops.shape(t)[array_ops.rank(t) - event_ndims:]
        for b in (reversed(self.bijectors) if forward else self.bijectors):
            if forward:
                total += b.forward_log_det_jacobian(t, event_ndims=event_ndims)
            else:
                total += b.inverse_log_det_jacobian(t, event_ndims=event_ndims)
            if _use_static_shape(t, event_ndims):
                event_shape = (b.forward_event_shape(event_shape) if forward else
                               b.inverse_event_shape(event_shape))
                event_ndims = static_event_ndims(event_shape.ndims)
            else:
                event_shape = (b.forward_event_shape_tensor(event_shape) if forward else
                               b.inverse_event_shape_tensor(event_shape))
                event_ndims = array_ops.size(event_shape)
                event_ndims_ = static_event_ndims(event_ndims)
                if event_ndims_ is not None:
                    event_ndims = event_ndims_
            t = b.forward(t) if forward else b.inverse(t)
        return total

    def _inverse_log_det_jacobian(self, y):
        return self._log_det(y, forward=False)

    def _forward_log_det_jacobian(self, x):
        return self._log_det(x, forward=True)


class Kumaraswamy(Bijector):
    """Y = (1 - (1 - X)**(1 / b))**(1 / a), the Kumaraswamy(a, b) CDF's inverse on [0, 1]."""

    def __init__(self, concentration1=None, concentration0=None, validate_args=False,
                 name="kumaraswamy"):
        self._graph_parents = []
        self._name = name
        self._validate_args = validate_args
        values = [v for v in (concentration1, concentration0) if hasattr(v, "graph")]
        with self._name_scope("init", values=values):
            concentration1 = self._maybe_assert_valid_concentration(
                convert_to_tensor(concentration1, name="concentration1"), validate_args)
            concentration0 = self._maybe_assert_valid_concentration(
                convert_to_tensor(concentration0, name="concentration0"), validate_args)
        self._concentration1 = concentration1
        self._concentration0 = concentration0
        super().__init__(forward_min_event_ndims=0, validate_args=validate_args, name=name)

    @property
    def concentration1(self):
        return self._concentration1

    @property
    def concentration0(self):
        return self._concentration0

    def _maybe_assert_valid_concentration(self, concentration, validate_args):
        if not validate_args:
            return concentration
        return control_flow_ops.with_dependencies([
            check_ops.assert_positive(concentration,
                                      message="Concentration parameter must be positive.")],
            concentration)

    def _maybe_assert_valid(self, x):
        if not self.validate_args:
            return x
        return control_flow_ops.with_dependencies([
            check_ops.assert_non_negative(x, message="sample must be non-negative"),
            check_ops.assert_less_equal(x, array_ops.ones([], self.concentration0.dtype),
                                        message="sample must be no larger than `1`.")], x)

    def _forward(self, x):
        x = self._maybe_assert_valid(x)
        return math_ops.exp(math_ops.log1p(-math_ops.exp(math_ops.log1p(-x)
                                                         / self.concentration0))
                            / self.concentration1)

    def _inverse(self, y):
        y = self._maybe_assert_valid(y)
        return math_ops.exp(math_ops.log1p(-(1 - y ** self.concentration1)
                                           ** self.concentration0))

    def _inverse_log_det_jacobian(self, y):
        y = self._maybe_assert_valid(y)
        return (math_ops.log(self.concentration1) + math_ops.log(self.concentration0)
                + (self.concentration1 - 1) * math_ops.log(y)
                + (self.concentration0 - 1) * math_ops.log1p(-y ** self.concentration1))

"""tf.contrib.distributions.bijectors' Square, Softsign, Gumbel and Ordered (TF 1.14's
square.py, softsign.py, gumbel.py, ordered.py): TF's ops and names in each method."""
from __future__ import annotations

import numpy as np

from ....engine.framework.constant_op import constant, convert_to_tensor
from ....engine.framework.tensor_shape import TensorShape
from ....ops import array_ops, check_ops, control_flow_ops, math_ops
from .bijector import Bijector

__all__ = ["Square", "Softsign", "Gumbel", "Ordered"]


class Square(Bijector):
    """Y = X**2 on the non-negative reals."""

    def __init__(self, validate_args=False, name="square"):
        self._name = name
        super().__init__(forward_min_event_ndims=0, validate_args=validate_args, name=name)

    def _forward(self, x):
        return math_ops.square(self._maybe_assert_valid(x))

    def _inverse(self, y):
        return math_ops.sqrt(self._maybe_assert_valid(y))

    def _forward_log_det_jacobian(self, x):
        return np.log(2.) + math_ops.log(self._maybe_assert_valid(x))

    def _maybe_assert_valid(self, t):
        if not self.validate_args:
            return t
        return control_flow_ops.with_dependencies([check_ops.assert_non_negative(
            t, message="All elements must be non-negative.")], t)


class Softsign(Bijector):
    """Y = X / (1 + |X|), onto (-1, 1)."""

    def __init__(self, validate_args=False, name="softsign"):
        super().__init__(forward_min_event_ndims=0, validate_args=validate_args, name=name)

    def _forward(self, x):
        return x / (1. + math_ops.abs(x))

    def _inverse(self, y):
        y = self._maybe_assert_valid_y(y)
        return y / (1. - math_ops.abs(y))

    def _forward_log_det_jacobian(self, x):
        return -2. * math_ops.log1p(math_ops.abs(x))

    def _inverse_log_det_jacobian(self, y):
        y = self._maybe_assert_valid_y(y)
        return -2. * math_ops.log1p(-math_ops.abs(y))

    def _maybe_assert_valid_y(self, y):
        if not self.validate_args:
            return y
        return control_flow_ops.with_dependencies([
            check_ops.assert_greater(y, math_ops.cast(-1., dtype=y.dtype.base_dtype),
                                     message="Inverse transformation input must be greater "
                                             "than -1."),
            check_ops.assert_less(y, math_ops.cast(1., dtype=y.dtype.base_dtype),
                                  message="Inverse transformation input must be less "
                                          "than 1.")], y)


class Gumbel(Bijector):
    """Y = exp(-exp(-(X - loc) / scale)), the Gumbel CDF, onto [0, 1]."""

    def __init__(self, loc=0., scale=1., validate_args=False, name="gumbel"):
        self._graph_parents = []
        self._name = name
        self._validate_args = validate_args
        with self._name_scope("init", values=[loc, scale]):
            self._loc = convert_to_tensor(loc, name="loc")
            self._scale = convert_to_tensor(scale, name="scale")
            check_ops.assert_same_float_dtype([self._loc, self._scale])
            if validate_args:
                self._scale = control_flow_ops.with_dependencies([check_ops.assert_positive(
                    self._scale, message="Argument scale was not positive")], self._scale)
        super().__init__(validate_args=validate_args, forward_min_event_ndims=0, name=name)

    @property
    def loc(self):
        return self._loc

    @property
    def scale(self):
        return self._scale

    def _forward(self, x):
        z = (x - self.loc) / self.scale
        return math_ops.exp(-math_ops.exp(-z))

    def _inverse(self, y):
        y = self._maybe_assert_valid_y(y)
        return self.loc - self.scale * math_ops.log(-math_ops.log(y))

    def _inverse_log_det_jacobian(self, y):
        y = self._maybe_assert_valid_y(y)
        return math_ops.log(self.scale / (-math_ops.log(y) * y))

    def _forward_log_det_jacobian(self, x):
        z = (x - self.loc) / self.scale
        return -z - math_ops.exp(-z) - math_ops.log(self.scale)

    def _maybe_assert_valid_y(self, y):
        if not self.validate_args:
            return y
        return control_flow_ops.with_dependencies([
            check_ops.assert_non_negative(
                y, message="Inverse transformation input must be greater than 0."),
            check_ops.assert_less_equal(
                y, constant(1., y.dtype),
                message="Inverse transformation input must be less than or equal to 1.")], y)


class Ordered(Bijector):
    """y[0] = x[0], y[1:] = log(x[1:] - x[:-1]) on the last dimension (strictly increasing
    x to the unconstrained reals)."""

    def __init__(self, validate_args=False, name="ordered"):
        super().__init__(forward_min_event_ndims=1, validate_args=validate_args, name=name)

    def _forward_event_shape(self, input_shape):
        if input_shape.ndims is None or input_shape[-1] is None:
            return input_shape
        return TensorShape([input_shape[-1]])

    def _forward_event_shape_tensor(self, input_shape):
        return (input_shape[-1])[..., None]

    def _inverse_event_shape(self, output_shape):
        # TF 1.14's inverse_event_shape passes its argument unconverted: a list raises
        # AttributeError here as in TF
        if output_shape.ndims is None or output_shape[-1] is None:
            return output_shape
        if output_shape[-1] <= 1:
            raise ValueError("output_shape[-1] = %d <= 1" % output_shape[-1])
        return TensorShape([output_shape[-1]])

    def _inverse_event_shape_tensor(self, output_shape):
        if self.validate_args:
            output_shape = control_flow_ops.with_dependencies([check_ops.assert_greater(
                output_shape[-1], 1, message="Need last dimension greater than 1.")],
                output_shape)
        return (output_shape[-1])[..., None]

    def _forward(self, x):
        x = self._maybe_assert_valid_x(x)
        y0 = x[..., 0, None]
        yk = math_ops.log(x[..., 1:] - x[..., :-1])
        return array_ops.concat([y0, yk], axis=-1)

    def _inverse(self, y):
        x0 = y[..., 0, None]
        xk = math_ops.exp(y[..., 1:])
        return math_ops.cumsum(array_ops.concat([x0, xk], axis=-1), axis=-1)

    def _inverse_log_det_jacobian(self, y):
        return math_ops.reduce_sum(y[..., 1:], axis=-1)

    def _forward_log_det_jacobian(self, x):
        x = self._maybe_assert_valid_x(x)
        return -math_ops.reduce_sum(math_ops.log(x[..., 1:] - x[..., :-1]), axis=-1)

    def _maybe_assert_valid_x(self, x):
        if not self.validate_args:
            return x
        return control_flow_ops.with_dependencies([check_ops.assert_positive(
            x[..., 1:] - x[..., :-1],
            message="Forward transformation input must be strictly increasing.")], x)

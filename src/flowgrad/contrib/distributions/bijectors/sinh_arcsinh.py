"""tf.contrib.distributions.bijectors.SinhArcsinh (TF 1.14):
Y = sinh((asinh(X) + skewness) * tailweight), with TF's ops and names in each method."""
from __future__ import annotations

import numpy as np

from ....engine.framework.constant_op import convert_to_tensor
from ....ops import array_ops, check_ops, control_flow_ops, math_ops
from .bijector import Bijector

__all__ = ["SinhArcsinh"]


def _sqrtx2p1(x):
    """sqrt(1 + x**2), TF's form that stays finite for large x."""
    return array_ops.where(
        math_ops.abs(x) * np.sqrt(np.finfo(x.dtype.as_numpy_dtype).eps) <= 1.,
        math_ops.sqrt(x ** 2. + 1.),
        math_ops.abs(x))


class SinhArcsinh(Bijector):
    """Y = g(X) = sinh((asinh(X) + skewness) * tailweight)."""

    def __init__(self, skewness=None, tailweight=None, validate_args=False,
                 name="SinhArcsinh"):
        self._graph_parents = []
        self._name = name
        self._validate_args = validate_args
        with self._name_scope("init", values=[skewness, tailweight]):
            tailweight = 1. if tailweight is None else tailweight
            skewness = 0. if skewness is None else skewness
            self._skewness = convert_to_tensor(skewness, name="skewness")
            self._tailweight = convert_to_tensor(tailweight, name="tailweight",
                                                 dtype=self._skewness.dtype)
            check_ops.assert_same_float_dtype([self._skewness, self._tailweight])
            if validate_args:
                self._tailweight = control_flow_ops.with_dependencies([
                    check_ops.assert_positive(
                        self._tailweight, message="Argument tailweight was not positive")
                ], self._tailweight)
        super().__init__(forward_min_event_ndims=0, validate_args=validate_args, name=name)

    @property
    def skewness(self):
        return self._skewness

    @property
    def tailweight(self):
        return self._tailweight

    def _forward(self, x):
        return math_ops.sinh((math_ops.asinh(x) + self.skewness) * self.tailweight)

    def _inverse(self, y):
        return math_ops.sinh(math_ops.asinh(y) / self.tailweight - self.skewness)

    def _inverse_log_det_jacobian(self, y):
        return (math_ops.log(math_ops.cosh(math_ops.asinh(y) / self.tailweight - self.skewness)
                             / _sqrtx2p1(y))
                - math_ops.log(self.tailweight))

    def _forward_log_det_jacobian(self, x):
        return (math_ops.log(math_ops.cosh((math_ops.asinh(x) + self.skewness) * self.tailweight)
                             / _sqrtx2p1(x))
                + math_ops.log(self.tailweight))

"""tf.contrib.distributions.Kumaraswamy (TF 1.14): Uniform(0, 1) draws through the
Kumaraswamy bijector, with TF's closed-form entropy, moments and mode."""
from __future__ import annotations

import numpy as np

from ...distributions import distribution
from ...distributions.continuous import Uniform
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...ops import array_ops, check_ops, control_flow_ops, math_ops
from ...ops.array_ops_extra import broadcast_dynamic_shape, broadcast_static_shape
from .bijectors.basic import Kumaraswamy as KumaraswamyBijector
from .transformed import TransformedDistribution

__all__ = ["Kumaraswamy"]


def _harmonic_number(x):
    one = array_ops.ones([], dtype=x.dtype)
    return math_ops.digamma(x + one) - math_ops.digamma(one)


class Kumaraswamy(TransformedDistribution):
    """The Kumaraswamy(concentration1, concentration0) distribution on [0, 1]."""

    def __init__(self, concentration1=None, concentration0=None, validate_args=False,
                 allow_nan_stats=True, name="Kumaraswamy"):
        values = [v for v in (concentration1, concentration0) if hasattr(v, "graph")]
        with name_scope(name, values=values) as name:
            concentration1 = convert_to_tensor(concentration1, name="concentration1")
            concentration0 = convert_to_tensor(concentration0, name="concentration0")
        # the arguments in TF's order: the Uniform, the bijector, then
        # distribution_util.get_broadcast_shape (a list when static, else BroadcastArgs of Shapes)
        base = Uniform(low=array_ops.zeros([], dtype=concentration1.dtype),
                       high=array_ops.ones([], dtype=concentration1.dtype),
                       allow_nan_stats=allow_nan_stats)
        bijector = KumaraswamyBijector(concentration1=concentration1,
                                       concentration0=concentration0,
                                       validate_args=validate_args)
        shape = broadcast_static_shape(concentration1.shape, concentration0.shape)
        if shape.is_fully_defined():
            batch_shape = shape.as_list()
        else:
            batch_shape = broadcast_dynamic_shape(array_ops.shape(concentration1),
                                                  array_ops.shape(concentration0))
        super().__init__(distribution=base, bijector=bijector, batch_shape=batch_shape,
                         name=name)
        self._reparameterization_type = distribution.FULLY_REPARAMETERIZED

    @property
    def concentration1(self):
        return self.bijector.concentration1

    @property
    def concentration0(self):
        return self.bijector.concentration0

    def _entropy(self):
        a, b = self.concentration1, self.concentration0
        return ((1 - 1. / a) + (1 - 1. / b) * _harmonic_number(b) + math_ops.log(a)
                + math_ops.log(b))

    def _moment(self, n):
        total = self.concentration1 + self.concentration0
        expanded1 = array_ops.ones_like(total, dtype=self.dtype) * self.concentration1
        expanded0 = array_ops.ones_like(total, dtype=self.dtype) * self.concentration0
        beta_arg = array_ops.stack([1 + n / expanded1, expanded0], -1)
        return math_ops.exp(math_ops.log(expanded0) + math_ops.lbeta(beta_arg))

    def _mean(self):
        return self._moment(1)

    def _variance(self):
        return self._moment(2) - math_ops.square(self._moment(1))

    def _mode(self):
        a, b = self.concentration1, self.concentration0
        mode = ((a - 1) / (a * b - 1)) ** (1. / a)
        if not self.allow_nan_stats:
            return control_flow_ops.with_dependencies([
                check_ops.assert_less(array_ops.ones([], dtype=a.dtype), a,
                                      message="Mode undefined for concentration1 <= 1."),
                check_ops.assert_less(array_ops.ones([], dtype=b.dtype), b,
                                      message="Mode undefined for concentration0 <= 1.")],
                mode)
        nan = array_ops.fill(self.batch_shape_tensor(),
                             np.array(np.nan, dtype=self.dtype.as_numpy_dtype), name="nan")
        is_defined = (self.concentration1 > 1.) & (self.concentration0 > 1.)
        return array_ops.where(is_defined, mode, nan)

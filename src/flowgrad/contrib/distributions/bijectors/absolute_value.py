"""tf.contrib.distributions.bijectors.AbsoluteValue (TF 1.14's absolute_value.py): TF's ops
and names in each method. (TF 1.14's bijectors module lists Weibull but does not import it:
tf.contrib.distributions.bijectors.Weibull is an AttributeError there, and absent here.)"""
from __future__ import annotations

from ....engine.framework.constant_op import constant
from ....ops import check_ops, control_flow_ops, math_ops
from .bijector import Bijector

__all__ = ["AbsoluteValue"]


class AbsoluteValue(Bijector):
    """Y = |X|, not injective: inverse(y) is the pair (-y, y), inverse_log_det_jacobian the
    pair (0, 0); forward_log_det_jacobian raises NotImplementedError."""

    def __init__(self, validate_args=False, name="absolute_value"):
        self._graph_parents = []
        self._name = name
        with self._name_scope("init"):
            super().__init__(forward_min_event_ndims=0, is_constant_jacobian=True,
                             validate_args=validate_args, name=name)

    def _forward(self, x):
        return math_ops.abs(x)

    def _inverse(self, y):
        y = self._maybe_assert_non_negative(y)
        return -y, y

    def _inverse_log_det_jacobian(self, y):
        # F^{-1}(y) = (-y, y): both branches have |dx/dy| = 1
        zeros = self._maybe_assert_non_negative(constant(0., dtype=y.dtype), y)
        return zeros, zeros

    def _maybe_assert_non_negative(self, t, y=None):
        if not self.validate_args:
            return t
        return control_flow_ops.with_dependencies([check_ops.assert_non_negative(
            t if y is None else y, message="Argument y was negative")], t)

    @property
    def _is_injective(self):
        return False

"""tf.contrib.distributions.bijectors.Permute (TF 1.14): permutes the rightmost dimension,
as normalizing flows interleave it between autoregressive layers."""
from __future__ import annotations

import numpy as np

from ....engine.framework.constant_op import constant, convert_to_tensor
from ....engine.framework.graph import name_scope
from ....engine.ops.construction import range as _range
from ....ops import array_ops, check_ops, control_flow_ops, nn_ops
from ....ops.tensor_util import constant_value
from .bijector import Bijector

__all__ = ["Permute"]

_MESSAGE = "Permutation over `d` must contain exactly one of each of `{0, 1, ..., d}`."


class Permute(Bijector):
    """Y = gather(X, permutation, axis=-1); X = gather(Y, invert_permutation(permutation)).
    Its log-det-Jacobians are 0. A constant permutation is checked when built (ValueError);
    a fed one only with validate_args (an assert on top_k of -permutation, as TF)."""

    def __init__(self, permutation, validate_args=False, name=None):
        with name_scope(name, "permute", values=[permutation]):
            permutation = convert_to_tensor(permutation, name="permutation")
            if not permutation.dtype.is_integer:
                raise TypeError("permutation.dtype ({}) should be `int`-like.".format(
                    permutation.dtype.name))
            p = constant_value(permutation)
            if p is not None:
                p = np.asarray(p)
                if set(p) != set(np.arange(p.size)):
                    raise ValueError(_MESSAGE)
            elif validate_args:
                p, _ = nn_ops.top_k(-permutation, k=array_ops.shape(permutation)[-1],
                                    sorted=True)
                permutation = control_flow_ops.with_dependencies([
                    check_ops.assert_equal(-p, _range(array_ops.size(p)),
                                           message=_MESSAGE)], permutation)
            self._permutation = permutation
            super().__init__(forward_min_event_ndims=1, is_constant_jacobian=True,
                             validate_args=validate_args, name=name or "permute")

    @property
    def permutation(self):
        return self._permutation

    def _forward(self, x):
        return array_ops.gather(x, self.permutation, axis=-1)

    def _inverse(self, y):
        return array_ops.gather(y, array_ops.invert_permutation(self.permutation), axis=-1)

    def _inverse_log_det_jacobian(self, y):
        return constant(0., dtype=y.dtype.base_dtype)

    def _forward_log_det_jacobian(self, x):
        return constant(0., dtype=x.dtype.base_dtype)

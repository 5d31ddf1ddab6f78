"""tf.contrib.distributions.bijectors.ConditionalBijector (TF 1.14): a Bijector whose
forward, inverse and log-det-Jacobians take conditioning keyword arguments, passed to the
subclass's _forward(x, **kwargs) etc. and keying the cache."""
from __future__ import annotations

from .bijector import Bijector

__all__ = ["ConditionalBijector"]


class ConditionalBijector(Bijector):
    """A Bijector with intrinsic conditioning (`**condition_kwargs`)."""

    def forward(self, x, name="forward", **condition_kwargs):
        return self._call_forward(x, name, **condition_kwargs)

    def inverse(self, y, name="inverse", **condition_kwargs):
        return self._call_inverse(y, name, **condition_kwargs)

    def inverse_log_det_jacobian(self, y, event_ndims, name="inverse_log_det_jacobian",
                                 **condition_kwargs):
        return self._call_inverse_log_det_jacobian(y, event_ndims, name, **condition_kwargs)

    def forward_log_det_jacobian(self, x, event_ndims, name="forward_log_det_jacobian",
                                 **condition_kwargs):
        return self._call_forward_log_det_jacobian(x, event_ndims, name, **condition_kwargs)

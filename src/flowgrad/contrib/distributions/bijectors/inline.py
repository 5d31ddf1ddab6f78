"""tf.contrib.distributions.bijectors.Inline (TF 1.14's inline.py): a Bijector from the
callables given (a missing method raises TF's NotImplementedError; a missing event-shape
callable keeps the shape)."""
from __future__ import annotations

from .bijector import Bijector

__all__ = ["Inline"]


class Inline(Bijector):
    """A Bijector whose methods are the given callables."""

    def __init__(self, forward_fn=None, inverse_fn=None, inverse_log_det_jacobian_fn=None,
                 forward_log_det_jacobian_fn=None, forward_event_shape_fn=None,
                 forward_event_shape_tensor_fn=None, inverse_event_shape_fn=None,
                 inverse_event_shape_tensor_fn=None, is_constant_jacobian=False,
                 validate_args=False, forward_min_event_ndims=None,
                 inverse_min_event_ndims=None, name="inline"):
        super().__init__(forward_min_event_ndims=forward_min_event_ndims,
                         inverse_min_event_ndims=inverse_min_event_ndims,
                         is_constant_jacobian=is_constant_jacobian,
                         validate_args=validate_args, name=name)
        self._forward_fn = forward_fn
        self._inverse_fn = inverse_fn
        self._inverse_log_det_jacobian_fn = inverse_log_det_jacobian_fn
        self._forward_log_det_jacobian_fn = forward_log_det_jacobian_fn
        self._forward_event_shape_fn = forward_event_shape_fn
        self._forward_event_shape_tensor_fn = forward_event_shape_tensor_fn
        self._inverse_event_shape_fn = inverse_event_shape_fn
        self._inverse_event_shape_tensor_fn = inverse_event_shape_tensor_fn

    def _forward_event_shape(self, input_shape):
        return _apply_or_keep(self._forward_event_shape_fn, input_shape)

    def _forward_event_shape_tensor(self, input_shape):
        return _apply_or_keep(self._forward_event_shape_tensor_fn, input_shape)

    def _inverse_event_shape(self, output_shape):
        return _apply_or_keep(self._inverse_event_shape_fn, output_shape)

    def _inverse_event_shape_tensor(self, output_shape):
        return _apply_or_keep(self._inverse_event_shape_tensor_fn, output_shape)

    def _forward(self, x, **kwargs):
        return _call(self._forward_fn, "forward_fn", x, kwargs)

    def _inverse(self, y, **kwargs):
        return _call(self._inverse_fn, "inverse_fn", y, kwargs)

    def _inverse_log_det_jacobian(self, y, **kwargs):
        return _call(self._inverse_log_det_jacobian_fn, "inverse_log_det_jacobian_fn", y,
                     kwargs)

    def _forward_log_det_jacobian(self, x, **kwargs):
        return _call(self._forward_log_det_jacobian_fn, "forward_log_det_jacobian_fn", x,
                     kwargs)


def _apply_or_keep(fn, shape):
    return shape if fn is None else fn(shape)


def _call(fn, what, t, kwargs):
    if not callable(fn):
        raise NotImplementedError("{} is not a callable function.".format(what))
    return fn(t, **kwargs)

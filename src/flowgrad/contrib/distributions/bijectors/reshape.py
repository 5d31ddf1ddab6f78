"""tf.contrib.distributions.bijectors' Reshape and SoftmaxCentered (TF 1.14's reshape.py and
softmax_centered.py): TF's ops and names in each method, its static checks and the
validate_args asserts."""
from __future__ import annotations

import numpy as np

from ....engine.framework import dtypes as _dt
from ....engine.framework.constant_op import constant, convert_to_tensor
from ....engine.framework.graph import control_dependencies, name_scope
from ....engine.framework.static_value import constant_value_as_shape
from ....engine.framework.tensor_shape import TensorShape, dimension_value
from ....ops import (array_ops, check_ops, comparison_ops, control_flow_ops, math_ops,
                     nn_ops)
from ....ops.tensor_util import constant_value
from ..util import pad
from .bijector import Bijector

__all__ = ["Reshape", "SoftmaxCentered"]


class Reshape(Bijector):
    """Reshapes the rightmost len(event_shape_in) dimensions to event_shape_out (and back);
    the leftmost (sample and batch) dimensions are kept. Its log-det-Jacobians are 0."""

    def __init__(self, event_shape_out, event_shape_in=(-1,), validate_args=False,
                 name=None):
        with name_scope(name, "reshape", values=[event_shape_out, event_shape_in]):
            event_shape_out = convert_to_tensor(event_shape_out, name="event_shape_out",
                                                preferred_dtype=_dt.int32)
            event_shape_in = convert_to_tensor(event_shape_in, name="event_shape_in",
                                               preferred_dtype=_dt.int32)
            assertions = self._maybe_check_valid_shape(event_shape_out, validate_args)
            assertions += self._maybe_check_valid_shape(event_shape_in, validate_args)
            self._assertions = assertions
            self._event_shape_in = event_shape_in
            self._event_shape_out = event_shape_out
            super().__init__(forward_min_event_ndims=0, is_constant_jacobian=True,
                             validate_args=validate_args, name=name or "reshape")

    def _maybe_check_valid_shape(self, shape, validate_args):
        if not shape.dtype.is_integer:
            raise TypeError("{} dtype ({}) should be `int`-like.".format(
                shape, shape.dtype.name))
        assertions = []
        ndims = array_ops.rank(shape)
        ndims_ = constant_value(ndims)
        if ndims_ is not None and ndims_ > 1:
            raise ValueError("`{}` rank ({}) should be <= 1.".format(shape, ndims_))
        elif validate_args:
            assertions.append(check_ops.assert_less_equal(
                ndims, 1, message="`{}` rank should be <= 1.".format(shape)))
        shape_ = constant_value_as_shape(shape)
        if shape_.is_fully_defined():
            es = np.int32(shape_.as_list())
            if sum(es == -1) > 1:
                raise ValueError("`{}` must have at most one `-1` (given {})"
                                 .format(shape, es))
            if np.any(es < -1):
                raise ValueError("`{}` elements must be either positive integers or `-1`"
                                 "(given {}).".format(shape, es))
        elif validate_args:
            assertions += [
                check_ops.assert_less_equal(
                    math_ops.reduce_sum(math_ops.cast(comparison_ops.equal(shape, -1),
                                                      _dt.int32)), 1,
                    message="`{}` elements must have at most one `-1`.".format(shape)),
                check_ops.assert_greater_equal(
                    shape, -1,
                    message="`{}` elements must be either positive integers or `-1`."
                    .format(shape))]
        return assertions

    def _reshape_helper(self, x, event_shape_in, event_shape_out):
        event_ndims_in_ = dimension_value(event_shape_in.shape.with_rank_at_least(1)[0])
        event_ndims_in = array_ops.shape(event_shape_in)[0]
        x_ndims_, x_ndims = x.shape.ndims, array_ops.rank(x)
        assertions = []
        if (event_ndims_in_ is not None and x_ndims_ is not None and
                x.shape.with_rank_at_least(event_ndims_in_)[
                    x_ndims_ - event_ndims_in_:].is_fully_defined()):
            x_event_shape_ = x_event_shape = np.int32(
                x.shape[x_ndims_ - event_ndims_in_:].as_list())
        else:
            x_event_shape_, x_event_shape = (
                None, array_ops.shape(x)[x_ndims - event_ndims_in:])
        event_shape_in_ = constant_value(event_shape_in)
        if x_event_shape_ is not None and event_shape_in_ is not None:
            # only the dimensions event_shape_in specifies (not -1) must match x's
            specified = event_shape_in_ >= 0
            if not np.equal(x_event_shape_[specified], event_shape_in_[specified]).all():
                raise ValueError(
                    "Input `event_shape` does not match `event_shape_in` ({} vs {}).".format(
                        x_event_shape_, event_shape_in_))
        elif self.validate_args:
            event_shape_mask = array_ops.reshape(event_shape_in >= 0, [-1])
            x_event_shape_specified = array_ops.boolean_mask(x_event_shape, event_shape_mask)
            event_shape_in_specified = array_ops.boolean_mask(event_shape_in,
                                                              event_shape_mask)
            assertions.append(check_ops.assert_equal(
                x_event_shape_specified, event_shape_in_specified,
                message="Input `event_shape` does not match `event_shape_in`."))
        if assertions:
            x = control_flow_ops.with_dependencies(assertions, x)
        sample_and_batch_shape = array_ops.shape(x)
        ndims = x.shape.ndims if x.shape.ndims is not None else array_ops.rank(x)
        sample_and_batch_shape = sample_and_batch_shape[
            :(ndims - math_ops.abs(event_ndims_in))]
        if (event_ndims_in_ is not None and x_ndims_ is not None and
                event_ndims_in_ == x_ndims_):
            # TF's shortcut for the *_event_shape dummies (no sample and batch dimensions)
            new_shape = event_shape_out
        else:
            new_shape = array_ops.concat([sample_and_batch_shape, event_shape_out], axis=0)
        return array_ops.reshape(x, new_shape)

    def _forward(self, x):
        with control_dependencies(self._assertions):
            return self._reshape_helper(x, self._event_shape_in, self._event_shape_out)

    def _inverse(self, y):
        with control_dependencies(self._assertions):
            return self._reshape_helper(y, self._event_shape_out, self._event_shape_in)

    def _inverse_log_det_jacobian(self, y):
        with control_dependencies(self._assertions):
            return constant(0., dtype=y.dtype)

    def _forward_log_det_jacobian(self, x):
        with control_dependencies(self._assertions):
            return constant(0., dtype=x.dtype)

    # TF computes the event shapes by reshaping a dummy zeros tensor
    def _dummy(self, shape, method):
        with control_dependencies(self._assertions):
            return method(array_ops.zeros(dtype=_dt.float32, shape=shape))

    def _forward_event_shape(self, input_shape):
        return self._dummy(input_shape, self.forward).shape

    def _inverse_event_shape(self, output_shape):
        return self._dummy(output_shape, self.inverse).shape

    def _forward_event_shape_tensor(self, input_shape):
        return array_ops.shape(self._dummy(input_shape, self.forward))

    def _inverse_event_shape_tensor(self, output_shape):
        return array_ops.shape(self._dummy(output_shape, self.inverse))


class SoftmaxCentered(Bijector):
    """Y = softmax([X, 0]): R^K to the (K + 1)-simplex; X = log(Y[:-1]) - log(Y[-1])."""

    def __init__(self, validate_args=False, name="softmax_centered"):
        self._graph_parents = []
        self._name = name
        super().__init__(forward_min_event_ndims=1, validate_args=validate_args, name=name)

    def _forward_event_shape(self, input_shape):
        if input_shape.ndims is None or input_shape[-1] is None:
            return input_shape
        # TF 1.14 keeps only the event dimension
        return TensorShape([input_shape[-1] + 1])

    def _forward_event_shape_tensor(self, input_shape):
        return (input_shape[-1] + 1)[..., None]

    def _inverse_event_shape(self, output_shape):
        if output_shape.ndims is None or output_shape[-1] is None:
            return output_shape
        if output_shape[-1] <= 1:
            raise ValueError("output_shape[-1] = %d <= 1" % output_shape[-1])
        return TensorShape([output_shape[-1] - 1])

    def _inverse_event_shape_tensor(self, output_shape):
        if self.validate_args:
            is_greater_one = check_ops.assert_greater(
                output_shape[-1], 1, message="Need last dimension greater than 1.")
            output_shape = control_flow_ops.with_dependencies([is_greater_one], output_shape)
        return (output_shape[-1] - 1)[..., None]

    def _forward(self, x):
        # a zero appended to the event: the inverse reads the normalization from it
        y = pad(x, axis=-1, back=True)
        if x.shape.ndims is not None:
            shape = x.shape[:-1].concatenate(x.shape.dims[-1] + 1)
            y.shape.assert_is_compatible_with(shape)
            y.set_shape(shape)
        return nn_ops.softmax(y)

    def _inverse(self, y):
        x = math_ops.log(y)
        log_normalization = (-x[..., -1])[..., None]
        x = x[..., :-1] + log_normalization
        if y.shape.ndims is not None:
            shape = y.shape[:-1].concatenate(y.shape.dims[-1] - 1)
            x.shape.assert_is_compatible_with(shape)
            x.set_shape(shape)
        return x

    def _inverse_log_det_jacobian(self, y):
        # det(dX/dY) = 1 / prod(Y) (matrix determinant lemma)
        return -math_ops.reduce_sum(math_ops.log(y), axis=-1)

    def _forward_log_det_jacobian(self, x):
        # log_softmax with the implicit zero column: log normalization = softplus(lse(x))
        log_normalization = nn_ops.softplus(
            math_ops.reduce_logsumexp(x, axis=-1, keepdims=True))
        return array_ops.squeeze(
            -log_normalization + math_ops.reduce_sum(x - log_normalization, axis=-1,
                                                     keepdims=True), axis=-1)

"""tf.contrib.distributions.bijectors.AffineLinearOperator (TF 1.14): Y = scale @ X + shift
for a LinearOperator scale, with TF's _DistributionShape reshapes of the sample into a batch
of matrices (static where the ranks are known, else through Rank/Shape ops), and its
validate_args checks."""
from __future__ import annotations

import contextlib

from ....engine.framework import dtypes as _dt
from ....engine.framework.constant_op import constant, convert_to_tensor
from ....engine.framework.graph import control_dependencies, name_scope
from ....engine.ops import comparison
from ....linear_operator import LinearOperator
from ....linear_operator.circulant import rotate_transpose
from ....ops import array_ops, check_ops, control_flow_ops
from ....ops.tensor_util import constant_value
from ..transformed import pick_vector
from .bijector import Bijector

__all__ = ["AffineLinearOperator"]


class _DistributionShape:
    """TF's contrib shape.py helper: sample / batch / event splits of a tensor's shape, read
    statically where the ranks are known when building, else from Rank/Shape ops."""

    def __init__(self, batch_ndims, event_ndims, validate_args=False,
                 name="DistributionShape"):
        self._validate_args = validate_args
        with name_scope(name):
            self._name = name
            with name_scope("init"):
                self._batch_ndims = self._assert_non_negative_int32_scalar(
                    convert_to_tensor(batch_ndims, name="batch_ndims"))
                self._batch_static, self._batch_is_0 = self._introspect_ndims(
                    self._batch_ndims)
                self._event_ndims = self._assert_non_negative_int32_scalar(
                    convert_to_tensor(event_ndims, name="event_ndims"))
                self._event_static, self._event_is_0 = self._introspect_ndims(
                    self._event_ndims)

    @property
    def batch_ndims(self):
        return self._batch_ndims

    @property
    def event_ndims(self):
        return self._event_ndims

    @property
    def validate_args(self):
        return self._validate_args

    def _assert_non_negative_int32_scalar(self, x):
        if x.dtype.base_dtype != _dt.int32:
            raise TypeError("%s.dtype=%s is not %s" % (x.name, x.dtype, _dt.int32))
        value = constant_value(x)
        if x.get_shape().ndims is not None and value is not None:
            if x.get_shape().ndims != 0:
                raise ValueError("%s.ndims=%d is not 0 (scalar)" % (x.name, x.get_shape().ndims))
            if value < 0:
                raise ValueError("%s.value=%d cannot be negative" % (x.name, value))
            return x
        if self.validate_args:
            x = control_flow_ops.with_dependencies([
                check_ops.assert_rank(x, 0), check_ops.assert_non_negative(x)], x)
        return x

    @staticmethod
    def _introspect_ndims(ndims):
        value = constant_value(ndims)
        if value is not None:
            return int(value), bool(value == 0)
        return None, comparison.equal(ndims, 0)

    @staticmethod
    def _all_constant(*args):
        return all(constant_value(x) is not None for x in args)

    @contextlib.contextmanager
    def _name_scope(self, name=None, values=None):
        with name_scope(self._name):
            with name_scope(name, values=(values or []) + [self._batch_ndims,
                                                            self._event_ndims]) as scope:
                yield scope

    def get_ndims(self, x, name="get_ndims"):
        with self._name_scope(name, values=[x]):
            x = convert_to_tensor(x, name="x")
            ndims = x.get_shape().ndims
            if ndims is None:
                return array_ops.rank(x, name="ndims")
            return convert_to_tensor(ndims, dtype=_dt.int32, name="ndims")

    def get_sample_ndims(self, x, name="get_sample_ndims"):
        with self._name_scope(name, values=[x]):
            ndims = self.get_ndims(x, name=name)
            if self._all_constant(ndims, self._batch_ndims, self._event_ndims):
                ndims = int(constant_value(ndims))
                sample_ndims = ndims - self._batch_static - self._event_static
                if sample_ndims < 0:
                    raise ValueError("expected batch_ndims(%d) + event_ndims(%d) <= ndims(%d)"
                                     % (self._batch_static, self._event_static, ndims))
                return convert_to_tensor(sample_ndims, name="sample_ndims")
            with name_scope("sample_ndims"):
                sample_ndims = ndims - self._batch_ndims - self._event_ndims
                if self.validate_args:
                    sample_ndims = control_flow_ops.with_dependencies(
                        [check_ops.assert_non_negative(sample_ndims)], sample_ndims)
            return sample_ndims

    def get_shape(self, x, name="get_shape"):
        with self._name_scope(name, values=[x]):
            x = convert_to_tensor(x, name="x")

            def slice_shape(start_sum, size, name):
                # TF's default start: a 'zero' it then reads statically
                start_sum = start_sum or [array_ops.zeros([], dtype=_dt.int32, name="zero")]
                if x.get_shape().ndims is not None and self._all_constant(size, *start_sum):
                    start = sum(int(constant_value(s)) for s in start_sum)
                    stop = start + int(constant_value(size))
                    dims = x.get_shape()[start:stop].as_list()
                    if all(d is not None for d in dims):
                        return convert_to_tensor(dims, dtype=_dt.int32, name=name)
                return array_ops.slice(array_ops.shape(x), [sum(start_sum)], [size])

            sample_ndims = self.get_sample_ndims(x, name=name)
            return (slice_shape([], sample_ndims, "sample_shape"),
                    slice_shape([sample_ndims], self._batch_ndims, "batch_shape"),
                    slice_shape([sample_ndims, self._batch_ndims], self._event_ndims,
                                "event_shape"))

    def make_batch_of_event_sample_matrices(self, x, expand_batch_dim=True,
                                            name="make_batch_of_event_sample_matrices"):
        with self._name_scope(name, values=[x]):
            x = convert_to_tensor(x, name="x")
            sample_shape, batch_shape, event_shape = self.get_shape(x)
            event_shape = pick_vector(self._event_is_0, [1], event_shape)
            if expand_batch_dim:
                batch_shape = pick_vector(self._batch_is_0, [1], batch_shape)
            new_shape = array_ops.concat([[-1], batch_shape, event_shape], 0)
            x = array_ops.reshape(x, shape=new_shape)
            return rotate_transpose(x, shift=-1), sample_shape

    def undo_make_batch_of_event_sample_matrices(
            self, x, sample_shape, expand_batch_dim=True,
            name="undo_make_batch_of_event_sample_matrices"):
        with self._name_scope(name, values=[x, sample_shape]):
            x = convert_to_tensor(x, name="x")
            sample_shape = convert_to_tensor(sample_shape, name="sample_shape")
            x = rotate_transpose(x, shift=1)
            if self._all_constant(self._batch_ndims, self._event_ndims):
                squeeze_dims = []
                if self._event_is_0:
                    squeeze_dims += [-1]
                if self._batch_is_0 and expand_batch_dim:
                    squeeze_dims += [1]
                if squeeze_dims:
                    x = array_ops.squeeze(x, axis=squeeze_dims)
                _, batch_shape, event_shape = self.get_shape(x)
            else:
                s = (x.get_shape().as_list() if x.get_shape().is_fully_defined()
                     else array_ops.shape(x))
                batch_shape = s[1:1 + self._batch_ndims]
                # the sample dims are one, leftmost: events start after 1 + batch_ndims
                event_start = array_ops.where(
                    comparison.logical_and(expand_batch_dim, self._batch_is_0),
                    2, 1 + self._batch_ndims)
                event_shape = s[event_start:event_start + self._event_ndims]
            new_shape = array_ops.concat([sample_shape, batch_shape, event_shape], 0)
            return array_ops.reshape(x, shape=new_shape)


class AffineLinearOperator(Bijector):
    """Y = scale.matmul(X) + shift, X's last dimension the event."""

    def __init__(self, shift=None, scale=None, validate_args=False,
                 name="affine_linear_operator"):
        self._graph_parents = []
        self._name = name
        self._validate_args = validate_args
        graph_parents = []
        with self._name_scope("init", values=[shift] if shift is not None else []):
            dtype = _dt.float32
            if shift is not None:
                shift = convert_to_tensor(shift, name="shift")
                graph_parents += [shift]
                dtype = shift.dtype.base_dtype
            self._shift = shift
            if scale is not None:
                if shift is not None and shift.dtype.base_dtype != scale.dtype.base_dtype:
                    raise TypeError("shift.dtype({}) is incompatible with scale.dtype({})."
                                    .format(shift.dtype, scale.dtype))
                if not isinstance(scale, LinearOperator):
                    raise TypeError("scale is not an instance of tf.LinearOperator")
                if validate_args and not scale.is_non_singular:
                    raise ValueError("Scale matrix must be non-singular.")
                graph_parents += scale.graph_parents
                if scale.tensor_rank is not None:
                    batch_ndims = scale.tensor_rank - 2
                else:
                    batch_ndims = scale.tensor_rank_tensor() - 2
                    graph_parents += [batch_ndims]
                if scale.dtype is not None:
                    dtype = scale.dtype.base_dtype
            else:
                batch_ndims = 0
            self._scale = scale
            self._shaper = _DistributionShape(batch_ndims=batch_ndims, event_ndims=1,
                                              validate_args=validate_args)
            super().__init__(forward_min_event_ndims=1, graph_parents=graph_parents,
                             is_constant_jacobian=True, dtype=dtype,
                             validate_args=validate_args, name=name)

    @property
    def shift(self):
        return self._shift

    @property
    def scale(self):
        return self._scale

    def _forward(self, x):
        y = x
        if self.scale is not None:
            y, sample_shape = self._shaper.make_batch_of_event_sample_matrices(
                y, expand_batch_dim=False)
            with control_dependencies(self._maybe_collect_assertions()
                                      if self.validate_args else []):
                y = self.scale.matmul(y)
            y = self._shaper.undo_make_batch_of_event_sample_matrices(
                y, sample_shape, expand_batch_dim=False)
        if self.shift is not None:
            y += self.shift
        return y

    def _inverse(self, y):
        x = y
        if self.shift is not None:
            x -= self.shift
        if self.scale is not None:
            x, sample_shape = self._shaper.make_batch_of_event_sample_matrices(
                x, expand_batch_dim=False)
            x = self.scale.solve(x)
            x = self._shaper.undo_make_batch_of_event_sample_matrices(
                x, sample_shape, expand_batch_dim=False)
        return x

    def _forward_log_det_jacobian(self, x):
        if self.scale is None:
            return constant(0., dtype=x.dtype.base_dtype)
        with control_dependencies(self._maybe_collect_assertions()
                                  if self.validate_args else []):
            return self.scale.log_abs_determinant()

    def _maybe_collect_assertions(self):
        try:
            return [self.scale.assert_non_singular()]
        except NotImplementedError:
            return []

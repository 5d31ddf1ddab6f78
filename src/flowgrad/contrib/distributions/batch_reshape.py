"""tf.contrib.distributions.BatchReshape (TF 1.14): a distribution's batch dimensions
reshaped (one may be -1), its methods called on reshaped inputs and their results reshaped
back, with TF's static and run-time checks."""
from __future__ import annotations

import numpy as np

from ...distributions import distribution as distribution_lib
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import control_dependencies, name_scope
from ...engine.framework.static_value import constant_value_as_shape
from ...engine.framework.tensor_shape import TensorShape
from ...ops import array_ops, check_ops, comparison_ops, math_ops

__all__ = ["BatchReshape"]


class BatchReshape(distribution_lib.Distribution):
    """The distribution with its batch dimensions reshaped to `batch_shape`."""

    def __init__(self, distribution, batch_shape, validate_args=False, allow_nan_stats=True,
                 name=None):
        parameters = dict(locals())
        name = name or "BatchReshape" + distribution.name
        with name_scope(name, values=[batch_shape]) as name:
            self._batch_shape_unexpanded = convert_to_tensor(
                batch_shape, dtype=_dt.int32, name="batch_shape")
            validate_init_args_statically(distribution, self._batch_shape_unexpanded)
            batch_shape, batch_shape_static, runtime_assertions = calculate_reshape(
                distribution.batch_shape_tensor(), self._batch_shape_unexpanded,
                validate_args)
            self._distribution = distribution
            self._batch_shape_ = batch_shape
            self._batch_shape_static = batch_shape_static
            self._runtime_assertions = runtime_assertions
            super().__init__(
                dtype=distribution.dtype,
                reparameterization_type=distribution.reparameterization_type,
                validate_args=validate_args, allow_nan_stats=allow_nan_stats,
                parameters=parameters,
                graph_parents=[self._batch_shape_unexpanded] + distribution._graph_parents,
                name=name)

    @property
    def distribution(self):
        return self._distribution

    def _batch_shape_tensor(self):
        with control_dependencies(self._runtime_assertions):
            return array_ops.identity(self._batch_shape_)

    def _batch_shape(self):
        return self._batch_shape_static

    def _event_shape_tensor(self):
        with control_dependencies(self._runtime_assertions):
            return array_ops.identity(self.distribution.event_shape_tensor())

    def _event_shape(self):
        return self.distribution.event_shape

    def _sample_n(self, n, seed=None):
        with control_dependencies(self._runtime_assertions):
            x = self.distribution.sample(sample_shape=n, seed=seed)
            new_shape = array_ops.concat(
                [[n], self._batch_shape_unexpanded, self.event_shape_tensor()], axis=0)
            return array_ops.reshape(x, new_shape)

    def _log_prob(self, x):
        return self._call_reshape_input_output(self.distribution.log_prob, x)

    def _prob(self, x):
        return self._call_reshape_input_output(self.distribution.prob, x)

    def _log_cdf(self, x):
        return self._call_reshape_input_output(self.distribution.log_cdf, x)

    def _cdf(self, x):
        return self._call_reshape_input_output(self.distribution.cdf, x)

    def _log_survival_function(self, x):
        return self._call_reshape_input_output(self.distribution.log_survival_function, x)

    def _survival_function(self, x):
        return self._call_reshape_input_output(self.distribution.survival_function, x)

    def _entropy(self):
        return self._call_and_reshape_output(self.distribution.entropy, [], [TensorShape([])])

    def _mean(self):
        return self._call_and_reshape_output(self.distribution.mean)

    def _mode(self):
        return self._call_and_reshape_output(self.distribution.mode)

    def _stddev(self):
        return self._call_and_reshape_output(self.distribution.stddev)

    def _variance(self):
        return self._call_and_reshape_output(self.distribution.variance)

    def _covariance(self):
        return self._call_and_reshape_output(
            self.distribution.covariance, [self.event_shape_tensor()] * 2,
            [self.event_shape] * 2)

    def _ndims(self, x):
        x_ndims = array_ops.rank(x) if x.shape.ndims is None else x.shape.ndims
        event_ndims = (array_ops.size(self.event_shape_tensor())
                       if self.event_shape.ndims is None else self.event_shape.ndims)
        batch_ndims = (array_ops.size(self._batch_shape_unexpanded)
                       if self.batch_shape.ndims is None else self.batch_shape.ndims)
        return x_ndims, event_ndims, batch_ndims

    def _sample_shape(self, x):
        x_ndims, event_ndims, batch_ndims = self._ndims(x)
        sample_ndims = x_ndims - batch_ndims - event_ndims
        if isinstance(sample_ndims, int):
            static_sample_shape = x.shape[:sample_ndims]
        else:
            static_sample_shape = TensorShape(None)
        if static_sample_shape.is_fully_defined():
            sample_shape = np.int32(static_sample_shape.as_list())
        else:
            sample_shape = array_ops.shape(x)[:sample_ndims]
        return sample_shape, static_sample_shape

    def _call_reshape_input_output(self, fn, x):
        with control_dependencies(self._runtime_assertions + self._validate_sample_arg(x)):
            sample_shape, static_sample_shape = self._sample_shape(x)
            old_shape = array_ops.concat(
                [sample_shape, self.distribution.batch_shape_tensor(),
                 self.event_shape_tensor()], axis=0)
            result = fn(array_ops.reshape(x, old_shape))
            new_shape = array_ops.concat([sample_shape, self._batch_shape_unexpanded], axis=0)
            result = array_ops.reshape(result, new_shape)
            if static_sample_shape.ndims is not None and self.batch_shape.ndims is not None:
                new_shape = static_sample_shape.concatenate(self.batch_shape)
                result.set_shape(result.shape.merge_with(new_shape))
            return result

    def _call_and_reshape_output(self, fn, event_shape_list=None,
                                 static_event_shape_list=None):
        with control_dependencies(self._runtime_assertions):
            if event_shape_list is None:
                event_shape_list = [self._event_shape_tensor()]
            if static_event_shape_list is None:
                static_event_shape_list = [self.event_shape]
            new_shape = array_ops.concat([self._batch_shape_unexpanded] + event_shape_list,
                                         axis=0)
            result = array_ops.reshape(fn(), new_shape)
            if self.batch_shape.ndims is not None and self.event_shape.ndims is not None:
                event_shape = TensorShape([])
                for rss in static_event_shape_list:
                    event_shape = event_shape.concatenate(rss)
                static_shape = result.shape.merge_with(
                    self.batch_shape.concatenate(event_shape))
                result.set_shape(static_shape)
            return result

    def _validate_sample_arg(self, x):
        with name_scope("validate_sample_arg", values=[x]):
            x_ndims, event_ndims, batch_ndims = self._ndims(x)
            expected_batch_event_ndims = batch_ndims + event_ndims
            ndims_assertion = []
            if isinstance(x_ndims, int) and isinstance(expected_batch_event_ndims, int):
                if x_ndims < expected_batch_event_ndims:
                    raise NotImplementedError(
                        "Broadcasting is not supported; too few batch and event dims "
                        "(expected at least {}, saw {}).".format(
                            expected_batch_event_ndims, x_ndims))
            elif self.validate_args:
                ndims_assertion = [check_ops.assert_greater_equal(
                    x_ndims, expected_batch_event_ndims,
                    message="Broadcasting is not supported; too few batch and event dims.",
                    name="assert_batch_and_event_ndims_large_enough")]
            if self.batch_shape.is_fully_defined() and self.event_shape.is_fully_defined():
                expected_batch_event_shape = np.int32(
                    self.batch_shape.concatenate(self.event_shape).as_list())
            else:
                expected_batch_event_shape = array_ops.concat(
                    [self.batch_shape_tensor(), self.event_shape_tensor()], axis=0)
            sample_ndims = x_ndims - expected_batch_event_ndims
            if isinstance(sample_ndims, int):
                sample_ndims = max(sample_ndims, 0)
            if isinstance(sample_ndims, int) and x.shape[sample_ndims:].is_fully_defined():
                actual_batch_event_shape = np.int32(x.shape[sample_ndims:].as_list())
            else:
                sample_ndims = math_ops.maximum(sample_ndims, 0)
                actual_batch_event_shape = array_ops.shape(x)[sample_ndims:]
            if (isinstance(expected_batch_event_shape, np.ndarray)
                    and isinstance(actual_batch_event_shape, np.ndarray)):
                if any(expected_batch_event_shape != actual_batch_event_shape):
                    raise NotImplementedError(
                        "Broadcasting is not supported; unexpected batch and event shape "
                        "(expected {}, saw {}).".format(expected_batch_event_shape,
                                                       actual_batch_event_shape))
                return ndims_assertion
            if self.validate_args:
                with control_dependencies(ndims_assertion):
                    shape_assertion = check_ops.assert_equal(
                        expected_batch_event_shape, actual_batch_event_shape,
                        message="Broadcasting is not supported; unexpected batch and event "
                                "shape.",
                        name="assert_batch_and_event_shape_same")
                return [shape_assertion]
            return []


def calculate_reshape(original_shape, new_shape, validate=False, name=None):
    """(the new shape with its -1 filled in, its static shape, run-time checks)."""
    batch_shape_static = constant_value_as_shape(new_shape)
    if batch_shape_static.is_fully_defined():
        return np.int32(batch_shape_static.as_list()), batch_shape_static, []
    with name_scope(name, "calculate_reshape", [original_shape, new_shape]):
        original_size = math_ops.reduce_prod(original_shape)
        implicit_dim = comparison_ops.equal(new_shape, -1)
        size_implicit_dim = original_size // math_ops.maximum(
            1, -math_ops.reduce_prod(new_shape))
        new_ndims = array_ops.shape(new_shape)
        expanded_new_shape = array_ops.where(
            implicit_dim, array_ops.fill(new_ndims, size_implicit_dim), new_shape)
        validations = [] if not validate else [
            check_ops.assert_rank(original_shape, 1,
                                  message="Original shape must be a vector."),
            check_ops.assert_rank(new_shape, 1, message="New shape must be a vector."),
            check_ops.assert_less_equal(
                math_ops.count_nonzero(implicit_dim, dtype=_dt.int32), 1,
                message="At most one dimension can be unknown."),
            check_ops.assert_positive(expanded_new_shape,
                                      message="Shape elements must be >=-1."),
            check_ops.assert_equal(math_ops.reduce_prod(expanded_new_shape), original_size,
                                   message="Shape sizes do not match."),
        ]
        return expanded_new_shape, batch_shape_static, validations


def validate_init_args_statically(distribution, batch_shape):
    """TF's build-time checks of BatchReshape's batch_shape."""
    if batch_shape.shape.ndims is not None and batch_shape.shape.ndims != 1:
        raise ValueError("`batch_shape` must be a vector "
                         "(saw rank: {}).".format(batch_shape.shape.ndims))
    batch_shape_static = constant_value_as_shape(batch_shape)
    batch_size_static = batch_shape_static.num_elements()
    dist_batch_size_static = distribution.batch_shape.num_elements()
    if batch_size_static is not None and dist_batch_size_static is not None:
        if batch_size_static != dist_batch_size_static:
            raise ValueError("`batch_shape` size ({}) must match "
                             "`distribution.batch_shape` size ({}).".format(
                                 batch_size_static, dist_batch_size_static))
    if batch_shape_static.dims is not None:
        if any(dim.value is not None and dim.value < 1 for dim in batch_shape_static.dims):
            raise ValueError("`batch_shape` elements must be >=-1.")

"""tf.contrib.distributions.TransformedDistribution (TF 1.14's transformed_distribution.py):
Y = bijector.forward(X) for X from a base distribution, with TF's batch/event shape
overrides, the `<name>/sample/<bijector>/forward` ops and log_prob through the inverse and
its log-det-Jacobian."""
from __future__ import annotations

import numpy as np

from ...distributions import distribution as distribution_lib
from ...engine.framework import dtypes as _dt
from ...engine.framework.constant_op import constant, convert_to_tensor
from ...engine.framework.graph import Tensor, name_scope
from ...engine.framework.tensor_shape import TensorShape
from ...engine.ops import comparison
from ...engine.ops._array_util import shape_value
from ...engine.ops.construction import range as _range
from ...ops import array_ops, check_ops, control_flow_ops, math_ops
from ...ops.array_ops_extra import broadcast_static_shape
from ...ops.tensor_util import constant_value
from ...distributions._util import pick_vector
from .bijectors.basic import Identity

__all__ = ["TransformedDistribution"]


def _static_value(x):
    return constant_value(convert_to_tensor(x))


def _logical_and(*args):
    values = [_static_value(x) for x in args]
    if any(v is not None and not bool(v) for v in values):
        return constant(False)
    if all(v is not None and bool(v) for v in values):
        return constant(True)
    if len(args) == 2:
        return comparison.logical_and(*args)
    return math_ops.reduce_all(args)


def _logical_equal(x, y):
    x_, y_ = _static_value(x), _static_value(y)
    if x_ is None or y_ is None:
        return comparison.equal(x, y)
    return constant(np.array_equal(x_, y_))


def _logical_not(x):
    x_ = _static_value(x)
    if x_ is None:
        return comparison.logical_not(x)
    return constant(np.logical_not(x_))


def _concat_vectors(*args):
    values = [_static_value(x) for x in args]
    if any(v is None for v in values):
        return array_ops.concat(args, 0)
    return constant([x for vec in values for x in vec])


def _pick_scalar_condition(pred, cond_true, cond_false):
    pred_ = _static_value(pred)
    if pred_ is None:
        return array_ops.where(pred, cond_true, cond_false)
    return cond_true if pred_ else cond_false


def _ones_like(x):
    if x.get_shape().is_fully_defined():
        return array_ops.ones(x.get_shape().as_list(), dtype=x.dtype)
    return array_ops.ones_like(x)


def _ndims_from_shape(shape):
    if shape.get_shape().ndims not in (None, 1):
        raise ValueError("input is not a valid shape: not 1D")
    if not shape.dtype.is_integer:
        raise TypeError("input is not a valid shape: wrong dtype")
    if shape.get_shape().is_fully_defined():
        return constant(shape.get_shape().as_list()[0])
    return array_ops.shape(shape)[0]


class TransformedDistribution(distribution_lib.Distribution):
    """The distribution of bijector.forward(X), X ~ distribution."""

    def __init__(self, distribution, bijector=None, batch_shape=None, event_shape=None,
                 validate_args=False, name=None):
        parameters = dict(locals())
        name = name or (("" if bijector is None else bijector.name) + distribution.name)
        with name_scope(name, values=[v for v in (event_shape, batch_shape)
                                      if isinstance(v, Tensor)]) as name:
            self._zero = constant(0, dtype=_dt.int32, name="zero")
            self._empty = constant([], dtype=_dt.int32, name="empty")
            if bijector is None:
                bijector = Identity(validate_args=validate_args)
            self._override_batch_shape = self._maybe_validate_shape_override(
                batch_shape, distribution.is_scalar_batch(), validate_args, "batch_shape")
            self._is_batch_override = _logical_not(_logical_equal(
                _ndims_from_shape(self._override_batch_shape), self._zero))
            value = constant_value(self._override_batch_shape)
            self._is_maybe_batch_override = bool(value is None or value.size != 0)
            self._override_event_shape = self._maybe_validate_shape_override(
                event_shape, distribution.is_scalar_event(), validate_args, "event_shape")
            self._is_event_override = _logical_not(_logical_equal(
                _ndims_from_shape(self._override_event_shape), self._zero))
            value = constant_value(self._override_event_shape)
            self._is_maybe_event_override = bool(value is None or value.size != 0)
            self._needs_rotation = _logical_and(
                self._is_event_override, _logical_not(self._is_batch_override),
                _logical_not(distribution.is_scalar_batch()))
            override_event_ndims = _ndims_from_shape(self._override_event_shape)
            self._rotate_ndims = _pick_scalar_condition(self._needs_rotation,
                                                        override_event_ndims, 0)
            self._reduce_event_indices = _range(self._rotate_ndims - override_event_ndims,
                                                self._rotate_ndims)
        self._distribution = distribution
        self._bijector = bijector
        super().__init__(dtype=distribution.dtype,
                         reparameterization_type=distribution.reparameterization_type,
                         validate_args=validate_args,
                         allow_nan_stats=distribution.allow_nan_stats,
                         parameters=parameters,
                         graph_parents=distribution._graph_parents + bijector.graph_parents,
                         name=name)

    @property
    def distribution(self):
        return self._distribution

    @property
    def bijector(self):
        return self._bijector

    def _event_shape_tensor(self):
        return self.bijector.forward_event_shape_tensor(pick_vector(
            self._is_event_override, self._override_event_shape,
            self.distribution.event_shape_tensor()))

    def _event_shape(self):
        static_override = _as_shape(self._override_event_shape)
        return self.bijector.forward_event_shape(
            static_override if self._is_maybe_event_override else
            self.distribution.event_shape)

    def _batch_shape_tensor(self):
        return pick_vector(self._is_batch_override, self._override_batch_shape,
                           self.distribution.batch_shape_tensor())

    def _batch_shape(self):
        static_override = _as_shape(self._override_batch_shape)
        return (static_override if self._is_maybe_batch_override
                else self.distribution.batch_shape)

    def _sample_n(self, n, seed=None):
        sample_shape = _concat_vectors(
            pick_vector(self._needs_rotation, self._empty, [n]),
            self._override_batch_shape, self._override_event_shape,
            pick_vector(self._needs_rotation, [n], self._empty))
        x = self.distribution.sample(sample_shape=sample_shape, seed=seed)
        return self._maybe_rotate_dims(x)

    def _call_sample_n(self, sample_shape, seed, name, **kwargs):
        with self._name_scope(name, values=[sample_shape]):
            sample_shape = convert_to_tensor(sample_shape, dtype=_dt.int32,
                                             name="sample_shape")
            sample_shape, n = self._expand_sample_shape_to_vector(sample_shape,
                                                                  "sample_shape")
            x = self._sample_n(n, seed)
            batch_event_shape = array_ops.shape(x)[1:]
            final_shape = array_ops.concat([sample_shape, batch_event_shape], 0)
            x = array_ops.reshape(x, final_shape)
            y = self.bijector.forward(x)
            return self._set_sample_static_shape(y, sample_shape)

    def _log_prob(self, y):
        x = self.bijector.inverse(y)
        event_ndims = self._maybe_get_static_event_ndims()
        ildj = self.bijector.inverse_log_det_jacobian(y, event_ndims=event_ndims)
        x = self._maybe_rotate_dims(x, rotate_right=True)
        log_prob = self.distribution.log_prob(x)
        if self._is_maybe_event_override:
            log_prob = math_ops.reduce_sum(log_prob, self._reduce_event_indices)
        log_prob += math_ops.cast(ildj, log_prob.dtype)
        if self._is_maybe_event_override and isinstance(event_ndims, int):
            log_prob.set_shape(broadcast_static_shape(
                y.get_shape().with_rank_at_least(1)[:-event_ndims], self.batch_shape))
        return log_prob

    def _prob(self, y):
        x = self.bijector.inverse(y)
        event_ndims = self._maybe_get_static_event_ndims()
        ildj = self.bijector.inverse_log_det_jacobian(y, event_ndims=event_ndims)
        x = self._maybe_rotate_dims(x, rotate_right=True)
        prob = self.distribution.prob(x)
        if self._is_maybe_event_override:
            prob = math_ops.reduce_prod(prob, self._reduce_event_indices)
        prob *= math_ops.exp(math_ops.cast(ildj, prob.dtype))
        if self._is_maybe_event_override and isinstance(event_ndims, int):
            prob.set_shape(broadcast_static_shape(
                y.get_shape().with_rank_at_least(1)[:-event_ndims], self.batch_shape))
        return prob

    def _through_inverse(self, what, y):
        if self._is_maybe_event_override:
            raise NotImplementedError("%s is not implemented when overriding event_shape"
                                      % what)
        if not self.bijector._is_injective:
            raise NotImplementedError("%s is not implemented when bijector is not injective."
                                      % what)
        x = self.bijector.inverse(y)
        return getattr(self.distribution, what)(x)

    def _log_cdf(self, y):
        return self._through_inverse("log_cdf", y)

    def _cdf(self, y):
        return self._through_inverse("cdf", y)

    def _log_survival_function(self, y):
        return self._through_inverse("log_survival_function", y)

    def _survival_function(self, y):
        return self._through_inverse("survival_function", y)

    def _quantile(self, value):
        if self._is_maybe_event_override:
            raise NotImplementedError("quantile is not implemented when overriding "
                                      "event_shape")
        if not self.bijector._is_injective:
            raise NotImplementedError("quantile is not implemented when bijector is not "
                                      "injective.")
        return self.bijector.forward(self.distribution.quantile(value))

    def _entropy(self):
        if not self.bijector.is_constant_jacobian:
            raise NotImplementedError("entropy is not implemented")
        entropy = self.distribution.entropy()
        if self._is_maybe_event_override:
            entropy *= math_ops.cast(math_ops.reduce_prod(self._override_event_shape),
                                     dtype=entropy.dtype.base_dtype)
        if self._is_maybe_batch_override:
            new_shape = array_ops.concat([_ones_like(self._override_batch_shape),
                                          self.distribution.batch_shape_tensor()], 0)
            entropy = array_ops.reshape(entropy, new_shape)
            multiples = array_ops.concat([self._override_batch_shape,
                                          _ones_like(self.distribution.batch_shape_tensor())],
                                         0)
            entropy = array_ops.tile(entropy, multiples)
        dummy = array_ops.zeros(
            shape=array_ops.concat([self.batch_shape_tensor(), self.event_shape_tensor()], 0),
            dtype=self.dtype)
        event_ndims = (self.event_shape.ndims if self.event_shape.ndims is not None
                       else array_ops.size(self.event_shape_tensor()))
        ildj = self.bijector.inverse_log_det_jacobian(dummy, event_ndims=event_ndims)
        entropy -= math_ops.cast(ildj, entropy.dtype)
        entropy.set_shape(self.batch_shape)
        return entropy

    def _maybe_validate_shape_override(self, override_shape, base_is_scalar, validate_args,
                                       name):
        if override_shape is None:
            override_shape = []
        override_shape = convert_to_tensor(override_shape, dtype=_dt.int32, name=name)
        if not override_shape.dtype.is_integer:
            raise TypeError("shape override must be an integer")
        override_is_scalar = _logical_equal(_ndims_from_shape(override_shape), 0)
        if constant_value(override_is_scalar):
            return self._empty
        checks = []
        if override_shape.get_shape().ndims is not None:
            if override_shape.get_shape().ndims != 1:
                raise ValueError("shape override must be a vector")
        elif validate_args:
            checks.append(check_ops.assert_rank(override_shape, 1,
                                                message="shape override must be a vector"))
        value = constant_value(override_shape)
        if value is not None:
            if any(s <= 0 for s in value):
                raise ValueError("shape override must have positive elements")
        elif validate_args:
            checks.append(check_ops.assert_positive(
                override_shape, message="shape override must have positive elements"))
        is_both_nonscalar = _logical_and(_logical_not(base_is_scalar),
                                         _logical_not(override_is_scalar))
        both = constant_value(is_both_nonscalar)
        if both is not None:
            if both:
                raise ValueError("base distribution not scalar")
        elif validate_args:
            checks.append(check_ops.assert_equal(is_both_nonscalar, False,
                                                 message="base distribution not scalar"))
        if not checks:
            return override_shape
        return control_flow_ops.with_dependencies(checks, override_shape)

    def _maybe_rotate_dims(self, x, rotate_right=False):
        needs_rotation = constant_value(self._needs_rotation)
        if needs_rotation is not None and not needs_rotation:
            return x
        ndims = array_ops.rank(x)
        n = (ndims - self._rotate_ndims) if rotate_right else self._rotate_ndims
        return array_ops.transpose(x, _concat_vectors(_range(n, ndims), _range(0, n)))

    def _maybe_get_static_event_ndims(self):
        if self.event_shape.ndims is not None:
            return self.event_shape.ndims
        event_ndims = array_ops.size(self.event_shape_tensor())
        static = constant_value(event_ndims)
        return event_ndims if static is None else static


def _as_shape(shape_tensor):
    """tensor_util.constant_value_as_shape of an int32 shape vector."""
    dims = shape_value(shape_tensor)
    if dims is None:
        return TensorShape(None)
    return TensorShape([None if d is None or d < 0 else int(d) for d in dims])

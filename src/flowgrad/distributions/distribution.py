"""tf.distributions' base class (TF 1.14's distribution.py): name scopes, the public methods
that wrap each subclass's `_method` in `<name>/<method>/`, sample-shape handling and the
fallbacks between log_prob/prob, cdf/log_cdf, stddev/variance, as TF has them."""
from __future__ import annotations

import contextlib

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.static_value import constant_value
from ..engine.framework.graph import Tensor, name_scope
from ..engine.framework.tensor_shape import TensorShape, as_shape
from ..engine.ops import comparison
from ..engine.ops._base import convert_to_tensor
from ..ops import array_ops, math_ops
from . import kullback_leibler
from ._util import pick_vector

__all__ = ["ReparameterizationType", "FULLY_REPARAMETERIZED", "NOT_REPARAMETERIZED",
           "Distribution"]


class ReparameterizationType:
    """Whether samples are differentiable with respect to the parameters
    (FULLY_REPARAMETERIZED) or not (NOT_REPARAMETERIZED); compared by identity."""

    def __init__(self, rep_type):
        self._rep_type = rep_type

    def __repr__(self):
        return "<Reparameteriation Type: %s>" % self._rep_type

    def __eq__(self, other):
        return self is other

    __hash__ = object.__hash__


FULLY_REPARAMETERIZED = ReparameterizationType("FULLY_REPARAMETERIZED")
NOT_REPARAMETERIZED = ReparameterizationType("NOT_REPARAMETERIZED")


def _is_tensor(x):
    return isinstance(x, Tensor) or hasattr(x, "_as_graph_element")


def _convert(value, name, preferred_dtype):
    """TF's internal_convert_to_tensor with a preferred dtype: tried first, else the value's."""
    if _is_tensor(value):
        return convert_to_tensor(value, name=name)
    try:
        return convert_to_tensor(value, dtype=preferred_dtype, name=name)
    except (TypeError, ValueError):
        return convert_to_tensor(value, name=name)


class Distribution:
    """A probability distribution over tensors (TF 1.14's tf.distributions.Distribution).

    Subclasses implement `_sample_n`, `_log_prob`/`_prob`, `_cdf`, `_entropy`, `_mean`, ...;
    the public methods open `<distribution name>/<method>/` name scopes around them, as TF.
    """

    def __init__(self, dtype, reparameterization_type, validate_args, allow_nan_stats,
                 parameters=None, graph_parents=None, name=None):
        graph_parents = [] if graph_parents is None else graph_parents
        for i, t in enumerate(graph_parents):
            if t is None or not _is_tensor(t):
                raise ValueError("Graph parent item %d is not a Tensor; %s." % (i, t))
        if not name or name[-1] != "/":  # not a name scope yet
            with name_scope(name or type(self).__name__) as name:
                pass
        self._dtype = dtype
        self._reparameterization_type = reparameterization_type
        self._allow_nan_stats = allow_nan_stats
        self._validate_args = validate_args
        self._parameters = parameters or {}
        self._graph_parents = graph_parents
        self._name = name

    @property
    def _parameters(self):
        return self._parameter_dict

    @_parameters.setter
    def _parameters(self, value):
        value = dict(value)
        value.pop("self", None)
        value.pop("__class__", None)
        self._parameter_dict = value

    @classmethod
    def param_shapes(cls, sample_shape, name="DistributionParamShapes"):
        """The shapes of the parameters giving samples of `sample_shape` (a dict of tensors)."""
        with name_scope(name, values=[sample_shape]):
            return cls._param_shapes(sample_shape)

    @classmethod
    def param_static_shapes(cls, sample_shape):
        """param_shapes as TensorShapes, for a fully known sample_shape."""
        if isinstance(sample_shape, TensorShape):
            if not sample_shape.is_fully_defined():
                raise ValueError("TensorShape sample_shape must be fully defined")
            sample_shape = sample_shape.as_list()
        params = cls.param_shapes(sample_shape)
        out = {}
        for name, shape in params.items():
            value = constant_value(shape)
            if value is None:
                raise ValueError("sample_shape must be a fully-defined TensorShape or "
                                 "list/tuple")
            out[name] = TensorShape([int(d) for d in np.asarray(value).reshape(-1)])
        return out

    @staticmethod
    def _param_shapes(sample_shape):
        raise NotImplementedError("_param_shapes not implemented")

    @property
    def name(self):
        return self._name

    @property
    def dtype(self):
        return self._dtype

    @property
    def parameters(self):
        return {k: v for k, v in self._parameters.items()
                if not k.startswith("__") and k != "self"}

    @property
    def reparameterization_type(self):
        return self._reparameterization_type

    @property
    def allow_nan_stats(self):
        return self._allow_nan_stats

    @property
    def validate_args(self):
        return self._validate_args

    def copy(self, **override_parameters_kwargs):
        """A new distribution of this type with some parameters replaced."""
        parameters = dict(self.parameters, **override_parameters_kwargs)
        return type(self)(**parameters)

    # -- shapes ---------------------------------------------------------------------------
    def _batch_shape_tensor(self):
        raise NotImplementedError(
            "batch_shape_tensor is not implemented: {}".format(type(self).__name__))

    def batch_shape_tensor(self, name="batch_shape_tensor"):
        with self._name_scope(name):
            if self.batch_shape.is_fully_defined():
                return convert_to_tensor(self.batch_shape.as_list(), dtype=_dt.int32,
                                         name="batch_shape")
            return self._batch_shape_tensor()

    def _batch_shape(self):
        return TensorShape(None)

    @property
    def batch_shape(self):
        return as_shape(self._batch_shape())

    def _event_shape_tensor(self):
        raise NotImplementedError(
            "event_shape_tensor is not implemented: {}".format(type(self).__name__))

    def event_shape_tensor(self, name="event_shape_tensor"):
        with self._name_scope(name):
            if self.event_shape.is_fully_defined():
                return convert_to_tensor(self.event_shape.as_list(), dtype=_dt.int32,
                                         name="event_shape")
            return self._event_shape_tensor()

    def _event_shape(self):
        return TensorShape(None)

    @property
    def event_shape(self):
        return as_shape(self._event_shape())

    def is_scalar_event(self, name="is_scalar_event"):
        with self._name_scope(name):
            return convert_to_tensor(
                self._is_scalar_helper(self.event_shape, self.event_shape_tensor),
                name="is_scalar_event")

    def is_scalar_batch(self, name="is_scalar_batch"):
        with self._name_scope(name):
            return convert_to_tensor(
                self._is_scalar_helper(self.batch_shape, self.batch_shape_tensor),
                name="is_scalar_batch")

    # -- sampling -------------------------------------------------------------------------
    def _sample_n(self, n, seed=None):
        raise NotImplementedError("sample_n is not implemented: {}".format(
            type(self).__name__))

    def _call_sample_n(self, sample_shape, seed, name, **kwargs):
        with self._name_scope(name, values=[sample_shape]):
            sample_shape = convert_to_tensor(sample_shape, dtype=_dt.int32,
                                             name="sample_shape")
            sample_shape, n = self._expand_sample_shape_to_vector(sample_shape,
                                                                  "sample_shape")
            samples = self._sample_n(n, seed, **kwargs)
            self._static_sample_n_shape(samples, n)
            batch_event_shape = array_ops.shape(samples)[1:]
            final_shape = array_ops.concat([sample_shape, batch_event_shape], 0)
            samples = array_ops.reshape(samples, final_shape)
            return self._set_sample_static_shape(samples, sample_shape)

    def _static_sample_n_shape(self, samples, n):
        """[n] + batch_shape + event_shape, when all known: TF's shape inference finds it by
        evaluating the constant shape arguments of the random ops (flowgrad's does not fold
        ConcatV2 of constants), and then builds `shape(samples)` as a Const."""
        if (isinstance(n, (int, np.integer)) and self.batch_shape.is_fully_defined() and
                self.event_shape.is_fully_defined()):
            full = TensorShape([int(n)]).concatenate(self.batch_shape).concatenate(
                self.event_shape)
            if samples.shape.is_compatible_with(full):
                samples.set_shape(full)

    def sample(self, sample_shape=(), seed=None, name="sample"):
        """Samples of shape `sample_shape + batch_shape + event_shape`; with a seed, TF's
        numbers (TF's random ops and op counts)."""
        return self._call_sample_n(sample_shape, seed, name)

    # -- densities ------------------------------------------------------------------------
    def _call_with_fallback(self, value, name, primary, fallback, combine, **kwargs):
        # (kwargs: a ConditionalDistribution's conditioning arguments)
        with self._name_scope(name, values=[value]):
            value = _convert(value, "value", self.dtype)
            try:
                return getattr(self, primary)(value, **kwargs)
            except NotImplementedError as original:
                try:
                    return combine(getattr(self, fallback)(value, **kwargs))
                except NotImplementedError:
                    raise original from None

    def _log_prob(self, value):
        raise NotImplementedError("log_prob is not implemented: {}".format(
            type(self).__name__))

    def log_prob(self, value, name="log_prob"):
        return self._call_with_fallback(value, name, "_log_prob", "_prob", math_ops.log)

    def _prob(self, value):
        raise NotImplementedError("prob is not implemented: {}".format(type(self).__name__))

    def prob(self, value, name="prob"):
        return self._call_with_fallback(value, name, "_prob", "_log_prob", math_ops.exp)

    def _log_cdf(self, value):
        raise NotImplementedError("log_cdf is not implemented: {}".format(
            type(self).__name__))

    def log_cdf(self, value, name="log_cdf"):
        return self._call_with_fallback(value, name, "_log_cdf", "_cdf", math_ops.log)

    def _cdf(self, value):
        raise NotImplementedError("cdf is not implemented: {}".format(type(self).__name__))

    def cdf(self, value, name="cdf"):
        return self._call_with_fallback(value, name, "_cdf", "_log_cdf", math_ops.exp)

    def _log_survival_function(self, value):
        raise NotImplementedError("log_survival_function is not implemented: {}".format(
            type(self).__name__))

    def log_survival_function(self, value, name="log_survival_function"):
        with self._name_scope(name, values=[value]):
            value = _convert(value, "value", self.dtype)
            try:
                return self._log_survival_function(value)
            except NotImplementedError as original:
                try:
                    return math_ops.log1p(-self.cdf(value))
                except NotImplementedError:
                    raise original from None

    def _survival_function(self, value):
        raise NotImplementedError("survival_function is not implemented: {}".format(
            type(self).__name__))

    def survival_function(self, value, name="survival_function"):
        with self._name_scope(name, values=[value]):
            value = _convert(value, "value", self.dtype)
            try:
                return self._survival_function(value)
            except NotImplementedError as original:
                try:
                    return 1. - self.cdf(value)
                except NotImplementedError:
                    raise original from None

    def _quantile(self, value):
        raise NotImplementedError("quantile is not implemented: {}".format(
            type(self).__name__))

    def quantile(self, value, name="quantile"):
        with self._name_scope(name, values=[value]):
            value = _convert(value, "value", self.dtype)
            return self._quantile(value)

    # -- statistics -----------------------------------------------------------------------
    def _entropy(self):
        raise NotImplementedError("entropy is not implemented: {}".format(
            type(self).__name__))

    def entropy(self, name="entropy"):
        with self._name_scope(name):
            return self._entropy()

    def _mean(self):
        raise NotImplementedError("mean is not implemented: {}".format(type(self).__name__))

    def mean(self, name="mean"):
        with self._name_scope(name):
            return self._mean()

    def _variance(self):
        raise NotImplementedError("variance is not implemented: {}".format(
            type(self).__name__))

    def variance(self, name="variance"):
        with self._name_scope(name):
            try:
                return self._variance()
            except NotImplementedError as original:
                try:
                    return math_ops.square(self._stddev())
                except NotImplementedError:
                    raise original from None

    def _stddev(self):
        raise NotImplementedError("stddev is not implemented: {}".format(
            type(self).__name__))

    def stddev(self, name="stddev"):
        with self._name_scope(name):
            try:
                return self._stddev()
            except NotImplementedError as original:
                try:
                    return math_ops.sqrt(self._variance())
                except NotImplementedError:
                    raise original from None

    def _covariance(self):
        raise NotImplementedError("covariance is not implemented: {}".format(
            type(self).__name__))

    def covariance(self, name="covariance"):
        with self._name_scope(name):
            return self._covariance()

    def _mode(self):
        raise NotImplementedError("mode is not implemented: {}".format(type(self).__name__))

    def mode(self, name="mode"):
        with self._name_scope(name):
            return self._mode()

    def _cross_entropy(self, other):
        return kullback_leibler.cross_entropy(self, other,
                                              allow_nan_stats=self.allow_nan_stats)

    def cross_entropy(self, other, name="cross_entropy"):
        with self._name_scope(name):
            return self._cross_entropy(other)

    def _kl_divergence(self, other):
        return kullback_leibler.kl_divergence(self, other,
                                              allow_nan_stats=self.allow_nan_stats)

    def kl_divergence(self, other, name="kl_divergence"):
        with self._name_scope(name):
            return self._kl_divergence(other)

    def __str__(self):
        return ("tfp.distributions.{type_name}(\"{self_name}\"{batch}{event}, dtype={dtype})"
                .format(type_name=type(self).__name__, self_name=self.name,
                        batch=(", batch_shape={}".format(self.batch_shape)
                               if self.batch_shape.ndims is not None else ""),
                        event=(", event_shape={}".format(self.event_shape)
                               if self.event_shape.ndims is not None else ""),
                        dtype=self.dtype.name))

    def __repr__(self):
        return ("<tfp.distributions.{type_name} '{self_name}' batch_shape={batch_shape} "
                "event_shape={event_shape} dtype={dtype}>".format(
                    type_name=type(self).__name__, self_name=self.name,
                    batch_shape=self.batch_shape, event_shape=self.event_shape,
                    dtype=self.dtype.name))

    # -- helpers --------------------------------------------------------------------------
    @contextlib.contextmanager
    def _name_scope(self, name=None, values=None):
        with name_scope(self.name):
            with name_scope(name, values=(([] if values is None else list(values)) +
                                          self._graph_parents)) as scope:
                yield scope

    def _expand_sample_shape_to_vector(self, x, name):
        static = constant_value(x)
        if static is None:
            prod = math_ops.reduce_prod(x)
        else:
            prod = np.prod(static, dtype=x.dtype.as_numpy_dtype)
        ndims = x.shape.ndims
        if ndims is None:   # a scalar made [1], else the vector itself, chosen at run time
            expanded_shape = pick_vector(comparison.equal(array_ops.rank(x), 0),
                                         np.array([1], dtype=np.int32), array_ops.shape(x))
            x = array_ops.reshape(x, expanded_shape)
        elif ndims == 0:
            if static is not None:
                x = convert_to_tensor(np.array([static], dtype=x.dtype.as_numpy_dtype),
                                      name=name)
            else:
                x = array_ops.reshape(x, [1])
        elif ndims != 1:
            raise ValueError("Input is neither scalar nor vector.")
        return x, prod

    def _set_sample_static_shape(self, x, sample_shape):
        static = constant_value(sample_shape)
        sample_shape = TensorShape(None if static is None else
                                   [int(d) for d in np.asarray(static).reshape(-1)])
        ndims = x.shape.ndims
        sample_ndims = sample_shape.ndims
        batch_ndims = self.batch_shape.ndims
        event_ndims = self.event_shape.ndims
        if (ndims is None and sample_ndims is not None and batch_ndims is not None and
                event_ndims is not None):
            ndims = sample_ndims + batch_ndims + event_ndims
            x.set_shape([None] * ndims)
        if ndims is not None and sample_ndims is not None:
            shape = sample_shape.concatenate([None] * (ndims - sample_ndims))
            x.set_shape(x.shape.merge_with(shape))
        if ndims is not None and event_ndims is not None:
            shape = TensorShape([None] * (ndims - event_ndims)).concatenate(self.event_shape)
            x.set_shape(x.shape.merge_with(shape))
        if batch_ndims is not None:
            if ndims is not None:
                if sample_ndims is None and event_ndims is not None:
                    sample_ndims = ndims - batch_ndims - event_ndims
                elif event_ndims is None and sample_ndims is not None:
                    event_ndims = ndims - batch_ndims - sample_ndims
            if sample_ndims is not None and event_ndims is not None:
                shape = TensorShape([None] * sample_ndims).concatenate(
                    self.batch_shape).concatenate([None] * event_ndims)
                x.set_shape(x.shape.merge_with(shape))
        return x

    def _is_scalar_helper(self, static_shape, dynamic_shape_fn):
        if static_shape.ndims is not None:
            return static_shape.ndims == 0
        shape = dynamic_shape_fn()
        if shape.shape.ndims is not None and shape.shape.as_list()[0] is not None:
            return shape.shape.as_list() == [0]
        return comparison.equal(array_ops.shape(shape)[0], 0)

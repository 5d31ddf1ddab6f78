"""tf.contrib.distributions.bijectors.Bijector (TF 1.14's bijector_impl.py): a
diffeomorphism with forward, inverse and log-det-Jacobians in the `<bijector name>/<method>/`
scopes, TF's cache of computed pairs (a second call returns the same tensors and builds no
ops) and the reduction of Jacobians over event dimensions."""
from __future__ import annotations

import contextlib
import re

import numpy as np

from ....engine.framework import dtypes as _dt
from ....engine.framework.constant_op import convert_to_tensor
from ....engine.framework.graph import Tensor, get_default_graph, name_scope
from ....engine.framework.tensor_shape import TensorShape
from ....ops import array_ops, check_ops, math_ops
from ....ops.array_ops_extra import broadcast_static_shape
from ....ops.tensor_util import constant_value

__all__ = ["Bijector"]


def _deep_tuple(x):
    """TF's _Mapping._deep_tuple: dicts (sorted) and lists as nested tuples, to key a cache."""
    if isinstance(x, dict):
        return _deep_tuple(tuple(sorted(x.items())))
    if isinstance(x, (list, tuple)):
        return tuple(map(_deep_tuple, x))
    return x


class _Mapping:
    """One cached (x, y, {event_ndims: ildj}) triple, under the conditioning kwargs of a
    ConditionalBijector's call (none for the others)."""

    def __init__(self, x=None, y=None, ildj_map=None, kwargs=None):
        self.x, self.y, self.ildj_map = x, y, ildj_map
        self.kwargs = kwargs

    @property
    def kwargs_key(self):
        return _deep_tuple(self.kwargs or {})

    def merge(self, x=None, y=None, ildj_map=None, kwargs=None):
        merged = dict(self.ildj_map or {})
        for k, v in (ildj_map or {}).items():
            if merged.get(k) is not None and merged[k] is not v:
                raise ValueError("Found different value for existing key (key:{} "
                                 "old_value:{} new_value:{}".format(k, merged[k], v))
            merged[k] = v
        return _Mapping(self._merge(self.x, x), self._merge(self.y, y), merged,
                        self._merge(self.kwargs, kwargs))

    @staticmethod
    def _merge(old, new):
        if old is None:
            return new
        if new is not None and old != new:   # (identity for tensors, equality for kwargs)
            raise ValueError("Incompatible values: %s != %s" % (old, new))
        return old


def _camel_to_snake(name):
    s1 = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z0-9])([A-Z])", r"\1_\2", s1).lower()


def static_event_ndims(event_ndims):
    """TF's _maybe_get_static_event_ndims: a Python int, or None."""
    if event_ndims is None:
        return None
    value = constant_value(event_ndims) if isinstance(event_ndims, Tensor) else event_ndims
    if isinstance(value, (np.generic, np.ndarray)):
        if value.dtype not in (np.int32, np.int64):
            raise ValueError("Expected integer dtype, got dtype {}".format(value.dtype))
        if isinstance(value, np.ndarray) and len(value.shape):
            raise ValueError("Expected a scalar integer, got {}".format(value))
        value = int(value)
    return value


class Bijector:
    """An invertible, differentiable transformation Y = g(X) (subclasses define _forward,
    _inverse and one of the log-det-Jacobians)."""

    def __init__(self, graph_parents=None, is_constant_jacobian=False, validate_args=False,
                 dtype=None, forward_min_event_ndims=None, inverse_min_event_ndims=None,
                 name=None):
        self._graph_parents = graph_parents or []
        if forward_min_event_ndims is None and inverse_min_event_ndims is None:
            raise ValueError("Must specify at least one of `forward_min_event_ndims` "
                             "and `inverse_min_event_ndims`.")
        if inverse_min_event_ndims is None:
            inverse_min_event_ndims = forward_min_event_ndims
        elif forward_min_event_ndims is None:
            forward_min_event_ndims = inverse_min_event_ndims
        for what, v in (("forward", forward_min_event_ndims),
                        ("inverse", inverse_min_event_ndims)):
            if not isinstance(v, int):
                raise TypeError("Expected {}_min_event_ndims to be of type int, got {}"
                                .format(what, type(v).__name__))
            if v < 0:
                raise ValueError("{}_min_event_ndims must be a non-negative integer."
                                 .format(what))
        self._forward_min_event_ndims = forward_min_event_ndims
        self._inverse_min_event_ndims = inverse_min_event_ndims
        self._is_constant_jacobian = is_constant_jacobian
        self._constant_ildj_map = {}
        self._validate_args = validate_args
        self._dtype = dtype
        self._from_y = {}
        self._from_x = {}
        self._name = name or _camel_to_snake(type(self).__name__.lstrip("_"))
        for i, t in enumerate(self._graph_parents):
            if t is None or not isinstance(t, Tensor):
                raise ValueError("Graph parent item %d is not a Tensor; %s." % (i, t))

    @property
    def graph_parents(self):
        return self._graph_parents

    @property
    def forward_min_event_ndims(self):
        return self._forward_min_event_ndims

    @property
    def inverse_min_event_ndims(self):
        return self._inverse_min_event_ndims

    @property
    def is_constant_jacobian(self):
        return self._is_constant_jacobian

    @property
    def _is_injective(self):
        return True

    @property
    def validate_args(self):
        return self._validate_args

    @property
    def dtype(self):
        return self._dtype

    @property
    def name(self):
        return self._name

    # -- event shapes ---------------------------------------------------------------------
    def _forward_event_shape_tensor(self, input_shape):
        return input_shape

    def forward_event_shape_tensor(self, input_shape, name="forward_event_shape_tensor"):
        with self._name_scope(name, [input_shape]):
            input_shape = convert_to_tensor(input_shape, dtype=_dt.int32, name="input_shape")
            return self._forward_event_shape_tensor(input_shape)

    def _forward_event_shape(self, input_shape):
        return input_shape

    def forward_event_shape(self, input_shape):
        return self._forward_event_shape(TensorShape(input_shape))

    def _inverse_event_shape_tensor(self, output_shape):
        return output_shape

    def inverse_event_shape_tensor(self, output_shape, name="inverse_event_shape_tensor"):
        with self._name_scope(name, [output_shape]):
            output_shape = convert_to_tensor(output_shape, dtype=_dt.int32,
                                             name="output_shape")
            return self._inverse_event_shape_tensor(output_shape)

    def _inverse_event_shape(self, output_shape):
        return TensorShape(output_shape)

    def inverse_event_shape(self, output_shape):
        return self._inverse_event_shape(output_shape)

    # -- forward / inverse ----------------------------------------------------------------
    def _forward(self, x):
        raise NotImplementedError("forward not implemented.")

    def forward(self, x, name="forward"):
        return self._call_forward(x, name)

    def _call_forward(self, x, name, **kwargs):
        with self._name_scope(name, [x]):
            x = convert_to_tensor(x, name="x")
            self._maybe_assert_dtype(x)
            if not self._is_injective:   # no caching for non-injective bijectors
                return self._forward(x, **kwargs)
            mapping = self._lookup(x=x, kwargs=kwargs)
            if mapping.y is not None:
                return mapping.y
            mapping = mapping.merge(y=self._forward(x, **kwargs))
            self._cache(mapping)
            return mapping.y

    def _inverse(self, y):
        raise NotImplementedError("inverse not implemented")

    def inverse(self, y, name="inverse"):
        return self._call_inverse(y, name)

    def _call_inverse(self, y, name, **kwargs):
        with self._name_scope(name, [y]):
            y = convert_to_tensor(y, name="y")
            self._maybe_assert_dtype(y)
            if not self._is_injective:
                return self._inverse(y, **kwargs)
            mapping = self._lookup(y=y, kwargs=kwargs)
            if mapping.x is not None:
                return mapping.x
            mapping = mapping.merge(x=self._inverse(y, **kwargs))
            self._cache(mapping)
            return mapping.x

    # -- log-det-Jacobians ----------------------------------------------------------------
    def _inverse_log_det_jacobian(self, y):
        raise NotImplementedError("inverse_log_det_jacobian not implemented.")

    def inverse_log_det_jacobian(self, y, event_ndims, name="inverse_log_det_jacobian"):
        return self._call_inverse_log_det_jacobian(y, event_ndims, name)

    def _call_inverse_log_det_jacobian(self, y, event_ndims, name, **kwargs):
        with self._name_scope(name, [y]):
            if event_ndims in self._constant_ildj_map:
                return self._constant_ildj_map[event_ndims]
            y = convert_to_tensor(y, name="y")
            self._maybe_assert_dtype(y)
            checks = self._check_valid_event_ndims(self.inverse_min_event_ndims, event_ndims)
            with get_default_graph().control_dependencies(checks):
                if not self._is_injective:
                    return self._non_injective_ildjs(y, event_ndims, kwargs)
                mapping = self._lookup(y=y, kwargs=kwargs)
                if mapping.ildj_map is not None and event_ndims in mapping.ildj_map:
                    return mapping.ildj_map[event_ndims]
                x = None
                try:
                    ildj = self._inverse_log_det_jacobian(y, **kwargs)
                    ildj = self._reduce_jacobian_det_over_event(
                        y, ildj, self.inverse_min_event_ndims, event_ndims)
                except NotImplementedError as original:
                    try:
                        x = mapping.x if mapping.x is not None else self._inverse(y, **kwargs)
                        ildj = -self._forward_log_det_jacobian(x, **kwargs)
                        ildj = self._reduce_jacobian_det_over_event(
                            x, ildj, self.forward_min_event_ndims, event_ndims)
                    except NotImplementedError:
                        raise original from None
                mapping = mapping.merge(x=x, ildj_map={event_ndims: ildj})
                self._cache(mapping)
                if self.is_constant_jacobian:
                    self._constant_ildj_map[event_ndims] = ildj
                return ildj

    def _forward_log_det_jacobian(self, x):
        raise NotImplementedError("forward_log_det_jacobian not implemented.")

    def forward_log_det_jacobian(self, x, event_ndims, name="forward_log_det_jacobian"):
        return self._call_forward_log_det_jacobian(x, event_ndims, name)

    def _call_forward_log_det_jacobian(self, x, event_ndims, name, **kwargs):
        if not self._is_injective:
            raise NotImplementedError("forward_log_det_jacobian cannot be implemented for "
                                      "non-injective transforms.")
        with self._name_scope(name, [x]):
            checks = self._check_valid_event_ndims(self.forward_min_event_ndims, event_ndims)
            with get_default_graph().control_dependencies(checks):
                if event_ndims in self._constant_ildj_map:
                    return -1. * self._constant_ildj_map[event_ndims]
                x = convert_to_tensor(x, name="x")
                self._maybe_assert_dtype(x)
                mapping = self._lookup(x=x, kwargs=kwargs)
                if mapping.ildj_map is not None and event_ndims in mapping.ildj_map:
                    return -mapping.ildj_map[event_ndims]
                y = None
                try:
                    ildj = -self._forward_log_det_jacobian(x, **kwargs)
                    ildj = self._reduce_jacobian_det_over_event(
                        x, ildj, self.forward_min_event_ndims, event_ndims)
                except NotImplementedError as original:
                    try:
                        y = mapping.y if mapping.y is not None else self._forward(x, **kwargs)
                        ildj = self._inverse_log_det_jacobian(y, **kwargs)
                        ildj = self._reduce_jacobian_det_over_event(
                            y, ildj, self.inverse_min_event_ndims, event_ndims)
                    except NotImplementedError:
                        raise original from None
                mapping = mapping.merge(y=y, ildj_map={event_ndims: ildj})
                self._cache(mapping)
                if self.is_constant_jacobian:
                    self._constant_ildj_map[event_ndims] = ildj
                return -ildj

    def _non_injective_ildjs(self, y, event_ndims, kwargs):
        """The k inverse log-det-Jacobians of a non-injective bijector (no caching)."""
        try:
            ildjs = self._inverse_log_det_jacobian(y, **kwargs)
            return tuple(self._reduce_jacobian_det_over_event(
                y, ildj, self.inverse_min_event_ndims, event_ndims) for ildj in ildjs)
        except NotImplementedError as original:
            try:
                x = self._inverse(y, **kwargs)
                fldjs = self._forward_log_det_jacobian(x, **kwargs)
                return tuple(self._reduce_jacobian_det_over_event(
                    x, -fldj, self.forward_min_event_ndims, event_ndims) for fldj in fldjs)
            except NotImplementedError:
                raise original from None

    # -- helpers --------------------------------------------------------------------------
    @contextlib.contextmanager
    def _name_scope(self, name=None, values=None):
        with name_scope(self.name):
            with name_scope(name, values=(values or []) + self.graph_parents) as scope:
                yield scope

    def _maybe_assert_dtype(self, x):
        if self.dtype is not None and self.dtype.base_dtype != x.dtype.base_dtype:
            raise TypeError("Input had dtype %s but expected %s." % (self.dtype, x.dtype))

    def _cache(self, mapping):
        mapping = mapping.merge(**vars(self._lookup(mapping.x, mapping.y, mapping.kwargs)))
        if mapping.x is None and mapping.y is None:
            raise ValueError("Caching expects at least one of (x,y) to be known, "
                             "i.e., not None.")
        self._from_x[(id(mapping.x), mapping.kwargs_key)] = mapping
        self._from_y[(id(mapping.y), mapping.kwargs_key)] = mapping

    def _lookup(self, x=None, y=None, kwargs=None):
        mapping = _Mapping(x=x, y=y, kwargs=kwargs)
        if x is not None:
            return self._from_x.get((id(x), mapping.kwargs_key), mapping)
        if y is not None:
            return self._from_y.get((id(y), mapping.kwargs_key), mapping)
        return mapping

    def _reduce_jacobian_det_over_event(self, y, ildj, min_event_ndims, event_ndims):
        y_rank = array_ops.rank(y)
        y_shape = array_ops.shape(y)[y_rank - event_ndims:y_rank - min_event_ndims]
        ones = array_ops.ones(y_shape, ildj.dtype)
        reduced = math_ops.reduce_sum(
            ones * ildj, axis=self._get_event_reduce_dims(min_event_ndims, event_ndims))
        event_ndims_ = static_event_ndims(event_ndims)
        if event_ndims_ is not None and y.shape.ndims is not None and \
                ildj.shape.ndims is not None:
            y_shape = y.shape[y.shape.ndims - event_ndims_:y.shape.ndims - min_event_ndims]
            broadcast = broadcast_static_shape(ildj.shape, y_shape)
            reduced.set_shape(broadcast[:broadcast.ndims - (event_ndims_ - min_event_ndims)])
        return reduced

    def _get_event_reduce_dims(self, min_event_ndims, event_ndims):
        event_ndims_ = static_event_ndims(event_ndims)
        if event_ndims_ is not None:
            return [-index for index in range(1, event_ndims_ - min_event_ndims + 1)]
        reduce_ndims = event_ndims - min_event_ndims
        return array_ops.range(-reduce_ndims, 0)

    def _check_valid_event_ndims(self, min_event_ndims, event_ndims):
        event_ndims = convert_to_tensor(event_ndims, name="event_ndims")
        event_ndims_ = constant_value(event_ndims)
        assertions = []
        if not event_ndims.dtype.is_integer:
            raise ValueError("Expected integer dtype, got dtype {}".format(event_ndims.dtype))
        if event_ndims_ is not None:
            if event_ndims.shape.ndims != 0:
                raise ValueError("Expected scalar event_ndims, got shape {}".format(
                    event_ndims.shape))
            if min_event_ndims > event_ndims_:
                raise ValueError("event_ndims ({}) must be larger than min_event_ndims ({})"
                                 .format(event_ndims_, min_event_ndims))
        elif self.validate_args:
            assertions += [check_ops.assert_greater_equal(event_ndims, min_event_ndims)]
        if event_ndims.shape.is_fully_defined():
            if event_ndims.shape.ndims != 0:
                raise ValueError("Expected scalar shape, got ndims {}".format(
                    event_ndims.shape.ndims))
        elif self.validate_args:
            assertions += [check_ops.assert_rank(event_ndims, 0, message="Expected scalar.")]
        return assertions

"""TF 1.14's check_ops (`tf.assert_*`, `tf.debugging.*`): run-time assertions built as TF
builds them (the same ops, names and count: graph-seeded random ops made later depend on
the count), with TF's static checks raising at build time when the values are known."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework import errors
from ..engine.framework.constant_op import const_value, convert_to_tensor
from ..engine.framework.graph import Tensor, name_scope
from ..engine.ops.comparison import (equal, greater, greater_equal, less, less_equal,
                                     logical_or, not_equal)
from ..engine.ops.control_flow import cond
from ..engine.ops.elementwise import abs as _abs
from ..engine.ops.ordering import no_op
from ..engine.ops.reductions import reduce_all
from ..engine.ops.shape import rank as _rank
from ..engine.ops.shape import reshape, shape, size
from .slicing import strided_slice
from .control_flow_ops import with_dependencies
from .logging_ops import Assert
from .sparse_tensor import SparseTensor

__all__ = [
    "assert_equal", "assert_greater", "assert_greater_equal", "assert_integer", "assert_less",
    "assert_less_equal", "assert_near", "assert_negative", "assert_non_negative",
    "assert_non_positive", "assert_none_equal", "assert_positive", "assert_proper_iterable",
    "assert_rank", "assert_rank_at_least", "assert_rank_in", "assert_same_float_dtype",
    "assert_scalar", "assert_type", "is_non_decreasing", "is_numeric_tensor",
    "is_strictly_increasing",
]

_NUMERIC = frozenset([_dt.float16, _dt.float32, _dt.float64, _dt.bfloat16, _dt.int8, _dt.int16,
                      _dt.int32, _dt.int64, _dt.uint8, _dt.uint16, _dt.uint32, _dt.uint64,
                      _dt.complex64, _dt.complex128] +
                     [getattr(_dt, q) for q in ("qint8", "quint8", "qint16", "quint16", "qint32")
                      if hasattr(_dt, q)])


def _static_value(t):
    return const_value(t) if isinstance(t, Tensor) else None


def _assert_static(condition, data):
    """TF's build-time failure: InvalidArgumentError with the data, constants shown."""
    if not condition:
        lines = []
        for x in data:
            v = _static_value(x) if isinstance(x, Tensor) else None
            lines.append(str(x) if not isinstance(x, Tensor) else (str(v) if v is not None
                                                                   else str(x)))
        raise errors.InvalidArgumentError(None, None, "\n".join(lines))


def _compare(x, y, data, summarize, message, name, default, op, text, static=None):
    """The binary checks: Assert(reduce_all(op(x, y)), data)."""
    message = message or ""
    with name_scope(name, default, [x, y, data]):
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y")
        if data is None:
            data = [message, text[0], "x (%s) = " % x.name, x, "y (%s) = " % y.name, y] \
                if len(text) == 1 else \
                [message, text[0] + "x (%s) = " % x.name, x, "y (%s) = " % y.name, y]
        condition = reduce_all(op(x, y))
        if static is not None:
            xs, ys = _static_value(x), _static_value(y)
            if xs is not None and ys is not None:
                _assert_static(bool(np.all(static(xs, ys))), data)
        return Assert(condition, data, summarize=summarize)


def assert_equal(x, y, data=None, summarize=None, message=None, name=None):
    """Op raising InvalidArgumentError when run unless x == y element-wise (checked at
    build time too when both values are known)."""
    return _compare(x, y, data, summarize, message, name, "assert_equal", equal,
                    ["Condition x == y did not hold element-wise:"], np.equal)


def assert_none_equal(x, y, data=None, summarize=None, message=None, name=None):
    """Op raising InvalidArgumentError when run unless x != y for every element."""
    return _compare(x, y, data, summarize, message, name, "assert_none_equal", not_equal,
                    ["Condition x != y did not hold for every single element:"])


def assert_less(x, y, data=None, summarize=None, message=None, name=None):
    """Op raising InvalidArgumentError when run unless x < y element-wise."""
    return _compare(x, y, data, summarize, message, name, "assert_less", less,
                    ["Condition x < y did not hold element-wise:"])


# TF 1.14's messages for these three lack the comma between the condition and "x (...) =":
# one string, as TF prints it
def assert_less_equal(x, y, data=None, summarize=None, message=None, name=None):
    """Op raising InvalidArgumentError when run unless x <= y element-wise."""
    return _compare(x, y, data, summarize, message, name, "assert_less_equal", less_equal,
                    ["Condition x <= y did not hold element-wise:", None])


def assert_greater(x, y, data=None, summarize=None, message=None, name=None):
    """Op raising InvalidArgumentError when run unless x > y element-wise."""
    return _compare(x, y, data, summarize, message, name, "assert_greater", greater,
                    ["Condition x > y did not hold element-wise:", None])


def assert_greater_equal(x, y, data=None, summarize=None, message=None, name=None):
    """Op raising InvalidArgumentError when run unless x >= y element-wise."""
    return _compare(x, y, data, summarize, message, name, "assert_greater_equal",
                    greater_equal, ["Condition x >= y did not hold element-wise:", None])


def _sign_check(x, data, summarize, message, name, default, text, check, zero_first):
    message = message or ""
    with name_scope(name, default, [x, data]):
        x = convert_to_tensor(x, name="x")
        if data is None:
            data = [message, text, "x (%s) = " % x.name, x] if "<= 0" not in text else \
                [message, text + "x (%s) = " % x.name, x]   # (TF's missing comma)
        zero = convert_to_tensor(0, dtype=x.dtype.base_dtype)
        a, b = (zero, x) if zero_first else (x, zero)
        return check(a, b, data=data, summarize=summarize)


def assert_negative(x, data=None, summarize=None, message=None, name=None):
    """Op raising InvalidArgumentError when run unless x < 0 element-wise."""
    return _sign_check(x, data, summarize, message, name, "assert_negative",
                       "Condition x < 0 did not hold element-wise:", assert_less, False)


def assert_positive(x, data=None, summarize=None, message=None, name=None):
    """Op raising InvalidArgumentError when run unless x > 0 element-wise."""
    return _sign_check(x, data, summarize, message, name, "assert_positive",
                       "Condition x > 0 did not hold element-wise:", assert_less, True)


def assert_non_negative(x, data=None, summarize=None, message=None, name=None):
    """Op raising InvalidArgumentError when run unless x >= 0 element-wise."""
    return _sign_check(x, data, summarize, message, name, "assert_non_negative",
                       "Condition x >= 0 did not hold element-wise:", assert_less_equal, True)


def assert_non_positive(x, data=None, summarize=None, message=None, name=None):
    """Op raising InvalidArgumentError when run unless x <= 0 element-wise."""
    return _sign_check(x, data, summarize, message, name, "assert_non_positive",
                       "Condition x <= 0 did not hold element-wise:", assert_less_equal, False)


def assert_near(x, y, rtol=None, atol=None, data=None, summarize=None, message=None,
                name=None):
    """Op raising InvalidArgumentError when run unless |x - y| < atol + rtol * |y|
    element-wise (default tolerances 10 * the dtype's eps)."""
    message = message or ""
    with name_scope(name, "assert_near", [x, y, rtol, atol, data]):
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype=x.dtype.base_dtype)
        eps = np.finfo(x.dtype.as_numpy_dtype).eps
        rtol = convert_to_tensor(10 * eps if rtol is None else rtol, name="rtol",
                                 dtype=x.dtype.base_dtype)
        atol = convert_to_tensor(10 * eps if atol is None else atol, name="atol",
                                 dtype=x.dtype.base_dtype)
        if data is None:
            data = [message, "x and y not equal to tolerance rtol = %s, atol = %s"
                    % (rtol, atol), "x (%s) = " % x.name, x, "y (%s) = " % y.name, y]
        tol = atol + rtol * _abs(y)
        diff = _abs(x - y)
        condition = reduce_all(less(diff, tol))
        return Assert(condition, data, summarize=summarize)


def _rank_condition(x, ranks, static_ok, dynamic, data, summarize):
    """TF's _assert_ranks_condition: a NoOp when decided at build time, else an Assert
    (after a scalar check of every rank not known at build time)."""
    for r in ranks:
        assert_type(r, _dt.int32)
    statics = [const_value(r) for r in ranks]
    if all(s is not None for s in statics):
        if any(np.ndim(s) != 0 for s in statics):
            raise ValueError("Rank must be a scalar.")
        x_rank = x.shape.ndims
        if x_rank is not None:
            if not static_ok(x_rank, [int(s) for s in statics]):
                raise _StaticRankFailed(x_rank, statics)
            return no_op(name="static_checks_determined_all_ok")
    condition = dynamic(_rank(x), ranks)
    for r, s in zip(ranks, statics):
        if s is None:
            check = assert_rank(r, 0, data=["Rank must be a scalar. Received rank: ", r])
            condition = with_dependencies([check], condition)
    return Assert(condition, data, summarize=summarize)


class _StaticRankFailed(ValueError):
    def __init__(self, x_rank, statics):
        super().__init__("Static rank condition failed", x_rank, statics)
        self.x_rank = x_rank
        self.statics = statics


def _rank_check(x, ranks, data, summarize, message, name, default, what, static_ok, dynamic,
                single):
    with name_scope(name, default, (x,) + tuple(ranks) + tuple(data or [])):
        x = convert_to_tensor(x, name="x")
        ranks = [convert_to_tensor(r, name="rank") for r in ranks]
        message = message or ""
        if data is None:
            data = [message, "Tensor %s must have %s" % (x.name, what)] + \
                list(ranks) + ["Received shape: ", shape(x)]
        try:
            return _rank_condition(x, ranks, static_ok, dynamic, data, summarize)
        except _StaticRankFailed as e:
            given = "%d" % int(e.statics[0]) if single else \
                str(tuple(np.asarray(s) for s in e.statics))
            raise ValueError("%s.  Tensor %s must have %s %s.  Received rank %d, shape %s"
                             % (message, x.name, what, given, e.x_rank, x.shape)) from None


def assert_rank(x, rank, data=None, summarize=None, message=None, name=None):
    """Op raising InvalidArgumentError when run unless x has rank `rank` (ValueError at
    build time when the static rank already disagrees)."""
    return _rank_check(x, [rank], data, summarize, message, name, "assert_rank", "rank",
                       lambda a, g: a == g[0], lambda r, gs: equal(r, gs[0]), True)


def assert_rank_at_least(x, rank, data=None, summarize=None, message=None, name=None):
    """Op raising InvalidArgumentError when run unless x's rank is at least `rank`."""
    return _rank_check(x, [rank], data, summarize, message, name, "assert_rank_at_least",
                       "rank at least", lambda a, g: a >= g[0],
                       lambda r, gs: greater_equal(r, gs[0]), True)


def _dynamic_rank_in(actual, ranks):
    if not ranks:
        return convert_to_tensor(False)
    result = equal(ranks[0], actual)
    for r in ranks[1:]:
        result = logical_or(result, equal(r, actual))
    return result


def assert_rank_in(x, ranks, data=None, summarize=None, message=None, name=None):
    """Op raising InvalidArgumentError when run unless x's rank is one of `ranks`."""
    return _rank_check(x, list(ranks), data, summarize, message, name, "assert_rank_in",
                       "rank in", lambda a, g: a in g, _dynamic_rank_in, False)


def assert_integer(x, message=None, name=None):
    """A NoOp if x is an integer tensor; TypeError otherwise (a build-time check)."""
    message = message or ""
    with name_scope(name, "assert_integer", [x]):
        x = convert_to_tensor(x, name="x")
        if not x.dtype.is_integer:
            raise TypeError('%s  Expected "x" to be integer type.  Found: %s of dtype %s'
                            % (message, x.name, x.dtype))
        return no_op("statically_determined_was_integer")


def assert_type(tensor, tf_type, message=None, name=None):
    """A NoOp if `tensor` has dtype `tf_type`; TypeError otherwise (a build-time check)."""
    message = message or ""
    with name_scope(name, "assert_type", [tensor]):
        tensor = convert_to_tensor(tensor, name="tensor")
        if tensor.dtype != tf_type:
            raise TypeError("%s  %s must be of type %s" % (message, tensor.name, tf_type))
        return no_op("statically_determined_correct_type")


def assert_scalar(tensor, name=None, message=None):
    """`tensor` as a Tensor; ValueError unless its static shape is a scalar's."""
    with name_scope(name, "assert_scalar", [tensor]) as scope:
        tensor = convert_to_tensor(tensor, name=scope)
        if tensor.shape.ndims != 0:
            raise ValueError("%sExpected scalar shape for %s, saw shape: %s."
                             % (message or "", tensor.name, tensor.shape))
        return tensor


def assert_proper_iterable(values):
    """TypeError unless `values` is an iterable other than a Tensor, SparseTensor, ndarray
    or string."""
    if isinstance(values, (Tensor, SparseTensor, np.ndarray, bytes, str)):
        raise TypeError('Expected argument "values" to be a "proper" iterable.  Found: %s'
                        % type(values))
    if not hasattr(values, "__iter__"):
        raise TypeError('Expected argument "values" to be iterable.  Found: %s' % type(values))


def assert_same_float_dtype(tensors=None, dtype=None):
    """The common floating dtype of `tensors` (and `dtype`), float32 when none is given;
    ValueError on a mismatch or a non-float dtype."""
    if tensors:
        dtype = _same_base_type(tensors, dtype)
    if not dtype:
        dtype = _dt.float32
    elif not dtype.is_floating:
        raise ValueError("Expected floating point type, got %s." % dtype)
    return dtype


def _same_base_type(items, expected):
    first_name = None
    want = expected
    for item in items:
        if item is None:
            continue
        t = item.dtype.base_dtype
        if not want:
            want = t
            if expected is None:
                first_name = item.name if hasattr(item, "name") else str(item)
        elif want != t:
            raise ValueError("%s, type=%s, must be of the same type (%s)%s." % (
                item.name if hasattr(item, "name") else str(item), t, want,
                (" as %s" % first_name) if first_name else ""))
    return want


def is_numeric_tensor(tensor):
    """Whether `tensor` is a Tensor of a numeric dtype."""
    return isinstance(tensor, Tensor) and tensor.dtype.base_dtype in _NUMERIC


def _monotonic_diff(x):
    """TF's difference of neighbours: a cond giving [] for fewer than two elements."""
    x = reshape(x, [-1])
    if not is_numeric_tensor(x):
        raise TypeError("Expected x to be numeric, instead found: %s" % x)
    short = less(size(x), 2)
    s_len = shape(x) - 1
    return cond(short, lambda: convert_to_tensor([], dtype=x.dtype.base_dtype),
                lambda: strided_slice(x, [1], [1] + s_len) - strided_slice(x, [0], s_len))


def is_non_decreasing(x, name=None):
    """True if x (flattened) never decreases; True for fewer than 2 elements.

    >>> print(tf.Session().run(tf.is_non_decreasing([1, 1, 2])))
    True
    """
    with name_scope(name, "is_non_decreasing", [x]):
        diff = _monotonic_diff(x)
        zero = convert_to_tensor(0, dtype=diff.dtype.base_dtype)
        return reduce_all(less_equal(zero, diff))


def is_strictly_increasing(x, name=None):
    """True if x (flattened) always increases; True for fewer than 2 elements.

    >>> print(tf.Session().run(tf.is_strictly_increasing([1, 1, 2])))
    False
    """
    with name_scope(name, "is_strictly_increasing", [x]):
        diff = _monotonic_diff(x)
        zero = convert_to_tensor(0, dtype=diff.dtype.base_dtype)
        return reduce_all(less(zero, diff))

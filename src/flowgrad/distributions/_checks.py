"""The argument checks of TF 1.14's distributions/util.py that validate_args=True embeds:
integer form, casting closure, the categorical event size, with TF's ops, names and
messages."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.graph import name_scope
from ..engine.ops._base import convert_to_tensor
from ..ops import array_ops, check_ops, math_ops
from ..ops.control_flow_ops import no_op, with_dependencies

_UNSIGNED = (_dt.bool_, _dt.uint8, _dt.uint16)
_SIGNED = (_dt.float16, _dt.float32, _dt.float64, _dt.int8, _dt.int16, _dt.int32, _dt.int64)


def _known(dt):
    if dt.base_dtype not in _UNSIGNED + _SIGNED:
        raise TypeError("Unrecognized dtype: {}".format(dt.name))


def _integer_like(dt):
    _known(dt)
    return dt.is_integer or dt.base_dtype == _dt.bool_


def largest_integer(dt):
    """The largest integer `dt` holds exactly."""
    _known(dt)
    if dt.is_floating:
        return int(2 ** (np.finfo(dt.as_numpy_dtype).nmant + 1))
    if dt.is_integer:
        return np.iinfo(dt.as_numpy_dtype).max
    return 1


def smallest_integer(dt):
    """The smallest integer `dt` holds exactly."""
    _known(dt)
    return 0 if dt.base_dtype in _UNSIGNED else -1 * largest_integer(dt)


def assert_integer_form(x, data=None, summarize=None, message=None, int_dtype=None,
                        name="assert_integer_form"):
    """An Assert that `x` equals `x` cast to an integer type and back."""
    with name_scope(name, values=[x, data]):
        x = convert_to_tensor(x, name="x")
        if x.dtype.is_integer:
            return no_op()
        message = message or "{} has non-integer components".format(x)
        if int_dtype is None:
            int_dtype = {_dt.float16: _dt.int16, _dt.float32: _dt.int32,
                         _dt.float64: _dt.int64}.get(x.dtype.base_dtype)
            if int_dtype is None:
                raise TypeError("Unrecognized type {}".format(x.dtype.name))
        return check_ops.assert_equal(x, math_ops.cast(math_ops.cast(x, int_dtype), x.dtype),
                                      data=data, summarize=summarize, message=message,
                                      name=name)


def embed_check_nonnegative_integer_form(x, name="embed_check_nonnegative_integer_form"):
    """`x` behind Asserts that it is non-negative and, for floats, integer-valued."""
    with name_scope(name, values=[x]):
        x = convert_to_tensor(x, name="x")
        assertions = [check_ops.assert_non_negative(
            x, message="'{}' must be non-negative.".format(x))]
        if not x.dtype.is_integer:
            assertions.append(assert_integer_form(
                x, message="'{}' cannot contain fractional components.".format(x)))
        return with_dependencies(assertions, x)


def embed_check_integer_casting_closed(x, target_dtype, assert_nonnegative=True,
                                       name="embed_check_casting_closed"):
    """`x` behind Asserts that casting it to `target_dtype` loses nothing."""
    with name_scope(name, values=[x]):
        x = convert_to_tensor(x, name="x")
        if not _integer_like(x.dtype) and not x.dtype.is_floating:
            raise TypeError("{}.dtype must be floating- or integer-type.".format(x.dtype.name))
        if not _integer_like(target_dtype) and not target_dtype.is_floating:
            raise TypeError("target_dtype ({}) must be floating- or integer-type.".format(
                target_dtype.name))
        if not _integer_like(x.dtype) and not _integer_like(target_dtype):
            raise TypeError("At least one of {}.dtype ({}) and target_dtype ({}) must be "
                            "integer-type.".format(x, x.dtype.name, target_dtype.name))
        assertions = []
        if assert_nonnegative:
            assertions.append(check_ops.assert_non_negative(
                x, message="Elements must be non-negative."))
        if x.dtype.is_floating:   # integer form implies the magnitude check below
            assertions.append(assert_integer_form(
                x, int_dtype=target_dtype,
                message="Elements must be {}-equivalent.".format(target_dtype.name)))
        else:
            top = largest_integer(target_dtype)
            if largest_integer(x.dtype) > top:
                assertions.append(check_ops.assert_less_equal(
                    x, top, message="Elements cannot exceed {}.".format(top)))
            low = smallest_integer(target_dtype)
            if not assert_nonnegative and smallest_integer(x.dtype) < low:
                assertions.append(check_ops.assert_greater_equal(
                    x, low, message="Elements cannot be smaller than {}.".format(low)))
        if not assertions:
            return x
        return with_dependencies(assertions, x)


def embed_check_categorical_event_shape(categorical_param,
                                        name="embed_check_categorical_event_shape"):
    """The parameter, checked to have between 2 and the dtype's exact-integer limit of
    classes (statically when its last dimension is known, else by Asserts)."""
    with name_scope(name, values=[categorical_param]):
        x = convert_to_tensor(categorical_param, name="categorical_param")
        x_dtype = x.dtype.base_dtype
        max_event_size = largest_integer(x_dtype) if x_dtype.is_floating else 0
        if max_event_size == 0:
            raise TypeError("Unable to validate size of unrecognized dtype ({}).".format(
                x_dtype.name))
        try:
            shape = x.shape.with_rank_at_least(1)
        except ValueError:
            raise ValueError("A categorical-distribution parameter must have at least 1 "
                             "dimension.") from None
        last = shape.dims[-1].value
        if last is not None:
            if last < 2:
                raise ValueError("A categorical-distribution parameter must have at least "
                                 "2 events.")
            if last > max_event_size:
                raise ValueError("Number of classes exceeds `dtype` precision, i.e., {} "
                                 "implies shape ({}) cannot exceed {}.".format(
                                     x_dtype.name, last, max_event_size))
            return x
        event_size = array_ops.shape(x, name="x_shape")[-1]
        return with_dependencies([
            check_ops.assert_rank_at_least(
                x, 1, message="A categorical-distribution parameter must have at least 1 "
                              "dimension."),
            check_ops.assert_greater_equal(
                array_ops.shape(x)[-1], 2,
                message="A categorical-distribution parameter must have at least 2 events."),
            check_ops.assert_less_equal(
                event_size, max_event_size,
                message="Number of classes exceeds `dtype` precision, i.e., {} dtype cannot "
                        "exceed {} shape.".format(x_dtype.name, max_event_size)),
        ], x)

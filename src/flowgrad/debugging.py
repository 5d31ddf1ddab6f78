"""tf.debugging: TF 1.14's checks (ops/check_ops.py, ops/numerics.py, ops/logging_ops.py),
and get/set_log_device_placement (eager/context.py: in graph mode the setting is the
ConfigProto.log_device_placement of Sessions made without a config)."""
# ruff: noqa: F401
from .engine.ops.shape import check_numerics
from .ops.check_ops import (assert_equal, assert_greater, assert_greater_equal, assert_integer,
                            assert_less, assert_less_equal, assert_near, assert_negative,
                            assert_non_negative, assert_non_positive, assert_none_equal,
                            assert_positive, assert_proper_iterable, assert_rank,
                            assert_rank_at_least, assert_rank_in, assert_same_float_dtype,
                            assert_scalar, assert_type, is_non_decreasing, is_numeric_tensor,
                            is_strictly_increasing)
from .ops.logging_ops import Assert
from .ops.math_ops import is_finite, is_inf, is_nan
from .ops.numerics import verify_tensor_all_finite as assert_all_finite
from .ops.assert_shapes import assert_shapes
from .engine.framework.context import context as _context


def get_log_device_placement():
    """Whether device placements are logged (the default config's log_device_placement)."""
    return _context().config().log_device_placement


def set_log_device_placement(enabled):
    """Turns device placement logging on or off for Sessions made without a config
    (RuntimeError once the runtime was initialized, as TF)."""
    _context().set_log_device_placement(enabled)

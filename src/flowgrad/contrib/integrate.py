"""tf.contrib.integrate: TF 1.14's fixed-grid ODE integration (contrib/integrate odes.py):
odeint_fixed with the midpoint or classic Runge-Kutta (rk4) rule, each interval of `t` cut
into ceil(interval / dt) equal steps, in nested while loops. Absent: odeint (adaptive
Dormand-Prince)."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import control_dependencies, name_scope
from ..ops import array_ops, control_flow_ops, logging_ops, math_ops
from ..ops.tensor_array_ops import TensorArray

__all__ = ["odeint_fixed"]


def _check_input_types(y0, t, dt=None):
    if not (y0.dtype.is_floating or y0.dtype.is_complex):
        raise TypeError("`y0` must have a floating point or complex floating point dtype")
    if not t.dtype.is_floating:
        raise TypeError("`t` must have a floating point dtype")
    if dt is not None and not dt.dtype.is_floating:
        raise TypeError("`dt` must have a floating point dtype")


def _check_input_sizes(t, dt):
    if len(t.shape.as_list()) > 1:
        raise ValueError("t must be a 1D tensor")
    if len(dt.shape.as_list()) > 1:
        raise ValueError("t must be a 1D tensor")
    if t.shape[0] != dt.shape[0] + 1:
        raise ValueError("t and dt have incompatible lengths, must be N and N-1")


def _midpoint_step(evol_func, t, dt, y):
    dt_cast = math_ops.cast(dt, y.dtype)
    return dt_cast * evol_func(y + evol_func(y, t) * dt_cast / 2, t + dt / 2)


def _rk4_step(evol_func, t, dt, y):
    k1 = evol_func(y, t)
    half_step = t + dt / 2
    dt_cast = math_ops.cast(dt, y.dtype)
    k2 = evol_func(y + dt_cast * k1 / 2, half_step)
    k3 = evol_func(y + dt_cast * k2 / 2, half_step)
    k4 = evol_func(y + dt_cast * k3, t + dt)
    return math_ops.add_n([k1, 2 * k2, 2 * k3, k4]) * (dt_cast / 6)


def _integrate(step_func, evol_func, y0, time_grid, dt_grid, steps_on_intervals):
    def iteration_func(y, t, dt_step, interval_step):
        dt = dt_grid[interval_step - 1]
        dy = math_ops.cast(step_func(evol_func, t, dt, y), dtype=y.dtype)
        return y + dy, t + dt, dt_step + 1, interval_step

    def integrate_interval(solution_array, y, t, interval_num):
        y, t, _, _ = control_flow_ops.while_loop(
            lambda _, __, j, interval_num: j < steps_on_intervals[interval_num - 1],
            iteration_func, (y, t, 0, interval_num))
        return solution_array.write(interval_num, y), y, t, interval_num + 1

    num_times = array_ops.size(time_grid)
    current_time = time_grid[0]
    solution_array = TensorArray(y0.dtype, num_times)
    solution_array = solution_array.write(0, y0)
    solution_array, _, _, _ = control_flow_ops.while_loop(
        lambda _, __, ___, i: i < num_times, integrate_interval,
        (solution_array, y0, current_time, 1))
    solution_array = solution_array.stack()
    solution_array.set_shape(time_grid.shape.concatenate(y0.shape))
    return solution_array


def odeint_fixed(func, y0, t, dt=None, method="rk4", name=None):
    """The solution of dy/dt = func(y, t), y(t[0]) = y0, at the times `t` (increasing), by
    fixed steps of at most `dt` (default: one step per interval) of `method` ("rk4" or
    "midpoint"): a [len(t)] + y0.shape tensor."""
    with name_scope(name, "odeint_fixed", [y0, t, dt]):
        t = convert_to_tensor(t, preferred_dtype=_dt.float64, name="t")
        y0 = convert_to_tensor(y0, name="y0")
        intervals = t[1:] - t[:-1]
        if dt is None:
            dt = intervals
        dt = convert_to_tensor(dt, preferred_dtype=_dt.float64, name="dt")
        steps_on_intervals = math_ops.ceil(intervals / dt)
        dt = intervals / steps_on_intervals
        steps_on_intervals = math_ops.cast(steps_on_intervals, dtype=_dt.int32)
        _check_input_types(y0, t, dt)
        _check_input_sizes(t, dt)
        assert_increasing = logging_ops.Assert(math_ops.reduce_all(t[1:] > t[:-1]),
                                               ["`t` must be monotonic increasing"])
        with control_dependencies([assert_increasing]):
            with name_scope(method):
                if method == "midpoint":
                    step = _midpoint_step
                elif method == "rk4":
                    step = _rk4_step
                else:
                    raise ValueError("method not supported: {!s}".format(method))
                return _integrate(step, func, y0, t, dt, steps_on_intervals)

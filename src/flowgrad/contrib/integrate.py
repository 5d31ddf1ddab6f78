"""tf.contrib.integrate: TF 1.14's ODE integration (contrib/integrate odes.py).

odeint: the adaptive Dormand-Prince (dopri5) Runge-Kutta method, each requested time
reached by accepted/rejected steps (error ratio against rtol/atol, step size control as
TF's) and read off the step's quartic interpolant; odeint_fixed: the midpoint or classic
Runge-Kutta (rk4) rule, each interval of `t` cut into ceil(interval / dt) equal steps.
Both run in nested while loops and collect the solution in a TensorArray."""
from __future__ import annotations

import collections

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import Tensor, control_dependencies, name_scope
from ..ops import array_ops, control_flow_ops, logging_ops, math_ops
from ..ops.tensor_array_ops import TensorArray

__all__ = ["odeint", "odeint_fixed"]


# Dormand-Prince 5(4): stage times, stage weights, the 5th-order solution, the midpoint
# used by the interpolant and the difference of the 4th- and 5th-order solutions.
_Tableau = collections.namedtuple("_Tableau", "alpha beta c_sol c_mid c_error")
_DOPRI5 = _Tableau(
    alpha=[1 / 5, 3 / 10, 4 / 5, 8 / 9, 1., 1.],
    beta=[[1 / 5],
          [3 / 40, 9 / 40],
          [44 / 45, -56 / 15, 32 / 9],
          [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
          [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
          [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84]],
    c_sol=[35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0],
    c_mid=[6025192743 / 30085553152 / 2, 0, 51252292925 / 65400821598 / 2,
           -2691868925 / 45128329728 / 2, 187940372067 / 1594534317056 / 2,
           -1776094331 / 19743644256 / 2, 11237099 / 235043384 / 2],
    c_error=[1951 / 21600 - 35 / 384, 0, 22642 / 50085 - 500 / 1113, 451 / 720 - 125 / 192,
             -12231 / 42400 - -2187 / 6784, 649 / 6300 - 11 / 84, 1 / 60])

# the adaptive loop's state: the last accepted step's end (y1, f1), its span [t0, t1],
# the next step size and the interpolant's coefficients over [t0, t1]
_RKState = collections.namedtuple("_RKState", "y1, f1, t0, t1, dt, interp_coeff")
_History = collections.namedtuple("_History", "integrate_points, error_ratio")


def _nonzero(c):
    return isinstance(c, Tensor) or c != 0


def _scaled_dot(scale, coeffs, ks, name=None):
    """sum((scale * c) * k) over the nonzero coefficients, one AddN (TF's order)."""
    with name_scope(name, "scaled_dot_product", [scale, coeffs, ks]) as scope:
        terms = [(scale * c) * k for c, k in zip(coeffs, ks) if _nonzero(c) and _nonzero(k)]
        return math_ops.add_n(terms, name=scope)


def _dot(coeffs, ks, name=None):
    with name_scope(name, "dot_product", [coeffs, ks]) as scope:
        return math_ops.add_n([c * k for c, k in zip(coeffs, ks)], name=scope)


def _dopri5_step(func, y0, f0, t0, dt, name=None):
    """One Dormand-Prince step from (t0, y0) with f0 = func(y0, t0): (y1, f1, the error
    estimate, the stages k)."""
    tab = _DOPRI5
    with name_scope(name, "runge_kutta_step", [y0, f0, t0, dt]) as scope:
        y0 = convert_to_tensor(y0, name="y0")
        f0 = convert_to_tensor(f0, name="f0")
        t0 = convert_to_tensor(t0, name="t0")
        dt = convert_to_tensor(dt, name="dt")
        dt_y = math_ops.cast(dt, y0.dtype)
        k = [f0]
        for alpha, beta in zip(tab.alpha, tab.beta):
            y_stage = y0 + _scaled_dot(dt_y, beta, k)
            k.append(func(y_stage, t0 + alpha * dt))
        # the last stage is evaluated at the 5th-order solution itself (FSAL): no new sum
        y1 = array_ops.identity(y_stage, name="%s/y1" % scope)
        f1 = array_ops.identity(k[-1], name="%s/f1" % scope)
        y1_error = _scaled_dot(dt_y, tab.c_error, k, name="%s/y1_error" % scope)
        return y1, f1, y1_error, k


def _interp_coefficients(y0, y1, k, dt):
    """The quartic through y0, y1 and the step's midpoint with slopes f0, f1 (highest
    power first)."""
    with name_scope("interp_fit_rk"):
        dt = math_ops.cast(dt, y0.dtype)
        y_mid = y0 + _scaled_dot(dt, _DOPRI5.c_mid, k)
        f0, f1 = k[0], k[-1]
        pts = [f0, f1, y0, y1, y_mid]
        a = _dot([-2 * dt, 2 * dt, -8, -8, 16], pts)
        b = _dot([5 * dt, -3 * dt, 18, 14, -32], pts)
        c = _dot([-4 * dt, dt, -11, -5, 16], pts)
        return [a, b, c, dt * f0, y0]


def _interp_evaluate(coefficients, t0, t1, t):
    with name_scope("interp_evaluate"):
        t0 = convert_to_tensor(t0)
        t1 = convert_to_tensor(t1)
        t = convert_to_tensor(t)
        dtype = coefficients[0].dtype
        assert_op = logging_ops.Assert(
            (t0 <= t) & (t <= t1),
            ["invalid interpolation, fails `t0 <= t <= t1`:", t0, t, t1])
        with control_dependencies([assert_op]):
            x = math_ops.cast((t - t0) / (t1 - t0), dtype)
        powers = [constant(1, dtype), x]
        for _ in range(2, len(coefficients)):
            powers.append(powers[-1] * x)
        return _dot(coefficients, reversed(powers))


def _next_step_size(last_step, error_ratio, safety, ifactor, dfactor, order=5, name=None):
    """last_step / clip(error_ratio^(1/order) / safety, 1/ifactor, 1/dfactor)."""
    with name_scope(name, "optimal_step_size", [last_step, error_ratio]) as scope:
        error_ratio = math_ops.cast(error_ratio, last_step.dtype)
        exponent = math_ops.cast(1 / order, last_step.dtype)
        factor = math_ops.maximum(1 / ifactor, math_ops.minimum(
            error_ratio ** exponent / safety, 1 / dfactor))
        return math_ops.div(last_step, factor, name=scope)


def _abs_square(x):
    if x.dtype.is_complex:
        return math_ops.square(math_ops.real(x)) + math_ops.square(math_ops.imag(x))
    return math_ops.square(x)


def _append(ta, value):
    return ta.write(ta.size(), value)


def _dopri5(func, y0, t, rtol, atol, full_output=False, first_step=None, safety=0.9,
            ifactor=10.0, dfactor=0.2, max_num_steps=1000, name=None):
    first_step = 1.0 if first_step is None else first_step
    with name_scope(name, "dopri5", [y0, t, rtol, atol, safety, ifactor, dfactor,
                                     max_num_steps]) as scope:
        first_step = convert_to_tensor(first_step, dtype=t.dtype, name="first_step")
        safety = convert_to_tensor(safety, dtype=t.dtype, name="safety")
        ifactor = convert_to_tensor(ifactor, dtype=t.dtype, name="ifactor")
        dfactor = convert_to_tensor(dfactor, dtype=t.dtype, name="dfactor")
        max_num_steps = convert_to_tensor(max_num_steps, dtype=_dt.int32, name="max_num_steps")

        def adaptive_step(rk_state, history, n_steps):
            y0, f0, _, t0, dt, interp_coeff = rk_state   # starts at the last step's end
            with name_scope("assertions"):
                checks = [
                    logging_ops.Assert(t0 + dt > t0, ["underflow in dt", dt]),
                    logging_ops.Assert(n_steps < max_num_steps, ["max_num_steps exceeded"]),
                    logging_ops.Assert(math_ops.reduce_all(math_ops.is_finite(abs(y0))),
                                       ["non-finite values in state `y`", y0])]
            with control_dependencies(checks):
                y1, f1, y1_error, k = _dopri5_step(func, y0, f0, t0, dt)
            with name_scope("error_ratio"):
                error_tol = atol + rtol * math_ops.maximum(abs(y0), abs(y1))
                ratio = _abs_square(y1_error) / _abs_square(error_tol)
                error_ratio = math_ops.sqrt(math_ops.reduce_mean(ratio))
                accept = error_ratio <= 1
            with name_scope("update/rk_state"):
                y_next = control_flow_ops.cond(accept, lambda: y1, lambda: y0)
                f_next = control_flow_ops.cond(accept, lambda: f1, lambda: f0)
                t_next = control_flow_ops.cond(accept, lambda: t0 + dt, lambda: t0)
                interp_coeff = control_flow_ops.cond(
                    accept, lambda: _interp_coefficients(y0, y1, k, dt),
                    lambda: interp_coeff)
                dt_next = _next_step_size(dt, error_ratio, safety, ifactor, dfactor)
                rk_state = _RKState(y_next, f_next, t0, t_next, dt_next, interp_coeff)
            with name_scope("update/history"):
                history = _History(_append(history.integrate_points, t0 + dt),
                                   _append(history.error_ratio, error_ratio))
            return rk_state, history, n_steps + 1

        def interpolate(solution, history, rk_state, i):
            with name_scope("interpolate"):
                rk_state, history, _ = control_flow_ops.while_loop(
                    lambda rk_state, *_: t[i] > rk_state.t1, adaptive_step,
                    (rk_state, history, 0), name="integrate_loop")
                y = _interp_evaluate(rk_state.interp_coeff, rk_state.t0, rk_state.t1, t[i])
                return solution.write(i, y), history, rk_state, i + 1

        assert_increasing = logging_ops.Assert(math_ops.reduce_all(t[1:] > t[:-1]),
                                               ["`t` must be monotonic increasing"])
        with control_dependencies([assert_increasing]):
            num_times = array_ops.size(t)
        solution = TensorArray(y0.dtype, size=num_times).write(0, y0)
        history = _History(
            integrate_points=TensorArray(t.dtype, size=0, dynamic_size=True),
            error_ratio=TensorArray(rtol.dtype, size=0, dynamic_size=True))
        rk_state = _RKState(y0, func(y0, t[0]), t[0], t[0], first_step,
                            interp_coeff=[y0] * 5)
        solution, history, _, _ = control_flow_ops.while_loop(
            lambda _, __, ___, i: i < num_times, interpolate,
            (solution, history, rk_state, 1), name="interpolate_loop")
        y = solution.stack(name=scope)
        y.set_shape(t.shape.concatenate(y0.shape))
        if not full_output:
            return y
        integrate_points = history.integrate_points.stack()
        return y, {"num_func_evals": 6 * array_ops.size(integrate_points) + 1,
                   "integrate_points": integrate_points,
                   "error_ratio": history.error_ratio.stack()}


def odeint(func, y0, t, rtol=1e-6, atol=1e-12, method=None, options=None,
           full_output=False, name=None):
    """The solution of dy/dt = func(y, t), y(t[0]) = y0, at the increasing times `t` by the
    adaptive Dormand-Prince method (method None or "dopri5"; `options`: first_step, safety,
    ifactor, dfactor, max_num_steps): a [len(t)] + y0.shape tensor, and with `full_output`
    a dict of num_func_evals, integrate_points and error_ratio.

    Raises:
      ValueError: another method, or `options` without `method`.
      TypeError: y0 neither floating nor complex, or t not floating.
    """
    if method is not None and method != "dopri5":
        raise ValueError("invalid method: %r" % method)
    if options is None:
        options = {}
    elif method is None:
        raise ValueError("cannot supply `options` without specifying `method`")
    with name_scope(name, "odeint", [y0, t, rtol, atol]) as scope:
        y0 = convert_to_tensor(y0, name="y0")
        t = convert_to_tensor(t, preferred_dtype=_dt.float64, name="t")
        _check_input_types(y0, t)
        error_dtype = abs(y0).dtype
        rtol = convert_to_tensor(rtol, dtype=error_dtype, name="rtol")
        atol = convert_to_tensor(atol, dtype=error_dtype, name="atol")
        return _dopri5(func, y0, t, rtol=rtol, atol=atol, full_output=full_output,
                       name=scope, **options)


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

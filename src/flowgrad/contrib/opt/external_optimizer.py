"""`tf.contrib.opt.ExternalOptimizerInterface` and `ScipyOptimizerInterface`: minimize a loss
with an optimizer outside the graph (SciPy's `scipy.optimize.minimize`, L-BFGS-B by
default), evaluating the loss and its packed gradient with session.run, as TF 1.14.

SciPy is optional: `pip install scipy` (or the `scipy` extra). Building the interface
works without it; `minimize` raises ImportError naming it.
"""
from __future__ import annotations

import numpy as np

from ... import logging
from ...engine.autodiff.gradients import gradients
from ...engine.framework.graph import get_default_session
from ...ops import array_ops
from ...ops import variables

__all__ = ["ExternalOptimizerInterface", "ScipyOptimizerInterface"]


class ExternalOptimizerInterface:
    """Base class for optimizers run outside the graph: packs the variables and the
    gradients of the loss (and of the constraints) into flat vectors; subclasses implement
    `_minimize`.

    Args:
      loss: the scalar Tensor to minimize.
      var_list: the variables to optimize (default: the trainable variables).
      equalities, inequalities: Tensors constrained to == 0 and >= 0.
      var_to_bounds: {variable: (low, high)}, each broadcast to the variable's shape.
      **optimizer_kwargs: passed to the external optimizer.
    """

    def __init__(self, loss, var_list=None, equalities=None, inequalities=None,
                 var_to_bounds=None, **optimizer_kwargs):
        self._loss = loss
        self._equalities = equalities or []
        self._inequalities = inequalities or []
        self._vars = variables.trainable_variables() if var_list is None else list(var_list)
        packed_bounds = None
        if var_to_bounds is not None:
            left, right = [], []
            for var in self._vars:
                shape = var.get_shape().as_list()
                bounds = var_to_bounds[var] if var in var_to_bounds else (-np.inf, np.inf)
                left.extend(list(np.broadcast_to(bounds[0], shape).flat))
                right.extend(list(np.broadcast_to(bounds[1], shape).flat))
            packed_bounds = list(zip(left, right))
        self._packed_bounds = packed_bounds
        self._update_placeholders = [array_ops.placeholder(var.dtype) for var in self._vars]
        self._var_updates = [
            var.assign(array_ops.reshape(placeholder, _get_shape_tuple(var)))
            for var, placeholder in zip(self._vars, self._update_placeholders)]
        loss_grads = _compute_gradients(loss, self._vars)
        equalities_grads = [_compute_gradients(e, self._vars) for e in self._equalities]
        inequalities_grads = [_compute_gradients(i, self._vars) for i in self._inequalities]
        self.optimizer_kwargs = optimizer_kwargs
        self._packed_var = self._pack(self._vars)
        self._packed_loss_grad = self._pack(loss_grads)
        self._packed_equality_grads = [self._pack(g) for g in equalities_grads]
        self._packed_inequality_grads = [self._pack(g) for g in inequalities_grads]
        dims = [_prod(_get_shape_tuple(var)) for var in self._vars]
        accumulated_dims = list(_accumulate(dims))
        self._packing_slices = [slice(start, end) for start, end
                                in zip(accumulated_dims[:-1], accumulated_dims[1:])]

    def minimize(self, session=None, feed_dict=None, fetches=None, step_callback=None,
                 loss_callback=None, **run_kwargs):
        """Runs the external optimizer from the variables' current values and assigns the
        result to them.

        Args:
          session: default: the default session.
          feed_dict: fed on every evaluation.
          fetches: extra tensors evaluated with the loss, passed to loss_callback.
          step_callback: called with the packed variables after each step.
          **run_kwargs: passed to the final session.run of the assignments.
        """
        session = session or get_default_session()
        feed_dict = feed_dict or {}
        fetches = fetches or []
        loss_callback = loss_callback or (lambda *fetches: None)
        step_callback = step_callback or (lambda xk: None)
        loss_grad_func = self._make_eval_func([self._loss, self._packed_loss_grad], session,
                                              feed_dict, fetches, loss_callback)
        equality_funcs = self._make_eval_funcs(self._equalities, session, feed_dict, fetches)
        equality_grad_funcs = self._make_eval_funcs(self._packed_equality_grads, session,
                                                    feed_dict, fetches)
        inequality_funcs = self._make_eval_funcs(self._inequalities, session, feed_dict,
                                                 fetches)
        inequality_grad_funcs = self._make_eval_funcs(self._packed_inequality_grads, session,
                                                      feed_dict, fetches)
        initial_packed_var_val = session.run(self._packed_var)
        packed_var_val = self._minimize(
            initial_val=initial_packed_var_val, loss_grad_func=loss_grad_func,
            equality_funcs=equality_funcs, equality_grad_funcs=equality_grad_funcs,
            inequality_funcs=inequality_funcs, inequality_grad_funcs=inequality_grad_funcs,
            packed_bounds=self._packed_bounds, step_callback=step_callback,
            optimizer_kwargs=self.optimizer_kwargs)
        var_vals = [packed_var_val[s] for s in self._packing_slices]
        session.run(self._var_updates,
                    feed_dict=dict(zip(self._update_placeholders, var_vals)), **run_kwargs)

    def _minimize(self, initial_val, loss_grad_func, equality_funcs, equality_grad_funcs,
                  inequality_funcs, inequality_grad_funcs, packed_bounds, step_callback,
                  optimizer_kwargs):
        raise NotImplementedError("To use ExternalOptimizerInterface, subclass from it and "
                                  "implement the _minimize() method.")

    @classmethod
    def _pack(cls, tensors):
        if not tensors:
            return None
        if len(tensors) == 1:
            return array_ops.reshape(tensors[0], [-1])
        return array_ops.concat([array_ops.reshape(t, [-1]) for t in tensors], 0)

    def _make_eval_func(self, tensors, session, feed_dict, fetches, callback=None):
        if not isinstance(tensors, list):
            tensors = [tensors]
        num_tensors = len(tensors)

        def eval_func(x):
            augmented_feed_dict = {var: x[s].reshape(_get_shape_tuple(var))
                                   for var, s in zip(self._vars, self._packing_slices)}
            augmented_feed_dict.update(feed_dict)
            vals = session.run(tensors + fetches, feed_dict=augmented_feed_dict)
            if callable(callback):
                callback(*vals[num_tensors:])
            return vals[:num_tensors]
        return eval_func

    def _make_eval_funcs(self, tensors, session, feed_dict, fetches, callback=None):
        return [self._make_eval_func(t, session, feed_dict, fetches, callback)
                for t in tensors]


class ScipyOptimizerInterface(ExternalOptimizerInterface):
    """scipy.optimize.minimize on the loss (method from optimizer_kwargs["method"],
    default L-BFGS-B; equalities/inequalities as constraints; var_to_bounds as bounds).

    >>> # opt = tf.contrib.opt.ScipyOptimizerInterface(loss, options={"maxiter": 100})
    >>> # opt.minimize(sess)
    """

    _DEFAULT_METHOD = "L-BFGS-B"

    def _minimize(self, initial_val, loss_grad_func, equality_funcs, equality_grad_funcs,
                  inequality_funcs, inequality_grad_funcs, packed_bounds, step_callback,
                  optimizer_kwargs):
        def loss_grad_func_wrapper(x):
            loss, gradient = loss_grad_func(x)
            return loss, gradient.astype("float64")

        optimizer_kwargs = dict(optimizer_kwargs.items())
        method = optimizer_kwargs.pop("method", self._DEFAULT_METHOD)
        constraints = []
        for func, grad_func in zip(equality_funcs, equality_grad_funcs):
            constraints.append({"type": "eq", "fun": func, "jac": grad_func})
        for func, grad_func in zip(inequality_funcs, inequality_grad_funcs):
            constraints.append({"type": "ineq", "fun": func, "jac": grad_func})
        minimize_kwargs = {"jac": True, "callback": step_callback, "method": method,
                           "constraints": constraints, "bounds": packed_bounds}
        for kwarg in minimize_kwargs:
            if kwarg in optimizer_kwargs:
                if kwarg == "bounds":
                    raise ValueError("Bounds must be set using the var_to_bounds argument")
                raise ValueError("Optimizer keyword arg '{}' is set automatically and cannot "
                                 "be injected manually".format(kwarg))
        minimize_kwargs.update(optimizer_kwargs)
        try:
            import scipy.optimize  # lazy: SciPy is optional (only minimize needs it)
        except ImportError:
            raise ImportError("tf.contrib.opt.ScipyOptimizerInterface needs SciPy, which is "
                              "not installed: pip install scipy") from None
        if method.upper() not in ("SLSQP", "COBYLA", "TRUST-CONSTR") and not constraints:
            # newer SciPy warns about an empty constraint list for unconstrained methods
            minimize_kwargs.pop("constraints")
        # The SciPy of TF 1.14's day converted the starting point to float64 (its Fortran
        # SLSQP / L-BFGS-B wrappers, Nelder-Mead's simplex); today's keeps float32 where it
        # can and its C SLSQP / TNC refuse it: start from the same values as float64.
        initial_val = np.asarray(initial_val, dtype=np.float64)
        result = scipy.optimize.minimize(loss_grad_func_wrapper, initial_val, **minimize_kwargs)
        message_lines = ["Optimization terminated with:", "  Message: %s",
                         "  Objective function value: %f"]
        message = result.message
        if method.upper() == "L-BFGS-B":
            message = _lbfgsb_message(message)
        message_args = [message, result.fun]
        if hasattr(result, "nit"):
            message_lines.append("  Number of iterations: %d")
            message_args.append(result.nit)
        if hasattr(result, "nfev"):
            message_lines.append("  Number of functions evaluations: %d")
            message_args.append(result.nfev)
        logging.info("\n".join(message_lines), *message_args)
        return result["x"]


# L-BFGS-B's messages as TF 1.14's SciPy (1.4, its Fortran code) gave them: bytes; SciPy
# 1.5 decoded them to str, 1.15's C port reworded them ("STATUS: TASK").
_LBFGSB_MESSAGES = {
    "CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL":
        "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL",
    "CONVERGENCE: RELATIVE REDUCTION OF F <= FACTR*EPSMCH":
        "CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH",
    "STOP: TOTAL NO. OF ITERATIONS REACHED LIMIT": "STOP: TOTAL NO. of ITERATIONS REACHED LIMIT",
    "STOP: TOTAL NO. OF F,G EVALUATIONS EXCEEDS LIMIT":
        "STOP: TOTAL NO. of f AND g EVALUATIONS EXCEEDS LIMIT",
    "ERROR: FACTR < 0": "ERROR: FACTR .LT. 0",
    "ERROR: M <= 0": "ERROR: M .LE. 0",
    "ERROR: N <= 0": "ERROR: N .LE. 0",
}


def _lbfgsb_message(message):
    """An L-BFGS-B result's message as the Fortran code wrote it, as bytes."""
    if isinstance(message, bytes):
        return message
    if message.startswith("ABNORMAL"):
        return b"ABNORMAL_TERMINATION_IN_LNSRCH"
    return _LBFGSB_MESSAGES.get(message, message).encode()


def _accumulate(list_):
    total = 0
    yield total
    for x in list_:
        total += x
        yield total


def _get_shape_tuple(tensor):
    return tuple(tensor.get_shape().as_list())


def _prod(array):
    prod = 1
    for value in array:
        prod *= value
    return prod


def _compute_gradients(tensor, var_list):
    grads = gradients(tensor, var_list)
    return [grad if grad is not None else array_ops.zeros_like(var)
            for var, grad in zip(var_list, grads)]

"""tf.contrib.solvers.linear_equations (TF 1.14's contrib/solvers/python/ops/
linear_equations.py): the (preconditioned) conjugate gradient method."""
from __future__ import annotations

import collections

import flowgrad as _tf

from . import util

__all__ = ["conjugate_gradient"]


def conjugate_gradient(operator, rhs, preconditioner=None, x=None, tol=1e-4, max_iter=20,
                       name="conjugate_gradient"):
    """Solves `A x = rhs` for a self-adjoint positive definite `operator` by conjugate gradients.

    Stops after `max_iter` steps or once ||r_k|| <= tol * ||r_0||. `preconditioner`, an operator
    approximating A^-1, is applied to each residual; `x` is the initial guess (zeros if None).
    Returns a CGState(i, x, r, p, gamma) of the final state, `gamma` being r . M r.
    """
    cg_state = collections.namedtuple("CGState", ["i", "x", "r", "p", "gamma"])

    def stopping_criterion(i, state):
        return _tf.logical_and(i < max_iter, _tf.norm(state.r) > tol)

    def cg_step(i, state):
        z = operator.apply(state.p)
        alpha = state.gamma / util.dot(state.p, z)
        x = state.x + alpha * state.p
        r = state.r - alpha * z
        q = r if preconditioner is None else preconditioner.apply(r)
        gamma = util.dot(r, q)
        beta = gamma / state.gamma
        p = q + beta * state.p
        return i + 1, cg_state(i + 1, x, r, p, gamma)

    with _tf.name_scope(name):
        n = operator.shape[1:]
        rhs = _tf.expand_dims(rhs, -1)
        if x is None:
            x = _tf.expand_dims(_tf.zeros(n, dtype=rhs.dtype.base_dtype), -1)
            r0 = rhs
        else:
            x = _tf.expand_dims(x, -1)
            r0 = rhs - operator.apply(x)
        p0 = r0 if preconditioner is None else preconditioner.apply(r0)
        gamma0 = util.dot(r0, p0)
        tol *= _tf.norm(r0)
        i = _tf.constant(0, dtype=_tf.int32)
        state = cg_state(i=i, x=x, r=r0, p=p0, gamma=gamma0)
        _, state = _tf.while_loop(stopping_criterion, cg_step, [i, state])
        return cg_state(state.i, x=_tf.squeeze(state.x), r=_tf.squeeze(state.r),
                        p=_tf.squeeze(state.p), gamma=state.gamma)

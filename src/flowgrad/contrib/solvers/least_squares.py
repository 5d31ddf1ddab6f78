"""tf.contrib.solvers.least_squares (TF 1.14's contrib/solvers/python/ops/least_squares.py):
CGLS, conjugate gradients on the normal equations."""
from __future__ import annotations

import collections

import flowgrad as _tf

from . import util

__all__ = ["cgls"]


def cgls(operator, rhs, tol=1e-6, max_iter=20, name="cgls"):
    """Minimizes ||A x - rhs||_2 by conjugate gradients on A* A x = A* rhs (no preconditioner).

    Stops after `max_iter` steps or once ||A* r_k||^2 <= tol^2 ||A* rhs||^2. Returns a
    CGLSState(i, x, r, p, gamma) of the final state, `gamma` being ||A* r||^2.
    """
    cgls_state = collections.namedtuple("CGLSState", ["i", "x", "r", "p", "gamma"])

    def stopping_criterion(i, state):
        return _tf.logical_and(i < max_iter, state.gamma > tol)

    def cgls_step(i, state):
        q = operator.apply(state.p)
        alpha = state.gamma / util.l2norm_squared(q)
        x = state.x + alpha * state.p
        r = state.r - alpha * q
        s = operator.apply_adjoint(r)
        gamma = util.l2norm_squared(s)
        beta = gamma / state.gamma
        p = s + beta * state.p
        return i + 1, cgls_state(i + 1, x, r, p, gamma)

    with _tf.name_scope(name):
        n = operator.shape[1:]
        rhs = _tf.expand_dims(rhs, -1)
        s0 = operator.apply_adjoint(rhs)
        gamma0 = util.l2norm_squared(s0)
        tol = tol * tol * gamma0
        x = _tf.expand_dims(_tf.zeros(n, dtype=rhs.dtype.base_dtype), -1)
        i = _tf.constant(0, dtype=_tf.int32)
        state = cgls_state(i=i, x=x, r=rhs, p=s0, gamma=gamma0)
        _, state = _tf.while_loop(stopping_criterion, cgls_step, [i, state])
        return cgls_state(state.i, x=_tf.squeeze(state.x), r=_tf.squeeze(state.r),
                          p=_tf.squeeze(state.p), gamma=state.gamma)

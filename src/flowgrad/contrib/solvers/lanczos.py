"""tf.contrib.solvers.lanczos (TF 1.14's contrib/solvers/python/ops/lanczos.py): Golub-Kahan-
Lanczos bidiagonalization with PROPACK's iterated modified Gram-Schmidt, and products with
the bidiagonal matrix it makes."""
from __future__ import annotations

import collections

import flowgrad as _tf

from . import util

__all__ = ["lanczos_bidiag", "bidiag_matmul"]


def _tarray(size, dtype, name):
    return _tf.TensorArray(dtype=dtype, size=size, tensor_array_name=name,
                           clear_after_read=False)


def _read_colvec(tarray, i):
    """Row i of tarray as a column vector."""
    return _tf.expand_dims(tarray.read(i), -1)


def _write_colvec(tarray, colvec, i):
    return tarray.write(i, _tf.squeeze(colvec))


def _gram_schmidt_step(j, basis, v):
    """Makes v orthogonal to the j'th vector in basis."""
    v_shape = v.get_shape()
    basis_vec = _read_colvec(basis, j)
    v -= _tf.matmul(basis_vec, v, adjoint_a=True) * basis_vec
    v.set_shape(v_shape)
    return j + 1, basis, v


def _orthogonalize_once(i, basis, v):
    j = _tf.constant(0, dtype=_tf.int32)
    _, _, v = _tf.while_loop(lambda j, basis, v: j < i, _gram_schmidt_step, [j, basis, v])
    return util.l2normalize(v)


def _orthogonalize(i, basis, v):
    """Iterated MGS (PROPACK): a second round when the norm drops by more than 1/sqrt(2)."""
    v_norm = util.l2norm(v)
    v_new, v_new_norm = _orthogonalize_once(i, basis, v)
    return _tf.cond(v_new_norm < 0.7071 * v_norm, lambda: _orthogonalize_once(i, basis, v),
                    lambda: (v_new, v_new_norm))


def lanczos_bidiag(operator, k, orthogonalize=True, starting_vector=None,
                   name="lanczos_bidiag"):
    """k steps of Lanczos bidiagonalization of `operator` A: A V = U B, A' U[:, :-1] = V B[:-1]'.

    Returns a LanczosBidiagState(u, v, alpha, beta): U [m, k+1] and V [n, k] with orthonormal
    columns, alpha the diagonal and beta the subdiagonal of the (k+1) x k lower bidiagonal B.
    `starting_vector` (shape [m]) defaults to random_uniform(-1, 1); `orthogonalize` runs full
    reorthogonalization against the earlier vectors.
    """
    lanczos_bidiag_state = collections.namedtuple("LanczosBidiagState",
                                                  ["u", "v", "alpha", "beta"])

    def update_state(old, i, u, v, alpha, beta):
        return lanczos_bidiag_state(_write_colvec(old.u, u, i + 1), _write_colvec(old.v, v, i),
                                    old.alpha.write(i, alpha), old.beta.write(i, beta))

    def lanczos_bidiag_step(i, ls):
        u = _read_colvec(ls.u, i)
        r = operator.apply_adjoint(u)
        r_shape = r.get_shape()   # lost across the cond
        r = _tf.cond(i > 0, lambda: r - ls.beta.read(i - 1) * _read_colvec(ls.v, i - 1),
                     lambda: r)
        r.set_shape(r_shape)
        if orthogonalize:
            v, alpha = _orthogonalize(i - 1, ls.v, r)
        else:
            v, alpha = util.l2normalize(r)
        p = operator.apply(v) - alpha * u
        if orthogonalize:
            u, beta = _orthogonalize(i, ls.u, p)
        else:
            u, beta = util.l2normalize(p)
        return i + 1, update_state(ls, i, u, v, alpha, beta)

    with _tf.name_scope(name):
        dtype = operator.dtype
        if starting_vector is None:
            starting_vector = _tf.random_uniform(operator.shape[:1], -1, 1, dtype=dtype)
        u0, _ = util.l2normalize(starting_vector)
        ls = lanczos_bidiag_state(u=_write_colvec(_tarray(k + 1, dtype, "u"), u0, 0),
                                  v=_tarray(k, dtype, "v"), alpha=_tarray(k, dtype, "alpha"),
                                  beta=_tarray(k, dtype, "beta"))
        i = _tf.constant(0, dtype=_tf.int32)
        _, ls = _tf.while_loop(lambda i, _: i < k, lanczos_bidiag_step, [i, ls])
        return lanczos_bidiag_state(_tf.linalg.matrix_transpose(ls.u.stack()),
                                    _tf.linalg.matrix_transpose(ls.v.stack()),
                                    ls.alpha.stack(), ls.beta.stack())


def bidiag_matmul(matrix, alpha, beta, adjoint_b=False, name="bidiag_matmul"):
    """A times the (k+1) x k lower bidiagonal B of diagonal `alpha` and subdiagonal `beta`.

    adjoint_b=False: A[:, :-1] diag(alpha) + A[:, 1:] diag(beta); adjoint_b=True: A B[:-1, :]' =
    A diag(alpha) + [zeros(m, 1), A[:, :-1] diag(beta[:-1])].
    """
    with _tf.name_scope(name):
        alpha = _tf.expand_dims(alpha, 0)
        if adjoint_b is False:
            beta = _tf.expand_dims(beta, 0)
            return matrix[:, :-1] * alpha + matrix[:, 1:] * beta
        beta = _tf.expand_dims(beta[:-1], 0)
        shape = _tf.shape(matrix)
        zero_column = _tf.expand_dims(_tf.zeros(shape[:1], dtype=matrix.dtype), 1)
        return matrix * alpha + _tf.concat([zero_column, matrix[:, :-1] * beta], 1)

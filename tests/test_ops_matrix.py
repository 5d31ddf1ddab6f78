"""qr, matrix_band_part, matrix_triangular_solve: forward against NumPy, gradients to order 2."""
import numpy as np
import pytest
from optest import FLOAT_DTYPES, assert_forward, check_grads

import flowgrad as tf

BAND_CASES = [((3, 3), -1, 0), ((3, 4), 0, -1), ((2, 4, 3), 1, 1), ((0, 3), -1, -1),
              ((4, 2), 0, 0), ((2, 0, 2), 0, -1)]   # TF: num_lower <= rows


def _band_ref(x, lo, hi):
    m, n = x.shape[-2:]
    i, j = np.arange(m)[:, None], np.arange(n)[None, :]
    mask = ((lo < 0) | (i - j <= lo)) & ((hi < 0) | (j - i <= hi))
    return np.where(mask, x, 0).astype(x.dtype)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("shape,lo,hi", BAND_CASES)
def test_band_part_forward(shape, lo, hi, dtype):
    x = np.random.RandomState(0).randn(*shape).astype(dtype)
    assert_forward(lambda t: tf.matrix_band_part(t, lo, hi), lambda a: _band_ref(a, lo, hi), x)


@pytest.mark.parametrize("lower,adjoint", [(True, False), (False, False), (True, True),
                                           (False, True)])
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_triangular_solve_forward(lower, adjoint, dtype):
    rs = np.random.RandomState(1)
    a = (rs.randn(2, 3, 3) + 4 * np.eye(3)).astype(dtype)
    b = rs.randn(2, 3, 2).astype(dtype)

    def ref(a, b):
        t = np.tril(a) if lower else np.triu(a)
        if adjoint:
            t = np.swapaxes(t, -1, -2)
        return np.linalg.solve(t, b).astype(dtype)
    assert_forward(lambda x, y: tf.matrix_triangular_solve(x, y, lower=lower, adjoint=adjoint),
                   ref, a, b, rtol=1e-4 if dtype == np.float32 else 1e-10)


@pytest.mark.parametrize("shape", [(4, 3), (3, 3), (2, 5, 2), (3, 5)])
@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_qr_forward(shape, full, dtype):
    x = np.random.RandomState(2).randn(*shape).astype(dtype)
    q, r = np.linalg.qr(x, mode="complete" if full else "reduced")
    tol = 1e-4 if dtype == np.float32 else 1e-10
    assert_forward(lambda t: tf.qr(t, full_matrices=full)[0], lambda a: q, x, rtol=tol, atol=tol)
    assert_forward(lambda t: tf.qr(t, full_matrices=full)[1], lambda a: r, x, rtol=tol, atol=tol)
    with tf.Graph().as_default():
        qt, rt = tf.qr(tf.placeholder(tf.as_dtype(dtype), shape), full_matrices=full)
        assert qt.shape.as_list() == list(q.shape) and rt.shape.as_list() == list(r.shape)


def test_gradients_second_order():
    rs = np.random.RandomState(3)
    check_grads(lambda x: tf.matrix_band_part(x, -1, 0), [rs.randn(3, 3)])
    a = rs.randn(3, 3) + 4 * np.eye(3)
    b = rs.randn(3, 2)
    for lower in (True, False):
        for adjoint in (False, True):
            check_grads(lambda x, y: tf.matrix_triangular_solve(x, y, lower=lower,
                                                                adjoint=adjoint), [a, b])
    check_grads(lambda x: list(tf.qr(x)), [rs.randn(4, 3)])
    check_grads(lambda x: list(tf.qr(x)), [rs.randn(3, 3) + 2 * np.eye(3)])


def test_errors():
    with pytest.raises(ValueError, match="at least rank 2"):
        tf.qr(tf.constant([1.0, 2.0]))
    with pytest.raises(TypeError, match="not in list of allowed values"):
        tf.qr(tf.constant([[1, 2], [3, 4]]))
    with pytest.raises(ValueError, match="Dimensions must be equal"):
        tf.matrix_triangular_solve(tf.ones([3, 3]), tf.ones([2, 1]))
    n = len(tf.get_default_graph().get_operations())
    with pytest.raises(ValueError):
        tf.matrix_triangular_solve(tf.ones([3, 2]), tf.ones([3, 1]))
    assert len(tf.get_default_graph().get_operations()) == n + 2  # only the two ones()
    x = tf.placeholder(tf.float64, [3, 4])
    with pytest.raises(NotImplementedError, match="QrGrad not implemented"):
        tf.gradients(tf.qr(x)[0], x)


def test_orthogonal_initializer_is_orthogonal():
    for shape in ([4, 6], [6, 4], [2, 3, 5]):
        with tf.Graph().as_default():
            v = tf.orthogonal_initializer(gain=1.5, seed=3)(shape)
            with tf.Session() as sess:
                m = sess.run(v).reshape(-1, shape[-1]).astype(np.float64)
        g = m.T @ m if m.shape[0] >= m.shape[1] else m @ m.T
        np.testing.assert_allclose(g, 1.5 ** 2 * np.eye(g.shape[0]), atol=1e-5)

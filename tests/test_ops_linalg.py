"""Matrix products: matmul (MatMul / BatchMatMulV2), einsum and tensordot.

Forward against NumPy over tables of shapes, flags and dtypes; gradients checked
numerically to second order in float64; TF 1.14 goldens live in test_ops_math.py
(cases matmul_*, batch_matmul_*, einsum_*, tensordot_*)."""
import numpy as np
import pytest

import flowgrad as tf
from optest import FLOAT_DTYPES, assert_forward, check_grads, sample

INT_DTYPES = [np.int32, np.int64]


def _values(shape, dtype, seed=0):
    v = sample(shape, np.float64, -2, 2, seed)
    return np.round(v * 2).astype(dtype) if np.dtype(dtype).kind == "i" else v.astype(dtype)


def _t(x):
    return np.swapaxes(x, -1, -2)


# (a shape, b shape, matmul keyword flags)
MATMUL = [
    ((2, 3), (3, 4), {}),
    ((3, 2), (3, 4), {"transpose_a": True}),
    ((2, 3), (4, 3), {"transpose_b": True}),
    ((3, 2), (4, 3), {"transpose_a": True, "transpose_b": True}),
    ((3, 2), (3, 4), {"adjoint_a": True}),
    ((2, 3), (4, 3), {"adjoint_b": True}),
    ((1, 1), (1, 1), {}),
    ((0, 3), (3, 4), {}),
    ((2, 0), (0, 4), {}),
    ((5, 2, 3), (5, 3, 4), {}),
    ((5, 3, 2), (5, 3, 4), {"transpose_a": True}),
    ((5, 2, 3), (5, 4, 3), {"adjoint_b": True}),
    ((5, 2, 3), (3, 4), {}),
    ((2, 3), (5, 3, 4), {}),
    ((1, 2, 3), (4, 3, 2), {}),
    ((2, 1, 2, 3), (3, 3, 2), {}),
    ((2, 1, 3, 2), (3, 2, 3), {"transpose_a": True, "transpose_b": True}),
    ((0, 2, 3), (3, 4), {}),
]


def _matmul_ref(a, b, f):
    if f.get("transpose_a") or f.get("adjoint_a"):
        a = _t(a)
    if f.get("transpose_b") or f.get("adjoint_b"):
        b = _t(b)
    return np.matmul(a, b)


def _ids(table):
    return [f"{a}x{b}-{'-'.join(k for k in f) or 'plain'}" for a, b, f in table]


@pytest.mark.parametrize("dtype", FLOAT_DTYPES + INT_DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("sa,sb,flags", MATMUL, ids=_ids(MATMUL))
def test_matmul_forward(sa, sb, flags, dtype):
    a = _values(sa, dtype, 1)
    b = _values(sb, dtype, 2)
    assert_forward(lambda x, y: tf.matmul(x, y, **flags), lambda x, y: _matmul_ref(x, y, flags),
                   a, b, rtol=1e-5 if dtype == np.float32 else None)


def test_sparse_matmul_hint_values_and_grads():
    a = sample((2, 3), np.float32, seed=1) * (sample((2, 3), seed=2) > 0)
    b = sample((4, 3), np.float32, seed=3)
    assert_forward(lambda x, y: tf.matmul(x, y, transpose_b=True, a_is_sparse=True),
                   lambda x, y: x @ y.T, a, b)
    with tf.Graph().as_default():
        x = tf.constant(a)
        y = tf.constant(b)
        gx, gy = tf.gradients(tf.matmul(x, y, transpose_b=True, b_is_sparse=True), [x, y])
        with tf.Session() as sess:
            gxv, gyv = sess.run([gx, gy])
    np.testing.assert_allclose(gxv, np.ones((2, 4)) @ b, rtol=1e-6)
    np.testing.assert_allclose(gyv, np.ones((2, 4)).T @ a, rtol=1e-6)


@pytest.mark.parametrize("sa,sb,flags", [m for m in MATMUL if 0 not in m[0] + m[1]],
                         ids=_ids([m for m in MATMUL if 0 not in m[0] + m[1]]))
def test_matmul_grad(sa, sb, flags):
    a = sample(sa, np.float64, seed=3)
    b = sample(sb, np.float64, seed=4)
    check_grads(lambda x, y: tf.matmul(x, y, **flags), [a, b], order=2)


def test_matmul_op_types():
    """Two matrices give MatMul; rank > 2 or unknown rank gives BatchMatMulV2 (TF 1.14)."""
    a = tf.zeros([2, 3])
    assert tf.matmul(a, tf.zeros([3, 4])).op.type == "MatMul"
    assert tf.matmul(a, a, transpose_b=True).op.get_attr("transpose_b") is True
    batch = tf.matmul(tf.zeros([5, 2, 3]), a, transpose_b=True)
    assert batch.op.type == "BatchMatMulV2" and batch.op.get_attr("adj_y") is True
    assert batch.shape.as_list() == [5, 2, 2]
    unknown = tf.matmul(tf.placeholder(tf.float32), a)
    assert unknown.op.type == "BatchMatMulV2"
    sparse_hint = tf.matmul(a, tf.zeros([3, 4]), a_is_sparse=True, b_is_sparse=True)
    assert sparse_hint.op.type == "SparseMatMul"
    dense = tf.matmul(tf.zeros([2, 3], tf.float64), tf.zeros([3, 4], tf.float64),
                      a_is_sparse=True)
    assert dense.op.type == "MatMul"
    assert (a @ tf.zeros([3, 1])).op.name.startswith("matmul")


def test_matmul_dynamic_shapes_and_grads():
    with tf.Graph().as_default():
        a = tf.placeholder(tf.float64, [None, None, 3])
        b = tf.placeholder(tf.float64, [None, 4])
        y = tf.matmul(a, b)
        assert y.shape.as_list() == [None, None, 4]
        ga, gb = tf.gradients(tf.reduce_sum(y), [a, b])
        av = sample((2, 5, 3), np.float64)
        bv = sample((3, 4), np.float64, seed=1)
        with tf.Session() as sess:
            yv, gav, gbv = sess.run([y, ga, gb], {a: av, b: bv})
    np.testing.assert_allclose(yv, av @ bv)
    np.testing.assert_allclose(gav, np.ones((2, 5, 4)) @ bv.T)
    np.testing.assert_allclose(gbv, np.einsum("bij,bik->jk", av, np.ones((2, 5, 4))))


def test_matmul_errors_name_op_shapes_dtypes():
    g = tf.get_default_graph()
    a = tf.zeros([2, 3])
    n = len(g.get_operations())
    with pytest.raises(ValueError, match=r"Dimensions must be equal, but are 3 and 4.*\[2,3\], "
                                         r"\[4,5\]"):
        tf.matmul(a, tf.zeros([4, 5]))
    with pytest.raises(ValueError, match="Shape must be rank 2 but is rank 1"):
        tf.matmul(a, tf.zeros([3]))
    with pytest.raises(ValueError, match="at least rank 2"):
        tf.matmul(tf.zeros([2, 2, 3]), tf.zeros([3]))
    with pytest.raises(ValueError, match="Only one of transpose_b and adjoint_b"):
        tf.matmul(a, a, transpose_b=True, adjoint_b=True)
    n = len(g.get_operations())
    with pytest.raises(TypeError, match="'MatMul'.*int32.*float32"):
        tf.matmul(a, tf.zeros([3, 4], tf.int32))
    with pytest.raises(TypeError, match="int8 not in list of allowed values"):
        tf.matmul(tf.zeros([2, 2], tf.int8), tf.zeros([2, 2], tf.int8))
    assert len(g.get_operations()) == n + 3  # the three constants only


def test_matmul_complex_adjoint():
    a = (sample((2, 3), seed=1) + 1j * sample((2, 3), seed=2)).astype(np.complex128)
    b = (sample((2, 4), seed=3) + 1j * sample((2, 4), seed=4)).astype(np.complex128)
    got = _run(lambda x, y: [tf.matmul(x, y, adjoint_a=True),
                             tf.matmul(x[None], y[None], adjoint_a=True)], a, b)
    np.testing.assert_allclose(got[0], a.conj().T @ b)
    np.testing.assert_allclose(got[1][0], a.conj().T @ b)


def _run(fn, *arrays):
    with tf.Graph().as_default():
        out = fn(*[tf.constant(x) for x in arrays])
        with tf.Session() as sess:
            return sess.run(out)


# -- einsum ------------------------------------------------------------------------------------
EINSUM = [
    ("ij,jk->ik", [(2, 3), (3, 4)]),
    ("ij,jk", [(2, 3), (3, 4)]),
    ("ij->ji", [(2, 3)]),
    ("ij->", [(2, 3)]),
    ("ij->j", [(2, 3)]),
    ("i,i->", [(3,), (3,)]),
    ("i,j->ij", [(3,), (2,)]),
    ("ij,ij->ij", [(2, 3), (2, 3)]),
    ("ij,ij->i", [(2, 3), (2, 3)]),
    ("bij,bjk->bik", [(2, 2, 3), (2, 3, 4)]),
    ("bij,jk->bki", [(2, 2, 3), (3, 4)]),
    ("ij,jk,kl->il", [(2, 3), (3, 4), (4, 2)]),
    ("ij,jk->i", [(2, 3), (3, 4)]),
    ("abc,cd->abd", [(2, 0, 3), (3, 4)]),
    ("...ij,...jk->...ik", [(2, 2, 3), (2, 3, 4)]),
    ("...j,jk->...k", [(2, 3, 4), (4, 2)]),
    ("i...->...", [(2, 3, 4)]),
    (" ij , jk -> ik ", [(2, 3), (3, 4)]),
]


def _np_equation(eq):
    return eq.replace(" ", "")


@pytest.mark.parametrize("dtype", FLOAT_DTYPES + INT_DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("eq,shapes", EINSUM, ids=[e for e, _ in EINSUM])
def test_einsum_forward(eq, shapes, dtype):
    args = [_values(s, dtype, i) for i, s in enumerate(shapes)]
    assert_forward(lambda *xs: tf.einsum(eq, *xs),
                   lambda *xs: np.einsum(_np_equation(eq), *xs).astype(dtype), *args,
                   rtol=1e-5 if dtype == np.float32 else None)


@pytest.mark.parametrize("eq,shapes", [e for e in EINSUM if 0 not in sum(e[1], ())],
                         ids=[e for e, s in EINSUM if 0 not in sum(s, ())])
def test_einsum_grad(eq, shapes):
    args = [sample(s, np.float64, seed=i) for i, s in enumerate(shapes)]
    check_grads(lambda *xs: tf.einsum(eq, *xs), args, order=2)


def test_einsum_grad_dynamic_shape_broadcasts_summed_labels():
    with tf.Graph().as_default():
        a = tf.placeholder(tf.float64, [None, 3])
        y = tf.einsum("ij->j", a)
        g = tf.gradients(y, a)[0]
        with tf.Session() as sess:
            gv = sess.run(g, {a: np.ones((4, 3))})
    np.testing.assert_allclose(gv, np.ones((4, 3)))


def test_einsum_errors():
    a = tf.zeros([2, 3])
    with pytest.raises(ValueError, match="appears more than once"):
        tf.einsum("ii->i", tf.zeros([2, 2]))
    with pytest.raises(ValueError, match="Got 1 arguments"):
        tf.einsum("ij,jk->ik", a)
    with pytest.raises(ValueError, match="incorrect format"):
        tf.einsum("ij->i1", a)
    with pytest.raises(ValueError, match="Cannot reshape a tensor with 8 elements"):
        tf.einsum("ij,jk->ik", a, tf.zeros([4, 2]))   # TF 1.14's message (its Reshape)
    with pytest.raises(ValueError, match="Invalid equation"):
        tf.einsum("ij->k", a)
    with pytest.raises(TypeError, match="invalid keyword"):
        tf.einsum("ij->ji", a, foo=1)
    assert tf.einsum("ij->ji", a, name="tr").op.name == "tr/transpose"   # as TF 1.14


# -- tensordot ---------------------------------------------------------------------------------
TENSORDOT = [
    ((2, 3), (3, 4), 1),
    ((2, 3, 4), (3, 4, 5), 2),
    ((2, 3), (4,), 0),
    ((2, 3, 4), (4, 3), [[1, 2], [1, 0]]),
    ((2, 3, 4), (4, 2), [[2], [0]]),
    ((3, 4), (4, 3), [[0, 1], [1, 0]]),
    ((2, 3), (3, 2), [[-1], [0]]),
    ((3,), (3,), [0, 0]),
]


@pytest.mark.parametrize("dtype", FLOAT_DTYPES + INT_DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("sa,sb,axes", TENSORDOT, ids=[str(t) for t in TENSORDOT])
def test_tensordot_forward(sa, sb, axes, dtype):
    a = _values(sa, dtype, 1)
    b = _values(sb, dtype, 2)
    assert_forward(lambda x, y: tf.tensordot(x, y, axes),
                   lambda x, y: np.tensordot(x, y, axes).astype(dtype), a, b,
                   rtol=1e-5 if dtype == np.float32 else None)


@pytest.mark.parametrize("sa,sb,axes", TENSORDOT, ids=[str(t) for t in TENSORDOT])
def test_tensordot_grad(sa, sb, axes):
    a = sample(sa, np.float64, seed=5)
    b = sample(sb, np.float64, seed=6)
    check_grads(lambda x, y: tf.tensordot(x, y, axes), [a, b], order=2)


def test_tensordot_errors():
    a = tf.zeros([2, 3])
    with pytest.raises(ValueError, match="at least 0"):
        tf.tensordot(a, a, -1)
    with pytest.raises(ValueError, match="Different number of contraction axes"):
        tf.tensordot(a, a, [[0, 1], [0]])
    with pytest.raises(ValueError, match="Dimensions must be equal"):
        tf.tensordot(a, a, 1)
    assert tf.tensordot(a, a, [[1], [1]]).shape.as_list() == [2, 2]


def test_matvec_adjoint_matrix_transpose():
    a = sample((2, 3, 4), np.float64, seed=1)
    v = sample((4,), np.float64, seed=2)
    w = sample((2, 3), np.float64, seed=3)
    assert_forward(lambda x, y: tf.linalg.matvec(x, y), lambda x, y: x @ y, a, v)
    assert_forward(lambda x, y: tf.linalg.matvec(x, y, transpose_a=True),
                   lambda x, y: np.einsum("bij,bi->bj", x, y), a, w)
    assert_forward(tf.linalg.matrix_transpose, lambda x: np.swapaxes(x, -1, -2), a)
    c = (a + 1j * a[::-1]).astype(np.complex128)
    assert_forward(tf.linalg.adjoint, lambda x: np.conj(np.swapaxes(x, -1, -2)), c)
    check_grads(lambda x, y: tf.linalg.matvec(x, y), [a, v])
    check_grads(tf.linalg.matrix_transpose, [a])
    with pytest.raises(ValueError, match="rank >= 2"):
        tf.linalg.matrix_transpose(tf.zeros([3]))
    with tf.Graph().as_default():
        u = tf.placeholder(tf.float64)
        t = tf.linalg.matrix_transpose(u)
        with tf.Session() as sess:
            np.testing.assert_allclose(sess.run(t, {u: a}), np.swapaxes(a, -1, -2))

"""Float sums bit for bit as TF 1.14 adds them (Eigen's packet/tree/shard order).

The cases of tests/golden/reduce_order/gen_sums.py run with flowgrad and compare with TF's
recorded bits; an explicit scalar emulation of Eigen's reducer checks eigen_sum.py on
more sizes, and the NumPy behaviour it relies on (a reduction over a non-innermost axis
adds one row at a time) is checked against a loop.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import eigen_sum
from tests import goldens

GEN = goldens.generator("reduce_order", "sums")
WANT = goldens.load("reduce_order", "sums")


@pytest.fixture(scope="module")
def got():
    return GEN.cases(tf)


def _bits(a):
    a = np.asarray(a)
    return a.dtype, a.shape, a.tobytes()


def test_same_cases(got):
    assert sorted(got) == sorted(WANT)


@pytest.mark.parametrize("name", sorted(WANT))
def test_bits(got, name):
    assert _bits(got[name]) == _bits(WANT[name]), (name, got[name], WANT[name])


# -- a scalar emulation of Eigen's InnerMostDimReducer / FullReducer ----------------------
def _inner(x, first, num, P):
    t = x.dtype.type
    acc = t(0)
    if num > P * 1024:
        split = P * -(-(first + -(-num // 2)) // P)
        nl = min(split - first, num)
        acc = t(acc + _inner(x, first, nl, P))
        if nl < num:
            acc = t(acc + _inner(x, split, num - nl, P))
        return acc
    p = np.zeros(P, x.dtype)
    v = num // P * P
    for j in range(0, v, P):
        p = (p + x[first + j:first + j + P]).astype(x.dtype)
    for j in range(v, num):
        acc = t(acc + x[first + j])
    q = p.astype(np.float32) if x.dtype == np.float16 else p
    while len(q) > 1:
        q = q[:len(q) // 2] + q[len(q) // 2:]
    return t(acc + t(q[0]))


def _full(x, threads, P):
    n = len(x)
    if threads == 1:
        return _inner(x, 0, n, P)
    bs = int(math.floor(np.float32(n) / np.float32(threads)))
    nb = n // bs
    fin = _inner(x, nb * bs, n - nb * bs, P) if nb * bs < n else x.dtype.type(0)
    for i in range(nb):
        fin = x.dtype.type(fin + _inner(x, i * bs, bs, P))
    return fin


@pytest.mark.parametrize("dtype,P", [(np.float32, 8), (np.float64, 4), (np.float16, 8)])
def test_rows_match_scalar_emulation(dtype, P):
    rng = np.random.RandomState(3)
    for rows, n in [(5, 1), (3, 7), (4, 8 * 1024 + 3), (7, 8 * 1024 * 2 + 5), (9, 4 * 1024 + 1),
                    (3, 8 * 1024 * 3 + 7)]:
        x = (rng.randn(rows, n) * 3).astype(dtype)
        want = [_inner(x.reshape(-1), r * n, n, P) for r in range(rows)]
        assert _bits(eigen_sum.row_sums(x)) == _bits(np.array(want, dtype)), (rows, n)


@pytest.mark.parametrize("dtype,P", [(np.float32, 8), (np.float64, 4)])
def test_full_matches_scalar_emulation(dtype, P):
    rng = np.random.RandomState(4)
    for n in (9, 8193, 40001, 250007):
        x = (rng.randn(n) * 3).astype(dtype)
        for threads in (1, 3, 4, 7):
            t = eigen_sum.full_threads(n, dtype, threads)
            assert _bits(eigen_sum.full_sum(x, threads)) == _bits(np.asarray(_full(x, t, P))), \
                (n, threads)


def test_full_threads_cost_model():
    # Eigen: min(pool, max(1, int((n * cost - 1e5) / 1e5 + 0.9))), cost 1.9375 for float32
    assert eigen_sum.full_threads(100000, np.float32, 16) == 1
    assert eigen_sum.full_threads(110000, np.float32, 16) == 2
    assert eigen_sum.full_threads(300000, np.float32, 16) == 5
    assert eigen_sum.full_threads(300000, np.float32, 4) == 4
    assert eigen_sum.full_threads(300000, np.float64, 64) == 11


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
@pytest.mark.parametrize("shape", [(1024, 8), (3, 1000, 8), (5000, 2), (2, 3, 7), (300, 3, 5)])
def test_numpy_middle_axis_reduce_is_sequential(dtype, shape):
    rng = np.random.RandomState(5)
    x = (rng.randn(*shape) * (10 if dtype == np.float16 else 1000)).astype(dtype)
    axis = len(shape) - 2
    want = np.zeros(shape[:axis] + shape[axis + 1:], dtype)
    for j in range(shape[axis]):
        want = (want + np.take(x, j, axis=axis)).astype(dtype)
    assert _bits(np.add.reduce(x, axis=axis) + dtype(0)) == _bits(want)


def test_session_intra_op_threads_reach_the_kernel():
    x = GEN.data((300000,), "float32", 1)
    vals = {}
    for threads in (1, 4):
        with tf.Session(config=tf.ConfigProto(intra_op_parallelism_threads=threads)) as s:
            p = tf.placeholder(tf.float32, [None])
            vals[threads] = s.run(tf.reduce_sum(p), {p: x})
        assert _bits(vals[threads]) == _bits(eigen_sum.full_sum(x, threads))
    assert vals[1] != vals[4]

"""Shared helpers for the op tables: shapes, forward checks against NumPy, gradient checks.

Every op module's test file declares a table of (op, numpy reference, input
domain) rows and runs them through these helpers over the shape tables below
and the float dtypes. Gradient checks use the one shared checker,
`flowgrad.testing.check_grads`, to second order in float64.
"""
import numpy as np

import flowgrad as tf
from flowgrad.testing import check_grads  # noqa: F401 - re-exported for the tables

# Unary shapes: scalar, empty, vector, matrix, empty middle dimension, size-1 dims.
UNARY_SHAPES = [(), (0,), (3,), (2, 3), (2, 0, 3), (1, 4, 1)]
# Binary broadcast pairs.
BINARY_SHAPES = [((), ()), ((3,), ()), ((), (3,)), ((2, 3), (3,)), ((2, 1), (1, 3)),
                 ((0, 3), (3,)), ((4, 1, 3), (2, 1)), ((2, 3), (2, 3))]
# Shapes used for gradient checks (empty shapes have nothing to check numerically).
GRAD_UNARY_SHAPES = [(), (3,), (2, 3), (1, 4, 1)]
GRAD_BINARY_SHAPES = [((), ()), ((3,), ()), ((2, 3), (3,)), ((2, 1), (1, 3)), ((2, 3), (2, 3))]
FLOAT_DTYPES = [np.float32, np.float64]


def sample(shape, dtype=np.float64, low=-2.0, high=2.0, seed=0):
    """Random values of `shape` in [low, high), cast to `dtype`."""
    rng = np.random.RandomState(seed + 7 * len(shape) + int(np.prod(shape) if shape else 1))
    v = rng.uniform(low, high, size=shape)
    return v.astype(dtype)


def run(fn, *arrays, feed=True):
    """Builds fn over placeholders (feed=True) or constants for `arrays` and runs it."""
    with tf.Graph().as_default():
        if feed:
            phs = [tf.placeholder(tf.as_dtype(a.dtype), shape=a.shape) for a in arrays]
            out = fn(*phs)
            with tf.Session() as sess:
                return sess.run(out, dict(zip(phs, arrays)))
        out = fn(*[tf.constant(a) for a in arrays])
        with tf.Session() as sess:
            return sess.run(out)


def assert_forward(fn, ref, *arrays, rtol=None, atol=None, check_dtype=True):
    """fn(tensors) run in flowgrad equals ref(arrays) in NumPy (value, shape and dtype)."""
    expected = np.asarray(ref(*arrays))
    for feed in (True, False):
        got = np.asarray(run(fn, *arrays, feed=feed))
        assert got.shape == expected.shape, (got.shape, expected.shape)
        if check_dtype:
            assert got.dtype == expected.dtype, (got.dtype, expected.dtype)
        if expected.dtype.kind == "f":
            r = rtol if rtol is not None else (1e-5 if expected.dtype == np.float32 else 1e-12)
            a = atol if atol is not None else (1e-6 if expected.dtype == np.float32 else 1e-12)
            np.testing.assert_allclose(got, expected, rtol=r, atol=a)
        else:
            np.testing.assert_array_equal(got, expected)

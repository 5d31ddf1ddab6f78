"""Unique of integers in a small range (indexing._unique_ints, no sort) gives the sorting
path's answer: values in order of first occurrence and each element's index."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import indexing


def _by_sort(x):
    u, first, inv = np.unique(x, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    ranks = np.empty_like(order)
    ranks[order] = np.arange(order.size)
    return u[order], ranks[inv.reshape(-1)]


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.uint8, np.int16])
@pytest.mark.parametrize("n,lo,hi", [(1, 3, 4), (50, 0, 5), (5120, 1, 5000), (300, -40, 40),
                                     (7, 0, 1)])
def test_unique_ints_as_sorting(dtype, n, lo, hi):
    if np.dtype(dtype).kind == "u":
        lo = max(lo, 0)
    x = np.random.RandomState(n).randint(lo, hi, n).astype(dtype)
    y, idx = indexing._unique_ints(x)
    wy, widx = _by_sort(x)
    assert y.dtype == x.dtype
    np.testing.assert_array_equal(y, wy)
    np.testing.assert_array_equal(idx, widx)
    np.testing.assert_array_equal(y[idx], x)


def test_wide_range_sorts():
    x = np.array([5, -(2 ** 40), 5, 2 ** 40], np.int64)
    assert indexing._unique_ints(x) is None
    with tf.Graph().as_default(), tf.Session() as s:
        y, idx = s.run(tf.unique(x))
    np.testing.assert_array_equal(y, [5, -(2 ** 40), 2 ** 40])
    np.testing.assert_array_equal(idx, [0, 1, 0, 2])


def test_op_uses_it():
    with tf.Graph().as_default(), tf.Session() as s:
        y, idx = s.run(tf.unique(tf.constant([4, 4, 1, 9, 1, 4], tf.int32), out_idx=tf.int64))
    np.testing.assert_array_equal(y, [4, 1, 9])
    assert idx.dtype == np.int64
    np.testing.assert_array_equal(idx, [0, 0, 1, 2, 1, 0])

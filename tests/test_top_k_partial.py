"""TopKV2's kernel without a full sort (k small against the last dimension): the same
indices and values as the stable full sort (TF's order: larger first, ties by lower
index), ties at the k-th value, -0.0 against 0.0, NaN inputs (the full sort path)."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops.top_k import _top_k_kernel


def _full(x, k):
    order = np.argsort(-x, axis=-1, kind="stable")[..., :k]
    return np.take_along_axis(x, order, axis=-1), order


@pytest.mark.parametrize("seed", range(6))
def test_partial_top_k_equals_stable_sort(seed):
    rs = np.random.RandomState(seed)
    for _ in range(40):
        n = rs.randint(8, 400)
        k = rs.randint(1, max(2, n // 8) + 1)
        shape = (rs.randint(1, 4), rs.randint(1, 4), n)
        dt = [np.float32, np.float64][seed % 2]
        x = rs.randint(-4, 4, shape).astype(dt) if seed % 3 else rs.randn(*shape).astype(dt)
        x[..., ::5] = -0.0
        v, i = _top_k_kernel(x, k)
        wv, wi = _full(x, k)
        np.testing.assert_array_equal(i, wi)
        np.testing.assert_array_equal(v, wv)
        assert i.dtype == np.int32


def test_top_k_with_nan_and_through_the_op():
    x = np.arange(64, dtype=np.float32).reshape(2, 32) % 5
    x[0, 3] = np.nan
    v, i = _top_k_kernel(x, 3)
    wv, wi = _full(x, 3)
    np.testing.assert_array_equal(i, wi)
    np.testing.assert_array_equal(v, wv)
    with tf.Session() as s:
        values, indices = s.run(tf.nn.top_k(tf.constant(x[1:]), 2))
    np.testing.assert_array_equal(indices, [[2, 7]])   # ties: the lower index first
    np.testing.assert_array_equal(values, [[4., 4.]])


def test_partial_top_k_rows_with_and_without_ties():
    """Rows without a tie at the k-th value take the nonzero path (exactly k candidates a
    row); one tied row sends the batch through the stable sort of the mask: both give the
    full sort's indices."""
    rs = np.random.RandomState(7)
    x = rs.randn(16, 5000).astype(np.float32)   # beam search's [batch, beam * vocab]
    for k in (1, 5, 40):
        v, i = _top_k_kernel(x, k)
        wv, wi = _full(x, k)
        np.testing.assert_array_equal(i, wi)
        np.testing.assert_array_equal(v, wv)
    x[3, [10, 20]] = x[3].max() + 1   # a tie at the top of row 3
    v, i = _top_k_kernel(x, 1)
    wv, wi = _full(x, 1)
    np.testing.assert_array_equal(i, wi)
    assert i[3, 0] == 10

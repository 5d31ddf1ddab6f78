"""TF 1.14's TopKV2 / sort / argsort orders with NaN (golden: array_extra/topk_nan, made on
an Intel host; the orders do not depend on the host): k == 1 skips NaN, k == n follows
libstdc++'s std::sort under a comparison NaN makes inconsistent, 1 < k < n gtl::TopN's
heap (engine/ops/top_k.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("array_extra", "topk_nan")
GOLD = goldens.load("array_extra", "topk_nan")


@pytest.fixture(autouse=True)
def _intel_host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", "intel")


@pytest.fixture
def sess():
    with tf.Session() as s:
        yield s


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_top_k_sort_argsort_with_nan_are_tf(sess, dtype):
    for n in GEN.SIZES:
        got = sess.run(GEN.build(tf, GEN.inputs(dtype, n)))
        want = GOLD[f"{dtype}_{n}"]
        assert len(got) == len(want)
        for i, (g, w) in enumerate(zip(got, want)):
            assert g.dtype == w.dtype and np.array_equal(g, w, equal_nan=True), (n, i)


def test_top_1_of_a_row_of_nan_is_minus_inf(sess):
    got = sess.run(tf.nn.top_k([[np.nan, np.nan]], 1)[0])
    assert np.array_equal(got, GOLD["all_nan_k1_value"])

"""tf.nn.top_k(sorted=False) gives TF 1.14's order (tests/golden/nn/gen_pcaps_topk.py):
gtl::TopN's heap slots for 1 < k < n, the sorted order for k == 1 and k == n."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import top_k as top_k_ops

import goldens

GOLDEN = goldens.load("nn", "pcaps_topk")


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_case_matches_tf(name):
    got = goldens.flowgrad_cases("nn", "pcaps_topk", tf)[name]
    goldens.same_exact(got, GOLDEN[name], name)


def test_golden_order_is_not_the_sorted_one():
    # the heap order differs from the sorted one in most random rows
    gen = goldens.generator("nn", "pcaps_topk")
    differ = 0
    for (x, k), (vals, idx) in zip(gen._inputs(), GOLDEN["random_rows"]):
        srt = np.argsort(-x.astype(np.float64), axis=-1, kind="stable")[..., :k]
        differ += not np.array_equal(srt, idx)
        np.testing.assert_array_equal(np.sort(srt, -1), np.sort(idx, -1))
    assert differ > 60


def test_large_inputs_keep_the_sorted_order(monkeypatch):
    # above UNSORTED_EXACT_MAX the entries are TF's, in the sorted order
    monkeypatch.setattr(top_k_ops, "UNSORTED_EXACT_MAX", 8)
    x = np.random.RandomState(0).randn(2, 10).astype(np.float32)
    with tf.Graph().as_default():
        with tf.Session() as sess:
            v, i = sess.run(tf.nn.top_k(x, 3, sorted=False))
    np.testing.assert_array_equal(i, np.argsort(-x, axis=-1, kind="stable")[:, :3])

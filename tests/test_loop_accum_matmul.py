"""A loop gradient's accumulator of a weight that MatMuls read is regrouped by
AddOpsRewrite as TF 1.14 does (golden math/loop_accum_matmul, its float32 bits): a MatMul
of a popped value (unknown rank in the gradient frame) sees dims of its own, so two such
leaves stay unknown (`two`), a known leaf makes them known (`tile`), and in a
second-order MAML step through tf.map_fn the w3 leaves' shape is resolved through a
ReluGrad of Tiles that a MatMul by w3 merges with [8, 1] (engine/optimize/
add_ops_rewrite.py _merged_known, symbolic_shapes.py: Tile by multiples of known length,
DynamicStitch)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("math", "loop_accum_matmul")
GEN = generator("math", "loop_accum_matmul")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "amd"


@pytest.mark.parametrize("kind", GEN.KINDS)
def test_loop_accumulator_sums_as_tf(kind):
    with tf.Graph().as_default():
        got = GEN._run(tf, kind)
    assert len(got) == len(GOLD[kind])
    for g, want in zip(got, GOLD[kind]):
        np.testing.assert_array_equal(np.asarray(g, np.uint32), np.asarray(want, np.uint32))

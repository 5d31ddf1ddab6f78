"""Grappler's MatMul + BiasAdd (+ Elu) fusion inside while-loop bodies against TF 1.14
(tests/golden/math/gen_remap_loop_body.py, made on an Intel Xeon: its host recorded):
OutputProjectionWrapper's one-column projection in dynamic_rnn and hand-written loops sum
as _FusedMatMul; a MatMul read twice, or remapping off, keeps the matrix-vector sums."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("math", "remap_loop_body")
GEN = goldens.generator("math", "remap_loop_body")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])   # (the MatMuls' bits)


@pytest.mark.parametrize("remap", [True, False])
def test_projection_in_dynamic_rnn(remap):
    got = GEN.projection(tf, remap)
    want = GOLD["projection" if remap else "projection_remap_off"]
    for i, (g, w) in enumerate(zip(got, want)):
        np.testing.assert_array_equal(g, w, err_msg="step %d" % i)


@pytest.mark.parametrize("remap", [True, False])
def test_hand_written_loops(remap):
    got = GEN.loops(tf, remap)
    for k, g in sorted(got.items()):
        np.testing.assert_array_equal(g, GOLD[k if remap else k + "_remap_off"], err_msg=k)

"""Grappler's symbolic shapes in a tf.while_loop body: a capture's Enter has the shape the
enclosing plan gives its value (u_hat = tf.einsum of a fed u: [a, 6, 3, 5]), and a
StridedSlice with ellipsis and new axis (`c[..., None]`) passes its dims on, so capsule
routing's squash `sq / (1 + sq) * s / sqrt(sq + eps)` in the body is regrouped by
MinimizeBroadcasts as TF 1.14 regroups it, in a tf.cond branch too (its captures'
Switches); with u_hat fed the chain is not regrouped
(tests/golden/math/gen_loop_symbolic_shapes.py, made on an AMD EPYC: `host`)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("math", "loop_symbolic_shapes")
WANT = goldens.load("math", "loop_symbolic_shapes")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # TF's MatMul bits depend on the host's caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", WANT["host"])


def test_golden_host_is_recorded():
    assert WANT["host"] == "amd"


@pytest.mark.parametrize("name", sorted(GEN.CASES))
@pytest.mark.parametrize("off", [False, True])
def test_values_are_tfs(name, off):
    got, want = GEN.CASES[name](tf, off=off), WANT[name + ("_off" if off else "")]
    for a, b in zip(got, want, strict=True):
        np.testing.assert_array_equal(a, b, err_msg=f"{name} off={off}")


def test_regrouping_changes_bits():
    # (the cases can fail: TF's regrouped values differ from those with the arithmetic
    # optimizer off)
    for name in GEN.CASES:
        assert not all(np.array_equal(a, b) for a, b in zip(WANT[name], WANT[name + "_off"]))

"""Recurrent loops at batch 1 in float32 give TF 1.14's bits (golden rnn/batch1_rnn): the
one-row MatMuls are Eigen's gemv, column- or row-major by the op's transpose_b, whatever
the memory layout of the weights (the orthogonal initializer's Transpose leaves the
recurrent kernel a transposed view). Each case runs fused (the fused runner asserted to
run, forward and gradient) and plain (the matcher off)."""
import numpy as np
import pytest

import flowgrad as tf

import fused_runs
import goldens

GEN = goldens.generator("rnn", "batch1_rnn")
WANT = goldens.load("rnn", "batch1_rnn")


_flat = fused_runs.flat


def _run(name, fused, monkeypatch):
    got, calls = fused_runs.run(lambda: GEN.run(tf, name), fused, monkeypatch)
    return got, [ok for _, ok in calls]


# (LSTMCell(num_proj=, use_peepholes=True) needs Grappler's AddOpsRewrite: its
# `(f + forget_bias) + w_f * c` runs as `forget_bias + (f + w_f * c)`, fused and plain)
KNOWN_DIFFERENT: set = set()


@pytest.mark.parametrize("fused", [True, False], ids=["fused", "plain"])
@pytest.mark.parametrize("name", [
    pytest.param(k, marks=pytest.mark.xfail(strict=True, reason="known different"))
    if k in KNOWN_DIFFERENT else k for k in sorted(GEN.CASES)])
def test_batch1_tf_bits(name, fused, monkeypatch):
    got, calls = _run(name, fused, monkeypatch)
    if fused:
        assert len(calls) >= 2 and all(calls), "the fused runner did not run"
    want = _flat(WANT[name])
    got = _flat(got)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)   # bit for bit TF's

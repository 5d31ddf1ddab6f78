"""float64 recurrent loops give TF 1.14's bits (golden rnn/loop_grads64): TF's float64
MatMul is Eigen's double GEBP kernel (eigen_gebp.product64), and the fused loop runners'
products follow it. dynamic_rnn / bidirectional_dynamic_rnn over GRU and LSTM cells and
Keras LSTM / GRU layers, gradients and Adam steps, each run with the fused runners
(asserted to run for the cells and layers they fuse) and plain (the matcher off)."""
import numpy as np
import pytest

import flowgrad as tf

import fused_runs
import goldens

GEN = goldens.generator("rnn", "loop_grads64")
WANT = goldens.load("rnn", "loop_grads64")

FUSED = {"gru", "lstm", "basic_lstm", "lstm_proj"}   # the cells lstm_loop fuses


_flat, _run = fused_runs.flat, fused_runs.run


def _check(got, want):
    got, want = _flat(got), _flat(want)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert np.asarray(g).dtype == np.float64 or np.ndim(g) == 0
        np.testing.assert_array_equal(g, w)   # bit for bit TF's


@pytest.mark.parametrize("fused", [True, False], ids=["fused", "plain"])
@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_rnn_float64_tf_bits(name, fused, monkeypatch):
    got, calls = _run(lambda: GEN.run(tf, name), fused, monkeypatch)
    if fused and GEN.CASES[name][0] in FUSED:
        ran = {m for m, ok in calls if ok}
        assert ran == {"forward", "backward"} and all(ok for _, ok in calls), calls
    _check(got, WANT[name])


@pytest.mark.parametrize("fused", [True, False], ids=["fused", "plain"])
@pytest.mark.parametrize("name", sorted(GEN.KERAS))
def test_keras_float64_tf_bits(name, fused, monkeypatch):
    got, calls = _run(lambda: GEN.run_keras(tf, name), fused, monkeypatch)
    if fused:
        assert calls and all(ok for _, ok in calls), calls
    _check(got, WANT[name])

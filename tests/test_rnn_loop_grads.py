"""While-loop gradients of recurrent cells in float32 give TF 1.14's bits (golden
rnn/loop_grads): dynamic_rnn and bidirectional_dynamic_rnn, with and without
sequence_length, gradients and Adam / SGD steps, Grappler's arithmetic optimizer on (the
gradient loops' AddNs summed with their inputs sorted by name, as TF). Each case runs
with the fused loop runners (asserted to run where the cell is one GRU or LSTM) and plain
(the matcher off): both give TF's bits."""
import numpy as np
import pytest

import flowgrad as tf

import fused_runs
import goldens

GEN = goldens.generator("rnn", "loop_grads")
WANT = goldens.load("rnn", "loop_grads")

# the cells lstm_loop fuses (forward and gradient loops)
FUSED = {"gru", "lstm", "basic_lstm", "lstm_proj"}


_flat, _run = fused_runs.flat, fused_runs.run


def _check(got, want):
    got, want = _flat(got), _flat(want)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)   # bit for bit TF's


@pytest.mark.parametrize("fused", [True, False], ids=["fused", "plain"])
@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_loop_grads_tf_bits(name, fused, monkeypatch):
    got, calls = _run(lambda: GEN.run(tf, name), fused, monkeypatch)
    if fused and GEN.CASES[name][0] in FUSED:
        ran = {m for m, ok in calls if ok}
        assert ran == {"forward", "backward"} and all(ok for _, ok in calls), calls
    _check(got, WANT[name])


@pytest.mark.parametrize("fused", [True, False], ids=["fused", "plain"])
@pytest.mark.parametrize("steps", [2, 7])
def test_gru_state_only_kernel_grads(steps, fused, monkeypatch):
    """A GRUCell's kernels' gradients of a loss of the final state (they differed from
    TF's in the last bits while the gradient loop's AddN kept tf.gradients' order)."""
    got, calls = _run(lambda: GEN.state_only(tf, steps), fused, monkeypatch)
    if fused:
        assert calls and all(ok for _, ok in calls), calls
    _check(got, WANT["gru_state_only_%d" % steps])

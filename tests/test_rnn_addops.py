"""Recurrent loops that Grappler's arithmetic optimizer rewrites give TF 1.14's bits
(golden rnn/rnn_addops): Keras RNN([GRUCell, LSTMCell]) (a body gradient's AddN sorts the
loop variable's gradient under TF's name, `<while>/Merge_k_grad/Switch:1`), contrib
LayerNormBasicLSTMCell (built on contrib.layers.layer_norm as TF's, so AddOpsRewrite and
constant push-down act on TF's nodes), stacked Keras SimpleRNN / GRU / LSTM layers with
return_sequences; gradients and Adam steps. Each case runs with the fused loop runners
and plain (the matcher off)."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import lstm_loop

import fused_runs
import goldens

GEN = goldens.generator("rnn", "rnn_addops")
WANT = goldens.load("rnn", "rnn_addops")
_flat = fused_runs.flat


@pytest.mark.parametrize("fused", [True, False], ids=["fused", "plain"])
@pytest.mark.parametrize("name", sorted(GEN.CASES))
def test_rnn_addops_tf_bits(name, fused, monkeypatch):
    if not fused:
        monkeypatch.setattr(lstm_loop, "match", lambda *a: None)
    tf.reset_default_graph()
    got, want = _flat(GEN.run(tf, name)), _flat(WANT[name])
    assert len(got) == len(want)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)   # bit for bit TF's


def test_layer_norm_cell_ops_are_tfs():
    """The cell's normalization is contrib.layers.layer_norm's (TF's op names)."""
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, (5, 7, 6))
    tf.nn.dynamic_rnn(tf.contrib.rnn.LayerNormBasicLSTMCell(8), x, dtype=tf.float32)
    names = {op.name for op in tf.get_default_graph().get_operations()}
    cell = "rnn/while/rnn/layer_norm_basic_lstm_cell/"
    for want in ("forget_1/batchnorm/add_1", "forget_1/moments/mean", "state_1/batchnorm/mul",
                 "add"):
        assert cell + want in names

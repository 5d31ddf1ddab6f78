"""RNN cells and drivers against TF 1.14 (tests/golden/rnn/gen_rnn.py): outputs, final
states, gradients w.r.t. inputs and weights, variable names and shapes."""
import numpy as np
import pytest
from goldens import generator, load, path
from test_functional_ops import _close

import flowgrad as tf
from flowgrad.cli import run_script

GEN = generator("rnn", "rnn")
GOLDEN = load("rnn", "rnn")


@pytest.mark.parametrize("fn", GEN.CASES, ids=lambda f: f.__name__[5:])
def test_matches_tf114(fn):
    tf.reset_default_graph()
    got = fn(tf)
    _close(got, GOLDEN[fn.__name__[5:]], fn.__name__)


def test_char_lstm_tutorial_prints_tf114_losses(capsys):
    """A char-level LSTM (MultiRNNCell, dynamic_rnn with sequence_length, softmax, Adam)
    run with `flowgrad run` prints TF 1.14's variable names and losses."""
    code = run_script(path("rnn", "char_lstm.py"), [])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out == load("rnn", "char_lstm")["stdout"]


@pytest.mark.parametrize("name", sorted(load("rnn", "block_cells")))
def test_contrib_block_cells_match_tf114(name):
    gen = generator("rnn", "block_cells")
    tf.reset_default_graph()
    got = gen._case(tf, gen.CELLS[name])
    want = load("rnn", "block_cells")[name]
    assert got[2] == want[2]
    for a, b in zip(got[0] + got[1], want[0] + want[1]):
        np.testing.assert_allclose(a, b, rtol=2e-5, atol=2e-6)


@pytest.mark.parametrize("fn", generator("rnn", "stack").CASES, ids=lambda f: f.__name__[5:])
def test_contrib_stacked_bidirectional_matches_tf114(fn):
    tf.reset_default_graph()
    _close(fn(tf), load("rnn", "stack")[fn.__name__[5:]], fn.__name__)


def test_raw_rnn_matches_tf114():
    fn = generator("rnn", "raw_rnn").case_raw_rnn
    tf.reset_default_graph()
    _close(fn(tf), load("rnn", "raw_rnn")["raw_rnn"], "raw_rnn")


@pytest.mark.parametrize("name", sorted(load("rnn", "layer_norm")))
def test_contrib_layer_norm_lstm_matches_tf114(name):
    gen = generator("rnn", "layer_norm")
    tf.reset_default_graph()
    _close(gen._case(tf, **gen.KWARGS[name]), load("rnn", "layer_norm")[name], name)

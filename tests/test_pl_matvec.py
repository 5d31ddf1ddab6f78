"""MatMul through Eigen's matrix-vector kernel (one output column, or one output row with
b transposed) against TF 1.14 bit for bit."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("nn", "pl_matvec")
GEN = generator("nn", "pl_matvec")
GOT = {}


def _matvec():
    if not GOT:
        GOT.update(GEN.matvec(tf))
    return GOT


@pytest.mark.parametrize("key", sorted(GOLD["matvec"]))
def test_matvec(key):
    for i, (g, w) in enumerate(zip(_matvec()[key], GOLD["matvec"][key])):
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_array_equal(g, w, err_msg="%s[%d]" % (key, i))


def test_linear_regression():
    got, want = GEN.linear_regression(tf), GOLD["linear_regression"]
    np.testing.assert_array_equal(got["losses"], want["losses"])
    np.testing.assert_array_equal(got["pred"], want["pred"])


@pytest.mark.parametrize("make", [
    lambda: tf.keras.layers.LSTM(8, return_sequences=True),
    lambda: tf.keras.layers.LSTM(1),
    lambda: tf.keras.layers.GRU(6),
    lambda: tf.keras.layers.GRU(1, reset_after=True),
])
@pytest.mark.parametrize("batch", [1, 4])
def test_fused_keras_loops_keep_one_column_products(make, batch, monkeypatch):
    """An input of depth 1 (or a state of size 1): the fused Keras loops' backward products
    are MatMuls with one output column, Eigen's gemv as the plain loop's kernels."""
    import test_keras_loop as loops
    build = loops._case(make, dtype=np.float32, batch=batch, steps=5, depth=1, training=True)
    got, _, _ = loops._run(build, True, monkeypatch)
    want, _, _ = loops._run(build, False, monkeypatch)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)


@pytest.mark.parametrize("case", [dict(), dict(depth=1), dict(units=1), dict(batch=1, depth=1)])
@pytest.mark.parametrize("cell", ["proj1", "gru", "basic"])
def test_fused_rnn_loops_keep_one_column_products(case, cell, monkeypatch):
    """tf.nn.rnn_cell LSTMs projecting to one value and 1-unit GRUs (MatMuls with one
    output column) run as the plain loop (the fused runners step aside), the others
    fused: the same bits either way."""
    import test_lstm_loop as loops
    make = {"proj1": lambda u: tf.nn.rnn_cell.LSTMCell(u, num_proj=1),
            "gru": lambda u: tf.nn.rnn_cell.GRUCell(u),
            "basic": lambda u: tf.nn.rnn_cell.BasicLSTMCell(u)}[cell]
    build = loops._lstm_case(make, **case)
    got, _, _ = loops._run(build, True, monkeypatch)
    want, _, _ = loops._run(build, False, monkeypatch)
    for g, w in zip(loops._flat(got), loops._flat(want)):
        np.testing.assert_array_equal(g, w)

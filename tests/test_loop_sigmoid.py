"""The fused loops' Sigmoid on gates of at least lstm_loop.SIGMOID_WHERE_MAX elements (its
numerator by arithmetic, not np.where): bit for bit the plain loop's, LSTM and GRU, both
float types, with sequence_length's copy-through."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import lstm_loop
from test_lstm_loop import _compare, _lstm_case


@pytest.mark.parametrize("case", [
    dict(batch=16, steps=4, depth=20, units=64),                       # 16 x 256 gates
    dict(batch=16, steps=4, depth=20, units=64, dtype=np.float64, lengths=[4, 1] * 8),
])
def test_large_gates_lstm(case, monkeypatch):
    assert case["batch"] * 4 * case["units"] >= lstm_loop.SIGMOID_WHERE_MAX
    _compare(_lstm_case(lambda u: tf.nn.rnn_cell.BasicLSTMCell(u), **case), monkeypatch)


@pytest.mark.parametrize("case", [
    dict(batch=32, steps=4, depth=20, units=64),                       # 32 x 128 gates
    dict(batch=32, steps=4, depth=20, units=64, dtype=np.float64, lengths=[4, 2] * 16),
])
def test_large_gates_gru(case, monkeypatch):
    assert case["batch"] * 2 * case["units"] >= lstm_loop.SIGMOID_WHERE_MAX
    _compare(_lstm_case(lambda u: tf.nn.rnn_cell.GRUCell(u), **case), monkeypatch)

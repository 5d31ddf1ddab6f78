"""tf.contrib.rnn's SRUCell, IndRNNCell, IndyGRUCell, IndyLSTMCell and ConvLSTMCell /
Conv1D/2D/3DLSTMCell against TF 1.14
(tests/golden/rnn/gen_contrib_cells.py): outputs, states, gradients, variable names and
shapes, the op counter after them and graph-seeded numbers made later."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("rnn", "contrib_cells")
WANT = goldens.load("rnn", "contrib_cells")


@pytest.mark.parametrize("name", sorted(WANT))
def test_contrib_cell_equals_tf(name):
    out, states, grads, rand, names, count = GEN.run_case(tf, name)
    w_out, w_states, w_grads, w_rand, w_names, w_count = WANT[name]
    np.testing.assert_allclose(out, w_out, rtol=1e-12, atol=1e-13)
    for a, b in zip(states, w_states):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-13)
    assert len(grads) == len(w_grads)
    for a, b in zip(grads, w_grads):
        np.testing.assert_allclose(a, b, rtol=1e-11, atol=1e-12)
    assert [list(n) for n in names] == [list(n) for n in w_names]
    assert count == w_count
    np.testing.assert_array_equal(rand, w_rand)


def test_contrib_cells_are_exported():
    for name in ("SRUCell", "IndRNNCell", "IndyGRUCell", "IndyLSTMCell"):
        assert getattr(tf.contrib.rnn, name).__module__.endswith("_indy")
    for name in ("ConvLSTMCell", "Conv1DLSTMCell", "Conv2DLSTMCell", "Conv3DLSTMCell"):
        assert getattr(tf.contrib.rnn, name).__module__.endswith("_conv_lstm")


def test_conv_lstm_cell_errors_and_skip_connection():
    with pytest.raises(ValueError, match=r"Invalid input_shape \[4, 3\] for conv_ndims=2"):
        tf.contrib.rnn.ConvLSTMCell(2, [4, 3], 2, [3, 3])
    cell = tf.contrib.rnn.Conv2DLSTMCell(input_shape=[4, 3, 2], output_channels=5,
                                         kernel_shape=[3, 3], skip_connection=True)
    assert cell.output_size.as_list() == [4, 3, 7]
    assert cell.state_size.h.as_list() == [4, 3, 5]
    x = tf.zeros([2, 4, 3, 2])
    out, st = cell(x, cell.zero_state(2, tf.float32))
    assert out.shape.as_list() == [2, 4, 3, 7]
    assert [v.name for v in tf.trainable_variables()][-2:] == [
        "conv_2d_lstm_cell/kernel:0", "conv_2d_lstm_cell/biases:0"]

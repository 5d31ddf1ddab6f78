"""tf.contrib.grid_rnn's cells against TF 1.14 (tests/golden/rnn/gen_grid_rnn.py): outputs,
states, gradients, variable names and shapes, the op counter after dynamic_rnn and
graph-seeded numbers made later."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("rnn", "grid_rnn")
WANT = goldens.load("rnn", "grid_rnn")


@pytest.mark.parametrize("name", sorted(WANT))
def test_grid_rnn_cell_equals_tf(name):
    outs, states, grads, rand, names, count = GEN.run_case(tf, name)
    w_outs, w_states, w_grads, w_rand, w_names, w_count = WANT[name]
    assert len(outs) == len(w_outs) and len(states) == len(w_states)
    for a, b in zip(outs + states, w_outs + w_states):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-13)
    assert len(grads) == len(w_grads)
    for a, b in zip(grads, w_grads):
        assert (a is None) == (b is None)
        if b is not None:
            np.testing.assert_allclose(a, b, rtol=1e-11, atol=1e-12)
    assert [list(n) for n in names] == [list(n) for n in w_names]
    assert count == w_count
    np.testing.assert_array_equal(rand, w_rand)


def test_grid_rnn_errors_are_tfs():
    g = tf.contrib.grid_rnn
    with pytest.raises(ValueError, match="dims must be >= 1: 0"):
        g.GridRNNCell(2, num_dims=0)
    with pytest.raises(ValueError, match=r"Invalid dims: \[2\]. Must be in \[0, 2\)"):
        g.GridRNNCell(2, num_dims=2, input_dims=2)
    with pytest.raises(TypeError, match="cell_fn must return an RNNCell instance"):
        g.GridRNNCell(2, cell_fn=lambda n: object())
    cell = g.Grid2LSTMCell(2)
    assert cell.output_size == (2,)
    assert cell.state_size == (tf.nn.rnn_cell.LSTMStateTuple(2, 2),) * 2
    # BasicLSTMCell keeps a tuple state: 2 * 3 per recurrent dimension, as TF
    flat = g.Grid2BasicLSTMCell(3, state_is_tuple=False, output_is_tuple=False)
    assert flat.state_size == 12 and flat.output_size == 3


def test_non_recurrent_fn_without_scope_initializer_is_tfs_attribute_error():
    # TF 1.14's non-recurrent dimension falls back to
    # `layers.initializers.xavier_initializer`, which tf.contrib.layers lacks (checked
    # with the oracle): an AttributeError; with a scope initializer it builds
    g = tf.Graph()
    with g.as_default():
        x = tf.zeros([2, 4])
        cell = tf.contrib.grid_rnn.Grid2LSTMCell(3, non_recurrent_fn=tf.nn.relu)
        with pytest.raises(AttributeError, match="^module 'tensorflow.contrib.layers' has "
                           "no attribute 'initializers'$"):
            cell(x, cell.zero_state(2, tf.float32))
        with tf.variable_scope("ok", initializer=tf.glorot_uniform_initializer(seed=1)):
            out, _ = cell(x, cell.zero_state(2, tf.float32))
        assert out[0].shape.as_list() == [2, 3]

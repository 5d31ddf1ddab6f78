"""TF 1.14 goldens: tf.contrib.grid_rnn's cells (Grid1/2 BasicRNN, Grid1/2 BasicLSTM,
Grid1/2/3 LSTM, Grid2GRU and GridRNNCell with its dimension options) in dynamic_rnn
(float64, sequence_length [4, 2]): outputs, final states, gradients of the input and of
every variable, variable names and shapes, the op counter after dynamic_rnn and the
numbers of a graph-seeded random_uniform made after it (tests/test_grid_rnn.py)."""
import numpy as np

X = np.random.RandomState(5).uniform(-1, 1, (2, 4, 3))
X4 = np.random.RandomState(9).uniform(-1, 1, (2, 4, 4))


def _cells(tf):
    g = tf.contrib.grid_rnn
    return {
        "grid1_basic_rnn": (lambda: g.Grid1BasicRNNCell(3), X),
        "grid2_basic_rnn_tied": (lambda: g.Grid2BasicRNNCell(3, tied=True), X),
        "grid2_basic_rnn_nonrec": (lambda: g.Grid2BasicRNNCell(
            2, non_recurrent_fn=tf.nn.relu), X),
        "grid1_basic_lstm": (lambda: g.Grid1BasicLSTMCell(3, forget_bias=0.5), X),
        "grid2_basic_lstm_flat": (lambda: g.Grid2BasicLSTMCell(
            2, state_is_tuple=False, output_is_tuple=False), X),
        "grid1_lstm_peep": (lambda: g.Grid1LSTMCell(2, use_peepholes=True), X),
        "grid2_lstm": (lambda: g.Grid2LSTMCell(3), X),
        "grid2_lstm_nonrec": (lambda: g.Grid2LSTMCell(
            2, non_recurrent_fn=tf.tanh, forget_bias=0.5), X),
        "grid3_lstm_peep": (lambda: g.Grid3LSTMCell(2, use_peepholes=True), X),
        "grid2_gru": (lambda: g.Grid2GRUCell(3), X),
        "grid2_gru_tied_out_flat": (lambda: g.Grid2GRUCell(
            2, tied=True, output_is_tuple=False), X),
        "gridrnn_custom": (lambda: g.GridRNNCell(
            2, num_dims=3, input_dims=[0, 1], output_dims=[0, 2], priority_dims=1,
            cell_fn=lambda n: tf.nn.rnn_cell.GRUCell(n)), X4),
        "gridrnn_nonrec_sigmoid": (lambda: g.GridRNNCell(
            2, num_dims=3, input_dims=0, output_dims=[0, 2], priority_dims=0,
            non_recurrent_dims=0, non_recurrent_fn=tf.sigmoid), X),
        "gridrnn_default_lstm": (lambda: g.GridRNNCell(
            2, num_dims=2, input_dims=0, output_dims=1, priority_dims=0), X),
    }


def _flatten(state):
    if isinstance(state, (tuple, list)):
        return [t for s in state for t in _flatten(s)]
    return [state]


def run_case(tf, name):
    make, xv = _cells(tf)[name]
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(2)
        x = tf.constant(xv)
        init = tf.random_uniform_initializer(-0.5, 0.5, seed=6, dtype=tf.float64)
        with tf.variable_scope("s", initializer=init):
            cell = make()
            out, state = tf.nn.dynamic_rnn(cell, x, sequence_length=[4, 2],
                                           dtype=tf.float64)
        count = g._last_id
        r = tf.random_uniform([3])
        outs, flat = _flatten(out), _flatten(state)
        loss = tf.add_n([tf.reduce_sum(tf.sin(o)) for o in outs]
                        + [tf.reduce_sum(s * s) for s in flat])
        grads = tf.gradients(loss, [x] + tf.trainable_variables())
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            got = sess.run([outs, flat, [v for v in grads if v is not None], r])
        it = iter(got[2])
        got[2] = [None if v is None else next(it) for v in grads]   # unused variable: None
        names = [[v.name, v.shape.as_list()] for v in tf.global_variables()]
    return got + [names, count]


def cases(tf):
    return {name: run_case(tf, name) for name in sorted(_cells(tf))}

"""TF 1.14 goldens: tf.contrib.rnn's SRUCell, IndRNNCell, IndyGRUCell, IndyLSTMCell,
UGRNNCell and Conv1D/2D/3DLSTMCell in dynamic_rnn (float64, sequence_length): outputs, final states, gradients of the input and
of every variable, variable names and shapes, the op counter after dynamic_rnn and the
numbers of a graph-seeded random_uniform made after it
(tests/test_contrib_rnn_cells.py)."""
import numpy as np

X = np.random.RandomState(5).uniform(-1, 1, (2, 4, 3))
# [batch, time, *spatial, channels] for the conv cells (1-D, 2-D and 3-D)
XC = {1: np.random.RandomState(6).uniform(-1, 1, (2, 3, 5, 2)),
      2: np.random.RandomState(7).uniform(-1, 1, (2, 3, 4, 3, 2)),
      3: np.random.RandomState(8).uniform(-1, 1, (2, 2, 3, 2, 3, 1))}


def _cells(tf):
    rnn = tf.contrib.rnn
    return {"sru": lambda: rnn.SRUCell(3),
            "sru_relu": lambda: rnn.SRUCell(3, activation=tf.nn.relu),
            "indrnn": lambda: rnn.IndRNNCell(4),
            "indy_gru": lambda: rnn.IndyGRUCell(3),
            "indy_gru_init": lambda: rnn.IndyGRUCell(
                3, bias_initializer=tf.constant_initializer(0.3, dtype=tf.float64)),
            "indy_lstm": lambda: rnn.IndyLSTMCell(3),
            "indy_lstm_fb": lambda: rnn.IndyLSTMCell(2, forget_bias=0.25),
            "conv1d_lstm": lambda: rnn.Conv1DLSTMCell(input_shape=[5, 2], output_channels=3,
                                                      kernel_shape=[3]),
            "conv2d_lstm": lambda: rnn.Conv2DLSTMCell(
                input_shape=[4, 3, 2], output_channels=2, kernel_shape=[3, 2],
                forget_bias=0.5),
            "conv3d_lstm_nobias": lambda: rnn.Conv3DLSTMCell(
                input_shape=[3, 2, 3, 1], output_channels=2, kernel_shape=[2, 2, 2],
                use_bias=False),
            "conv_lstm": lambda: rnn.ConvLSTMCell(2, [4, 3, 2], 3, [1, 3]),
            "ugrnn": lambda: rnn.UGRNNCell(3),
            "ugrnn_init": lambda: rnn.UGRNNCell(
                2, initializer=tf.constant_initializer(0.1, dtype=tf.float64),
                forget_bias=0.5, activation=tf.nn.relu)}


_CONV_DIMS = {"conv1d_lstm": 1, "conv2d_lstm": 2, "conv3d_lstm_nobias": 3,
              "conv_lstm": 2}


def run_case(tf, name):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(2)
        x = tf.constant(XC[_CONV_DIMS[name]] if name in _CONV_DIMS else X)
        init = tf.random_uniform_initializer(-0.5, 0.5, seed=6, dtype=tf.float64)
        with tf.variable_scope("s", initializer=init):
            cell = _cells(tf)[name]()
            out, state = tf.nn.dynamic_rnn(cell, x, sequence_length=[4, 2],
                                           dtype=tf.float64)
        count = g._last_id
        r = tf.random_uniform([3])
        flat = list(state) if isinstance(state, tuple) else [state]
        loss = tf.reduce_sum(tf.sin(out)) + tf.add_n([tf.reduce_sum(s * s) for s in flat])
        grads = tf.gradients(loss, [x] + tf.trainable_variables())
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            got = sess.run([out, flat, grads, r])
        names = [[v.name, v.shape.as_list()] for v in tf.global_variables()]
    return got + [names, count]


def cases(tf):
    return {name: run_case(tf, name) for name in sorted(_cells(tf))}

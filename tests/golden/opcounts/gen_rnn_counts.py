"""TF 1.14's ops for the RNN drivers (dynamic_rnn, bidirectional_dynamic_rnn, static_rnn,
static_bidirectional_rnn, raw_rnn over LSTM / GRU / MultiRNNCell cells, with and without
sequence_length): the op counter after the call, the names and types of the ops outside
tf.cond / tf.while_loop (flowgrad's ops inside them have other names), and the numbers
of a graph-seeded random_uniform made after the call (tests/test_rnn_counts.py)."""
import re

import numpy as np

_CF = re.compile(r"^(while|cond|AssertGuard)(_\d+)?$")


def _x(tf):
    return tf.placeholder(tf.float32, (2, 5, 3), name="x")


def _lstm(tf):
    return tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(4), _x(tf), dtype=tf.float32)


def _lstm_seq(tf):
    return tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), _x(tf), sequence_length=[3, 5],
                             dtype=tf.float32)


def _lstm_seq_tensor(tf):
    n = tf.placeholder(tf.int64, (None,), name="n")
    return tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicLSTMCell(4), _x(tf), sequence_length=n,
                             dtype=tf.float32)


def _gru(tf):
    return tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(4), _x(tf), dtype=tf.float32)


def _multi(tf):
    cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(4),
                                        tf.nn.rnn_cell.LSTMCell(3)])
    return tf.nn.dynamic_rnn(cell, _x(tf), dtype=tf.float32)


def _time_major(tf):
    return tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(4), _x(tf), time_major=True,
                             dtype=tf.float32)


def _unknown_batch(tf):
    x = tf.placeholder(tf.float32, (None, 5, 3), name="x")
    return tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(4), x, dtype=tf.float32)


def _initial_state(tf):
    cell = tf.nn.rnn_cell.BasicLSTMCell(4)
    return tf.nn.dynamic_rnn(cell, _x(tf), initial_state=cell.zero_state(2, tf.float32))


def _bidi(tf):
    return tf.nn.bidirectional_dynamic_rnn(tf.nn.rnn_cell.GRUCell(4),
                                           tf.nn.rnn_cell.GRUCell(4), _x(tf),
                                           dtype=tf.float32)


def _bidi_seq(tf):
    return tf.nn.bidirectional_dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4),
                                           tf.nn.rnn_cell.GRUCell(4), _x(tf),
                                           sequence_length=[3, 5], dtype=tf.float32)


def _static(tf):
    return tf.nn.static_rnn(tf.nn.rnn_cell.BasicLSTMCell(4), tf.unstack(_x(tf), axis=1),
                            dtype=tf.float32)


def _static_seq(tf):
    return tf.nn.static_rnn(tf.nn.rnn_cell.BasicLSTMCell(4), tf.unstack(_x(tf), axis=1),
                            sequence_length=[3, 5], dtype=tf.float32)


def _static_bidi_seq(tf):
    return tf.nn.static_bidirectional_rnn(tf.nn.rnn_cell.GRUCell(4),
                                          tf.nn.rnn_cell.GRUCell(4),
                                          tf.unstack(_x(tf), axis=1), sequence_length=[3, 5],
                                          dtype=tf.float32)


def _raw(tf):
    x = _x(tf)
    inputs_ta = tf.TensorArray(tf.float32, size=5).unstack(tf.transpose(x, [1, 0, 2]))
    cell = tf.nn.rnn_cell.BasicLSTMCell(4)

    def loop_fn(time, cell_output, cell_state, loop_state):
        state = cell.zero_state(2, tf.float32) if cell_output is None else cell_state
        finished = time >= 4
        return finished, inputs_ta.read(tf.minimum(time, 4)), state, cell_output, None
    return tf.nn.raw_rnn(cell, loop_fn)


def _reverse_sequence(tf):
    return tf.reverse_sequence(_x(tf), [2, 4], seq_axis=1, batch_axis=0)


CALLS = [("dynamic_rnn/lstm", _lstm), ("dynamic_rnn/lstm_seq", _lstm_seq),
         ("dynamic_rnn/lstm_seq_tensor", _lstm_seq_tensor), ("dynamic_rnn/gru", _gru),
         ("dynamic_rnn/multi", _multi), ("dynamic_rnn/time_major", _time_major),
         ("dynamic_rnn/unknown_batch", _unknown_batch),
         ("dynamic_rnn/initial_state", _initial_state),
         ("bidirectional_dynamic_rnn", _bidi), ("bidirectional_dynamic_rnn/seq", _bidi_seq),
         ("static_rnn", _static), ("static_rnn/seq", _static_seq),
         ("static_bidirectional_rnn/seq", _static_bidi_seq), ("raw_rnn", _raw),
         ("reverse_sequence", _reverse_sequence)]


def run_case(tf, fn):
    """(op counter, [[name, type]] outside cond/while, random numbers after), seed 11."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(11)
        fn(tf)
        count = g._last_id
        ops = [[o.name, o.type] for o in g.get_operations()
               if not any(_CF.match(part) for part in o.name.split("/"))]
        r = tf.random_uniform([3])
        with tf.Session(graph=g) as s:
            vals = s.run(r)
    return count, ops, np.asarray(vals)


def cases(tf):
    out = {}
    for name, fn in CALLS:
        count, ops, vals = run_case(tf, fn)
        out[name] = {"count": count, "ops": ops, "random": vals}
    return out

"""TF 1.14's ops for tf.keras's recurrent layers (SimpleRNN, LSTM, GRU, implementation 1
and 2, with dropout / recurrent_dropout, reset_after, peepholes, stacked cells): the op
counter after the call, the names and types of the ops outside tf.cond / tf.while_loop,
the numbers of a graph-seeded random_uniform made after the call, and, with
tf.set_random_seed(11) and numpy's global seed 7 (Keras draws dropout op seeds from it),
the layer's output in the training phase on a fixed input (so the seeded weights and
the dropout masks are TF's) (tests/test_keras_rnn_counts.py)."""
import re

import numpy as np

_CF = re.compile(r"^(while|cond|AssertGuard)(_\d+)?$")


def _x(tf):
    return tf.constant(np.linspace(-1.5, 1.2, 30, dtype=np.float32).reshape(2, 5, 3),
                       name="x")


def _layer(kind, **kw):
    def make(tf):
        return getattr(tf.keras.layers, kind)(4, **kw)(_x(tf), training=True)
    return make


def _peephole(tf):
    cell = tf.keras.experimental.PeepholeLSTMCell(4, dropout=0.2)
    return tf.keras.layers.RNN(cell)(_x(tf), training=True)


def _stacked(tf):
    cells = [tf.keras.layers.LSTMCell(4, recurrent_dropout=0.3),
             tf.keras.layers.GRUCell(3, dropout=0.2)]
    return tf.keras.layers.RNN(cells, return_sequences=True)(_x(tf), training=True)


def _embedding_lstm(tf):
    ids = tf.constant(np.array([[1, 4, 2, 0, 0], [3, 3, 1, 2, 4]], np.int32), name="ids")
    m = tf.keras.Sequential([tf.keras.layers.Embedding(6, 3, input_length=5),
                             tf.keras.layers.LSTM(4, dropout=0.25, recurrent_dropout=0.1)])
    return m(ids, training=True)


CALLS = [("simple_rnn", _layer("SimpleRNN")),
         ("simple_rnn/dropout", _layer("SimpleRNN", dropout=0.3, recurrent_dropout=0.2)),
         ("lstm", _layer("LSTM")),
         ("lstm/sigmoid_sequences", _layer("LSTM", recurrent_activation="sigmoid",
                                           return_sequences=True, return_state=True)),
         ("lstm/dropout", _layer("LSTM", dropout=0.2, recurrent_dropout=0.3)),
         ("lstm/implementation2", _layer("LSTM", implementation=2, dropout=0.2,
                                         recurrent_dropout=0.1)),
         ("lstm/no_bias_backwards", _layer("LSTM", use_bias=False, go_backwards=True)),
         ("gru", _layer("GRU")),
         ("gru/dropout", _layer("GRU", dropout=0.2, recurrent_dropout=0.3)),
         ("gru/reset_after", _layer("GRU", reset_after=True, recurrent_dropout=0.2)),
         ("gru/implementation2", _layer("GRU", implementation=2, reset_after=True,
                                        dropout=0.3)),
         ("peephole_lstm", _peephole), ("stacked", _stacked),
         ("embedding_lstm", _embedding_lstm)]


def run_case(tf, fn):
    """(op counter, [[name, type]] outside cond/while, random numbers after, output)."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(11)
        np.random.seed(7)
        out = fn(tf)
        count = g._last_id
        ops = [[o.name, o.type] for o in g.get_operations()
               if not any(_CF.match(part) for part in o.name.split("/"))]
        r = tf.random_uniform([3])
        if isinstance(out, (list, tuple)):   # return_state: the output and the states
            out = tf.concat([tf.reshape(o, [-1]) for o in out], 0)
        with tf.Session(graph=g) as s:
            s.run(tf.global_variables_initializer())
            vals, got = s.run([r, out])
    return count, ops, np.asarray(vals), np.asarray(got)


def cases(tf):
    out = {}
    for name, fn in CALLS:
        count, ops, vals, got = run_case(tf, fn)
        out[name] = {"count": count, "ops": ops, "random": vals, "output": got}
    return out

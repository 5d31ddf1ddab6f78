"""Node names and op types of one tf.gradients call through two loops, as TF 1.14 makes
them (tests/test_pgradnames_nodes.py runs the same case functions with flowgrad):
bidirectional_dynamic_rnn, two stacked dynamic_rnn, two dynamic_rnn in one loss, two
while_loops, a while_loop and a dynamic_rnn; BasicLSTMCell, GRUCell, LSTMBlockCell,
GRUBlockCellV2; a known and an unknown batch size. TF numbers the second loop gradient's
ops in the tf.gradients scope on from the first's (gradients/zeros_5, gradients/Shape_6,
gradients/AddN_1, gradients/Const_5, gradients/f_acc_5, gradients/StackPopV2_5/Enter...).
Each case: the GraphDef's [[name, op], ...] (TF's get_operations() lists the same, in
the same order).
Names and types do not depend on the host (made on an Intel Xeon; "host" says which)."""
from goldenio import host_vendor


def _x(tf, batch):
    return tf.placeholder(tf.float32, (batch, 5, 3), name="x")


def _listing(tf):
    return [[n.name, n.op] for n in tf.get_default_graph().as_graph_def().node]


def _lstm(tf):
    return tf.nn.rnn_cell.BasicLSTMCell(4)


def _gru(tf):
    return tf.nn.rnn_cell.GRUCell(3)


def _lstm_block(tf):
    return tf.contrib.rnn.LSTMBlockCell(4)


def _gru_block(tf):
    return tf.contrib.rnn.GRUBlockCellV2(3)


def _bidirectional(make_fw, make_bw, batch):
    def fn(tf):
        x = _x(tf, batch)
        (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(make_fw(tf), make_bw(tf), x,
                                                      dtype=tf.float32)
        tf.gradients(tf.reduce_sum(fw) + tf.reduce_sum(bw), tf.trainable_variables())
        return _listing(tf)
    return fn


def _stacked(make1, make2, batch):
    def fn(tf):
        x = _x(tf, batch)
        with tf.variable_scope("l1"):
            h, _ = tf.nn.dynamic_rnn(make1(tf), x, dtype=tf.float32)
        with tf.variable_scope("l2"):
            h2, _ = tf.nn.dynamic_rnn(make2(tf), h, dtype=tf.float32)
        tf.gradients(tf.reduce_sum(h2), tf.trainable_variables())
        return _listing(tf)
    return fn


def _two_losses(make1, make2, batch):
    def fn(tf):
        x = _x(tf, batch)
        with tf.variable_scope("a"):
            h, _ = tf.nn.dynamic_rnn(make1(tf), x, dtype=tf.float32)
        with tf.variable_scope("b"):
            h2, _ = tf.nn.dynamic_rnn(make2(tf), x, dtype=tf.float32)
        tf.gradients(tf.reduce_sum(h) + tf.reduce_sum(h2), tf.trainable_variables())
        return _listing(tf)
    return fn


def _while_then_rnn(make, batch):
    def fn(tf):
        x = _x(tf, batch)
        w = tf.Variable(tf.ones((3,)), name="w")
        _, y = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, tf.sin(a) * w),
                             [tf.constant(0), x])
        h, _ = tf.nn.dynamic_rnn(make(tf), y, dtype=tf.float32)
        tf.gradients(tf.reduce_sum(h), tf.trainable_variables())
        return _listing(tf)
    return fn


def _rnn_then_while(make, batch):
    def fn(tf):
        x = _x(tf, batch)
        h, _ = tf.nn.dynamic_rnn(make(tf), x, dtype=tf.float32)

        def body(i, a):
            _, s1 = tf.split(a, 2, axis=1)   # (an unused output: its zeros)
            return i + 1, tf.tanh(a) * a + tf.concat([s1, s1], 1)
        _, y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), h[:, -1]])
        tf.gradients(tf.reduce_sum(y), tf.trainable_variables())
        return _listing(tf)
    return fn


def _two_whiles(batch):
    def fn(tf):
        x = _x(tf, batch)
        w = tf.Variable(tf.ones((3,)), name="w")

        def body(i, a):
            _, s1, _ = tf.split(a, 3, axis=2)   # (two unused outputs: their zeros)
            return i + 1, tf.sin(a) * w + a * a + s1
        _, y = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x])
        _, z = tf.while_loop(lambda i, a: i < 2, body, [tf.constant(0), y * 2.0])
        tf.gradients(tf.reduce_sum(z), tf.trainable_variables())
        return _listing(tf)
    return fn


CASES = {}
for _batch, _tag in ((2, ""), (None, "_unknown_batch")):
    CASES.update({
        "bidirectional_lstm_gru" + _tag: _bidirectional(_lstm, _gru, _batch),
        "bidirectional_lstm_block" + _tag: _bidirectional(_lstm_block, _lstm_block, _batch),
        "stacked_lstm" + _tag: _stacked(_lstm, _lstm, _batch),
        "stacked_lstm_block_gru_block" + _tag: _stacked(_lstm_block, _gru_block, _batch),
        "two_losses_gru_block" + _tag: _two_losses(_gru_block, _gru_block, _batch),
        "two_whiles" + _tag: _two_whiles(_batch),
        "while_then_lstm" + _tag: _while_then_rnn(_lstm, _batch),
        "while_then_gru_block" + _tag: _while_then_rnn(_gru_block, _batch),
        "lstm_block_then_while" + _tag: _rnn_then_while(_lstm_block, _batch),
    })


def cases(tf):
    out = {"host": host_vendor()}
    for name, fn in CASES.items():
        tf.reset_default_graph()
        out[name] = fn(tf)
    return out

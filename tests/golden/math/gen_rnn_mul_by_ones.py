"""Gradients of a dynamic_rnn's output (helper pshape2): tf.gradients' `ones * y` for
`sum(square(out))` is folded by Grappler's constant folding into a BroadcastTo when its
shape inference cannot prove y of the output's shape (the TensorArrayGatherV3's time dim
is a symbol), but into an Identity when a shape function merges that symbol with a known
dim: `sum(sigmoid(out) * out)` beside it makes SigmoidGrad(sigmoid(out), ones * out)
merge it with the ones' dims, and every tensor of out's shape is then known; the AddN of
out's gradient then reads `Sigmoid` and `Square_grad/Mul` by name (a fed input too).
paddn2's loops3.py (variants 2 and 3 differed in 46/4/28 and 39/4/21/2 values)."""
import numpy as np


def _grads(tf, cell, fed, sigmoid, steps=11):
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        xv = np.random.RandomState(0).randn(3, steps, 4).astype(np.float32)
        x = tf.placeholder(tf.float32, [3, steps, 4]) if fed else tf.constant(xv)
        outs, _ = tf.nn.dynamic_rnn(cell(), x, dtype=tf.float32)
        loss = tf.reduce_sum(tf.square(outs))
        if sigmoid:
            loss = loss + tf.reduce_sum(tf.sigmoid(outs) * outs)
        g = tf.gradients(loss, tf.trainable_variables())
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            return s.run(g, {x: xv} if fed else None)


def _gru(tf):
    return lambda: tf.nn.rnn_cell.GRUCell(5)


def _lstm(tf):
    return lambda: tf.nn.rnn_cell.LSTMCell(5, use_peepholes=True)


def _basic(tf):
    return lambda: tf.nn.rnn_cell.BasicRNNCell(5)


def gru_const(tf):
    return _grads(tf, _gru(tf), False, False)


def gru_fed(tf):
    return _grads(tf, _gru(tf), True, False)


def gru_const_sigmoid(tf):
    return _grads(tf, _gru(tf), False, True)


def gru_fed_sigmoid(tf):
    return _grads(tf, _gru(tf), True, True)


def lstm_const_sigmoid(tf):
    return _grads(tf, _lstm(tf), False, True, steps=7)


def lstm_fed_sigmoid(tf):
    return _grads(tf, _lstm(tf), True, True, steps=7)


def basic_fed_sigmoid(tf):
    return _grads(tf, _basic(tf), True, True, steps=7)


CASES = ["gru_const", "gru_fed", "gru_const_sigmoid", "gru_fed_sigmoid",
         "lstm_const_sigmoid", "lstm_fed_sigmoid", "basic_fed_sigmoid"]


def cases(tf):
    return {name: globals()[name](tf) for name in CASES}

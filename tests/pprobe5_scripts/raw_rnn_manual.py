"""tf.nn.raw_rnn with a hand-written loop_fn (feeding the previous output back, an emit
structure, finish by length) over a BasicLSTMCell; tf.scan-built Elman RNN alongside;
both trained with Adam on a toy target."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(141)
rs = np.random.RandomState(142)
T, B, D = 5, 3, 2
inp = tf.placeholder(tf.float32, [T, B, D])
lens = tf.constant([5, 3, 4])
ta = tf.TensorArray(tf.float32, T).unstack(inp)
cell = tf.nn.rnn_cell.BasicLSTMCell(4)
proj = tf.layers.Dense(D, name="proj")


def loop_fn(t, out, state, loop_state):
    if out is None:
        nxt = ta.read(0)
        return (t >= lens, nxt, cell.zero_state(B, tf.float32), tf.zeros([4]), None)
    fin = t >= lens
    p = proj(out)
    nxt = tf.cond(tf.reduce_all(fin), lambda: tf.zeros([B, D]), lambda: ta.read(t) + 0.5 * p)
    return (fin, nxt, state, out, None)


outs_ta, fstate, _ = tf.nn.raw_rnn(cell, loop_fn)
outs = outs_ta.stack()
Wh = tf.get_variable("Wh", [3, 3], initializer=tf.orthogonal_initializer(seed=3))
Wx = tf.get_variable("Wx", [D, 3], initializer=tf.glorot_normal_initializer(seed=4))
hs = tf.scan(
    lambda h, x: tf.tanh(tf.matmul(h, Wh) + tf.matmul(x, Wx)), inp, initializer=tf.zeros([B, 3])
)
loss = (
    tf.reduce_mean(tf.square(outs)) + tf.reduce_mean(tf.square(hs - 0.3)) + tf.reduce_mean(fstate.c)
)
train = tf.train.AdamOptimizer(0.05).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
X = rs.randn(T, B, D).astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        lv, _ = s.run([loss, train], {inp: X})
        print(i, repr(float(lv)))
    o, h = s.run([outs, hs], {inp: X})
    print(H(o), H(h), repr(o[:, 1, 0].tolist()))

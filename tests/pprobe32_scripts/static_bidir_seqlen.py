"""tf.nn.static_rnn and tf.nn.static_bidirectional_rnn over an unstacked batch with
sequence_length (zeros past each length, the state copied through), GRU forward and
LSTM (state_is_tuple) backward cells, a given initial_state_fw, outputs concatenated
for a per-step classifier trained with RMSProp: op counts, names, losses, hashes."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(3211)
rs = np.random.RandomState(3212)
B, T, D, N, K = 3, 5, 4, 6, 3
X = tf.placeholder(tf.float32, [B, T, D])
L = tf.placeholder(tf.int32, [B])
Y = tf.placeholder(tf.int32, [B, T])
xs = tf.unstack(X, axis=1)
init = tf.glorot_uniform_initializer(seed=3213)
g0 = tf.get_default_graph()
with tf.variable_scope("uni", initializer=init):
    ucell = tf.nn.rnn_cell.BasicLSTMCell(N)
    uouts, ustate = tf.nn.static_rnn(ucell, xs, sequence_length=L, dtype=tf.float32)
print("uni", len(g0.get_operations()), uouts[-1].name, ustate.c.name, ustate.h.name)
with tf.variable_scope("bi", initializer=init):
    fw = tf.nn.rnn_cell.GRUCell(N)
    bw = tf.nn.rnn_cell.LSTMCell(N, use_peepholes=True)
    h0 = tf.get_variable("h0", [1, N])
    outs, sfw, sbw = tf.nn.static_bidirectional_rnn(
        fw, bw, xs, initial_state_fw=tf.tile(h0, [B, 1]), dtype=tf.float32,
        sequence_length=L)
print("bi", len(g0.get_operations()), len(outs), outs[0].name, sfw.name, sbw.c.name)
logits = tf.stack([tf.layers.dense(o, K, name="cls", reuse=tf.AUTO_REUSE) for o in outs], 1)
mask = tf.sequence_mask(L, T, dtype=tf.float32)
loss = tf.contrib.seq2seq.sequence_loss(logits, Y, mask)
train = tf.train.RMSPropOptimizer(0.01).minimize(loss)
print("all", len(g0.get_operations()))
xv = rs.randn(B, T, D).astype(np.float32)
lv_ = np.array([5, 3, 1], np.int32)
yv = rs.randint(0, K, (B, T)).astype(np.int32)
fd = {X: xv, L: lv_, Y: yv}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    u, us = s.run([uouts, ustate], fd)
    print([H(a) for a in u[2:]], H(us.c), H(us.h))
    print(repr(u[4][1].tolist()), repr(us.h[1].tolist()))
    for i in range(4):
        lv, _ = s.run([loss, train], fd)
        print(i, repr(float(lv)))
    o, a, b = s.run([outs, sfw, sbw], fd)
    print(H(np.stack(o)), H(a), H(b.c), H(b.h))
    print(repr(o[3][2].tolist()))
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))

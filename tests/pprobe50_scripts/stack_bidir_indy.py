"""stack_bidirectional_dynamic_rnn with sequence lengths (batch- and time-major) over
IndyGRUCell / IndyLSTMCell / UGRNNCell / CoupledInputForgetGateLSTMCell forward and
backward layers, one wrapped in ResidualWrapper with a residual_fn, an initial state for
the first layer, trained three Adagrad steps: op counts, names, losses, hashes, and the
zeroed outputs past each length."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(5031)
rs = np.random.RandomState(5032)
cr = tf.contrib.rnn
B, T, D, N = 3, 5, 4, 4
Xn = rs.randn(B, T, D).astype(np.float32)
X = tf.constant(Xn)
L = tf.constant([4, 5, 2], tf.int64)
init = tf.glorot_uniform_initializer(seed=5033)
g = tf.get_default_graph()
with tf.variable_scope("sb", initializer=init):
    fw = [cr.IndyGRUCell(N), cr.ResidualWrapper(
        cr.UGRNNCell(2 * N, forget_bias=0.5), residual_fn=lambda i, o: 0.5 * i + o)]
    bw = [cr.IndyLSTMCell(N, forget_bias=0.2), cr.CoupledInputForgetGateLSTMCell(
        N, use_peepholes=True)]
    h0 = tf.constant(rs.randn(B, N).astype(np.float32) * 0.3)
    out, sf, sbw = cr.stack_bidirectional_dynamic_rnn(
        fw, bw, X, initial_states_fw=[h0, None], sequence_length=L, dtype=tf.float32)
print("sb", len(g.get_operations()), out.shape.as_list())
with tf.variable_scope("tm", initializer=init):
    out2, sf2, sb2 = cr.stack_bidirectional_dynamic_rnn(
        [cr.IndRNNCell(N, activation=tf.nn.relu)], [cr.IndyGRUCell(N)],
        tf.transpose(X, [1, 0, 2]), sequence_length=L, dtype=tf.float32, time_major=True,
        scope="tstack")
print("tm", len(g.get_operations()), out2.shape.as_list())
for v in tf.trainable_variables():
    print(v.name, v.shape.as_list())
loss = tf.reduce_mean(tf.square(out)) + tf.reduce_mean(tf.abs(out2)) + tf.reduce_sum(
    sf[1]) * 0.01 + tf.reduce_sum(sbw[1].h) * 0.01
train = tf.train.AdagradOptimizer(0.1).minimize(loss)
print("ops", len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    a, b, c, d = s.run([out, sf, sbw, out2])
    print(H(a), H(b[0]), H(b[1]), H(c[0].c), H(c[1].h), H(d))
    print(repr(a[2, 1].tolist()), repr(a[2, 3].tolist()))
    print(repr(d[4, 0].tolist()))

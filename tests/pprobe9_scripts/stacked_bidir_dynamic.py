"""tf.contrib.rnn.stack_bidirectional_dynamic_rnn for sequence tagging: three layers of
LSTMBlockCell/GRU cells wrapped in DropoutWrapper (variational recurrent dropout with
input_size, seeded) and ResidualWrapper, per-layer initial states, sequence lengths and
time_major both ways; also stack_bidirectional_rnn (static) over unstacked inputs;
per-token softmax loss masked by length, Momentum: op counts, losses, state hashes."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1021)
rs = np.random.RandomState(1022)
B, T, D, N, K = 3, 6, 4, 4, 3
X = tf.placeholder(tf.float32, [B, T, D])
L = tf.placeholder(tf.int32, [B])
Y = tf.placeholder(tf.int32, [B, T])
cr = tf.contrib.rnn
init = tf.glorot_uniform_initializer(seed=1023)


def cell(i, d):
    c = cr.LSTMBlockCell(N) if d == "f" else tf.nn.rnn_cell.GRUCell(N)
    c = tf.nn.rnn_cell.DropoutWrapper(c, input_keep_prob=0.9, state_keep_prob=0.8,
                                      variational_recurrent=True, dtype=tf.float32,
                                      input_size=D if i == 0 else 2 * N, seed=1024 + i)
    return c


with tf.variable_scope("stack", initializer=init):
    fws = [cell(i, "f") for i in range(3)]
    bws = [cell(i, "b") for i in range(3)]
    out, sf, sb = cr.stack_bidirectional_dynamic_rnn(fws, bws, X, sequence_length=L,
                                                     dtype=tf.float32)
print("dyn", len(tf.get_default_graph().get_operations()))
with tf.variable_scope("tm", initializer=init):
    out_tm, _, _ = cr.stack_bidirectional_dynamic_rnn(
        [tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.LSTMCell(D))],
        [tf.nn.rnn_cell.GRUCell(N)], tf.transpose(X, [1, 0, 2]), sequence_length=L,
        dtype=tf.float32, time_major=True)
with tf.variable_scope("static", initializer=init):
    outs, _, _ = cr.stack_bidirectional_rnn([tf.nn.rnn_cell.GRUCell(3)] * 1,
                                            [tf.nn.rnn_cell.GRUCell(3)], tf.unstack(X, axis=1),
                                            sequence_length=L, dtype=tf.float32)
print("all", len(tf.get_default_graph().get_operations()))
h = tf.concat([out, tf.transpose(out_tm, [1, 0, 2]), tf.stack(outs, 1)], 2)
logits = tf.layers.dense(h, K, kernel_initializer=init)
mask = tf.sequence_mask(L, T, dtype=tf.float32)
loss = tf.losses.sparse_softmax_cross_entropy(Y, logits, weights=mask)
train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
x = rs.randn(B, T, D).astype(np.float32)
ln = np.array([6, 3, 5], np.int32)
y = rs.randint(0, K, (B, T)).astype(np.int32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, _ = s.run([loss, train], {X: x, L: ln, Y: y})
        print(i, repr(float(lv)))
    a, b, c = s.run([sf, sb, out_tm], {X: x, L: ln})
    print([H(t) for t in tf.contrib.framework.nest.flatten(a)])
    print([H(t) for t in tf.contrib.framework.nest.flatten(b)])
    print(H(c))

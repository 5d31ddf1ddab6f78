"""tf.contrib.rnn.AttentionCellWrapper (Cheng et al. attention over the last k outputs) on
an LSTMCell with and without state_is_tuple, unrolled by dynamic_rnn and static_rnn, in a
sequence classifier trained with Momentum: op counts, losses, state hashes."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(911)
rs = np.random.RandomState(912)
B, T, D, N, K = 4, 6, 3, 5, 3
X = tf.placeholder(tf.float32, [B, T, D])
Y = tf.placeholder(tf.int32, [B])
init = tf.glorot_uniform_initializer(seed=913)
with tf.variable_scope("dyn", initializer=init):
    c1 = tf.contrib.rnn.AttentionCellWrapper(tf.nn.rnn_cell.LSTMCell(N), K, state_is_tuple=True)
    o1, s1 = tf.nn.dynamic_rnn(c1, X, dtype=tf.float32)
print("dyn", len(tf.get_default_graph().get_operations()))
with tf.variable_scope("stat", initializer=init):
    c2 = tf.contrib.rnn.AttentionCellWrapper(
        tf.nn.rnn_cell.LSTMCell(N, state_is_tuple=False), K, attn_size=4, attn_vec_size=6,
        state_is_tuple=False)
    o2, s2 = tf.nn.static_rnn(c2, tf.unstack(X, axis=1), dtype=tf.float32)
print("stat", len(tf.get_default_graph().get_operations()))
feat = tf.concat([o1[:, -1], o2[-1]], 1)
logits = tf.layers.dense(feat, 3, kernel_initializer=init)
loss = tf.losses.sparse_softmax_cross_entropy(Y, logits)
train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
x = rs.randn(B, T, D).astype(np.float32)
y = rs.randint(0, 3, B).astype(np.int32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, _ = s.run([loss, train], {X: x, Y: y})
        print(i, repr(float(lv)))
    a, b = s.run([s1, s2], {X: x})
    print([H(t) for t in tf.contrib.framework.nest.flatten(a)])
    print(H(b))
    print(s.run(o1, {X: x})[0, :, 0].tolist())

"""LSTMBlockFusedCell time-major with sequence_length, an initial_state tuple, cell_clip
and use_peephole, and GRUBlockCellV2 / LSTMBlockCell through dynamic_rnn, trained three
RMSProp steps: op counts and types, losses, final-state hashes, the zeroed tail past each
sequence_length."""
import collections
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(5011)
rs = np.random.RandomState(5012)
cr = tf.contrib.rnn
B, T, D, N = 3, 5, 4, 3
X = tf.constant(rs.randn(T, B, D).astype(np.float32))
L = tf.constant([5, 2, 3])
c0 = tf.constant(rs.randn(B, N).astype(np.float32) * 0.5)
h0 = tf.constant(rs.randn(B, N).astype(np.float32) * 0.5)
init = tf.glorot_uniform_initializer(seed=5013)
g = tf.get_default_graph()
with tf.variable_scope("fused", initializer=init):
    fc = cr.LSTMBlockFusedCell(N, forget_bias=0.7, cell_clip=1.0, use_peephole=True)
    fo, fst = fc(X, initial_state=(c0, h0), dtype=tf.float32, sequence_length=L)
print("fused", len(g.get_operations()), type(fst).__name__)
with tf.variable_scope("gru", initializer=init):
    go, gst = tf.nn.dynamic_rnn(cr.GRUBlockCellV2(N), X, sequence_length=L,
                                time_major=True, dtype=tf.float32)
with tf.variable_scope("lstmb", initializer=init):
    lo, lst = tf.nn.dynamic_rnn(cr.LSTMBlockCell(N, use_peephole=True, cell_clip=2.0), X,
                                sequence_length=L, time_major=True, dtype=tf.float32)
print("cells", len(g.get_operations()))
print(sorted(collections.Counter(o.type for o in g.get_operations()
                                 if "Block" in o.type or "GRU" in o.type).items()))
y = tf.constant(rs.randn(B, N).astype(np.float32))
loss = (tf.reduce_mean(tf.square(fst.h - y)) + tf.reduce_mean(tf.square(gst - y))
        + tf.reduce_mean(tf.square(lst.h - y)) + 0.1 * tf.reduce_mean(fo))
train = tf.train.RMSPropOptimizer(0.01, momentum=0.5).minimize(loss)
print("ops", len(g.get_operations()))
for v in tf.trainable_variables():
    print(v.name, v.shape.as_list())
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    a, b, c, d, e = s.run([fo, fst, go, gst, lst])
    print(H(a), H(b.c), H(b.h), H(c), H(d), H(e.c), H(e.h))
    print(repr(a[:, 1].tolist()))
    print(repr(c[:, 2].tolist()))

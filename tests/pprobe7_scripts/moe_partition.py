"""A sparsely-gated mixture of experts: a softmax gate with top_k routing, tokens sent to
experts with dynamic_partition and put back with dynamic_stitch, per-expert dense layers,
a load-balancing loss from unsorted_segment_sum / bincount-style counts (math.bincount),
segment_mean / unsorted_segment_max pooling of tokens into sentences; trained with
Adam and printing routing counts."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(811)
rs = np.random.RandomState(812)
E, D, NT = 3, 6, 20
x = tf.placeholder(tf.float32, [NT, D])
seg = tf.placeholder(tf.int32, [NT])
y = tf.placeholder(tf.float32, [5, 1])
gate_logits = tf.layers.dense(x, E, name="gate")
gates = tf.nn.softmax(gate_logits)
top_v, top_i = tf.nn.top_k(gates, k=1)
expert = tf.reshape(top_i, [-1])
weight = tf.reshape(top_v, [-1, 1])
idx = tf.range(NT)
parts = tf.dynamic_partition(x, expert, E)
pidx = tf.dynamic_partition(idx, expert, E)
outs = []
for e in range(E):
    outs.append(tf.layers.dense(parts[e], D, tf.nn.tanh, name="expert%d" % e))
mixed = tf.dynamic_stitch(pidx, outs) * weight
counts = tf.unsorted_segment_sum(tf.ones([NT]), expert, E)
importance = tf.reduce_sum(gates, 0)
balance = E * tf.reduce_sum((counts / NT) * (importance / NT))
bc = tf.math.bincount(expert, minlength=E)
sent_mean = tf.segment_mean(mixed, seg)
sent_max = tf.unsorted_segment_max(mixed, seg, 5)
sent_min = tf.math.unsorted_segment_min(mixed, seg, 5)
pred = tf.layers.dense(tf.concat([sent_mean, sent_max, sent_min], 1), 1)
loss = tf.losses.mean_squared_error(y, pred) + 0.01 * balance
train = tf.train.AdamOptimizer(0.02).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
X = rs.randn(NT, D).astype(np.float32)
S = np.sort(rs.randint(0, 5, NT)).astype(np.int32)
S[:5] = np.arange(5)
S = np.sort(S)
Y = rs.randn(5, 1).astype(np.float32)
fd = {x: X, seg: S, y: Y}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(6):
        lv, b, c, _ = s.run([loss, balance, bc, train], fd)
        print(i, repr(float(lv)), repr(float(b)), c.tolist())
    m, a, b = s.run([mixed, sent_mean, sent_max], fd)
    print(H(m), H(a), H(b))
    print(repr(a[0].tolist()))

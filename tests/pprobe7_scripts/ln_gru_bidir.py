"""contrib.rnn cells in bidirectional nets: LayerNormBasicLSTMCell (dropout off, layer norm
on) forward and GRUBlockCell backward in bidirectional_dynamic_rnn with sequence lengths,
then stack_bidirectional_dynamic_rnn over LSTMBlockCell pairs, mean-pooled with a sequence
mask and trained with RMSProp under clip_by_global_norm."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(721)
rs = np.random.RandomState(722)
B, T, D = 3, 7, 4
x = tf.placeholder(tf.float32, [B, T, D])
lens = tf.placeholder(tf.int32, [B])
y = tf.placeholder(tf.int32, [B])
fw = tf.contrib.rnn.LayerNormBasicLSTMCell(5)
bw = tf.contrib.rnn.GRUBlockCell(4)
(of, ob), (sf, sb) = tf.nn.bidirectional_dynamic_rnn(
    fw, bw, x, sequence_length=lens, dtype=tf.float32, scope="bi1"
)
h1 = tf.concat([of, ob], 2)
cf = [tf.contrib.rnn.LSTMBlockCell(3), tf.contrib.rnn.LSTMBlockCell(3)]
cb = [tf.contrib.rnn.LSTMBlockCell(3), tf.contrib.rnn.LSTMBlockCell(3)]
h2, st_f, st_b = tf.contrib.rnn.stack_bidirectional_dynamic_rnn(
    cf, cb, h1, sequence_length=lens, dtype=tf.float32
)
mask = tf.sequence_mask(lens, T, dtype=tf.float32)[:, :, None]
pooled = tf.reduce_sum(h2 * mask, 1) / tf.reduce_sum(mask, 1)
logits = tf.layers.dense(tf.concat([pooled, sf.h, sb], 1), 3)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
tv = tf.trainable_variables()
grads = tf.gradients(loss, tv)
clipped, gn = tf.clip_by_global_norm(grads, 1.0)
train = tf.train.RMSPropOptimizer(0.01).apply_gradients(zip(clipped, tv))
print(len(tf.get_default_graph().get_operations()))
for v in tv:
    print(v.name, v.shape.as_list())
X = rs.randn(B, T, D).astype(np.float32)
L = np.array([7, 3, 5], np.int32)
Y = np.array([0, 2, 1], np.int32)
fd = {x: X, lens: L, y: Y}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, g, _ = s.run([loss, gn, train], fd)
        print(i, repr(float(lv)), repr(float(g)))
    a, b = s.run([h2, sb], fd)
    print(H(a), H(b), repr(a[1, 2].tolist()))

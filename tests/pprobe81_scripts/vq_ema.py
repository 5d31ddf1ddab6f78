"""VQ-VAE with exponential-moving-average codebook updates (as in sonnet's VectorQuantizerEMA
and TF1 reimplementations): moving_averages.assign_moving_average with zero_debias on the
cluster sizes and the summed encodings, Laplace smoothing of the counts; printed state."""
import numpy as np
import tensorflow as tf
from tensorflow.python.training import moving_averages

np.random.seed(0)
tf.set_random_seed(21)
rs = np.random.RandomState(7)
X = rs.randn(12, 4).astype(np.float32)

K, D, decay, eps = 5, 4, 0.9, 1e-5
x = tf.placeholder(tf.float32, [None, D])
emb = tf.get_variable("embedding", [D, K], initializer=tf.random_normal_initializer(seed=3),
                      trainable=False)
ema_cs = tf.get_variable("ema_cluster_size", [K], initializer=tf.zeros_initializer(),
                         trainable=False)
ema_w = tf.get_variable("ema_dw", initializer=emb.initialized_value(), trainable=False)
dist = (tf.reduce_sum(x ** 2, 1, keepdims=True) - 2 * tf.matmul(x, emb)
        + tf.reduce_sum(emb ** 2, 0, keepdims=True))
idx = tf.argmax(-dist, 1)
enc = tf.one_hot(idx, K)
q = tf.matmul(enc, emb, transpose_b=True)
commit = tf.reduce_mean((tf.stop_gradient(q) - x) ** 2)
upd_cs = moving_averages.assign_moving_average(ema_cs, tf.reduce_sum(enc, 0), decay,
                                               zero_debias=True)
dw = tf.matmul(x, enc, transpose_a=True)
upd_w = moving_averages.assign_moving_average(ema_w, dw, decay, zero_debias=True)
n = tf.reduce_sum(upd_cs)
cs = (upd_cs + eps) / (n + K * eps) * n
norm = upd_w / tf.reshape(cs, [1, -1])
with tf.control_dependencies([commit]):
    update = tf.assign(emb, norm)
print(upd_cs.op.name, upd_w.op.name)
print(sorted(v.op.name for v in tf.global_variables()))
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        c, i, _ = sess.run([commit, idx, update], {x: X + 0.1 * step})
        print(step, repr(c), i.tolist())
        print(repr(sess.run(ema_cs)))
    print(repr(sess.run(emb)))
    print(sorted(v.op.name for v in tf.global_variables()))

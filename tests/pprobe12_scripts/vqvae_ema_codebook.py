"""A VQ-VAE bottleneck as in the VQ-VAE TF1 reference code (sonnet's VectorQuantizerEMA
written with plain TF): squared distances to a codebook by expansion, tf.argmin codes,
tf.one_hot encodings, quantize by matmul, the straight-through estimator
inputs + tf.stop_gradient(quantized - inputs), the commitment loss, perplexity, and the EMA
codebook update with moving_averages.assign_moving_average (zero_debias=False) of the
cluster sizes and sums, Laplace smoothing, tf.assign of the embeddings inside
tf.control_dependencies; codes, losses, perplexities and codebooks."""

import hashlib

import numpy as np
import tensorflow as tf
from tensorflow.python.training import moving_averages


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1291)
rs = np.random.RandomState(1292)
E, KC = 3, 6
X = rs.randn(20, 5).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 5])
is_training = tf.placeholder_with_default(True, [])
z = tf.layers.dense(x, E, kernel_initializer=tf.glorot_uniform_initializer(seed=91), name="enc")
with tf.variable_scope("vq"):
    w = tf.get_variable("embedding", [E, KC], initializer=tf.random_normal_initializer(seed=92),
                        use_resource=False)
    ema_cluster_size = tf.get_variable("ema_cluster_size", [KC],
                                       initializer=tf.constant_initializer(0), trainable=False)
    ema_w = tf.get_variable("ema_dw", initializer=w.initialized_value(), trainable=False)
flat = tf.reshape(z, [-1, E])
distances = (tf.reduce_sum(flat ** 2, 1, keepdims=True) - 2 * tf.matmul(flat, w)
             + tf.reduce_sum(w ** 2, 0, keepdims=True))
encoding_indices = tf.argmax(-distances, 1)
encodings = tf.one_hot(encoding_indices, KC)
quantized = tf.matmul(encodings, w, transpose_b=True)
e_latent_loss = tf.reduce_mean((tf.stop_gradient(quantized) - z) ** 2)
decay, eps = 0.9, 1e-5


def ema_update():
    upd_size = moving_averages.assign_moving_average(
        ema_cluster_size, tf.reduce_sum(encodings, 0), decay, zero_debias=False)
    dw = tf.matmul(flat, encodings, transpose_a=True)
    upd_w = moving_averages.assign_moving_average(ema_w, dw, decay, zero_debias=False)
    with tf.control_dependencies([e_latent_loss]):
        n = tf.reduce_sum(upd_size)
        upd_size = (upd_size + eps) / (n + KC * eps) * n
        normalised = upd_w / tf.reshape(upd_size, [1, -1])
        with tf.control_dependencies([tf.assign(w, normalised)]):
            return tf.identity(0.25 * e_latent_loss)


n0 = len(tf.get_default_graph().get_operations())
loss_vq = tf.cond(is_training, ema_update, lambda: 0.25 * e_latent_loss)
print("ops ema cond", len(tf.get_default_graph().get_operations()) - n0)
q_st = z + tf.stop_gradient(quantized - z)
avg_probs = tf.reduce_mean(encodings, 0)
perplexity = tf.exp(-tf.reduce_sum(avg_probs * tf.log(avg_probs + 1e-10)))
recon = tf.layers.dense(q_st, 5, kernel_initializer=tf.glorot_uniform_initializer(seed=93),
                        name="dec")
loss = tf.reduce_mean((recon - x) ** 2) + loss_vq
train = tf.train.AdamOptimizer(1e-2).minimize(loss)
print("trainable", [v.op.name for v in tf.trainable_variables()])
print("ops total", len(tf.get_default_graph().get_operations()))
g_enc = tf.gradients(loss, z)[0]
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("g_enc", H(sess.run(g_enc, {x: X, is_training: False})))
    for i in range(6):
        lv, p, idx, _ = sess.run([loss, perplexity, encoding_indices, train], {x: X})
        print(i, repr(float(lv)), repr(float(p)), idx.tolist())
    print("sizes", sess.run(ema_cluster_size).tolist())
    print("codebook", H(sess.run(w)), H(sess.run(ema_w)))
    print("eval", repr(float(sess.run(loss, {x: X, is_training: False}))))

"""A VQ-VAE bottleneck as TF1 research code writes it: codebook lookup by argmin of squared
distances, the straight-through estimator x + tf.stop_gradient(q - x), a commitment loss and a
codebook loss; losses, codebook usage and the chosen ids over a few Adam steps."""
import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(11)
rs = np.random.RandomState(5)
X = rs.randn(16, 6).astype(np.float32)

K, D = 8, 3
x = tf.placeholder(tf.float32, [None, 6], name="x")
with tf.variable_scope("encoder"):
    z_e = tf.layers.dense(x, D, kernel_initializer=tf.glorot_uniform_initializer(seed=2))
with tf.variable_scope("vq"):
    codebook = tf.get_variable("embedding", [K, D],
                               initializer=tf.random_uniform_initializer(-1.0, 1.0, seed=9))
    dist = (tf.reduce_sum(z_e ** 2, 1, keepdims=True)
            - 2 * tf.matmul(z_e, codebook, transpose_b=True)
            + tf.reduce_sum(codebook ** 2, 1))
    ids = tf.argmin(dist, axis=1)
    z_q = tf.nn.embedding_lookup(codebook, ids)
    z_st = z_e + tf.stop_gradient(z_q - z_e)
with tf.variable_scope("decoder"):
    x_hat = tf.layers.dense(z_st, 6, kernel_initializer=tf.glorot_uniform_initializer(seed=4))
rec = tf.reduce_mean(tf.square(x_hat - x))
vq_loss = tf.reduce_mean(tf.square(tf.stop_gradient(z_e) - z_q))
commit = tf.reduce_mean(tf.square(z_e - tf.stop_gradient(z_q)))
loss = rec + vq_loss + 0.25 * commit
print(dist.shape, ids.dtype, z_q.shape, z_st.op.type, z_st.op.name)
grads = tf.gradients(rec, [codebook, z_e])
print(grads[0] is None, grads[1].shape)
opt = tf.train.AdamOptimizer(0.05)
train = opt.minimize(loss)
usage = tf.unique_with_counts(ids)
perplexity = tf.exp(-tf.reduce_sum(
    tf.reduce_mean(tf.one_hot(ids, K), 0) * tf.log(tf.reduce_mean(tf.one_hot(ids, K), 0) + 1e-10)))
print(len(tf.get_default_graph().get_operations()))
print(sorted(v.op.name for v in tf.trainable_variables()))
np.set_printoptions(precision=8)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        r, v, c, i, p, _ = sess.run([rec, vq_loss, commit, ids, perplexity, train], {x: X})
        print(step, repr(r), repr(v), repr(c), i.tolist(), repr(p))
    u = sess.run(usage, {x: X})
    print(u.y.tolist(), u.count.tolist())
    g = sess.run(tf.gradients(loss, codebook)[0], {x: X})
    print(type(g).__name__, g.values.shape, g.indices.tolist(), repr(g.values.sum()))
    print(repr(sess.run(codebook)))

"""The first session of the process sets ConfigProto(intra_op_parallelism_threads=1,
inter_op_parallelism_threads=1, use_per_session_threads=True): TF's CPU device then runs
every later session's MatMul and Conv2D (forward and gradients) on one thread, whatever
their own configs say; a small conv net and an MLP trained by plain SGD, hashes of the
weights' bytes and a few values at full precision."""
import hashlib

import numpy as np
import tensorflow as tf

np.random.seed(5)
IMG = np.random.randn(8, 12, 12, 3).astype(np.float32)
LAB = np.random.randint(0, 5, size=8).astype(np.int32)
X = np.random.randn(96, 384).astype(np.float32)
Y = np.random.randint(0, 5, size=96).astype(np.int32)


def h(a):
    return hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()[:16]


def build():
    tf.set_random_seed(11)
    img = tf.placeholder(tf.float32, [None, 12, 12, 3])
    lab = tf.placeholder(tf.int32, [None])
    c1 = tf.layers.conv2d(img, 16, 3, padding="same", activation=tf.nn.relu,
                          kernel_initializer=tf.glorot_uniform_initializer(seed=1))
    c2 = tf.layers.conv2d(c1, 24, 5, padding="same", activation=tf.nn.relu,
                          kernel_initializer=tf.glorot_uniform_initializer(seed=2))
    p = tf.reduce_mean(c2, axis=[1, 2])
    lc = tf.layers.dense(p, 5, kernel_initializer=tf.glorot_uniform_initializer(seed=3))
    x = tf.placeholder(tf.float32, [None, 384])
    y = tf.placeholder(tf.int32, [None])
    h1 = tf.layers.dense(x, 700, activation=tf.nn.relu,
                         kernel_initializer=tf.glorot_uniform_initializer(seed=4))
    lm = tf.layers.dense(h1, 5, kernel_initializer=tf.glorot_uniform_initializer(seed=5))
    loss = (tf.losses.sparse_softmax_cross_entropy(lab, lc)
            + tf.losses.sparse_softmax_cross_entropy(y, lm))
    step = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    return (img, lab, x, y), loss, step


def train(config):
    g = tf.Graph()
    with g.as_default():
        (img, lab, x, y), loss, step = build()
        init = tf.global_variables_initializer()
        vs = tf.trainable_variables()
        feed = {img: IMG, lab: LAB, x: X, y: Y}
        with tf.Session(graph=g, config=config) as sess:
            sess.run(init)
            losses = [sess.run([loss, step], feed)[0] for _ in range(3)]
            ws = sess.run(vs)
        return len(g.get_operations()), losses, ws


first = tf.ConfigProto(intra_op_parallelism_threads=1, inter_op_parallelism_threads=1,
                       use_per_session_threads=True)
for name, cfg in [("intra1", first), ("default", None),
                  ("intra2", tf.ConfigProto(intra_op_parallelism_threads=2))]:
    n_ops, losses, ws = train(cfg)
    print(name, n_ops, [repr(float(v)) for v in losses])
    print(" ", [h(w) for w in ws])
    print(" ", repr(ws[0].reshape(-1)[:3].tolist()), repr(ws[4][0, :3].tolist()))

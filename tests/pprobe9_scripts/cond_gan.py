"""A conditional GAN (Mirza & Osindero) on synthetic 2-D mixtures: generator and
discriminator MLPs conditioned by concatenating one-hot labels, leaky_relu, label
flipping/smoothing in sigmoid_cross_entropy, separate Momentum and SGD optimizers over
scoped var_lists, tf.random_normal noise: op counts, losses and sample hashes."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(951)
rs = np.random.RandomState(952)
K, Z = 3, 4
Xr = tf.placeholder(tf.float32, [None, 2])
Yl = tf.placeholder(tf.int32, [None])
oh = tf.one_hot(Yl, K)
z = tf.random_normal([tf.shape(Yl)[0], Z], seed=953)


def gen(z, c):
    with tf.variable_scope("G", reuse=tf.AUTO_REUSE):
        h = tf.layers.dense(tf.concat([z, c], 1), 16, tf.nn.leaky_relu, name="h")
        return tf.layers.dense(h, 2, name="o")


def disc(x, c):
    with tf.variable_scope("D", reuse=tf.AUTO_REUSE):
        h = tf.layers.dense(tf.concat([x, c], 1), 16, lambda t: tf.nn.leaky_relu(t, 0.2), name="h")
        return tf.layers.dense(h, 1, name="o")


fake = gen(z, oh)
dr = disc(Xr, oh)
df = disc(fake, oh)
d_loss = tf.losses.sigmoid_cross_entropy(tf.ones_like(dr), dr, label_smoothing=0.2) + \
    tf.losses.sigmoid_cross_entropy(tf.zeros_like(df), df)
g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.ones_like(df), logits=df))
gv = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "G")
dv = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "D")
d_train = tf.train.MomentumOptimizer(0.02, 0.5).minimize(d_loss, var_list=dv)
g_train = tf.train.GradientDescentOptimizer(0.05).minimize(g_loss, var_list=gv)
print(len(tf.get_default_graph().get_operations()), len(gv), len(dv))
centers = np.array([[2, 0], [-1, 1.7], [-1, -1.7]], np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(10):
        y = rs.randint(0, K, 24).astype(np.int32)
        x = centers[y] + 0.2 * rs.randn(24, 2).astype(np.float32)
        a, _ = s.run([d_loss, d_train], {Xr: x, Yl: y})
        b, _ = s.run([g_loss, g_train], {Yl: y})
        print(i, repr(float(a)), repr(float(b)))
    smp = s.run(fake, {Yl: np.arange(6, dtype=np.int32) % K})
    print(H(smp))
    print(smp.tolist())

"""A fractional-max-pooling net (Graham 2014) on fake images, trained with momentum:
tf.nn.fractional_max_pool (pseudo-random and random, overlapping and not, deterministic
with op seeds) between convolutions with local_response_normalization, a
fractional_avg_pool branch, the pooling sequences the ops return, their gradients
(FractionalMaxPoolGrad / FractionalAvgPoolGrad / LRNGrad) and a few training steps:
the fixed regions repeat over runs."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(571)
rs = np.random.RandomState(3)
g = tf.get_default_graph()
x = tf.placeholder(tf.float32, [4, 12, 12, 3], name="x")
y = tf.placeholder(tf.int32, [4], name="y")
init = tf.variance_scaling_initializer(2.0, seed=8)
h = tf.layers.conv2d(x, 6, 3, padding="same", activation=tf.nn.relu, kernel_initializer=init)
h = tf.nn.local_response_normalization(h, depth_radius=2, bias=2.0, alpha=1e-4, beta=0.75)
p1, rows1, cols1 = tf.nn.fractional_max_pool(h, [1.0, 1.414, 1.414, 1.0], pseudo_random=True,
                                             overlapping=True, deterministic=True,
                                             seed=12, seed2=3)
print(len(g.get_operations()), p1.shape, rows1.dtype.name)
h2 = tf.layers.conv2d(p1, 8, 2, padding="same", activation=tf.nn.relu, kernel_initializer=init)
h2 = tf.nn.lrn(h2, 3, 1.0, 0.001, 0.5)
p2, rows2, cols2 = tf.nn.fractional_max_pool(h2, [1.0, 1.6, 1.6, 1.0], seed=5,
                                             deterministic=True)
a2, rows3, cols3 = tf.nn.fractional_avg_pool(h2, [1.0, 2.0, 1.5, 1.0], pseudo_random=True,
                                             overlapping=True, seed=7,
                                             deterministic=True)
print(len(g.get_operations()), p2.shape, a2.shape)
feat = tf.concat([tf.reduce_mean(p2, [1, 2]), tf.reduce_max(a2, [1, 2])], 1)
logits = tf.layers.dense(feat, 5, kernel_initializer=tf.glorot_normal_initializer(seed=9))
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
gr = tf.gradients(loss, [x, h, p1])
print(len(g.get_operations()), sorted(set(o.type for o in g.get_operations()
                                           if "Grad" in o.type)))
train = tf.train.MomentumOptimizer(0.05, 0.9, use_nesterov=True).minimize(loss)
print(len(g.get_operations()))
X = rs.rand(4, 12, 12, 3).astype(np.float32)
Y = rs.randint(0, 5, 4).astype(np.int32)
fd = {x: X, y: Y}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for r in range(2):
        seqs = s.run([rows1, cols1, rows2, cols2, rows3, cols3], fd)
        print(r, [q.tolist() for q in seqs])
    pv, av, lv = s.run([p1, a2, loss], fd)
    print(H(pv), H(av), repr(float(lv)))
    print([H(v) for v in s.run(gr, fd)])
    for step in range(4):
        lv, _ = s.run([loss, train], fd)
        print(step, repr(float(lv)))
    print([H(v) for v in s.run(tf.trainable_variables())])

"""tf.linalg.expm (float32 and float64, a batch, a large-norm matrix that takes the squaring
path) and a few gradient-descent steps fitting a generator G so that expm(G) matches a
target rotation-like matrix (gradients through expm's Pade and squaring ops); values at
full precision and op counts."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(4811)
rs = np.random.RandomState(4812)

a32 = tf.constant(0.3 * rs.randn(2, 3, 3).astype(np.float32), name="a32")
a64 = tf.constant(rs.randn(4, 4), name="a64")
big = tf.constant(3.0 * rs.randn(3, 3), name="big")
e32 = tf.linalg.expm(a32)
e64 = tf.linalg.expm(a64)
ebig = tf.linalg.expm(big)
n_expm = len(tf.get_default_graph().get_operations())

target = tf.constant([[0.0, -1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], tf.float32)
G = tf.Variable(tf.random_uniform([3, 3], -0.5, 0.5, seed=6), name="G")
loss = tf.reduce_sum(tf.square(tf.linalg.expm(G) - target))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
grad = tf.gradients(loss, G)[0]

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    r32, r64, rb = sess.run([e32, e64, ebig])
    print("e32", r32.tolist())
    print("e64", r64.tolist())
    print("ebig", rb.tolist())
    print("grad0", sess.run(grad).tolist())
    for step in range(6):
        _, lv = sess.run([train, loss])
        print(step, repr(lv))
    print("G", sess.run(G).tolist())
g = tf.get_default_graph()
print("ops", n_expm, len(g.get_operations()))
print("types", sorted({o.type for o in g.get_operations()}))

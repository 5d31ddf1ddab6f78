"""PGD in tf.while_loop (gradients inside the body, stop_gradient, clip to the eps ball),
then an L2 step normalized by tf.norm with keepdims."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(11)
rng = np.random.RandomState(4)
X = rng.rand(4, 6, 6, 2).astype(np.float32)
Y = rng.randint(0, 3, 4)
x = tf.placeholder(tf.float32, [None, 6, 6, 2])
y = tf.placeholder(tf.int32, [None])
Wc = tf.constant((rng.randn(3, 3, 2, 3) * 0.3).astype(np.float32))


def model(inp):
    h = tf.nn.conv2d(inp, Wc, [1, 1, 1, 1], "SAME")
    return tf.reduce_mean(h, axis=[1, 2])


eps, alpha, nb = 0.1, 0.03, 4


def body(i, xa):
    logits = model(xa)
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)
    (g,) = tf.gradients(loss, xa)
    xa = xa + alpha * tf.sign(g)
    eta = tf.clip_by_value(xa - x, -eps, eps)
    xa = tf.stop_gradient(tf.clip_by_value(x + eta, 0.0, 1.0))
    return i + 1, xa


x0 = x + tf.random_uniform(tf.shape(x), -eps, eps, dtype=tf.float32, seed=2)
x0 = tf.clip_by_value(x0, 0.0, 1.0)
_, adv = tf.while_loop(
    lambda i, _: tf.less(i, nb), body, (tf.zeros([]), x0), back_prop=True, maximum_iterations=nb
)
print("ops", len(tf.get_default_graph().get_operations()))
# L2 PGD step with tf.norm and keepdims
g2 = tf.gradients(tf.reduce_sum(model(x)), x)[0]
nrm = tf.norm(tf.reshape(g2, [tf.shape(g2)[0], -1]), axis=1, keepdims=True)
nrm = tf.maximum(nrm, 1e-12)
step = g2 / tf.reshape(nrm, [-1, 1, 1, 1])
nrm2 = tf.sqrt(tf.reduce_sum(tf.square(step), axis=[1, 2, 3], keepdims=True))
print("ops2", len(tf.get_default_graph().get_operations()))
ops = tf.get_default_graph().get_operations()
print(sorted(set(o.type for o in ops)))
with tf.Session() as s:
    a, st, n2 = s.run([adv, step, nrm2], {x: X, y: Y})
    print(
        a.astype(np.float64).sum().hex(),
        float(np.abs(a - X).max()).hex(),
        st.astype(np.float64).sum().hex(),
        n2.ravel().tolist(),
    )
    a2 = s.run(adv, {x: X, y: Y})
    print(a2.astype(np.float64).sum().hex())

"""Reptile (Nichol et al.) on sinusoid regression with tf.Variables: the weights snapshotted into
non-trainable "old" variables by tf.assign under tf.control_dependencies, k inner steps of
tf.train.GradientDescentOptimizer on one task, then the meta step w <- old + eps * (w - old)
as grouped tf.assign ops; the meta-step size annealed through a placeholder; a batched variant
averaging the task deltas with tf.add_n; op counts, losses and weights at full precision."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(2211)
rs = np.random.RandomState(2212)
N, INNER = 10, 4

x = tf.placeholder(tf.float32, [None, 1], "x")
y = tf.placeholder(tf.float32, [None, 1], "y")
eps = tf.placeholder(tf.float32, [], "eps")
h = tf.layers.dense(x, 32, tf.nn.tanh, name="h1",
                    kernel_initializer=tf.glorot_uniform_initializer(seed=3))
h = tf.layers.dense(h, 32, tf.nn.tanh, name="h2",
                    kernel_initializer=tf.glorot_uniform_initializer(seed=4))
out = tf.layers.dense(h, 1, name="out", kernel_initializer=tf.glorot_uniform_initializer(seed=5))
loss = tf.losses.mean_squared_error(y, out)
params = tf.trainable_variables()
old = [tf.Variable(tf.zeros_like(p.initialized_value()), trainable=False,
                   name=p.op.name.replace("/", "_") + "_old") for p in params]
snapshot = tf.group(*[tf.assign(o, p) for o, p in zip(old, params)], name="snapshot")
inner = tf.train.GradientDescentOptimizer(0.02).minimize(loss)
meta = tf.group(*[tf.assign(p, o + eps * (p - o)) for o, p in zip(old, params)], name="meta")
# batched Reptile: deltas of several tasks accumulated into a buffer
acc = [tf.Variable(tf.zeros(p.shape), trainable=False, name="acc%d" % i)
       for i, p in enumerate(params)]
add = tf.group(*[tf.assign_add(a, p - o) for a, p, o in zip(acc, params, old)])
restore = tf.group(*[tf.assign(p, o) for p, o in zip(params, old)])
with tf.control_dependencies([tf.assign(p, o + eps * a / 3.0)
                              for p, o, a in zip(params, old, acc)]):
    meta_b = tf.group(*[tf.assign(a, tf.zeros_like(a)) for a in acc], name="meta_b")
print(len(tf.get_default_graph().get_operations()), [p.op.name for p in params])
print([o.op.name for o in old][:3], meta.name, meta_b.name)


def task():
    a, ph = rs.uniform(0.1, 5.0), rs.uniform(0.0, 2 * np.pi)
    xs = rs.uniform(-5, 5, (N, 1))
    return xs.astype(np.float32), (a * np.sin(xs + ph)).astype(np.float32)


xt = np.linspace(-5, 5, 9)[:, None]
yt = (2.0 * np.sin(xt + 1.0)).astype(np.float32)
xt = xt.astype(np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for it in range(15):
        e = 1.0 - it / 15.0
        if it < 10:
            xs, ys = task()
            sess.run(snapshot)
            for _ in range(INNER):
                sess.run(inner, {x: xs, y: ys})
            sess.run(meta, {eps: e})
        else:
            sess.run(snapshot)
            for _ in range(3):
                xs, ys = task()
                for _ in range(INNER):
                    sess.run(inner, {x: xs, y: ys})
                sess.run(add)
                sess.run(restore)
            sess.run(meta_b, {eps: e})
        if it % 4 == 0:
            print(it, repr(sess.run(loss, {x: xt, y: yt})))
    before = sess.run(loss, {x: xt, y: yt})
    sess.run(snapshot)
    for _ in range(5):
        sess.run(inner, {x: xt[:5], y: yt[:5]})
    print(repr(before), repr(sess.run(loss, {x: xt, y: yt})))
    print(sess.run(out, {x: xt})[:, 0].tolist())
    print(sess.run(params[-2])[:5, 0].tolist(), sess.run(acc[0]).sum().tolist())

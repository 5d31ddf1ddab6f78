"""Gradient accumulation as in TF 1.x research repositories training large models on small
memory: tf.Variable accumulators (trainable=False, zeros_like of initialized_value), a step
counter, assign_add of each micro-batch's gradients inside tf.control_dependencies, and a
conditional apply with tf.cond on `counter % k == 0` whose true branch builds
Adam's apply_gradients on the averaged accumulators and then zeroes them (slots and beta
powers created inside the cond branch), the false branch a tf.no_op; the same with
GradientDescent and a cond returning the loss; op counts, cond op types, trained weights."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1261)
rs = np.random.RandomState(1262)
X = rs.randn(24, 5).astype(np.float32)
Y = (X @ rs.randn(5, 1) + 0.1 * rs.randn(24, 1)).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 5])
y = tf.placeholder(tf.float32, [None, 1])
with tf.variable_scope("net"):
    h = tf.layers.dense(x, 6, tf.nn.tanh, kernel_initializer=tf.glorot_normal_initializer(seed=61))
    p = tf.layers.dense(h, 1, kernel_initializer=tf.glorot_normal_initializer(seed=62))
loss = tf.reduce_mean(tf.square(p - y))
tvs = tf.trainable_variables()
accum = [tf.Variable(tf.zeros_like(v.initialized_value()), trainable=False, name="accum")
         for v in tvs]
counter = tf.Variable(0, trainable=False, name="counter")
gs = tf.train.get_or_create_global_step()
opt = tf.train.AdamOptimizer(0.05)
gvs = opt.compute_gradients(loss, tvs)
K = 3
with tf.control_dependencies([a.assign_add(g) for a, (g, v) in zip(accum, gvs)]):
    inc = tf.assign_add(counter, 1)
n0 = len(tf.get_default_graph().get_operations())


def apply_fn():
    avg = [(a / K, v) for a, (g, v) in zip(accum, gvs)]
    with tf.control_dependencies([opt.apply_gradients(avg, global_step=gs)]):
        return tf.group(*[a.assign(tf.zeros_like(a)) for a in accum])


step = tf.cond(tf.equal(inc % K, 0), apply_fn, tf.no_op)
print("ops cond", len(tf.get_default_graph().get_operations()) - n0)
print("step", type(step).__name__, step.dtype, step.name, step.shape)
print("vars", [v.op.name for v in tf.global_variables()])
print("cond types", sorted(set(o.type for o in tf.get_default_graph().get_operations()
                                if o.name.startswith("cond/"))))
sgd = tf.train.GradientDescentOptimizer(0.1)
micro_loss = tf.cond(counter < 100,
                     lambda: tf.identity(loss),
                     lambda: tf.constant(0.0))
with tf.control_dependencies([micro_loss]):
    sgd_step = tf.cond(tf.equal(counter % 2, 1),
                       lambda: sgd.apply_gradients(zip([a * 0.5 for a in accum], tvs)),
                       lambda: tf.no_op())
print("sgd_step", type(sgd_step).__name__, sgd_step.dtype, sgd_step.name)
print("ops total", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(7):
        mb = slice((i % 4) * 6, (i % 4) * 6 + 6)
        lv, _ = sess.run([loss, step], {x: X[mb], y: Y[mb]})
        c, g = sess.run([counter, gs])
        print(i, repr(float(lv)), c, g, [H(a) for a in sess.run(accum)][:2])
    print("w", [H(v) for v in sess.run(tvs)])
    sess.run([micro_loss, sgd_step], {x: X, y: Y})
    print("after sgd", [H(v) for v in sess.run(tvs)])
    sess.run(inc, {x: X, y: Y})
    sess.run(sgd_step, {x: X, y: Y})
    print("after sgd2", [H(v) for v in sess.run(tvs)], sess.run(counter))

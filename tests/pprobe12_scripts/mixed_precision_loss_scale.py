"""Mixed-precision training by hand as in NVIDIA's TF1 examples / OpenSeq2Seq: float32 master
weights created through a variable_scope custom_getter that casts them to float16 for the
forward pass, float16 activations (tf.cast of the input), a float16 conv and dense stack,
the loss cast back to float32, a static loss scale applied to the loss and removed from the
gradients, then a dynamic loss scale: gradients checked with tf.is_finite / reduce_all, the
apply skipped via tf.cond when any is inf, the scale halved on overflow and doubled after N
good steps (tf.assign in tf.cond branches); float16 values, scales, skips, trained weights."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1271)
rs = np.random.RandomState(1272)


def float32_variable_storage_getter(getter, name, shape=None, dtype=None, initializer=None,
                                    regularizer=None, trainable=True, *args, **kwargs):
    storage_dtype = tf.float32 if trainable else dtype
    variable = getter(name, shape, dtype=storage_dtype, initializer=initializer,
                      regularizer=regularizer, trainable=trainable, *args, **kwargs)
    if trainable and dtype != tf.float32:
        variable = tf.cast(variable, dtype)
    return variable


X = rs.rand(8, 6, 6, 2).astype(np.float32)
Y = rs.randint(0, 3, 8).astype(np.int32)
x = tf.placeholder(tf.float32, [None, 6, 6, 2])
y = tf.placeholder(tf.int32, [None])
n0 = len(tf.get_default_graph().get_operations())
with tf.variable_scope("fp16", custom_getter=float32_variable_storage_getter):
    h = tf.cast(x, tf.float16)
    h = tf.layers.conv2d(h, 4, 3, padding="same", activation=tf.nn.relu,
                         kernel_initializer=tf.glorot_uniform_initializer(seed=71))
    h = tf.layers.max_pooling2d(h, 2, 2)
    h = tf.layers.flatten(h)
    logits16 = tf.layers.dense(h, 3, kernel_initializer=tf.glorot_uniform_initializer(seed=72))
print("ops model", len(tf.get_default_graph().get_operations()) - n0, logits16.dtype.name)
logits = tf.cast(logits16, tf.float32)
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
tvs = tf.trainable_variables()
print("vars", [(v.op.name, v.dtype.base_dtype.name) for v in tvs])
print("casts", len([o for o in tf.get_default_graph().get_operations() if o.type == "Cast"]))
# static loss scaling
S = 128.0
opt = tf.train.MomentumOptimizer(0.1, 0.9)
sgv = opt.compute_gradients(loss * S, tvs)
print("grad dtypes", [g.dtype.name for g, v in sgv])
static_step = opt.apply_gradients([(g / S, v) for g, v in sgv])
# dynamic loss scaling
scale = tf.Variable(2.0 ** 14, trainable=False, name="loss_scale")
good = tf.Variable(0, trainable=False, name="good_steps")
opt2 = tf.train.GradientDescentOptimizer(0.05)
scaled16 = tf.cast(loss, tf.float16) * tf.cast(scale, tf.float16)
grads = tf.gradients(tf.cast(scaled16, tf.float32), tvs)
finite = tf.reduce_all([tf.reduce_all(tf.is_finite(g)) for g in grads])
unscaled = [g / scale for g in grads]


def ok():
    with tf.control_dependencies([opt2.apply_gradients(zip(unscaled, tvs))]):
        grow = tf.equal(good + 1, 3)
        new_scale = tf.cond(grow, lambda: scale * 2.0, lambda: tf.identity(scale))
        with tf.control_dependencies([tf.assign(scale, new_scale)]):
            return tf.assign(good, tf.where(grow, 0, good + 1))


def overflow():
    with tf.control_dependencies([tf.assign(scale, tf.maximum(scale / 2.0, 1.0))]):
        return tf.assign(good, 0)


dyn_step = tf.cond(finite, ok, overflow)
print("ops total", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("logits16", sess.run(logits16, {x: X[:2]}).tolist())
    for i in range(4):
        lv, _ = sess.run([loss, static_step], {x: X, y: Y})
        print("static", i, repr(float(lv)))
    g16 = sess.run([g for g, v in sgv], {x: X, y: Y})
    print("g", [H(g) for g in g16])
    for i in range(8):
        f, lv = sess.run([finite, loss], {x: X, y: Y})
        sess.run(dyn_step, {x: X, y: Y})
        print("dyn", i, bool(f), repr(float(lv)), sess.run([scale, good]))
    print("w", [H(v) for v in sess.run(tvs)])

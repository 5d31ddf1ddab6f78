"""TF 1.14's core mixed-precision API on a CPU-only host: tf.train.experimental.
MixedPrecisionLossScaleOptimizer with a fixed scale (a number) and with a DynamicLossScale
(initial 2**8, increment_period 2, multiplier 4) around GradientDescent / RMSProp; a float16
model whose inf input on some steps makes the step skip and the scale drop; then
enable_mixed_precision_graph_rewrite wrapping an optimizer (the graph itself is not rewritten
on CPU: op dtypes stay float32); loss_scale objects called, their weights; the APIs'
argument errors and a float16 loss under each optimizer (the experimental one's TypeError
leaves one read of its loss scale variable); op counts and types, values at full
precision."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(5111)
rs = np.random.RandomState(5112)
X = rs.randn(12, 4).astype(np.float32)
T = rs.randn(12, 2).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 4])
t = tf.placeholder(tf.float32, [None, 2])


def half_model(name, seed):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [4, 2], initializer=tf.glorot_uniform_initializer(seed=seed))
        b = tf.get_variable("b", [2], initializer=tf.zeros_initializer())
    y16 = tf.matmul(tf.cast(x, tf.float16), tf.cast(w, tf.float16)) + tf.cast(b, tf.float16)
    return tf.reduce_mean(tf.square(tf.cast(y16, tf.float32) - t)), [w, b]


loss1, v1 = half_model("fixed", 31)
opt1 = tf.train.experimental.MixedPrecisionLossScaleOptimizer(
    tf.train.GradientDescentOptimizer(0.1), 128.0)
n0 = len(tf.get_default_graph().get_operations())
step1 = opt1.minimize(loss1, var_list=v1)
print("ops fixed", len(tf.get_default_graph().get_operations()) - n0, step1.type, step1.name)

loss2, v2 = half_model("dyn", 41)
dls = tf.train.experimental.DynamicLossScale(initial_loss_scale=2.0 ** 8,
                                             increment_period=2, multiplier=4.0)
opt2 = tf.train.experimental.MixedPrecisionLossScaleOptimizer(
    tf.train.RMSPropOptimizer(0.01), dls)
n1 = len(tf.get_default_graph().get_operations())
gv2 = opt2.compute_gradients(loss2, v2)
print("gv", [(g.dtype.name, g.op.type) for g, v in gv2])
step2 = opt2.apply_gradients(gv2)
print("ops dyn", len(tf.get_default_graph().get_operations()) - n1, step2.type)
print("dls weights", sorted(w.op.name for w in dls._weights.values()))
cur = dls()
print("cur", cur.dtype.name, cur.op.type, cur.op.name)
fls = tf.train.experimental.FixedLossScale(64)
print("fixed call", fls().op.type, fls().dtype.name)

loss3, v3 = half_model("rw", 51)
opt3 = tf.train.experimental.enable_mixed_precision_graph_rewrite(
    tf.train.AdamOptimizer(0.05))
print("rw type", type(opt3).__name__)
n2 = len(tf.get_default_graph().get_operations())
step3 = opt3.minimize(loss3, var_list=v3)
ops3 = tf.get_default_graph().get_operations()[n2:]
print("ops rw", len(ops3), sorted({o.type for o in ops3}))
print("globals", sorted(v.op.name for v in tf.global_variables()))
tf.train.experimental.disable_mixed_precision_graph_rewrite()

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(3):
        print("fixed", i, repr(float(sess.run([loss1, step1], {x: X, t: T})[0])))
    print("w1", [H(v) for v in sess.run(v1)])
    Xbad = X.copy()
    Xbad[0, 0] = np.inf
    for i in range(8):
        feed = {x: Xbad if i in (3, 4) else X, t: T}
        lv = sess.run(loss2, feed)
        sess.run(step2, feed)
        print("dyn", i, repr(float(lv)), repr(float(sess.run(cur))))
    print("w2", [H(v) for v in sess.run(v2)])
    for i in range(3):
        lv = sess.run(loss3, {x: X, t: T})
        sess.run(step3, {x: Xbad if i == 1 else X, t: T})
        print("rw", i, repr(float(lv)))
    print("w3", [H(v) for v in sess.run(v3)])


# the loss-scaling APIs' argument errors, and a float16 loss (float16 variables) scaled by
# each optimizer: contrib's casts the scale, the experimental one raises TypeError when it
# multiplies the float16 loss by its float32 scale (a Const, or a read of its variable)
def E(f):
    n = len(tf.get_default_graph().get_operations())
    try:
        r = f()
    except Exception as e:  # noqa: BLE001
        r = type(e).__name__ + ": " + str(e).splitlines()[0]
    print(r, len(tf.get_default_graph().get_operations()) - n)


mp = tf.contrib.mixed_precision
E(lambda: mp.FixedLossScaleManager(0.5))
E(lambda: type(mp.ExponentialUpdateLossScaleManager(4.0, 2, incr_ratio=0.5)).__name__)
E(lambda: tf.train.experimental.MixedPrecisionLossScaleOptimizer(tf.train.AdamOptimizer(),
                                                                 "foo"))
E(lambda: tf.train.experimental.MixedPrecisionLossScaleOptimizer("adam", 12.0))
E(lambda: tf.train.experimental.FixedLossScale(0.5))
E(lambda: tf.train.experimental.enable_mixed_precision_graph_rewrite("sgd"))
E(lambda: tf.train.experimental.enable_mixed_precision_graph_rewrite(opt2))
v16 = tf.Variable(np.float16([1.0, 2.0]), name="v16")
loss16 = tf.reduce_sum(v16 * v16)
for o in [mp.LossScaleOptimizer(tf.train.GradientDescentOptimizer(0.1),
                                mp.FixedLossScaleManager(1024)),
          tf.train.experimental.MixedPrecisionLossScaleOptimizer(
              tf.train.GradientDescentOptimizer(0.1), 1024.0),
          tf.train.experimental.MixedPrecisionLossScaleOptimizer(
              tf.train.GradientDescentOptimizer(0.1), "dynamic")]:
    E(lambda: [(g.dtype.name, g.op.type, g.op.name) for g, _ in o.compute_gradients(loss16)])
    E(lambda: o.minimize(loss16).name)
print("ops end", len(tf.get_default_graph().get_operations()))

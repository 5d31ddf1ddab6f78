"""tf.contrib.mixed_precision as public TF1 code uses it: a float16 MLP whose float32 master
weights come through a variable_scope custom_getter that casts them, trained by
LossScaleOptimizer(Momentum) with a FixedLossScaleManager(256), then a second copy trained by
LossScaleOptimizer(Adam) with an ExponentialUpdateLossScaleManager whose scale grows every 2
finite steps; on some steps the input carries an inf (or a huge multiplier overflows the
float16 loss) so the step is skipped and the scale halves; op counts, variable names, loss
scales, losses and weight hashes at full precision."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(5101)
rs = np.random.RandomState(5102)


def fp32_storage(getter, name, shape=None, dtype=None, *args, **kwargs):
    var = getter(name, shape, tf.float32, *args, **kwargs)
    if dtype != tf.float32:
        var = tf.cast(var, dtype, name=name.split("/")[-1] + "_half")
    return var


X = rs.randn(16, 5).astype(np.float32)
Y = rs.randint(0, 3, 16).astype(np.int32)
x = tf.placeholder(tf.float32, [None, 5])
y = tf.placeholder(tf.int32, [None])
mul = tf.placeholder_with_default(tf.constant(1.0, tf.float16), [])


def model(scope, seed):
    with tf.variable_scope(scope, custom_getter=fp32_storage, dtype=tf.float16):
        h = tf.cast(x, tf.float16) * mul
        h = tf.layers.dense(h, 8, tf.nn.relu,
                            kernel_initializer=tf.glorot_uniform_initializer(seed=seed))
        logits = tf.layers.dense(h, 3, kernel_initializer=tf.glorot_uniform_initializer(
            seed=seed + 1))
    return tf.losses.sparse_softmax_cross_entropy(y, tf.cast(logits, tf.float32))


n0 = len(tf.get_default_graph().get_operations())
loss_a = model("fixed", 11)
print("ops model", len(tf.get_default_graph().get_operations()) - n0)
va = tf.trainable_variables("fixed")
print("vars", [(v.op.name, v.dtype.base_dtype.name) for v in va])
man_a = tf.contrib.mixed_precision.FixedLossScaleManager(256)
opt_a = tf.contrib.mixed_precision.LossScaleOptimizer(tf.train.MomentumOptimizer(0.1, 0.9),
                                                      man_a)
n1 = len(tf.get_default_graph().get_operations())
gv = opt_a.compute_gradients(loss_a, va)
print("grads", [(g.dtype.name, g.op.type) for g, v in gv])
step_a = opt_a.apply_gradients(gv)
print("ops fixed opt", len(tf.get_default_graph().get_operations()) - n1, step_a.type)

loss_b = model("dyn", 21)
vb = tf.trainable_variables("dyn")
man_b = tf.contrib.mixed_precision.ExponentialUpdateLossScaleManager(
    2.0 ** 12, incr_every_n_steps=2, decr_every_n_nan_or_inf=1, incr_ratio=2, decr_ratio=0.5)
opt_b = tf.contrib.mixed_precision.LossScaleOptimizer(tf.train.AdamOptimizer(0.01), man_b)
n2 = len(tf.get_default_graph().get_operations())
step_b = opt_b.minimize(loss_b, var_list=vb)
print("ops dyn opt", len(tf.get_default_graph().get_operations()) - n2, step_b.type)
print("globals", sorted(v.op.name for v in tf.global_variables()))
ls_b = man_b.get_loss_scale()
print("ls", ls_b.dtype.name, ls_b.op.type)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(4):
        lv, _ = sess.run([loss_a, step_a], {x: X, y: Y})
        print("fixed", i, repr(float(lv)), repr(float(sess.run(man_a.get_loss_scale()))))
    print("wa", [H(v) for v in sess.run(va)])
    Xbad = X.copy()
    Xbad[3, 2] = np.inf
    for i in range(9):
        feed = {x: X, y: Y}
        if i in (2, 3):
            feed = {x: Xbad, y: Y}
        if i == 6:
            feed[mul] = np.float16(300.0)
        lv = sess.run(loss_b, feed)
        sess.run(step_b, feed)
        print("dyn", i, repr(float(lv)), repr(float(sess.run(ls_b))))
    print("wb", [H(v) for v in sess.run(vb)])
    print("slots", sorted(v.op.name for v in tf.global_variables() if "Adam" in v.op.name))

"""custom_getter in tf.variable_scope as TF1 mixed-precision and EMA code writes it: a getter
that keeps float32 master weights and casts them to float16, and a getter that returns the
ExponentialMovingAverage shadow of each variable for evaluation; losses, dtypes and names."""
import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(4)
rs = np.random.RandomState(2)
X = rs.randn(8, 5).astype(np.float32)
Y = rs.randn(8, 2).astype(np.float32)


def fp16_getter(getter, name, shape=None, dtype=None, initializer=None, regularizer=None,
                trainable=True, *args, **kwargs):
    storage = tf.float32 if trainable else dtype
    var = getter(name, shape, dtype=storage, initializer=initializer,
                 regularizer=regularizer, trainable=trainable, *args, **kwargs)
    if trainable and dtype != tf.float32:
        var = tf.cast(var, dtype)
    return var


x = tf.placeholder(tf.float32, [None, 5])
y = tf.placeholder(tf.float32, [None, 2])
with tf.variable_scope("fp16", custom_getter=fp16_getter):
    x16 = tf.cast(x, tf.float16)
    w = tf.get_variable("w", [5, 2], tf.float16,
                        initializer=tf.random_normal_initializer(stddev=0.5, seed=7))
    b = tf.get_variable("b", [2], tf.float16, initializer=tf.zeros_initializer())
    out16 = tf.matmul(x16, w) + b
print(w.dtype, w.name, b.name, out16.dtype)
print([(v.name, v.dtype.name) for v in tf.trainable_variables()])
out = tf.cast(out16, tf.float32)
loss = tf.reduce_mean(tf.square(out - y))
scale = 128.0
opt = tf.train.GradientDescentOptimizer(0.05)
gvs = opt.compute_gradients(loss * scale)
gvs = [(g / scale, v) for g, v in gvs]
print([(g.dtype.name, v.op.name) for g, v in gvs])
train = opt.apply_gradients(gvs)

with tf.variable_scope("net"):
    h = tf.layers.dense(x, 4, tf.nn.tanh, kernel_initializer=tf.glorot_normal_initializer(seed=3))
    o2 = tf.layers.dense(h, 2, kernel_initializer=tf.glorot_normal_initializer(seed=4))
loss2 = tf.losses.mean_squared_error(y, o2)
net_vars = tf.trainable_variables("net")
step2 = tf.train.AdamOptimizer(0.01).minimize(loss2, var_list=net_vars)
ema = tf.train.ExponentialMovingAverage(0.9)
with tf.control_dependencies([step2]):
    train2 = ema.apply(net_vars)


def ema_getter(getter, name, *args, **kwargs):
    var = getter(name, *args, **kwargs)
    avg = ema.average(var)
    return avg if avg is not None else var


with tf.variable_scope("net", reuse=True, custom_getter=ema_getter):
    he = tf.layers.dense(x, 4, tf.nn.tanh)
    oe = tf.layers.dense(he, 2)
loss_ema = tf.losses.mean_squared_error(y, oe)
print(oe.name, [ema.average_name(v) for v in net_vars][:2])
print(len(tf.global_variables()), len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(4):
        lv, _ = sess.run([loss, train], {x: X, y: Y})
        l2, _ = sess.run([loss2, train2], {x: X, y: Y})
        le = sess.run(loss_ema, {x: X, y: Y})
        print(i, "%.9g %.9g %.9g" % (lv, l2, le))
    print(sess.run(w).tolist())

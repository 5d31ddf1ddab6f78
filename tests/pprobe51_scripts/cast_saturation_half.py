"""Casts in mixed-precision code: tf.saturate_cast from float32 to float16 / int8 / uint8 /
int16 (clipping to the target's range before the cast), tf.image.convert_image_dtype
between uint8, float16 and int16 (saturate on and off), the gradient of a Cast round trip
(float32 -> float16 -> float32, and through bfloat16: the gradient is cast back, large
values overflow), float16 Variables with assign_add saturating to inf and GradientDescent on
them, float16 accumulation of many small terms (reduce_sum, cumsum, reduce_mean), float16
subnormals; op counts and types, values at full precision."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return [repr(float(t)) for t in np.asarray(a, np.float64).ravel()]


tf.set_random_seed(5131)
rs = np.random.RandomState(5132)
sess = tf.Session()
g = tf.get_default_graph()
v = tf.constant(np.array([-1e6, -70000.0, -65504.0, -300.0, -128.5, -1.5, 0.49, 127.6,
                          255.5, 256.0, 65519.0, 65520.0, 3.4e38, np.inf, -np.inf],
                         np.float32))
for dt in [tf.float16, tf.int8, tf.uint8, tf.int16]:
    n0 = len(g.get_operations())
    sc = tf.saturate_cast(v, dt)
    ops = g.get_operations()[n0:]
    out = sess.run(sc)
    print("sat", dt.name, len(ops), [o.type for o in ops], F(out))
img = tf.constant(rs.randint(0, 256, (2, 3, 3)).astype(np.uint8))
h16 = tf.image.convert_image_dtype(img, tf.float16)
back = tf.image.convert_image_dtype(h16 * 1.5, tf.uint8, saturate=True)
back2 = tf.image.convert_image_dtype(h16 * 0.75, tf.uint8)
print("img ops", h16.op.type, back.op.type)
print("img", H(sess.run(h16)), F(sess.run(h16))[:6])
print("back", sess.run(back).ravel().tolist())
print("back2", sess.run(back2).ravel().tolist())
print("i16", sess.run(tf.image.convert_image_dtype(h16, tf.int16)).ravel().tolist()[:9])

x = tf.constant(np.array([1.0, 1e-8, 70000.0, 3.0, -2.0 ** -20], np.float32))
y = tf.cast(tf.cast(x, tf.float16), tf.float32)
gx = tf.gradients(tf.reduce_sum(y * tf.constant([1.0, 1.0, 1.0, 1e5, 1.0])), x)[0]
print("rt", F(sess.run(y)), "grad", F(sess.run(gx)), gx.op.type)
gb = tf.gradients(tf.reduce_sum(tf.cast(tf.cast(x, tf.bfloat16), tf.float32) * 3.0), x)[0]
print("bgrad", F(sess.run(gb)), gb.dtype.name)

hv = tf.Variable(np.float16(60000.0), name="hv")
inc = tf.assign_add(hv, np.float16(8000.0))
wv = tf.Variable(np.array([0.5, -0.25, 1000.0], np.float16), name="wv")
lossh = tf.reduce_sum(wv * wv)
n1 = len(g.get_operations())
stp = tf.train.GradientDescentOptimizer(0.1).minimize(lossh)
print("gd ops", len(g.get_operations()) - n1, sorted({o.type for o in g.get_operations()[n1:]}))
sess.run(tf.global_variables_initializer())
print("inc", repr(float(sess.run(inc))), repr(float(sess.run(inc))))
for i in range(3):
    sess.run(stp)
    print("wv", F(sess.run(wv)), repr(float(sess.run(lossh))))

small = tf.fill([5000], tf.constant(0.1, tf.float16))
print("acc", repr(float(sess.run(tf.reduce_sum(small)))),
      repr(float(sess.run(tf.cumsum(small)[-1]))),
      repr(float(sess.run(tf.reduce_mean(small)))))
h = tf.constant(np.array([2.0 ** -24, 2.0 ** -25, 3 * 2.0 ** -26, 6e-8, 65504.0], np.float16))
print("sub", F(sess.run(h * 0.5)), F(sess.run(h * 2.0)),
      F(sess.run(tf.cast(tf.cast(h, tf.bfloat16), tf.float32))))
print("cast ops", len(g.get_operations()),
      sum(o.type == "Cast" for o in g.get_operations()))

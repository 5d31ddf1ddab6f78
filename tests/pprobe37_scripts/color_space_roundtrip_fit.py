"""A per-channel gain learned in YIQ and YUV space: rgb_to_yiq / yiq_to_rgb and
rgb_to_yuv / yuv_to_rgb round trips in float32 and float64, batched and single images,
their gradients through a GradientDescent fit; values and op counts."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return (a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12],
            repr(float(a.ravel()[-1])))


tf.set_random_seed(37)
rs = np.random.RandomState(5)
img = rs.rand(2, 4, 5, 3).astype(np.float32)
tgt = rs.rand(2, 4, 5, 3).astype(np.float32)
g = tf.get_default_graph()
x = tf.constant(img)
n0 = len(g.get_operations())
yiq = tf.image.rgb_to_yiq(x)
print("yiq ops", len(g.get_operations()) - n0, [o.type for o in g.get_operations()[n0:]])
n0 = len(g.get_operations())
back = tf.image.yiq_to_rgb(yiq)
print("yiq_to_rgb ops", len(g.get_operations()) - n0)
yuv = tf.image.rgb_to_yuv(x)
back2 = tf.image.yuv_to_rgb(yuv)
x64 = tf.constant(img.astype(np.float64)[0])
rt64 = tf.image.yuv_to_rgb(tf.image.rgb_to_yuv(x64))
rt64b = tf.image.yiq_to_rgb(tf.image.rgb_to_yiq(x64))
print("names", yiq.name, back.name, yuv.name, back2.name, rt64.name)

gain_yiq = tf.get_variable(
    "gain_yiq", [3], initializer=tf.random_uniform_initializer(0.5, 1.5, seed=1))
gain_yuv = tf.get_variable(
    "gain_yuv", [3], initializer=tf.random_uniform_initializer(0.5, 1.5, seed=2))
out1 = tf.image.yiq_to_rgb(tf.image.rgb_to_yiq(x) * gain_yiq)
out2 = tf.image.yuv_to_rgb(tf.image.rgb_to_yuv(x) * gain_yuv)
loss = tf.reduce_mean(tf.square(out1 - tgt)) + tf.reduce_mean(tf.abs(out2 - tgt))
grads = tf.gradients(loss, [gain_yiq, gain_yuv, x])
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
print("total ops", len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for v in s.run([yiq, back, yuv, back2, rt64, rt64b]):
        print(H(v))
    print("rt err", repr(float(np.abs(s.run(back) - img).max())),
          repr(float(np.abs(s.run(back2) - img).max())))
    for gv in s.run(grads):
        print(H(gv))
    for i in range(4):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    print(s.run(gain_yiq).tolist(), s.run(gain_yuv).tolist())

"""A TF 1.x script written against NumPy 1.x names (np.float, np.asscalar, np.NaN, .tostring(),
np.reshape(..., newshape=...), binary np.fromstring) that NumPy 2 removed."""
import numpy as np
import tensorflow as tf

raw = np.arange(12, dtype=np.uint8).tobytes()
pixels = np.fromstring(raw, dtype=np.uint8).astype(np.float)
batch = np.reshape(pixels, newshape=[-1, 2, 3, 1])
x = tf.placeholder(tf.float32, [None, 2, 3, 1])
total = tf.reduce_sum(x * 0.5)
count = tf.size(x, out_type=tf.int32)
with tf.Session() as sess:
    t, n = sess.run([total, count], feed_dict={x: batch})
print("sum", np.asscalar(np.array([t])), "count", np.int(n))
print("cast", np.array([1.5, np.NaN]).astype(np.float_).dtype, np.isnan(np.NaN), -np.Inf < 0)
print("labels", np.array([1, 0, 1], dtype=np.bool).sum(), np.product([2, 3]), np.alltrue([1, 1]))
print("bytes", np.arange(4, dtype=np.uint8)[1:].tostring(), np.float32(1.5).tostring())

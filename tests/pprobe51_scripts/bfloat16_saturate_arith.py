"""bfloat16 in TPU-style mixed-precision code run on CPU: tf.saturate_cast to and from
bfloat16 (TF 1.14's DType.min / max of bfloat16 are bfloat16 scalars, -0x1.FEp127 /
0x1.FEp127: float32 values are clamped before the Cast, 3.4e38 and inf become bfloat16's
largest finite value; a bfloat16 tensor saturated into int8 / uint8 / float32), then
bfloat16 arithmetic: tf.image.convert_image_dtype from uint8 to bfloat16 (Cast then Mul in
bfloat16), Add / Mul / MatMul / reduce_sum / cumsum / reduce_max of bfloat16 tensors (TF
rounds each result, and MatMul's and reduce_sum's partial sums, to bfloat16), and the sum
of 5000 bfloat16 0.1s; op types, values printed through float32 at full precision."""

import numpy as np
import tensorflow as tf


def F(a):
    return [repr(float(t)) for t in np.asarray(a, np.float64).ravel()]


sess = tf.Session()
g = tf.get_default_graph()
print("range", F([tf.bfloat16.min, tf.bfloat16.max]), tf.float32.min < tf.bfloat16.min)
v = tf.constant(np.array([-np.inf, -3.4e38, -1e6, -70000.0, -300.0, -1.5, 0.49, 127.6,
                          255.5, 65520.0, 3.39e38, 3.4e38, np.inf], np.float32))
n0 = len(g.get_operations())
sb = tf.saturate_cast(v, tf.bfloat16)
print("to bf16", [o.type for o in g.get_operations()[n0:]],
      F(sess.run(tf.cast(sb, tf.float32))))
for dt in [tf.int8, tf.uint8, tf.float32]:
    n0 = len(g.get_operations())
    sc = tf.saturate_cast(sb, dt)
    print("from bf16", dt.name, [o.type for o in g.get_operations()[n0:]],
          F(sess.run(tf.cast(sc, tf.float32))))
rs = np.random.RandomState(5141)
img = tf.constant(rs.randint(0, 256, (2, 3, 3)).astype(np.uint8))
b16 = tf.image.convert_image_dtype(img, tf.bfloat16)
print("img", b16.op.type, F(sess.run(tf.cast(b16, tf.float32))))
A = rs.randn(3, 4).astype(np.float32)
B = rs.randn(4, 2).astype(np.float32)
ab = tf.cast(tf.constant(A), tf.bfloat16)
bb = tf.cast(tf.constant(B), tf.bfloat16)
for name, t in [("add", ab[:, :2] + bb[:3]), ("mul", ab[:, :2] * bb[:3]),
                ("matmul", tf.matmul(ab, bb)), ("sum", tf.reduce_sum(ab, 1)),
                ("cumsum", tf.cumsum(ab, 1)), ("max", tf.reduce_max(ab, 0))]:
    print("bf", name, t.dtype.name, F(sess.run(tf.cast(t, tf.float32))))
small = tf.fill([5000], tf.constant(0.1, tf.bfloat16))
print("acc", repr(float(sess.run(tf.cast(tf.reduce_sum(small), tf.float32)))),
      repr(float(sess.run(tf.cast(tf.cumsum(small)[-1], tf.float32)))))

"""Post-training quantization of a small trained regressor by tf.quantization: quantize to
quint8 / qint8 / qint16 / quint16 / qint32 in MIN_COMBINED, MIN_FIRST and SCALED modes
(HALF_AWAY_FROM_ZERO and HALF_TO_EVEN round modes, ranges spanning and excluding zero) and
dequantize back, the output_min / output_max they report; quantize_and_dequantize (v1 and
v2: signed / unsigned, num_bits 4 and 8, range_given or taken from the input) in the
forward pass of the trained model and its straight-through gradient; op counts and values
(quantized tensors cast to int before printing)."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def R(a):
    return [repr(float(t)) for t in np.asarray(a).ravel()]


tf.set_random_seed(345)
rs = np.random.RandomState(345)
s = tf.Session()
x = tf.constant([-1.0, -0.5, -0.25, 0.0, 0.1, 0.5, 0.75, 1.0, 1.5, 2.0, 0.3333], tf.float32)
for T in [tf.quint8, tf.qint8, tf.qint16, tf.quint16, tf.qint32]:
    for mode in ["MIN_COMBINED", "MIN_FIRST", "SCALED"]:
        lo, hi = (-1.0, 2.0)
        if mode == "SCALED" and T in (tf.quint8, tf.quint16):
            lo = 0.0
        try:
            q = tf.quantization.quantize(x, lo, hi, T, mode=mode)
            dq = tf.quantization.dequantize(q.output, q.output_min, q.output_max, mode=mode)
            r = s.run(
                [
                    tf.bitcast(
                        q.output,
                        {
                            tf.quint8: tf.uint8,
                            tf.qint8: tf.int8,
                            tf.qint16: tf.int16,
                            tf.quint16: tf.uint16,
                            tf.qint32: tf.int32,
                        }[T],
                    ),
                    q.output_min,
                    q.output_max,
                    dq,
                ]
            )
            print(T.name, mode, r[0].tolist(), R(r[1:3]), R(r[3]))
        except (tf.errors.OpError, ValueError, TypeError) as e:
            print(T.name, mode, type(e).__name__, str(e).splitlines()[0][:160])
q = tf.quantization.quantize(x, -1.0, 2.0, tf.qint8, mode="SCALED", round_mode="HALF_TO_EVEN")
print(
    s.run(tf.bitcast(q.output, tf.int8)).tolist(),
    R(s.run(q.output_min)),
    [o.type for o in tf.get_default_graph().get_operations()][-6:],
)
q2 = tf.quantization.quantize(x * 0.3, 0.2, 0.6, tf.quint8, mode="MIN_COMBINED")
print(s.run(tf.bitcast(q2.output, tf.uint8)).tolist(), R(s.run([q2.output_min, q2.output_max])))

for signed in (True, False):
    for bits in (4, 8):
        for given in (True, False):
            y = tf.quantization.quantize_and_dequantize(
                x, -0.8, 1.2, signed_input=signed, num_bits=bits, range_given=given
            )
            print(signed, bits, given, R(s.run(y)))
print(
    R(s.run(tf.quantization.quantize_and_dequantize(x, 0.0, 0.0, num_bits=3))),
    R(
        s.run(
            tf.quantization.quantize_and_dequantize(
                x, -1.0, 1.0, range_given=True, round_mode="HALF_UP"
            )
        )
    ),
)

# a regressor trained with fake-quantised (quantize_and_dequantize) weights
X = rs.randn(24, 4).astype(np.float32)
# elementwise (NumPy's float32 matmul rounds differently from version to version)
Y = (
    X[:, :1] * np.float32(0.5)
    - X[:, 1:2]
    + X[:, 2:3] * np.float32(0.25)
    + X[:, 3:] * np.float32(2.0)
)
xp = tf.placeholder(tf.float32, [None, 4])
W = tf.get_variable("W", [4, 1], initializer=tf.random_normal_initializer(0.0, 0.3, seed=9))
Wq = tf.quantization.quantize_and_dequantize(W, -2.5, 2.5, num_bits=6, range_given=True)
pred = tf.matmul(xp, Wq)
loss = tf.reduce_mean(tf.square(pred - Y))
gW = tf.gradients(loss, W)[0]
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
ops = tf.get_default_graph().get_operations()
print(len(ops), sorted(set(o.type for o in ops if "uantize" in o.type)))
s.run(tf.global_variables_initializer())
for i in range(30):
    lv, _ = s.run([loss, train], {xp: X})
    if i % 10 == 0:
        print(i, repr(float(lv)))
print(R(s.run(W)), R(s.run(Wq)), R(s.run(gW, {xp: X})))
qw = tf.quantization.quantize(W, -2.5, 2.5, tf.qint8, mode="SCALED")
dqw = tf.quantization.dequantize(qw.output, qw.output_min, qw.output_max, mode="SCALED")
print(
    s.run(tf.bitcast(qw.output, tf.int8)).ravel().tolist(),
    R(s.run(dqw)),
    repr(float(s.run(tf.reduce_mean(tf.square(tf.matmul(xp, dqw) - Y)), {xp: X}))),
)

"""Quantization-aware training by hand: weights through fake_quant_with_min_max_vars
(learned min/max variables, 8 and 4 bits, narrow_range), activations through
fake_quant_with_min_max_args and per-channel fake_quant_with_min_max_vars_per_channel,
trained with SGD (the min/max get gradients), then the quantize/dequantize round trip
tf.quantize + tf.dequantize and quantize_and_dequantize of the trained weights."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(121)
rs = np.random.RandomState(122)
X = rs.randn(16, 6).astype(np.float32)
Y = (X[:, :2].sum(1, keepdims=True) > 0).astype(np.float32)
w = tf.get_variable("w", [6, 5], initializer=tf.glorot_uniform_initializer(seed=1))
wmin = tf.Variable(-0.5, name="wmin")
wmax = tf.Variable(0.5, name="wmax")
wq = tf.quantization.fake_quant_with_min_max_vars(w, wmin, wmax, num_bits=8)
h = tf.nn.relu(tf.matmul(X, wq))
hq = tf.quantization.fake_quant_with_min_max_args(h, min=0.0, max=3.0, num_bits=8)
w2 = tf.get_variable("w2", [5, 1], initializer=tf.glorot_uniform_initializer(seed=2))
cmin = tf.Variable([-0.4], name="cmin")
cmax = tf.Variable([0.4], name="cmax")
w2q = tf.quantization.fake_quant_with_min_max_vars_per_channel(
    w2, cmin, cmax, num_bits=4, narrow_range=True
)
logits = tf.matmul(hq, w2q)
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=Y, logits=logits))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print("wq", H(s.run(wq)), H(s.run(w2q)))
    for i in range(10):
        lv, _ = s.run([loss, train])
        if i % 3 == 0:
            print("step", i, repr(float(lv)))
    print("ranges", s.run([wmin, wmax, cmin, cmax]))
    wv = s.run(w)
    q = tf.quantize(tf.constant(wv), -1.0, 1.0, tf.quint8)
    dq = tf.dequantize(q.output, q.output_min, q.output_max)
    qs = tf.quantize(tf.constant(wv), -1.0, 1.0, tf.qint8, mode="SCALED")
    dqs = tf.dequantize(qs.output, qs.output_min, qs.output_max, mode="SCALED")
    qd = tf.quantization.quantize_and_dequantize(tf.constant(wv), -1.0, 1.0, range_given=True)
    a, b, c = s.run([dq, dqs, qd])
    print("deq", H(a), H(b), H(c), repr(float(a[0, 0])), repr(float(b[0, 0])))

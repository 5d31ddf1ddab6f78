"""Post-training integer inference of a small trained CNN: the float model (conv, relu,
max pool, dense) trained with SGD, then its input and conv kernel quantized to quint8 by
tf.quantize_v2 (MIN_COMBINED, MIN_FIRST, SCALED with HALF_TO_EVEN),
tf.nn.quantized_conv2d to qint32 with its output range, requantized after a ReLU,
tf.nn.quantized_max_pool / quantized_avg_pool, tf.quantized_concat of two quantized
halves, dequantized back (tf.dequantize) and compared with the float activations; the
quantized values bitcast to integers, op counts and values at full precision. TF's errors:
HALF_TO_EVEN outside SCALED mode, and tf.nn.quantized_relu_x, which has no kernel in TF
1.14's wheel, so that every run of its graph fails."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def R(a):
    return [repr(float(t)) for t in np.asarray(a).ravel()]


tf.set_random_seed(4041)
rs = np.random.RandomState(4042)
X = rs.rand(6, 6, 6, 1).astype(np.float32)
Y = (X[:, :3, :, 0].sum((1, 2)) > X[:, 3:, :, 0].sum((1, 2))).astype(np.int32)

x = tf.placeholder(tf.float32, [None, 6, 6, 1], name="x")
k = tf.get_variable("k", [3, 3, 1, 4], initializer=tf.glorot_uniform_initializer(seed=1))
conv = tf.nn.conv2d(x, k, [1, 1, 1, 1], "VALID")
act = tf.nn.relu(conv)
pool = tf.nn.max_pool(act, [1, 2, 2, 1], [1, 2, 2, 1], "VALID")
w = tf.get_variable("w", [16, 2], initializer=tf.glorot_uniform_initializer(seed=2))
logits = tf.matmul(tf.reshape(pool, [-1, 16]), w)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=Y, logits=logits))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(15):
        lv, _ = s.run([loss, train], {x: X})
    print("trained", repr(float(lv)))
    kv = s.run(k)
    fconv, fact, fpool = s.run([conv, act, pool], {x: X})
    print("float", H(fconv), H(fpool))

kmin, kmax = float(kv.min()), float(kv.max())
xq = tf.quantize_v2(X, 0.0, 1.0, tf.quint8)
kq = tf.quantize_v2(kv, kmin, kmax, tf.quint8)
kq_first = tf.quantize_v2(kv, kmin, kmax, tf.quint8, mode="MIN_FIRST")
kq_even = tf.quantize_v2(kv, kmin, kmax, tf.qint8, mode="SCALED", round_mode="HALF_TO_EVEN")
qc = tf.nn.quantized_conv2d(
    xq.output,
    kq.output,
    xq.output_min,
    xq.output_max,
    kq.output_min,
    kq.output_max,
    strides=[1, 1, 1, 1],
    padding="VALID",
)
dconv = tf.dequantize(qc.output, qc.min_output, qc.max_output)
# requantize the ReLU of the qint32 conv output to quint8 over [0, 1.5]
cq = tf.quantize_v2(tf.nn.relu(dconv), 0.0, 1.5, tf.quint8)
drelu = tf.dequantize(cq.output, cq.output_min, cq.output_max)
mp = tf.nn.quantized_max_pool(
    cq.output, cq.output_min, cq.output_max, [1, 2, 2, 1], [1, 2, 2, 1], "VALID"
)
ap = tf.nn.quantized_avg_pool(
    cq.output, cq.output_min, cq.output_max, [1, 2, 2, 1], [1, 2, 2, 1], "VALID"
)
dmp = tf.dequantize(mp.output, mp.min_output, mp.max_output)
dap = tf.dequantize(ap.output, ap.min_output, ap.max_output)
half = tf.quantize_v2(X[:, :, :3], 0.0, 0.5, tf.quint8)
cat = tf.quantized_concat(
    2, [xq.output, half.output], [xq.output_min, half.output_min], [xq.output_max, half.output_max]
)
dcat = tf.dequantize(cat.output, cat.output_min, cat.output_max)

g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print("types", sorted({o.type for o in g.get_operations() if "uant" in o.type}))
print("shapes", qc.output.shape, cq.output.shape, mp.output.shape, cat.output.shape)

with tf.Session() as s:
    r = s.run([tf.bitcast(xq.output, tf.uint8), xq.output_min, xq.output_max])
    print("xq", H(r[0]), R(r[1:]))
    r = s.run(
        [
            tf.bitcast(kq.output, tf.uint8),
            kq.output_min,
            kq.output_max,
            tf.bitcast(kq_first.output, tf.uint8),
            kq_first.output_min,
            kq_first.output_max,
        ]
    )
    print("kq", r[0].ravel().tolist(), R(r[1:3]))
    print("kq first", r[3].ravel().tolist(), R(r[4:6]))
    r = s.run([tf.bitcast(kq_even.output, tf.int8), kq_even.output_min, kq_even.output_max])
    print("kq even", r[0].ravel().tolist(), R(r[1:3]))
    r = s.run([tf.bitcast(qc.output, tf.int32), qc.min_output, qc.max_output, dconv])
    print("qconv", H(r[0]), r[0].ravel()[:8].tolist(), R(r[1:3]), H(r[3]))
    print("conv err", repr(float(np.abs(r[3] - fconv).max())))
    r = s.run([tf.bitcast(cq.output, tf.uint8), cq.output_min, cq.output_max, drelu])
    print("relu q", H(r[0]), R(r[1:3]), repr(float(np.abs(r[3] - np.minimum(fact, 1.5)).max())))
    r = s.run([tf.bitcast(mp.output, tf.uint8), dmp, tf.bitcast(ap.output, tf.uint8), dap])
    print("pools", r[0].ravel()[:12].tolist(), H(r[1]), r[2].ravel()[:12].tolist(), H(r[3]))
    print("pool err", repr(float(np.abs(r[1] - np.minimum(fpool, 1.5)).max())))
    r = s.run([tf.bitcast(cat.output, tf.uint8), cat.output_min, cat.output_max, dcat])
    print("concat", H(r[0]), R(r[1:3]), H(r[3]))


def first_line(e):
    return type(e).__name__, str(e).split(" (defined at")[0].splitlines()[0][:120]


# errors: a round mode MIN_COMBINED does not take; QuantizedReluX, which TF 1.14's wheel has
# no kernel for, fails every run of its graph (the placer), even one that does not fetch it
bad = tf.quantize_v2(kv, kmin, kmax, tf.quint8, round_mode="HALF_TO_EVEN")
with tf.Session() as s:
    try:
        s.run(bad.output)
    except tf.errors.OpError as e:
        print("round mode", first_line(e))
    print("still runs", s.run(tf.bitcast(kq.output, tf.uint8)).ravel()[:4].tolist())
with tf.Graph().as_default():
    a = tf.constant(2.0, name="a")
    q = tf.quantize_v2(X, 0.0, 1.0, tf.quint8)
    rq = tf.nn.quantized_relu_x(q.output, 0.5, q.output_min, q.output_max, out_type=tf.quint8)
    print("relu x", rq.activations.dtype.name, rq.activations.shape, rq.min_activations.shape)
    with tf.Session() as s:
        for f in (a, rq.activations, a):
            try:
                print(s.run(f))
            except tf.errors.OpError as e:
                print("relu x run", first_line(e))

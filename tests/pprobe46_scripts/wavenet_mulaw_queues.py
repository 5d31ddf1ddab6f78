"""tensorflow-wavenet's shape: mu-law companding (tf.sign * log1p / log1p(mu), quantised with
tf.cast to int32) of a seeded signal into 256 classes, one-hot input, a causal conv, dilated
causal conv layers built with time_to_batch / batch_to_time (tf.pad + reshape + transpose),
gated tanh*sigmoid units, 1x1 residual and skip convs, a softmax over 256 classes with
softmax_cross_entropy_with_logits_v2, Adam; then fast generation with per-layer tf.FIFOQueue
(enqueue the current input, dequeue the one `dilation` steps back) seeded through a
tf.multinomial draw, and mu-law decoding of the samples."""

import hashlib
import math
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(4601)
rs = np.random.RandomState(4602)
Q, R, S, T = 256, 8, 8, 32
DIL = [1, 2, 4, 1, 2]
sig = (0.6 * np.array([math.sin(i * 0.37) for i in range(T + 1)])
       + 0.2 * rs.uniform(-1, 1, T + 1)).astype(np.float32)


def mu_law_encode(audio, q):
    with tf.name_scope("encode"):
        mu = tf.to_float(q - 1)
        safe = tf.minimum(tf.abs(audio), 1.0)
        mag = tf.log1p(mu * safe) / tf.log1p(mu)
        signal = tf.sign(audio) * mag
        return tf.to_int32((signal + 1) / 2 * mu + 0.5)


def mu_law_decode(output, q):
    with tf.name_scope("decode"):
        mu = q - 1
        signal = 2 * (tf.to_float(output) / mu) - 1
        mag = (1 / mu) * ((1 + mu) ** abs(signal) - 1)
        return tf.sign(signal) * mag


def time_to_batch(value, dilation):
    shape = tf.shape(value)
    pad = (dilation - shape[1] % dilation) % dilation
    padded = tf.pad(value, [[0, 0], [0, pad], [0, 0]])
    reshaped = tf.reshape(padded, [-1, dilation, shape[2]])
    transposed = tf.transpose(reshaped, perm=[1, 0, 2])
    return tf.reshape(transposed, [shape[0] * dilation, -1, shape[2]])


def batch_to_time(value, dilation):
    shape = tf.shape(value)
    prepared = tf.reshape(value, [dilation, -1, shape[2]])
    transposed = tf.transpose(prepared, perm=[1, 0, 2])
    return tf.reshape(transposed, [tf.div(shape[0], dilation), -1, shape[2]])


def causal_conv(value, filter_, dilation):
    fw = tf.shape(filter_)[0]
    if dilation > 1:
        tr = time_to_batch(value, dilation)
        conv = tf.nn.conv1d(tr, filter_, stride=1, padding="VALID")
        restored = batch_to_time(conv, dilation)
    else:
        restored = tf.nn.conv1d(value, filter_, stride=1, padding="VALID")
    out_width = tf.shape(value)[1] - (fw - 1) * dilation
    return tf.slice(restored, [0, 0, 0], [-1, out_width, -1])


init = tf.contrib.layers.xavier_initializer_conv2d(seed=11)
V = {}
with tf.variable_scope("wavenet"):
    V["causal"] = tf.get_variable("causal", [2, Q, R], initializer=init)
    for i, d in enumerate(DIL):
        with tf.variable_scope("layer%d" % i):
            for n, shp in [("filter", [2, R, R]), ("gate", [2, R, R]),
                           ("dense", [1, R, R]), ("skip", [1, R, S])]:
                V[(i, n)] = tf.get_variable(n, shp, initializer=init)
            V[(i, "fb")] = tf.get_variable("filter_bias", [R], initializer=tf.zeros_initializer())
    V["post1"] = tf.get_variable("postprocess1", [1, S, S], initializer=init)
    V["post2"] = tf.get_variable("postprocess2", [1, S, Q], initializer=init)

audio = tf.placeholder(tf.float32, [None, None, 1])
enc = mu_law_encode(audio, Q)
oh = tf.reshape(tf.one_hot(enc, Q), [tf.shape(audio)[0], -1, Q])
net_in = oh[:, :-1, :]
h = causal_conv(net_in, V["causal"], 1)
skips = []
for i, d in enumerate(DIL):
    f = causal_conv(h, V[(i, "filter")], d) + V[(i, "fb")]
    g = causal_conv(h, V[(i, "gate")], d)
    z = tf.tanh(f) * tf.sigmoid(g)
    skip_cut = tf.shape(z)[1] - (T - 1 - sum(DIL))
    sk = tf.nn.conv1d(z, V[(i, "skip")], 1, "SAME")
    skips.append(tf.slice(sk, [0, skip_cut, 0], [-1, -1, -1]))
    tr = tf.nn.conv1d(z, V[(i, "dense")], 1, "SAME")
    cut = tf.shape(h)[1] - tf.shape(tr)[1]
    h = tf.slice(h, [0, cut, 0], [-1, -1, -1]) + tr
tot = tf.nn.relu(sum(skips))
logits = tf.nn.conv1d(tf.nn.relu(tf.nn.conv1d(tot, V["post1"], 1, "SAME")), V["post2"], 1, "SAME")
rf = sum(DIL) + 2
tgt = tf.slice(oh, [0, rf, 0], [-1, -1, -1])
xent = tf.nn.softmax_cross_entropy_with_logits_v2(
    logits=tf.reshape(logits, [-1, Q]), labels=tf.reshape(tgt, [-1, Q]))
loss = tf.reduce_mean(xent) + 1e-3 * tf.add_n(
    [tf.nn.l2_loss(v) for v in tf.trainable_variables() if "bias" not in v.name])
train = tf.train.AdamOptimizer(0.01, epsilon=1e-4).minimize(loss)
print("ops", len(tf.get_default_graph().get_operations()))

# fast generation: one sample at a time, each layer keeps its past inputs in a FIFOQueue
sample_in = tf.placeholder(tf.int32, [])
x1 = tf.one_hot(sample_in, Q)[None, :]
init_ops, push_ops = [], []
q0 = tf.FIFOQueue(1, tf.float32, shapes=(1, Q), name="q_causal")
init_ops.append(q0.enqueue_many(tf.zeros((1, 1, Q))))
past = q0.dequeue()
push_ops.append(q0.enqueue(x1))
cur = tf.matmul(past, V["causal"][0]) + tf.matmul(x1, V["causal"][1])
gskips = []
for i, d in enumerate(DIL):
    q = tf.FIFOQueue(d, tf.float32, shapes=(1, R), name="q_layer%d" % i)
    init_ops.append(q.enqueue_many(tf.zeros((d, 1, R))))
    p = q.dequeue()
    push_ops.append(q.enqueue(cur))
    f = tf.matmul(p, V[(i, "filter")][0]) + tf.matmul(cur, V[(i, "filter")][1]) + V[(i, "fb")]
    g = tf.matmul(p, V[(i, "gate")][0]) + tf.matmul(cur, V[(i, "gate")][1])
    z = tf.tanh(f) * tf.sigmoid(g)
    gskips.append(tf.matmul(z, V[(i, "skip")][0]))
    cur = cur + tf.matmul(z, V[(i, "dense")][0])
gl = tf.matmul(tf.nn.relu(tf.matmul(tf.nn.relu(sum(gskips)), V["post1"][0])), V["post2"][0])
probs = tf.nn.softmax(gl)
draw = tf.multinomial(tf.log(probs + 1e-12), 1, seed=7)[0, 0]
codes = tf.placeholder_with_default(tf.constant([0, 64, 128, 200, 255]), [None])
decoded = mu_law_decode(codes, Q)
print("gen ops", len(tf.get_default_graph().get_operations()), q0.name, draw.dtype.name)

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    feed = {audio: sig[None, :, None]}
    e = s.run(enc, feed)
    print("enc", e.ravel().tolist())
    for step in range(4):
        lo, _ = s.run([loss, train], feed)
        print("step", step, repr(float(lo)))
    print("logits", H(s.run(logits, feed)))
    s.run(init_ops)
    smp = 128
    out = []
    for t in range(12):
        pr, smp = s.run([probs, draw, push_ops], {sample_in: smp})[:2]
        out.append(int(smp))
        if t < 2:
            print("probs", H(pr), repr(float(pr.max())))
    print("samples", out)
    print("decoded", [repr(float(v)) for v in s.run(decoded)])
    print("decoded samples", [repr(float(v)) for v in s.run(decoded, {codes: out})])

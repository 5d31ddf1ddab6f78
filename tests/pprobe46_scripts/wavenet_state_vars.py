"""A WaveNet trained with tf.nn.convolution(dilation_rate=...) on left-padded inputs and
generated with per-layer state tf.Variables (non-trainable, collections=[LOCAL_VARIABLES])
holding the last `dilation` activations: each step reads state[:, 0], computes the gated
unit with the two kernel taps, and tf.assign's tf.concat([state[:, 1:], cur]) under
control_dependencies; mu-law encode with tf.sign/tf.log1p and decode with tf.expm1,
a 32-class softmax with sparse_softmax_cross_entropy, Momentum (nesterov) training, and
generation by seeded tf.random.categorical; the sampled codes agree with the training
graph's argmax-free recomputation of the same causal stack."""

import hashlib
import math
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(4641)
rs = np.random.RandomState(4642)
Q, C, T = 32, 6, 40
DIL = [1, 2, 4, 8]
wave = (0.8 * np.array([math.sin(i * 0.3) * math.exp(-i / 30.0) for i in range(T + 1)])
        + 0.05 * rs.randn(T + 1)).astype(np.float32)


def encode(a):
    mu = float(Q - 1)
    y = tf.sign(a) * tf.log1p(mu * tf.abs(a)) / np.float32(math.log1p(mu))
    return tf.cast(tf.floor((y + 1.0) / 2.0 * mu + 0.5), tf.int32)


def decode(q):
    mu = float(Q - 1)
    y = tf.cast(q, tf.float32) / mu * 2.0 - 1.0
    return tf.sign(y) * tf.expm1(tf.abs(y) * np.float32(math.log1p(mu))) / mu


ini = tf.truncated_normal_initializer(stddev=0.3, seed=3)
Wc = tf.get_variable("causal", [2, Q, C], initializer=ini)
Ls = [(tf.get_variable("f%d" % i, [2, C, 2 * C], initializer=ini),
       tf.get_variable("b%d" % i, [2 * C], initializer=tf.constant_initializer(0.1)),
       tf.get_variable("r%d" % i, [1, C, C], initializer=ini)) for i in range(len(DIL))]
Wo = tf.get_variable("out", [C, Q], initializer=ini)

wav = tf.placeholder(tf.float32, [None, None])
codes = encode(wav)
inp = tf.one_hot(codes[:, :-1], Q)
tgt = codes[:, 1:]
h = tf.nn.convolution(tf.pad(inp, [[0, 0], [1, 0], [0, 0]]), Wc, "VALID")
skip = 0.0
for d, (f, b, r) in zip(DIL, Ls):
    z = tf.nn.convolution(tf.pad(h, [[0, 0], [d, 0], [0, 0]]), f, "VALID", dilation_rate=[d]) + b
    a_, g_ = tf.split(z, 2, axis=2)
    o = tf.tanh(a_) * tf.sigmoid(g_)
    o = tf.nn.convolution(o, r, "VALID")
    skip = skip + o
    h = h + o
logits = tf.einsum("btc,cq->btq", tf.nn.relu(skip), Wo)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tgt, logits=logits))
train = tf.train.MomentumOptimizer(0.05, 0.9, use_nesterov=True).minimize(loss)
print("ops", len(tf.get_default_graph().get_operations()), logits.shape)

# incremental generation with state variables
cur_code = tf.placeholder(tf.int32, [1])
x1 = tf.one_hot(cur_code, Q)
st0 = tf.Variable(tf.zeros([1, 1, Q]), trainable=False, collections=[tf.GraphKeys.LOCAL_VARIABLES],
                  name="state_in")
hc = tf.matmul(st0[:, 0], Wc[0]) + tf.matmul(x1, Wc[1])
with tf.control_dependencies([hc]):
    updates = [tf.assign(st0, tf.concat([st0[:, 1:], x1[:, None]], 1))]
gskip = 0.0
for i, (d, (f, b, r)) in enumerate(zip(DIL, Ls)):
    st = tf.Variable(tf.zeros([1, d, C]), trainable=False,
                     collections=[tf.GraphKeys.LOCAL_VARIABLES], name="state%d" % i)
    z = tf.matmul(st[:, 0], f[0]) + tf.matmul(hc, f[1]) + b
    with tf.control_dependencies([z]):
        updates.append(tf.assign(st, tf.concat([st[:, 1:], hc[:, None]], 1)))
    a_, g_ = tf.split(z, 2, axis=1)
    o = tf.matmul(tf.tanh(a_) * tf.sigmoid(g_), r[0])
    gskip = gskip + o
    hc = hc + o
glog = tf.matmul(tf.nn.relu(gskip), Wo)
with tf.control_dependencies(updates):
    nxt = tf.to_int32(tf.random.categorical(glog, 1, seed=21))[:, 0]
    glog_out = tf.identity(glog)
dec_in = tf.placeholder(tf.int32, [None])
out_wave = decode(dec_in)
print("gen ops", len(tf.get_default_graph().get_operations()), len(tf.local_variables()))

with tf.Session() as s:
    s.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    fd = {wav: wave[None]}
    print("codes", s.run(codes, fd).ravel().tolist())
    for step in range(5):
        lo, _ = s.run([loss, train], fd)
        print("step", step, repr(float(lo)))
    full = s.run(logits, fd)
    print("logits", H(full))
    cds = s.run(codes, fd)[0]
    inc = []
    for t in range(8):
        inc.append(s.run(glog_out, {cur_code: cds[t:t + 1]})[0])
    print("incremental == full", bool(np.allclose(np.array(inc), full[0, :8], atol=1e-5)),
          H(np.array(inc)))
    s.run(tf.local_variables_initializer())
    c = [int(cds[0])]
    for t in range(10):
        c.append(int(s.run(nxt, {cur_code: c[-1:]})[0]))
    print("generated", c)
    print("decoded", [repr(float(v)) for v in s.run(out_wave, {dec_in: [0, 5, 16, 27, 31] + c})])

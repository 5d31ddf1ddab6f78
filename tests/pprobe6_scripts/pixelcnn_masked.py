"""A PixelCNN on tiny binary-ish images: masked convolutions (mask 'A' for the first layer,
'B' after) built as kernel * constant mask, gated residual blocks, a 4-level discretized
softmax over pixel values with sparse_softmax_cross_entropy, Adam, and greedy
autoregressive sampling pixel by pixel through repeated Session.run."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(71)
rs = np.random.RandomState(72)
S, K = 6, 4
imgs = rs.randint(0, K, size=(4, S, S, 1)).astype(np.int32)


def mask(k, cin, cout, kind):
    m = np.ones((k, k, cin, cout), np.float32)
    c = k // 2
    m[c, c + (1 if kind == "B" else 0) :, :, :] = 0
    m[c + 1 :, :, :, :] = 0
    return tf.constant(m)


def mconv(x, cout, k, kind, name):
    cin = x.shape[-1].value
    w = tf.get_variable(
        name + "_w", [k, k, cin, cout], initializer=tf.glorot_uniform_initializer(seed=len(name))
    )
    b = tf.get_variable(name + "_b", [cout], initializer=tf.zeros_initializer())
    return tf.nn.conv2d(x, w * mask(k, cin, cout, kind), [1, 1, 1, 1], "SAME") + b


x = tf.placeholder(tf.int32, [None, S, S, 1])
xf = tf.cast(x, tf.float32) / (K - 1)
h = mconv(xf, 8, 5, "A", "in")
for i in range(2):
    g = mconv(tf.nn.relu(h), 16, 3, "B", "blk%d" % i)
    a, bgate = tf.split(g, 2, axis=3)
    h = h + tf.tanh(a) * tf.sigmoid(bgate)
logits = mconv(tf.nn.relu(h), K, 1, "B", "out")
loss = tf.reduce_mean(
    tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.squeeze(x, 3), logits=logits)
)
train = tf.train.AdamOptimizer(0.01).minimize(loss)
nll_bits = loss / np.log(2.0)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(10):
        lv, bits, _ = s.run([loss, nll_bits, train], {x: imgs})
        if i % 3 == 0:
            print("step", i, repr(float(lv)), repr(float(bits)))
    gen = np.zeros((2, S, S, 1), np.int32)
    for r in range(S):
        for c in range(S):
            lg = s.run(logits, {x: gen})
            gen[:, r, c, 0] = lg[:, r, c].argmax(-1)
    print("sample", gen[..., 0].tolist())
    print("logits", H(s.run(logits, {x: imgs})))

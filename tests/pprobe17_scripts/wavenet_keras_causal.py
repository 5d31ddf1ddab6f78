"""A WaveNet-style next-sample model on a mu-law quantised signal: mu-law companding in the
graph (tf.sign, tf.log1p), tf.keras.layers.Conv1D with padding='causal' and dilation_rate
1/2/4/8, gated tanh*sigmoid units, residual and skip sums, a tf.nn.convolution head with
dilation_rate 2 on a VALID window, tf.nn.atrous_conv2d (rate 3, VALID) on the stacked skips;
sparse softmax cross-entropy trained with Adam, then argmax predictions."""

import hashlib
import math
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1721)
rs = np.random.RandomState(1722)
Q, C, T, B = 16, 6, 40, 2
t = np.arange(T + 1)
sig = np.stack([np.sin(0.3 * t + p) * 0.8 + 0.05 * rs.randn(T + 1) for p in (0.0, 1.1)])
sig = sig.astype(np.float32)
x = tf.constant(sig)
mu = float(Q - 1)
comp = tf.sign(x) * tf.log1p(mu * tf.abs(x)) / math.log1p(mu)
q = tf.cast(tf.clip_by_value(tf.floor((comp + 1.0) / 2.0 * mu + 0.5), 0.0, mu), tf.int32)
inp = tf.one_hot(q[:, :-1], Q)
tgt = q[:, 1:]
init = tf.glorot_uniform_initializer(seed=6)
h = tf.keras.layers.Conv1D(C, 2, padding="causal", kernel_initializer=init)(inp)
skips = []
for i, d in enumerate([1, 2, 4, 8]):
    f = tf.keras.layers.Conv1D(C, 2, padding="causal", dilation_rate=d,
                               kernel_initializer=tf.glorot_uniform_initializer(seed=10 + i))(h)
    g = tf.keras.layers.Conv1D(C, 2, padding="causal", dilation_rate=d,
                               kernel_initializer=tf.glorot_uniform_initializer(seed=20 + i))(h)
    z = tf.tanh(f) * tf.sigmoid(g)
    skips.append(z)
    h = h + tf.keras.layers.Conv1D(C, 1, kernel_initializer=init)(z)
sk = tf.nn.relu(tf.add_n(skips))
w_head = tf.Variable(tf.truncated_normal([2, C, Q], stddev=0.3, seed=7))
padded = tf.pad(sk, [[0, 0], [2, 0], [0, 0]])
logits = tf.nn.convolution(padded, w_head, padding="VALID", dilation_rate=[2])
stack = tf.expand_dims(tf.stack(skips, 1), -1)[..., 0]
w_at = tf.Variable(tf.random_normal([2, 2, C, 3], stddev=0.2, seed=8))
at = tf.nn.atrous_conv2d(stack, w_at, rate=3, padding="VALID")
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tgt, logits=logits))
loss_all = loss + 1e-3 * tf.reduce_mean(tf.square(at))
train = tf.train.AdamOptimizer(0.01).minimize(loss_all)
pred = tf.argmax(logits, -1, output_type=tf.int32)
print(len(tf.get_default_graph().get_operations()))
print(logits.shape, at.shape)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(s.run(q).tolist())
    for step in range(8):
        lv, _ = s.run([loss_all, train])
        if step % 2 == 0:
            print(step, repr(lv))
    print(H(s.run(at)), s.run(pred).tolist())
    print(repr(s.run(tf.reduce_mean(tf.cast(tf.equal(pred, tgt), tf.float32)))))

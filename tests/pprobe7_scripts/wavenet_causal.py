"""A small WaveNet: causal dilated conv1d stacks (left padding with tf.pad, dilation_rate
1/2/4), gated tanh*sigmoid units, residual and skip connections, a 1x1 output conv with a
softmax over 8 mu-law style classes; also tf.nn.atrous_conv2d and tf.nn.convolution with
dilations on the same signal; trained with Adam, then fast generation of 6 samples one
step at a time with tf.multinomial from a fixed seed."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(831)
rs = np.random.RandomState(832)
Q, C, T = 8, 8, 24
inp = tf.placeholder(tf.int32, [None, None])
x = tf.one_hot(inp, Q)
h = tf.layers.conv1d(tf.pad(x, [[0, 0], [1, 0], [0, 0]]), C, 2, name="causal")
skips = []
for i, d in enumerate([1, 2, 4]):
    p = tf.pad(h, [[0, 0], [d, 0], [0, 0]])
    f = tf.layers.conv1d(p, C, 2, dilation_rate=d, name="f%d" % i)
    g = tf.layers.conv1d(p, C, 2, dilation_rate=d, name="g%d" % i)
    z = tf.tanh(f) * tf.sigmoid(g)
    skips.append(tf.layers.conv1d(z, C, 1, name="skip%d" % i))
    h = h + tf.layers.conv1d(z, C, 1, name="res%d" % i)
out = tf.nn.relu(tf.add_n(skips))
logits = tf.layers.conv1d(out, Q, 1, name="out")
loss = tf.reduce_mean(
    tf.nn.sparse_softmax_cross_entropy_with_logits(labels=inp[:, 1:], logits=logits[:, :-1])
)
train = tf.train.AdamOptimizer(0.01).minimize(loss)
sample = tf.multinomial(logits[:, -1], 1, seed=5)
img = tf.expand_dims(x, 1)
k2 = tf.get_variable("k2", [1, 3, Q, 4])
at = tf.nn.atrous_conv2d(img, k2, rate=2, padding="SAME")
cv = tf.nn.convolution(img, k2, padding="VALID", dilation_rate=[1, 3])
print(len(tf.get_default_graph().get_operations()))
base = np.array([0, 1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1] * 2)[:T]
X = np.stack([np.roll(base, k) for k in range(3)]).astype(np.int32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(8):
        lv, _ = s.run([loss, train], {inp: X})
        print(i, repr(float(lv)))
    a, c = s.run([at, cv], {inp: X})
    print(H(a), H(c))
    seq = X[:1, :8]
    for t in range(6):
        nxt = s.run(sample, {inp: seq})
        seq = np.concatenate([seq, nxt.astype(np.int32)], 1)
    print(seq.tolist())

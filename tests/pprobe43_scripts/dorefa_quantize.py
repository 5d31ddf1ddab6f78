"""DoReFa-Net's quantizers as tensorpack's dorefa.py writes them: k-bit weights through
tanh and a Round under gradient_override_map({"Round": "Identity"}), a 1-bit Sign weight
with its mean scale (Sign overridden too), clipped k-bit activations, and the gradient
quantizer fg: a tf.RegisterGradient'ed Identity whose gradient adds seeded uniform noise
(tf.random_uniform with an op seed) and rounds (Round under the override again, inside the
gradient function). A small conv net trained a few steps with Momentum; prints op names,
counts and the values."""
import collections
import hashlib

import numpy as np
import tensorflow as tf

tf.set_random_seed(13)
rng = np.random.RandomState(4)
G = tf.get_default_graph()


def quantize(x, k):
    n = float(2 ** k - 1)
    with G.gradient_override_map({"Round": "Identity"}):
        return tf.round(x * n) / n


def fw(x, bitW=2):
    if bitW == 1:
        e = tf.stop_gradient(tf.reduce_mean(tf.abs(x)))
        with G.gradient_override_map({"Sign": "Identity"}):
            return tf.sign(x / e) * e
    x = tf.tanh(x)
    x = x / tf.reduce_max(tf.abs(x)) * 0.5 + 0.5
    return 2 * quantize(x, bitW) - 1


def fa(x, bitA=2):
    return quantize(tf.clip_by_value(x, 0.0, 1.0), bitA)


@tf.RegisterGradient("FGGrad_pprobe43")
def _fg_grad(op, x):
    rank = x.get_shape().ndims
    maxx = tf.reduce_max(tf.abs(x), list(range(1, rank)), keepdims=True)
    x = x / maxx
    n = float(2 ** 4 - 1)
    x = x * 0.5 + 0.5 + tf.random_uniform(tf.shape(x), minval=-0.5 / n, maxval=0.5 / n,
                                          seed=17)
    x = tf.clip_by_value(x, 0.0, 1.0)
    x = quantize(x, 4) - 0.5
    return x * maxx * 2


def fg(x):
    with G.gradient_override_map({"Identity": "FGGrad_pprobe43"}):
        return tf.identity(x)


X = rng.uniform(-1, 2, (4, 6, 6, 1)).astype(np.float32)
Y = np.array([0, 1, 1, 0], np.int32)
x = tf.constant(X, name="x")
w1 = tf.get_variable("w1", [3, 3, 1, 4], initializer=tf.random_normal_initializer(0, 0.5, seed=2))
w2 = tf.get_variable("w2", [4 * 4 * 4, 2], initializer=tf.random_normal_initializer(0, 0.3, seed=3))
h = tf.nn.conv2d(x, fw(w1, 2), [1, 1, 1, 1], "VALID") * 0.25 + 0.3
h = fg(fa(tf.nn.relu(h), 2))
h = tf.reshape(h, [4, -1])
logits = tf.matmul(h, fw(w2, 1))
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=Y, logits=logits))
grads = tf.gradients(loss, [w1, w2])
train = tf.train.MomentumOptimizer(0.1, 0.9).apply_gradients(zip(grads, [w1, w2]))
ops = G.get_operations()
print(len(ops))
print(sorted(collections.Counter(op.type for op in ops).items()))
print([op.name for op in ops if op.name.startswith("gradients/") and op.type in
       ("Identity", "RandomUniform", "Round", "Sign")])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    g1, g2 = sess.run(grads)
    print(repr(g1.ravel()[:8].tolist()), repr(g2.ravel()[:6].tolist()))
    for i in range(4):
        lv, _ = sess.run([loss, train])
        print(i, repr(float(lv)))
    for v in sess.run([w1, w2]):
        print(hashlib.sha1(v.tobytes()).hexdigest()[:16])

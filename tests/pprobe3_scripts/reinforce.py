"""REINFORCE: a softmax policy over 3 actions, actions sampled with tf.random.categorical
(seeded), discounted returns normalised, loss = -mean(log pi(a) * G), Adam; entropy bonus."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(12)
rs = np.random.RandomState(1)
obs = tf.placeholder(tf.float32, [None, 4])
act = tf.placeholder(tf.int32, [None])
ret = tf.placeholder(tf.float32, [None])
h = tf.layers.dense(obs, 16, tf.nn.tanh)
logits = tf.layers.dense(h, 3)
sample = tf.squeeze(tf.random.categorical(logits, 1, seed=5), 1)
logp = -tf.nn.sparse_softmax_cross_entropy_with_logits(labels=act, logits=logits)
p = tf.nn.softmax(logits)
entropy = -tf.reduce_mean(tf.reduce_sum(p * tf.log(p + 1e-8), 1))
loss = -tf.reduce_mean(logp * ret) - 0.01 * entropy
train = tf.train.AdamOptimizer(0.02).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for ep in range(4):
        o = rs.randn(6, 4).astype(np.float32)
        a = s.run(sample, {obs: o})
        r = (a == np.argmax(o[:, :3], 1)).astype(np.float64)
        g = np.zeros(len(r))  # float64: NumPy 1.16 and 2.x round float32 scalars differently
        acc = 0.0
        for t in reversed(range(len(r))):
            acc = r[t] + 0.9 * acc
            g[t] = acc
        g = ((g - g.mean()) / (g.std() + 1e-8)).astype(np.float32)
        lv, e, _ = s.run([loss, entropy, train], {obs: o, act: a, ret: g})
        print(ep, a.tolist(), repr(float(lv)), repr(float(e)))
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))

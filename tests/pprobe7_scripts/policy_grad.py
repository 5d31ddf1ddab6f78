"""Policy gradient on a contextual bandit and a short gridworld: a softmax policy sampled
with tf.multinomial (op seed) and tf.random.categorical, log-probabilities gathered with
tf.batch_gather and one_hot, discounted returns computed in-graph with a reversed tf.scan,
a learned baseline (value head) with stop_gradient on the advantage, an entropy bonus;
RMSProp updates; rewards from a seeded RandomState."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(841)
rs = np.random.RandomState(842)
S, A, T = 5, 4, 6
obs = tf.placeholder(tf.float32, [None, S])
act = tf.placeholder(tf.int32, [None])
rew = tf.placeholder(tf.float32, [T])
h = tf.layers.dense(obs, 16, tf.nn.tanh)
logits = tf.layers.dense(h, A)
value = tf.squeeze(tf.layers.dense(h, 1), 1)
sample = tf.multinomial(logits, 1, seed=3)
sample2 = tf.random.categorical(logits, 2)
logp_all = tf.nn.log_softmax(logits)
logp = tf.squeeze(tf.batch_gather(logp_all, tf.expand_dims(act, 1)), 1)
logp2 = tf.reduce_sum(logp_all * tf.one_hot(act, A), 1)
ret = tf.scan(lambda acc, r: r + 0.9 * acc, rew, initializer=0.0, reverse=True)
adv = tf.stop_gradient(ret - value)
ent = -tf.reduce_mean(tf.reduce_sum(tf.nn.softmax(logits) * logp_all, 1))
pg_loss = -tf.reduce_mean(logp * adv) - 0.01 * ent
v_loss = tf.reduce_mean(tf.square(ret - value))
loss = pg_loss + 0.5 * v_loss
train = tf.train.RMSPropOptimizer(0.01, decay=0.95, epsilon=1e-5).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
W = rs.randn(S, A).astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for ep in range(6):
        Ob = rs.randn(T, S).astype(np.float32)
        a, a2 = s.run([sample, sample2], {obs: Ob})
        a = a[:, 0].astype(np.int32)
        # (Python floats: the host NumPy's BLAS rounding differs between versions)
        R = np.array(
            [sum(float(Ob[t, k]) * float(W[k, a[t]]) for k in range(S)) for t in range(T)],
            np.float32,
        )
        lv, r_, e_, lp1, lp2, _ = s.run(
            [loss, ret, ent, logp, logp2, train], {obs: Ob, act: a, rew: R}
        )
        print(ep, a.tolist(), a2.tolist(), repr(float(lv)), repr(float(e_)))
        print(repr(r_.tolist()), bool((lp1 == lp2).all()))
    print(H(s.run(logits, {obs: Ob})))

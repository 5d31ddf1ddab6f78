"""A Double DQN on a numpy chain environment, as RL tutorials write it: online and target
networks (tf.layers.dense under variable scopes, the online one reused for the next state's
argmax), one_hot-selected Q values, a stop_gradient target, Huber loss, centered RMSProp
(decay, momentum, epsilon) on gradients clipped by norm, soft target updates through
tf.assign(tau * online + (1 - tau) * target), a numpy replay buffer and epsilon-greedy
acting, the loss summary written with a FileWriter. Seeded: TF 1.14 and flowgrad print the
same losses (7 digits) for 400 steps (golden train/prl_dqn). Batches are of a static 32
(the acting network has its own [1, 6] input)."""
import os
import sys
import tempfile

import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(2)
N, B = 6, 32


class ChainEnv(object):
    """Move left (0) or right (1) along N states; reward 1 at the right end."""

    def reset(self):
        self.s = 0
        return self.obs()

    def obs(self):
        o = np.zeros(N, np.float32)
        o[self.s] = 1.0
        return o

    def step(self, a):
        self.s = min(self.s + 1, N - 1) if a == 1 else max(self.s - 1, 0)
        return self.obs(), 1.0 if self.s == N - 1 else -0.01, self.s == N - 1


def qnet(x, scope, reuse=False):
    with tf.variable_scope(scope, reuse=reuse):
        h = tf.layers.dense(x, 16, activation=tf.nn.relu, name="h1")
        h = tf.layers.dense(h, 16, activation=tf.nn.relu, name="h2")
        return tf.layers.dense(h, 2, name="q")


s = tf.placeholder(tf.float32, [B, N], name="s")
s_act = tf.placeholder(tf.float32, [1, N], name="s_act")
a = tf.placeholder(tf.int32, [B], name="a")
r = tf.placeholder(tf.float32, [B], name="r")
s2 = tf.placeholder(tf.float32, [B, N], name="s2")
d = tf.placeholder(tf.float32, [B], name="d")
q = qnet(s, "online")
q_next_online = qnet(s2, "online", reuse=True)
q_act = qnet(s_act, "online", reuse=True)
q_next_target = qnet(s2, "target")
best = tf.argmax(q_next_online, axis=1)
q2 = tf.reduce_sum(q_next_target * tf.one_hot(best, 2), axis=1)
y = tf.stop_gradient(r + 0.9 * (1.0 - d) * q2)
qa = tf.reduce_sum(q * tf.one_hot(a, 2, dtype=tf.float32), axis=1)
loss = tf.losses.huber_loss(y, qa, delta=1.0)
opt = tf.train.RMSPropOptimizer(0.005, decay=0.95, momentum=0.9, epsilon=0.01, centered=True)
online = tf.trainable_variables(scope="online")
target = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="target")
print([v.name for v in online])
print([v.name for v in target])
grads = opt.compute_gradients(loss, var_list=online)
train = opt.apply_gradients([(tf.clip_by_norm(g, 5.0), v) for g, v in grads])
tau = 0.1
soft = [tf.assign(t, tau * o + (1 - tau) * t) for o, t in zip(online, target)]
hard = [t.assign(o) for o, t in zip(online, target)]
tf.summary.scalar("loss", loss)
merged = tf.summary.merge_all()
print(len(tf.get_default_graph().get_operations()), "ops")

env = ChainEnv()
buf = []
logdir = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(hard)
    writer = tf.summary.FileWriter(logdir, sess.graph)
    o = env.reset()
    eps = 1.0
    for t in range(400):
        if np.random.rand() < eps:
            act = np.random.randint(2)
        else:
            act = int(np.argmax(sess.run(q_act, {s_act: o[None]})[0]))
        o2, rew, done = env.step(act)
        buf.append((o, act, rew, o2, float(done)))
        if len(buf) > 200:
            buf.pop(0)
        o = env.reset() if done else o2
        eps = max(0.1, eps * 0.99)
        if len(buf) >= B:
            idx = np.random.choice(len(buf), B, replace=False)
            bs, ba, br, bs2, bd = map(np.array, zip(*[buf[i] for i in idx]))
            l, summ, _ = sess.run([loss, merged, train], {s: bs, a: ba, r: br, s2: bs2, d: bd})
            sess.run(soft)
            writer.add_summary(summ, t)
            if t % 20 == 0:
                print(t, "%.7g" % l)
    states = np.tile(np.eye(N, dtype=np.float32), (B // N + 1, 1))[:B]
    print(sess.run(q, {s: states})[:N])
    print(sess.run(target[0])[0])
    writer.close()
print(sorted(f.split(".")[0] for f in os.listdir(logdir)))

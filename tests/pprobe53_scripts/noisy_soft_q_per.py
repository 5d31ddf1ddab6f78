"""Rainbow-style pieces on a NumPy chain world: NoisyNet dense layers (factorised Gaussian
noise: tf.random_normal with op seeds, f(x) = sign(x) sqrt(|x|), mu / sigma variables
from random_uniform / constant initializers), a soft Q-learning target
alpha * reduce_logsumexp(Q / alpha), Boltzmann exploration by tf.multinomial(Q / temp,
seed), prioritized replay (proportional, alpha 0.5 / beta 1, a NumPy priority array)
with importance weights fed into tf.losses.huber_loss(weights=, delta=2.0,
reduction=Reduction.NONE) and SUM_BY_NONZERO_WEIGHTS, n-step returns in NumPy, the Nature
DQN's RMSProp(decay=0.95, momentum=0.5, epsilon=0.01, centered=True) with
tf.train.exponential_decay(staircase=True) on the global step, soft target updates with
tau through tf.assign over zipped tf.get_collection(TRAINABLE_VARIABLES, scope) lists."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


class Chain(object):
    """States 0..N-1 one-hot plus position; action 1 moves right, 0 left; reward at the end."""

    def __init__(self, n=6):
        self.n = n
        self.pos = 1

    def obs(self):
        o = np.zeros(self.n + 1)
        o[self.pos] = 1.0
        o[-1] = self.pos / float(self.n)
        return o

    def step(self, a):
        self.pos = min(self.n - 1, self.pos + 1) if a == 1 else max(0, self.pos - 1)
        r = 1.0 if self.pos == self.n - 1 else (0.01 if self.pos == 0 else 0.0)
        done = self.pos in (0, self.n - 1)
        if done:
            self.pos = 1
        return self.obs(), r, done


def noisy_dense(x, size, name, seed, activation=None):
    in_size = x.get_shape().as_list()[1]
    with tf.variable_scope(name):
        mu_init = tf.random_uniform_initializer(-1 / np.sqrt(in_size), 1 / np.sqrt(in_size),
                                                seed=seed)
        sig_init = tf.constant_initializer(0.5 / np.sqrt(in_size))
        w_mu = tf.get_variable("w_mu", [in_size, size], initializer=mu_init)
        w_sig = tf.get_variable("w_sigma", [in_size, size], initializer=sig_init)
        b_mu = tf.get_variable("b_mu", [size], initializer=mu_init)
        b_sig = tf.get_variable("b_sigma", [size], initializer=sig_init)

        def f(e):
            return tf.multiply(tf.sign(e), tf.pow(tf.abs(e), 0.5))

        p = f(tf.random_normal([in_size, 1], seed=seed + 1))
        q = f(tf.random_normal([1, size], seed=seed + 2))
        w = w_mu + w_sig * (p * q)
        b = b_mu + b_sig * tf.squeeze(q)
        out = tf.matmul(x, w) + b
        return activation(out) if activation is not None else out


def qnet(x, scope):
    with tf.variable_scope(scope):
        h = noisy_dense(x, 16, "n1", 100, tf.nn.relu)
        return noisy_dense(h, 2, "n2", 200)


tf.set_random_seed(31337)
N, NSTEP, gamma, alpha_ent, tau = 6, 3, 0.9, 0.1, 0.1
s_ph = tf.placeholder(tf.float32, [None, N + 1], "s")
a_ph = tf.placeholder(tf.int32, [None], "a")
g_ph = tf.placeholder(tf.float32, [None], "nstep_return")
s2_ph = tf.placeholder(tf.float32, [None, N + 1], "s_n")
d_ph = tf.placeholder(tf.float32, [None], "done")
w_ph = tf.placeholder(tf.float32, [None], "is_weight")
temp_ph = tf.placeholder_with_default(1.0, [], "temperature")

q = qnet(s_ph, "online")
q2 = qnet(s2_ph, "target")
boltzmann = tf.multinomial(q / temp_ph, 1, seed=41, output_dtype=tf.int32)[:, 0]
soft_v = alpha_ent * tf.reduce_logsumexp(q2 / alpha_ent, axis=1)
target = tf.stop_gradient(g_ph + gamma ** NSTEP * (1.0 - d_ph) * soft_v)
q_a = tf.batch_gather(q, a_ph[:, None])[:, 0]
td = target - q_a
per_sample = tf.losses.huber_loss(target, q_a, weights=w_ph, delta=2.0,
                                  reduction=tf.losses.Reduction.NONE)
loss = tf.losses.huber_loss(target, q_a, weights=w_ph, delta=2.0)
global_step = tf.train.get_or_create_global_step()
lr = tf.train.exponential_decay(0.01, global_step, 10, 0.7, staircase=True)
opt = tf.train.RMSPropOptimizer(lr, decay=0.95, momentum=0.5, epsilon=0.01, centered=True)
train = opt.minimize(loss, global_step=global_step,
                     var_list=tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "online"))
on_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="online")
tg_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="target")
soft_update = [tf.assign(t, (1 - tau) * t + tau * o) for o, t in zip(on_vars, tg_vars)]
print("losses collection", [t.name for t in tf.get_collection(tf.GraphKeys.LOSSES)])
print("loss", loss.name, per_sample.name, "lr", lr.name)
print("ops", len(tf.get_default_graph().get_operations()))

env = Chain(N)
rng = np.random.RandomState(12)
mem, prio = [], []
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run([tf.assign(t, o) for o, t in zip(on_vars, tg_vars)])
    o = env.obs()
    traj = []
    for t in range(60):
        a = int(sess.run(boltzmann, {s_ph: o[None].astype(np.float32), temp_ph: 0.5})[0])
        o2, r, done = env.step(a)
        traj.append((o, a, r))
        if len(traj) == NSTEP or done:
            G = sum((gamma ** k) * tr[2] for k, tr in enumerate(traj))
            mem.append((traj[0][0], traj[0][1], G, o2, float(done)))
            prio.append(max(prio) if prio else 1.0)
            traj = traj[1:] if not done else []
        o = o2
        if len(mem) >= 8 and t % 3 == 0:
            # alpha = 0.5, beta = 1 (np.sqrt and a division: exact in every NumPy)
            p = np.sqrt(np.array(prio))
            p = p / p.sum()
            idx = rng.choice(len(mem), 8, p=p)
            wts = 1.0 / (len(mem) * p[idx])
            wts = wts / wts.max()
            bo, ba, bg, bo2, bd = [np.array(z) for z in zip(*[mem[i] for i in idx])]
            fd = {s_ph: bo.astype(np.float32), a_ph: ba.astype(np.int32),
                  g_ph: bg.astype(np.float32), s2_ph: bo2.astype(np.float32),
                  d_ph: bd.astype(np.float32), w_ph: wts.astype(np.float32)}
            tdv, ps, lv, lrv, _ = sess.run([td, per_sample, loss, lr, train], fd)
            for i, e in zip(idx, np.abs(tdv)):
                prio[i] = float(e) + 1e-3
            sess.run(soft_update)
            if t % 15 == 0:
                print(t, repr(float(lv)), repr(float(lrv)), H(tdv), H(ps), idx.tolist())
    print("mem", len(mem), "gstep", sess.run(global_step))
    print("prio", H(np.array(prio)))
    qa, qb = sess.run([q, q], {s_ph: np.eye(N + 1)[:N].astype(np.float32)})
    print("noise redrawn", bool(not np.array_equal(qa, qb)), H(qa))
    for v in tf.global_variables():
        print(v.name, H(sess.run(v)))
# the GraphDef (TF sorts a node's control inputs there: Operation.control_inputs is in
# TF's memory order): each node's name, op, inputs and colocation (`_class`)
nodes = tf.get_default_graph().as_graph_def().node
print("ops end", len(nodes))
print("graphdef", hashlib.md5("\n".join(
    "%s %s %s %s" % (n.name, n.op, list(n.input), list(n.attr["_class"].list.s))
    for n in nodes).encode()).hexdigest())

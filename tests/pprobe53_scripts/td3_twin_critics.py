"""TD3 in the style of Spinning Up's TF1 code: mlp_actor_critic under variable scopes
'main' / 'target' (pi, q1, q2, q1_pi with reuse), target policy smoothing (tf.random_normal
with an op seed times target_noise, tf.clip_by_value to noise_clip, the action clipped to
act_limit), min_q_targ = tf.minimum of the twin target critics, backup with a
stop_gradient, the critic loss q1 + q2 MSE, the delayed actor update (every policy_delay
steps) on -mean(q1_pi) with the target update in a run of its own, get_vars by name
prefix over tf.global_variables(), Polyak averaging by tf.group([tf.assign(v_targ,
polyak * v_targ + (1 - polyak) * v_main)]) and the initial target copy; exploration
noise and a point-mass environment in NumPy."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def placeholders(*args):
    return [tf.placeholder(dtype=tf.float32, shape=(None, dim) if dim else (None,))
            for dim in args]


def mlp(x, hidden_sizes=(32,), activation=tf.tanh, output_activation=None, seed=0):
    for i, h in enumerate(hidden_sizes[:-1]):
        x = tf.layers.dense(x, units=h, activation=activation,
                            kernel_initializer=tf.glorot_uniform_initializer(seed=seed + i))
    return tf.layers.dense(x, units=hidden_sizes[-1], activation=output_activation,
                           kernel_initializer=tf.glorot_uniform_initializer(seed=seed + 9))


def get_vars(scope):
    return [x for x in tf.global_variables() if scope in x.name]


def count_vars(scope):
    v = get_vars(scope)
    return sum([np.prod(var.shape.as_list()) for var in v])


def mlp_actor_critic(x, a, hidden_sizes=(16, 16), act_dim=2, act_limit=1.0):
    with tf.variable_scope('pi'):
        pi = act_limit * mlp(x, list(hidden_sizes) + [act_dim], tf.nn.relu, tf.tanh, seed=100)
    with tf.variable_scope('q1'):
        q1 = tf.squeeze(mlp(tf.concat([x, a], axis=-1), list(hidden_sizes) + [1], tf.nn.relu,
                            None, seed=200), axis=1)
    with tf.variable_scope('q2'):
        q2 = tf.squeeze(mlp(tf.concat([x, a], axis=-1), list(hidden_sizes) + [1], tf.nn.relu,
                            None, seed=300), axis=1)
    with tf.variable_scope('q1', reuse=True):
        q1_pi = tf.squeeze(mlp(tf.concat([x, pi], axis=-1), list(hidden_sizes) + [1],
                               tf.nn.relu, None, seed=200), axis=1)
    return pi, q1, q2, q1_pi


class PointMass(object):
    def __init__(self, seed):
        self.rng = np.random.RandomState(seed)

    def reset(self):
        self.p = self.rng.uniform(-1, 1, 2)
        self.v = np.zeros(2)
        self.t = 0
        return np.concatenate([self.p, self.v])

    def step(self, a):
        self.v = 0.9 * self.v + 0.1 * np.clip(a, -1, 1)
        self.p = self.p + 0.1 * self.v
        self.t += 1
        r = -(self.p * self.p).sum() - 0.01 * (a * a).sum()
        return np.concatenate([self.p, self.v]), r, self.t >= 20


tf.set_random_seed(4242)
obs_dim, act_dim, act_limit = 4, 2, 1.0
gamma, polyak, pi_lr, q_lr = 0.99, 0.995, 1e-3, 1e-3
target_noise, noise_clip, policy_delay, batch_size = 0.2, 0.5, 2, 16

x_ph, a_ph, x2_ph, r_ph, d_ph = placeholders(obs_dim, act_dim, obs_dim, None, None)
with tf.variable_scope('main'):
    pi, q1, q2, q1_pi = mlp_actor_critic(x_ph, a_ph, act_dim=act_dim)
with tf.variable_scope('target'):
    pi_targ, _, _, _ = mlp_actor_critic(x2_ph, a_ph, act_dim=act_dim)
with tf.variable_scope('target', reuse=True):
    epsilon = tf.random_normal(tf.shape(pi_targ), stddev=target_noise, seed=17)
    epsilon = tf.clip_by_value(epsilon, -noise_clip, noise_clip)
    a2 = pi_targ + epsilon
    a2 = tf.clip_by_value(a2, -act_limit, act_limit)
    _, q1_targ, q2_targ, _ = mlp_actor_critic(x2_ph, a2, act_dim=act_dim)

var_counts = tuple(count_vars(scope) for scope in ['main/pi', 'main/q1', 'main/q2', 'main'])
print('Number of parameters: pi: %d, q1: %d, q2: %d, total: %d' % var_counts)

min_q_targ = tf.minimum(q1_targ, q2_targ)
backup = tf.stop_gradient(r_ph + gamma * (1 - d_ph) * min_q_targ)
pi_loss = -tf.reduce_mean(q1_pi)
q1_loss = tf.reduce_mean((q1 - backup) ** 2)
q2_loss = tf.reduce_mean((q2 - backup) ** 2)
q_loss = q1_loss + q2_loss
pi_optimizer = tf.train.AdamOptimizer(learning_rate=pi_lr)
q_optimizer = tf.train.AdamOptimizer(learning_rate=q_lr)
train_pi_op = pi_optimizer.minimize(pi_loss, var_list=get_vars('main/pi'))
train_q_op = q_optimizer.minimize(q_loss, var_list=get_vars('main/q'))
target_update = tf.group([tf.assign(v_targ, polyak * v_targ + (1 - polyak) * v_main)
                          for v_main, v_targ in zip(get_vars('main'), get_vars('target'))])
target_init = tf.group([tf.assign(v_targ, v_main)
                        for v_main, v_targ in zip(get_vars('main'), get_vars('target'))])
print("main", [v.name for v in get_vars('main')][:4], len(get_vars('main')))
print("target", len(get_vars('target')), "globals", len(tf.global_variables()))
print("ops", len(tf.get_default_graph().get_operations()))

env = PointMass(5)
nrng = np.random.RandomState(6)
buf = []
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(target_init)
    o = env.reset()
    rets, ret = [], 0.0
    for t in range(70):
        a = sess.run(pi, {x_ph: o.reshape(1, -1).astype(np.float32)})[0].astype(np.float64)
        a = np.clip(a + 0.1 * nrng.randn(act_dim), -act_limit, act_limit)
        o2, r, d = env.step(a)
        ret += r
        buf.append((o, a, r, o2, float(d)))
        o = o2
        if d:
            rets.append(ret)
            ret = 0.0
            o = env.reset()
        if t >= 24:
            idx = nrng.randint(0, len(buf), batch_size)
            bo, ba, br, bo2, bd = [np.array(z) for z in zip(*[buf[i] for i in idx])]
            fd = {x_ph: bo.astype(np.float32), a_ph: ba.astype(np.float32),
                  r_ph: br.astype(np.float32), x2_ph: bo2.astype(np.float32),
                  d_ph: bd.astype(np.float32)}
            ql, q1v, q2v, _ = sess.run([q_loss, q1, q2, train_q_op], fd)
            if t % policy_delay == 0:
                # Spinning Up runs these three in one call: the ApplyAdam and the Polyak
                # read of main/pi have no order there (a race in TF too)
                pl, _ = sess.run([pi_loss, train_pi_op], fd)
                sess.run(target_update)
            if t % 15 == 0:
                print(t, repr(float(ql)), repr(float(pl)), H(q1v), H(q2v))
    print("returns", [repr(x) for x in rets])
    eps_v, a2_v = sess.run([epsilon, a2], {x2_ph: np.zeros((3, 4), np.float32)})
    print("eps", eps_v.tolist())
    print("a2", a2_v.tolist())
    for v in tf.global_variables():
        if "Adam" not in v.name:
            print(v.name, H(sess.run(v)))
# the GraphDef (TF sorts a node's control inputs there: Operation.control_inputs is in
# TF's memory order): each node's name, op, inputs and colocation (`_class`)
nodes = tf.get_default_graph().as_graph_def().node
print("ops end", len(nodes))
print("graphdef", hashlib.md5("\n".join(
    "%s %s %s %s" % (n.name, n.op, list(n.input), list(n.attr["_class"].list.s))
    for n in nodes).encode()).hexdigest())

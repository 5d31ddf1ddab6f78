"""Soft Actor-Critic as in Spinning Up's TF1 implementation: an MLP actor with a squashed
Gaussian policy (log_std clipped with tf.clip_by_value, gaussian_likelihood by hand, the
tanh correction with tf.nn.softplus), twin Q networks under variable scopes, get_vars by
name match over tf.global_variables(), target networks updated by Polyak averaging in a
tf.group of tf.assign ops, an automatically tuned entropy temperature (log_alpha), and the
training ops chained with tf.control_dependencies (policy, then value, then targets);
op counts, sampled actions, losses and the target weights. (The Bellman backup is computed
in a run of its own and fed: in one run its read of the policy's variables races with the
policy's update.)"""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1311)
rs = np.random.RandomState(1312)
S, A, B = 3, 2, 16
EPS = 1e-8
LOG_STD_MIN, LOG_STD_MAX = -20, 2
x_ph = tf.placeholder(tf.float32, [None, S])
a_ph = tf.placeholder(tf.float32, [None, A])
x2_ph = tf.placeholder(tf.float32, [None, S])
r_ph = tf.placeholder(tf.float32, [None])
d_ph = tf.placeholder(tf.float32, [None])
init = tf.glorot_uniform_initializer(seed=131)


def mlp(x, sizes, activation=tf.nn.relu, output_activation=None):
    for h in sizes[:-1]:
        x = tf.layers.dense(x, h, activation, kernel_initializer=init)
    return tf.layers.dense(x, sizes[-1], output_activation, kernel_initializer=init)


def get_vars(scope):
    return [x for x in tf.global_variables() if scope in x.name]


def gaussian_likelihood(x, mu, log_std):
    pre_sum = -0.5 * (((x - mu) / (tf.exp(log_std) + EPS)) ** 2 + 2 * log_std + np.log(2 * np.pi))
    return tf.reduce_sum(pre_sum, axis=1)


def mlp_gaussian_policy(x, a):
    net = mlp(x, [16, 16], tf.nn.relu, tf.nn.relu)
    mu = tf.layers.dense(net, A, kernel_initializer=init)
    log_std = tf.layers.dense(net, A, kernel_initializer=init)
    log_std = tf.clip_by_value(log_std, LOG_STD_MIN, LOG_STD_MAX)
    std = tf.exp(log_std)
    pi = mu + tf.random_normal(tf.shape(mu), seed=132) * std
    logp_pi = gaussian_likelihood(pi, mu, log_std)
    return mu, pi, logp_pi


def apply_squashing_func(mu, pi, logp_pi):
    logp_pi -= tf.reduce_sum(2 * (np.log(2) - pi - tf.nn.softplus(-2 * pi)), axis=1)
    return tf.tanh(mu), tf.tanh(pi), logp_pi


def actor_critic(x, a):
    with tf.variable_scope("pi"):
        mu, pi, logp_pi = mlp_gaussian_policy(x, a)
        mu, pi, logp_pi = apply_squashing_func(mu, pi, logp_pi)

    def vf(x):
        return tf.squeeze(mlp(x, [16, 16, 1]), axis=1)
    with tf.variable_scope("q1"):
        q1 = vf(tf.concat([x, a], axis=-1))
    with tf.variable_scope("q2"):
        q2 = vf(tf.concat([x, a], axis=-1))
    return mu, pi, logp_pi, q1, q2


n0 = len(tf.get_default_graph().get_operations())
with tf.variable_scope("main"):
    mu, pi, logp_pi, q1, q2 = actor_critic(x_ph, a_ph)
with tf.variable_scope("main", reuse=True):
    _, _, _, q1_pi, q2_pi = actor_critic(x_ph, pi)
    _, pi_next, logp_pi_next, _, _ = actor_critic(x2_ph, a_ph)
print("ops main", len(tf.get_default_graph().get_operations()) - n0)
with tf.variable_scope("target"):
    _, _, _, q1_targ, q2_targ = actor_critic(x2_ph, pi_next)
log_alpha = tf.get_variable("log_alpha", [], initializer=tf.zeros_initializer())
alpha = tf.exp(log_alpha)
target_entropy = -float(A)
gamma, polyak = 0.99, 0.9
min_q_pi = tf.minimum(q1_pi, q2_pi)
min_q_targ = tf.minimum(q1_targ, q2_targ)
q_backup = tf.stop_gradient(r_ph + gamma * (1 - d_ph) * (min_q_targ - alpha * logp_pi_next))
backup_ph = tf.placeholder(tf.float32, [None])
pi_loss = tf.reduce_mean(alpha * logp_pi - min_q_pi)
q1_loss = 0.5 * tf.reduce_mean((backup_ph - q1) ** 2)
q2_loss = 0.5 * tf.reduce_mean((backup_ph - q2) ** 2)
value_loss = q1_loss + q2_loss
alpha_loss = -tf.reduce_mean(log_alpha * tf.stop_gradient(logp_pi + target_entropy))
print("vars pi", len(get_vars("main/pi")), "q", len(get_vars("main/q")), "all",
      len(tf.global_variables()))
pi_optimizer = tf.train.AdamOptimizer(learning_rate=3e-3)
train_pi_op = pi_optimizer.minimize(pi_loss, var_list=get_vars("main/pi"))
value_optimizer = tf.train.AdamOptimizer(learning_rate=3e-3)
with tf.control_dependencies([train_pi_op]):
    train_value_op = value_optimizer.minimize(value_loss, var_list=get_vars("main/q"))
alpha_optimizer = tf.train.AdamOptimizer(learning_rate=3e-3)
with tf.control_dependencies([train_value_op]):
    train_alpha_op = alpha_optimizer.minimize(alpha_loss, var_list=[log_alpha])
with tf.control_dependencies([train_alpha_op]):
    target_update = tf.group([tf.assign(v_targ, polyak * v_targ + (1 - polyak) * v_main)
                              for v_main, v_targ in zip(get_vars("main"), get_vars("target"))])
step_ops = [pi_loss, q1_loss, q2_loss, q1, logp_pi, alpha, train_pi_op, train_value_op,
            train_alpha_op, target_update]
target_init = tf.group([tf.assign(v_targ, v_main)
                        for v_main, v_targ in zip(get_vars("main"), get_vars("target"))])
print("ops total", len(tf.get_default_graph().get_operations()))
print("target_update", target_update.type, len(target_update.control_inputs))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(target_init)
    obs = rs.randn(B, S).astype(np.float32)
    print("mu", sess.run(mu, {x_ph: obs[:2]}).tolist())
    act = sess.run(pi, {x_ph: obs})
    print("act", H(act))
    for it in range(5):
        fd = {x_ph: obs, a_ph: act, x2_ph: obs + 0.1, r_ph: rs.randn(B).astype(np.float32),
              d_ph: (rs.rand(B) < 0.2).astype(np.float32)}
        fd[backup_ph] = sess.run(q_backup, fd)
        print("backup", H(fd[backup_ph]))
        out = sess.run(step_ops, fd)
        print(it, [repr(float(v)) for v in out[:3]], H(out[3]), H(out[4]), repr(float(out[5])))
    print("targ", [H(v) for v in sess.run(get_vars("target"))[:4]])
    print("alpha", repr(float(sess.run(alpha))))

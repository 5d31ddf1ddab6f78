"""OpenAI baselines' deepq (build_act / build_train) on a small cart-pole written in NumPy:
an eps Variable updated by tf.cond(update_eps_ph >= 0, ...) in a control dependency, the
epsilon-greedy act graph (tf.random_uniform int64 actions with an op seed, chose_random by
a float uniform < eps, tf.where, then tf.cond on a stochastic placeholder_with_default),
baselines' own huber_loss (tf.where on |x| < delta), importance weights, minimize_and_clip
(compute_gradients, clip_by_norm per gradient, apply_gradients), the target update as a
tf.group of assigns over scope_vars sorted by name, double-DQN argmax with a one_hot
mask, a NumPy replay buffer; values at full precision or hashes of their bytes."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


class CartPole(object):
    """Semi-implicit Euler cart-pole with polynomial dynamics (no NumPy transcendental)."""

    def __init__(self, seed):
        self.rng = np.random.RandomState(seed)

    def reset(self):
        self.s = self.rng.uniform(-0.05, 0.05, size=4)
        self.t = 0
        return self.s.copy()

    def step(self, a):
        x, v, th, w = self.s
        f = 1.0 if a == 1 else -1.0
        acc = 9.8 * th - 0.5 * f
        w = w + 0.02 * acc
        th = th + 0.02 * w
        v = v + 0.02 * (f - 0.1 * acc)
        x = x + 0.02 * v
        self.s = np.array([x, v, th, w])
        self.t += 1
        done = bool(abs(th) > 0.21 or abs(x) > 2.4 or self.t >= 30)
        return self.s.copy(), (0.0 if done and self.t < 30 else 1.0), done


def scope_vars(scope, trainable_only=False):
    return tf.get_collection(
        tf.GraphKeys.TRAINABLE_VARIABLES if trainable_only else tf.GraphKeys.GLOBAL_VARIABLES,
        scope=scope)


def huber_loss(x, delta=1.0):
    return tf.where(tf.abs(x) < delta, tf.square(x) * 0.5, delta * (tf.abs(x) - 0.5 * delta))


def q_func(inpt, num_actions, scope, reuse=False):
    with tf.variable_scope(scope, reuse=reuse):
        out = tf.layers.dense(inpt, 16, activation=tf.nn.tanh,
                              kernel_initializer=tf.glorot_uniform_initializer(seed=11))
        out = tf.layers.dense(out, num_actions,
                              kernel_initializer=tf.random_uniform_initializer(-0.1, 0.1, seed=12))
        return out


def minimize_and_clip(optimizer, objective, var_list, clip_val=10):
    gradients = optimizer.compute_gradients(objective, var_list=var_list)
    for i, (grad, var) in enumerate(gradients):
        if grad is not None:
            gradients[i] = (tf.clip_by_norm(grad, clip_val), var)
    return optimizer.apply_gradients(gradients)


tf.set_random_seed(2024)
np.random.seed(7)
num_actions, gamma = 2, 0.99

with tf.variable_scope("deepq"):
    # build_act
    observations_ph = tf.placeholder(tf.float32, [None, 4], name="observation")
    stochastic_ph = tf.placeholder(tf.bool, (), name="stochastic")
    update_eps_ph = tf.placeholder(tf.float32, (), name="update_eps")
    eps = tf.get_variable("eps", (), initializer=tf.constant_initializer(0))
    q_values = q_func(observations_ph, num_actions, scope="q_func")
    deterministic_actions = tf.argmax(q_values, axis=1)
    batch_size = tf.shape(observations_ph)[0]
    random_actions = tf.random_uniform(tf.stack([batch_size]), minval=0, maxval=num_actions,
                                       dtype=tf.int64, seed=31)
    chose_random = tf.random_uniform(tf.stack([batch_size]), minval=0, maxval=1,
                                     dtype=tf.float32, seed=32) < eps
    stochastic_actions = tf.where(chose_random, random_actions, deterministic_actions)
    output_actions = tf.cond(stochastic_ph, lambda: stochastic_actions,
                             lambda: deterministic_actions)
    update_eps_expr = eps.assign(tf.cond(update_eps_ph >= 0, lambda: update_eps_ph,
                                         lambda: eps))
    with tf.control_dependencies([update_eps_expr]):
        act_out = tf.identity(output_actions)

    # build_train
    obs_t_input = tf.placeholder(tf.float32, [None, 4], name="obs_t")
    act_t_ph = tf.placeholder(tf.int32, [None], name="action")
    rew_t_ph = tf.placeholder(tf.float32, [None], name="reward")
    obs_tp1_input = tf.placeholder(tf.float32, [None, 4], name="obs_tp1")
    done_mask_ph = tf.placeholder(tf.float32, [None], name="done")
    importance_weights_ph = tf.placeholder(tf.float32, [None], name="weight")

    q_t = q_func(obs_t_input, num_actions, scope="q_func", reuse=True)
    q_func_vars = scope_vars(tf.get_variable_scope().name + "/q_func")
    q_tp1 = q_func(obs_tp1_input, num_actions, scope="target_q_func")
    target_q_func_vars = scope_vars(tf.get_variable_scope().name + "/target_q_func")

    q_t_selected = tf.reduce_sum(q_t * tf.one_hot(act_t_ph, num_actions), 1)
    q_tp1_using_online_net = q_func(obs_tp1_input, num_actions, scope="q_func", reuse=True)
    q_tp1_best_using_online_net = tf.argmax(q_tp1_using_online_net, 1)
    q_tp1_best = tf.reduce_sum(q_tp1 * tf.one_hot(q_tp1_best_using_online_net, num_actions), 1)
    q_tp1_best_masked = (1.0 - done_mask_ph) * q_tp1_best
    q_t_selected_target = rew_t_ph + gamma * q_tp1_best_masked
    td_error = q_t_selected - tf.stop_gradient(q_t_selected_target)
    errors = huber_loss(td_error)
    weighted_error = tf.reduce_mean(importance_weights_ph * errors)
    optimizer = tf.train.AdamOptimizer(learning_rate=5e-3)
    optimize_expr = minimize_and_clip(optimizer, weighted_error, var_list=q_func_vars,
                                      clip_val=10)

    update_target_expr = []
    for var, var_target in zip(sorted(q_func_vars, key=lambda v: v.name),
                               sorted(target_q_func_vars, key=lambda v: v.name)):
        update_target_expr.append(var_target.assign(var))
    update_target_expr = tf.group(*update_target_expr)

print("q vars", [v.name for v in q_func_vars])
print("target vars", [v.name for v in target_q_func_vars])
print("act_out", act_out.name, "update_target", update_target_expr.name)
print("ops", len(tf.get_default_graph().get_operations()))

env = CartPole(3)
buf = []
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(update_target_expr)
    obs = env.reset()
    ep_rews, ep_r = [], 0.0
    for t in range(110):
        e = max(0.05, 1.0 - t / 100.0)
        a = sess.run(act_out, {observations_ph: obs[None].astype(np.float32),
                               stochastic_ph: True, update_eps_ph: e})[0]
        nobs, r, done = env.step(a)
        buf.append((obs, a, r, nobs, float(done)))
        ep_r += r
        obs = nobs
        if done:
            ep_rews.append(ep_r)
            ep_r = 0.0
            obs = env.reset()
        if t >= 32 and t % 2 == 0:
            idx = np.random.randint(0, len(buf), 16)
            o, ac, rw, o2, d = [np.array(z) for z in zip(*[buf[i] for i in idx])]
            w = np.ones(16, np.float32)
            td, _ = sess.run([td_error, optimize_expr],
                             {obs_t_input: o.astype(np.float32), act_t_ph: ac.astype(np.int32),
                              rew_t_ph: rw.astype(np.float32),
                              obs_tp1_input: o2.astype(np.float32),
                              done_mask_ph: d.astype(np.float32), importance_weights_ph: w})
            if t % 30 == 0:
                print(t, "td", H(td), repr(float(np.abs(td).sum())))
        if t % 50 == 0:
            sess.run(update_target_expr)
    print("episodes", ep_rews)
    print("eps", repr(sess.run(eps)))
    greedy = sess.run(act_out, {observations_ph: np.array([o[:4] for o in
                                                          [b[0] for b in buf[:8]]], np.float32),
                                stochastic_ph: False, update_eps_ph: -1.0})
    print("greedy", greedy.tolist(), "eps kept", repr(sess.run(eps)))
    for v in q_func_vars + target_q_func_vars:
        print(v.name, H(sess.run(v)))
    print("q", sess.run(q_values, {observations_ph: np.array([[0.01, -0.02, 0.03, 0.04]],
                                                             np.float32)}).tolist())
# the GraphDef (TF sorts a node's control inputs there: Operation.control_inputs is in
# TF's memory order): each node's name, op, inputs and colocation (`_class`)
nodes = tf.get_default_graph().as_graph_def().node
print("ops end", len(nodes))
print("graphdef", hashlib.md5("\n".join(
    "%s %s %s %s" % (n.name, n.op, list(n.input), list(n.attr["_class"].list.s))
    for n in nodes).encode()).hexdigest())

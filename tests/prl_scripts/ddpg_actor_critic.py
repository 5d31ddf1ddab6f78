"""DDPG in the style of Morvan Zhou's tutorial: actor (tf.layers.batch_normalization in
training mode, tanh output scaled) and critic (raw get_variable weights), target nets
soft-updated by a tf.group of assigns, tf.gradients(Q, a) fed back as grad_ys, Adam's
apply_gradients on zipped gradients, Ornstein-Uhlenbeck noise in NumPy. Actions are
chosen for two observations (a single one is a MatMul with one output row, whose
Eigen order flowgrad does not take: see the prl report)."""

import numpy as np
import tensorflow as tf
import collections

tf.set_random_seed(5)
rng = np.random.RandomState(2)
S, A, B = 3, 2, 8
S_ = tf.placeholder(tf.float32, [None, S], "s")
S2 = tf.placeholder(tf.float32, [None, S], "s_")
R = tf.placeholder(tf.float32, [None, 1], "r")
is_training = tf.placeholder_with_default(True, [], "is_training")


def actor(s, scope, trainable):
    with tf.variable_scope(scope):
        init_w = tf.random_normal_initializer(0.0, 0.3)
        init_b = tf.constant_initializer(0.1)
        net = tf.layers.dense(
            s,
            30,
            kernel_initializer=init_w,
            bias_initializer=init_b,
            name="l1",
            trainable=trainable,
        )
        net = tf.layers.batch_normalization(
            net, training=is_training, trainable=trainable, name="bn"
        )
        net = tf.nn.relu(net)
        a = tf.layers.dense(
            net,
            A,
            activation=tf.nn.tanh,
            kernel_initializer=tf.random_uniform_initializer(-3e-3, 3e-3),
            name="a",
            trainable=trainable,
        )
        return tf.multiply(a, 2.0, name="scaled_a")


def critic(s, a, scope, trainable):
    with tf.variable_scope(scope):
        n_l1 = 30
        w1_s = tf.get_variable(
            "w1_s",
            [S, n_l1],
            initializer=tf.truncated_normal_initializer(stddev=0.1),
            trainable=trainable,
        )
        w1_a = tf.get_variable(
            "w1_a",
            [A, n_l1],
            initializer=tf.truncated_normal_initializer(stddev=0.1),
            trainable=trainable,
        )
        b1 = tf.get_variable(
            "b1", [1, n_l1], initializer=tf.constant_initializer(0.1), trainable=trainable
        )
        net = tf.nn.relu(tf.matmul(s, w1_s) + tf.matmul(a, w1_a) + b1)
        return tf.layers.dense(
            net, 1, kernel_initializer=tf.random_normal_initializer(0.0, 0.1), trainable=trainable
        )


n0 = len(tf.get_default_graph().get_operations())
with tf.variable_scope("Actor"):
    a = actor(S_, "eval_net", True)
    a_ = actor(S2, "target_net", False)
with tf.variable_scope("Critic"):
    q = critic(S_, a, "eval_net", True)
    q_ = critic(S2, a_, "target_net", False)
print("ops nets", len(tf.get_default_graph().get_operations()) - n0)
ae = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope="Actor/eval_net")
at = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope="Actor/target_net")
ce = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope="Critic/eval_net")
ct = tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope="Critic/target_net")
print([v.name for v in ae])
print([v.name for v in tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="Actor/eval_net")])
TAU = 0.01
soft_replace = tf.group(*[tf.assign(t, (1 - TAU) * t + TAU * e) for t, e in zip(at + ct, ae + ce)])
n0 = len(tf.get_default_graph().get_operations())
q_target = R + 0.9 * q_
td_error = tf.losses.mean_squared_error(labels=q_target, predictions=q)
# (each update waits for every gradient: else TF may apply one before another gradient has
# read that variable, and its output changes from run to run)
c_opt = tf.train.AdamOptimizer(0.002)
c_gvs = c_opt.compute_gradients(
    td_error, var_list=tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="Critic/eval_net")
)
with tf.control_dependencies([g for g, _ in c_gvs]):
    ctrain = c_opt.apply_gradients(c_gvs)
a_grads = tf.gradients(q, a)[0]
print("ops critic", len(tf.get_default_graph().get_operations()) - n0)
n0 = len(tf.get_default_graph().get_operations())
ae_tr = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="Actor/eval_net")
policy_grads = tf.gradients(ys=a, xs=ae_tr, grad_ys=-a_grads)
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS, scope="Actor/eval_net")
with tf.control_dependencies(update_ops + policy_grads):
    atrain = tf.train.AdamOptimizer(-0.001).apply_gradients(zip(policy_grads, ae_tr))
a_loss = -tf.reduce_mean(q)
a_opt = tf.train.AdamOptimizer(0.001)
a_gvs = a_opt.compute_gradients(a_loss, var_list=ae_tr)
with tf.control_dependencies([g for g, _ in a_gvs]):
    atrain2 = a_opt.apply_gradients(a_gvs)
print("ops actor", len(tf.get_default_graph().get_operations()) - n0)
print(
    sorted(collections.Counter(op.type for op in tf.get_default_graph().get_operations()).items())
)


class OU(object):
    def __init__(self, mu, sigma=0.2, theta=0.15, dt=1e-2):
        self.theta, self.mu, self.sigma, self.dt = theta, mu, sigma, dt
        self.x_prev = np.zeros_like(self.mu)

    def __call__(self):
        x = (
            self.x_prev
            + self.theta * (self.mu - self.x_prev) * self.dt
            + self.sigma * np.sqrt(self.dt) * rng.normal(size=self.mu.shape)
        )
        self.x_prev = x
        return x


ou = OU(np.zeros(A))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        s = rng.randn(B, S).astype(np.float32)
        s2 = rng.randn(B, S).astype(np.float32)
        r = rng.randn(B, 1).astype(np.float32)
        act = sess.run(a, {S_: s[:2], is_training: False})
        print("act", (act + ou()).tolist())
        ag = sess.run(a_grads, {S_: s})
        out = sess.run([td_error, ctrain], {S_: s, S2: s2, R: r})
        print(step, repr(float(out[0])), ag.astype(np.float64).ravel().tolist())
        pg = sess.run(policy_grads, {S_: s})
        print([x.astype(np.float64).ravel()[:3].tolist() for x in pg])
        sess.run(atrain, {S_: s})
        sess.run([atrain2], {S_: s})
        sess.run(soft_replace)
        print([x.astype(np.float64).ravel()[:3].tolist() for x in sess.run(ae + at)])

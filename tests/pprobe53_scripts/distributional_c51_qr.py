"""Distributional DQN in the style of Google's dopamine (TF1): C51 with a support from
tf.linspace, softmax over atoms, q = reduce_sum(support * probabilities), next-state
distributions chosen by tf.argmax and tf.gather_nd on tf.concat([batch_indices,
next_qt_argmax]), dopamine's project_distribution (tf.tile, clip_by_value, |.|,
reduce_sum over a broadcast 4-D tensor) and softmax_cross_entropy_with_logits_v2 on a
stop_gradient target; QR-DQN's quantile Huber loss (pairwise tf.expand_dims broadcasting,
tf.where on |u| <= kappa, tf.to_float(u < 0) indicator, reduce_mean / reduce_sum); both
trained with Adam(epsilon=0.0003125) on transitions of a NumPy environment; target nets
copied by tf.assign over tf.get_collection(TRAINABLE_VARIABLES, scope)."""
import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def env_batch(rng, n):
    s = rng.uniform(-1, 1, size=(n, 4))
    a = rng.randint(0, 3, size=n)
    r = s[:, 0] * (a - 1) - 0.1 * s[:, 1] * s[:, 1]
    s2 = s * 0.9 + 0.1 * np.stack([a - 1.0, s[:, 0], -s[:, 3], s[:, 2]], 1)
    done = (np.abs(s2[:, 0]) > 0.85).astype(np.float64)
    return s, a, r, s2, done


def project_distribution(supports, weights, target_support, validate_args=False):
    target_support_deltas = target_support[1:] - target_support[:-1]
    delta_z = target_support_deltas[0]
    batch_size = tf.shape(supports)[0]
    num_dims = tf.shape(target_support)[0]
    clipped_support = tf.clip_by_value(supports, target_support[0], target_support[-1])[:, None, :]
    tiled_support = tf.tile([clipped_support], [1, 1, num_dims, 1])
    reshaped_target_support = tf.tile(target_support[:, None], [batch_size, 1])
    reshaped_target_support = tf.reshape(reshaped_target_support, [batch_size, num_dims, 1])
    numerator = tf.abs(tiled_support - reshaped_target_support)
    quotient = 1 - (numerator / delta_z)
    clipped_quotient = tf.clip_by_value(quotient, 0, 1)
    weights = weights[:, None, :]
    inner_prod = clipped_quotient * weights
    projection = tf.reduce_sum(inner_prod, 3)
    projection = tf.reshape(projection, [batch_size, num_dims])
    return projection


def net(x, n_out, scope):
    with tf.variable_scope(scope, reuse=tf.AUTO_REUSE):
        h = tf.layers.dense(x, 24, tf.nn.relu,
                            kernel_initializer=tf.variance_scaling_initializer(
                                1.0 / np.sqrt(3.0), "fan_in", "uniform", seed=5))
        return tf.layers.dense(h, n_out, kernel_initializer=tf.variance_scaling_initializer(
            1.0 / np.sqrt(3.0), "fan_in", "uniform", seed=6))


tf.set_random_seed(77)
A, N_ATOMS, V, gamma, B = 3, 11, 2.0, 0.9, 16
s_ph = tf.placeholder(tf.float32, [None, 4], "s")
a_ph = tf.placeholder(tf.int32, [None], "a")
r_ph = tf.placeholder(tf.float32, [None], "r")
s2_ph = tf.placeholder(tf.float32, [None, 4], "s2")
d_ph = tf.placeholder(tf.float32, [None], "d")
bs = tf.shape(s_ph)[0]

# ---- C51
support = tf.linspace(-V, V, N_ATOMS)
logits = tf.reshape(net(s_ph, A * N_ATOMS, "c51_online"), [-1, A, N_ATOMS])
probs = tf.nn.softmax(logits)
q = tf.reduce_sum(support * probs, axis=2)
t_logits = tf.reshape(net(s2_ph, A * N_ATOMS, "c51_target"), [-1, A, N_ATOMS])
t_probs = tf.nn.softmax(t_logits)
t_q = tf.reduce_sum(support * t_probs, axis=2)
tiled_support = tf.tile(support[None], [bs, 1])
gamma_with_terminal = gamma * (1.0 - d_ph)
target_support = r_ph[:, None] + gamma_with_terminal[:, None] * tiled_support
next_qt_argmax = tf.argmax(t_q, axis=1)[:, None]
batch_indices = tf.cast(tf.range(bs)[:, None], tf.int64)
batch_indexed_next_qt_argmax = tf.concat([batch_indices, next_qt_argmax], axis=1)
next_probabilities = tf.gather_nd(t_probs, batch_indexed_next_qt_argmax)
target_distribution = tf.stop_gradient(
    project_distribution(target_support, next_probabilities, support))
indices = tf.range(bs)[:, None]
reshaped_actions = tf.concat([indices, a_ph[:, None]], 1)
chosen_action_logits = tf.gather_nd(logits, reshaped_actions)
c51_loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(
    labels=target_distribution, logits=chosen_action_logits))
c51_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="c51_online")
c51_train = tf.train.AdamOptimizer(0.01, epsilon=0.0003125).minimize(c51_loss,
                                                                    var_list=c51_vars)
c51_sync = tf.group(*[t.assign(o) for o, t in zip(
    c51_vars, tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="c51_target"))])

# ---- QR-DQN
NQ, kappa = 8, 1.0
quant = tf.reshape(net(s_ph, A * NQ, "qr_online"), [-1, A, NQ])
t_quant = tf.reshape(net(s2_ph, A * NQ, "qr_target"), [-1, A, NQ])
qr_q = tf.reduce_mean(quant, 2)
t_best = tf.argmax(tf.reduce_mean(t_quant, 2), 1, output_type=tf.int32)
t_sel = tf.gather_nd(t_quant, tf.stack([tf.range(bs), t_best], 1))
target_quant = tf.stop_gradient(r_ph[:, None] + gamma_with_terminal[:, None] * t_sel)
chosen = tf.gather_nd(quant, tf.stack([tf.range(bs), a_ph], 1))
bellman_errors = target_quant[:, None, :] - chosen[:, :, None]
huber_loss_case_one = tf.to_float(tf.abs(bellman_errors) <= kappa) * 0.5 * bellman_errors ** 2
huber_loss_case_two = tf.to_float(tf.abs(bellman_errors) > kappa) * kappa * (
    tf.abs(bellman_errors) - 0.5 * kappa)
huber = huber_loss_case_one + huber_loss_case_two
tau_hat = (tf.range(NQ, dtype=tf.float32) + 0.5) / NQ
qr_huber = tf.where(tf.abs(bellman_errors) <= kappa, 0.5 * tf.square(bellman_errors),
                    kappa * (tf.abs(bellman_errors) - 0.5 * kappa))
quantile_huber = tf.abs(tau_hat[None, :, None]
                        - tf.stop_gradient(tf.to_float(bellman_errors < 0))) * huber / kappa
qr_loss = tf.reduce_mean(tf.reduce_sum(tf.reduce_mean(quantile_huber, 2), 1))
qr_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="qr_online")
qr_grads, qr_gnorm = tf.clip_by_global_norm(tf.gradients(qr_loss, qr_vars), 5.0)
qr_train = tf.train.AdamOptimizer(0.005, epsilon=0.0003125).apply_gradients(
    zip(qr_grads, qr_vars))
qr_sync = tf.group(*[tf.assign(t, o) for o, t in zip(
    qr_vars, tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="qr_target"))])

print("vars", [v.name for v in tf.trainable_variables()])
print("ops", len(tf.get_default_graph().get_operations()))

rng = np.random.RandomState(9)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run([c51_sync, qr_sync])
    print("support", sess.run(support).tolist())
    for step in range(20):
        s, a, r, s2, d = env_batch(rng, B)
        fd = {s_ph: s.astype(np.float32), a_ph: a.astype(np.int32), r_ph: r.astype(np.float32),
              s2_ph: s2.astype(np.float32), d_ph: d.astype(np.float32)}
        out = sess.run([c51_loss, qr_loss, qr_gnorm, target_distribution, c51_train, qr_train],
                       fd)
        if step % 7 == 0:
            print(step, repr(float(out[0])), repr(float(out[1])), repr(float(out[2])),
                  H(out[3]))
            print("  tdist row", out[3][0].tolist())
        if step % 8 == 7:
            sess.run([c51_sync, qr_sync])
    s, a, r, s2, d = env_batch(rng, 4)
    fd = {s_ph: s.astype(np.float32), a_ph: a.astype(np.int32), r_ph: r.astype(np.float32),
          s2_ph: s2.astype(np.float32), d_ph: d.astype(np.float32)}
    qv, qrv, hb, qh = sess.run([q, qr_q, huber, qr_huber], fd)
    print("q", qv.tolist())
    print("qr_q", qrv.tolist())
    print("huber same", bool(np.array_equal(hb, qh)), H(hb))
    for v in tf.trainable_variables():
        print(v.name, H(sess.run(v)))
# the GraphDef (TF sorts a node's control inputs there: Operation.control_inputs is in
# TF's memory order): each node's name, op, inputs and colocation (`_class`)
nodes = tf.get_default_graph().as_graph_def().node
print("ops end", len(nodes))
print("graphdef", hashlib.md5("\n".join(
    "%s %s %s %s" % (n.name, n.op, list(n.input), list(n.attr["_class"].list.s))
    for n in nodes).encode()).hexdigest())

"""PPO / TRPO pieces in the baselines style: tf.distributions.Normal with a trainable log
std (get_variable, zeros), the clipped ratio objective, KL between Normals, entropy, flat
gradients (concat of reshaped grads), a Fisher-vector product (tf.gradients of grad . v),
GetFlat / SetFromFlat (tf.split of a placeholder, reshape, assign) and a line search.
(The Fisher-vector product is printed to 6 digits: in TF its products can be reordered by
Grappler's MinimizeBroadcasts, which flowgrad does not do, so its last bit differs for
some tangents; see the prl report.)"""

import numpy as np
import tensorflow as tf
import collections

tf.set_random_seed(11)
rng = np.random.RandomState(4)
S, A, B = 3, 2, 16
obs = tf.placeholder(tf.float32, [None, S], "obs")
act = tf.placeholder(tf.float32, [None, A], "act")
adv = tf.placeholder(tf.float32, [None], "adv")
old_mu = tf.placeholder(tf.float32, [None, A])
old_logstd = tf.placeholder(tf.float32, [A])
n0 = len(tf.get_default_graph().get_operations())
with tf.variable_scope("pi"):
    h = tf.layers.dense(obs, 16, tf.nn.tanh, name="h1")
    mu = tf.layers.dense(h, A, name="mu")
    logstd = tf.get_variable("logstd", [A], initializer=tf.zeros_initializer())
    dist = tf.distributions.Normal(loc=mu, scale=tf.exp(logstd))
    samp = dist.sample(seed=3)
    samp2 = mu + tf.exp(logstd) * tf.random_normal(tf.shape(mu))
print("ops pi", len(tf.get_default_graph().get_operations()) - n0)
n0 = len(tf.get_default_graph().get_operations())
old = tf.distributions.Normal(loc=old_mu, scale=tf.exp(old_logstd))
lp = tf.reduce_sum(dist.log_prob(act), axis=1)
olp = tf.reduce_sum(old.log_prob(act), axis=1)
ratio = tf.exp(lp - olp)
surr1 = ratio * adv
surr2 = tf.clip_by_value(ratio, 1 - 0.2, 1 + 0.2) * adv
pg_loss = -tf.reduce_mean(tf.minimum(surr1, surr2))
kl = tf.reduce_mean(tf.reduce_sum(tf.distributions.kl_divergence(old, dist), axis=1))
ent = tf.reduce_mean(tf.reduce_sum(dist.entropy(), axis=1))
clipfrac = tf.reduce_mean(tf.to_float(tf.greater(tf.abs(ratio - 1.0), 0.2)))
loss = pg_loss - 0.01 * ent
print("ops loss", len(tf.get_default_graph().get_operations()) - n0)
n0 = len(tf.get_default_graph().get_operations())
params = tf.trainable_variables("pi")
train = tf.train.AdamOptimizer(3e-4, epsilon=1e-5).minimize(loss, var_list=params)
# TRPO pieces
shapes = [v.shape.as_list() for v in params]
sizes = [int(np.prod(s)) for s in shapes]
flat_grad = tf.concat([tf.reshape(g, [-1]) for g in tf.gradients(pg_loss, params)], axis=0)
kl_grads = tf.gradients(kl, params)
flat_tangent = tf.placeholder(tf.float32, [sum(sizes)], "flat_tan")
tangents = []
start = 0
for s, n in zip(shapes, sizes):
    tangents.append(tf.reshape(flat_tangent[start : start + n], s))
    start += n
gvp = tf.add_n([tf.reduce_sum(g * t) for g, t in zip(kl_grads, tangents)])
fvp = tf.concat([tf.reshape(g, [-1]) for g in tf.gradients(gvp, params)], axis=0)
get_flat = tf.concat([tf.reshape(v, [-1]) for v in params], axis=0)
theta = tf.placeholder(tf.float32, [sum(sizes)], "theta")
set_ops = []
for v, piece, s in zip(params, tf.split(theta, sizes), shapes):
    set_ops.append(tf.assign(v, tf.reshape(piece, s)))
set_from_flat = tf.group(*set_ops)
print("ops trpo", len(tf.get_default_graph().get_operations()) - n0)
print(
    sorted(collections.Counter(op.type for op in tf.get_default_graph().get_operations()).items())
)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(3):
        o = rng.randn(B, S).astype(np.float32)
        m0, a0, a1 = sess.run([mu, samp, samp2], {obs: o})
        print(
            "samples",
            a0.astype(np.float64).ravel()[:6].tolist(),
            a1.astype(np.float64).ravel()[:6].tolist(),
        )
        fd = {
            obs: o,
            act: a0,
            adv: rng.randn(B).astype(np.float32),
            old_mu: m0 + 0.05 * rng.randn(B, A).astype(np.float32),
            old_logstd: np.full(A, -0.1, np.float32),
        }
        out = sess.run([loss, pg_loss, kl, ent, clipfrac, ratio], fd)
        print(step, [np.asarray(x, np.float64).tolist() for x in out])
        g = sess.run(flat_grad, fd)
        print("flat_grad", g.astype(np.float64)[:8].tolist())
        tan = dict(fd)
        tan[flat_tangent] = -g
        print("fvp", ["%.6g" % x for x in sess.run(fvp, tan)[:8]])  # (last bit: see above)
        th = sess.run(get_flat)
        for frac in [1.0, 0.5, 0.25]:
            sess.run(set_from_flat, {theta: th - frac * 0.1 * g})
            print("ls", frac, repr(float(sess.run(pg_loss, fd))))
        sess.run(train, fd)
        print("flat", sess.run(get_flat).astype(np.float64)[:6].tolist())

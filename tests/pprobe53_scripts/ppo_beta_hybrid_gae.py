"""PPO on a hybrid action space (a discrete choice and a bounded continuous amount): a
shared tanh trunk, tf.distributions.Categorical over the choice and tf.distributions.Beta
(softplus + 1 concentrations) over the amount, both sampled with op seeds (Categorical's
multinomial, Beta's two random_gamma draws), joint log_prob and entropy (lbeta, digamma),
old log-probs fed back, the clipped surrogate with tf.clip_by_value and tf.minimum, the
clipped value loss, approx KL and clip fraction, kl_divergence(Beta, Beta) and
(Categorical, Categorical) against a fed old policy, GAE(lambda) computed in NumPy and
fed, advantage normalisation with tf.nn.moments, Adam on clip_by_global_norm(0.5)
gradients via compute_gradients / apply_gradients, shuffled minibatch epochs."""
import hashlib

import numpy as np
import tensorflow as tf

tfd = tf.distributions


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


class Market(object):
    """Choose a bin (0..2) and an amount in (0, 1); polynomial dynamics."""

    def __init__(self, n, seed):
        self.rng = np.random.RandomState(seed)
        self.s = self.rng.uniform(-1, 1, size=(n, 3))

    def step(self, c, u):
        target = (self.s[:, 0] + 1.0) / 2.0
        r = np.where(c == (self.s[:, 1] > 0).astype(np.int64), 1.0, -0.5) \
            - (u - target) * (u - target)
        self.s = 0.8 * self.s + 0.2 * self.rng.uniform(-1, 1, size=self.s.shape)
        done = self.rng.uniform(size=self.s.shape[0]) < 0.1
        return self.s.copy(), r, done


tf.set_random_seed(555)
NENV, T, NC = 4, 8, 3
obs_ph = tf.placeholder(tf.float32, [None, 3], "obs")
c_ph = tf.placeholder(tf.int32, [None], "choice")
u_ph = tf.placeholder(tf.float32, [None], "amount")
oldlogp_ph = tf.placeholder(tf.float32, [None], "oldlogp")
oldv_ph = tf.placeholder(tf.float32, [None], "oldv")
adv_ph = tf.placeholder(tf.float32, [None], "adv")
ret_ph = tf.placeholder(tf.float32, [None], "ret")
old_logits_ph = tf.placeholder(tf.float32, [None, NC], "old_logits")
old_ab_ph = tf.placeholder(tf.float32, [None, 2], "old_ab")
clip = 0.2

with tf.variable_scope("ppo"):
    h = tf.layers.dense(obs_ph, 32, tf.tanh, name="fc1",
                        kernel_initializer=tf.orthogonal_initializer(np.sqrt(2), seed=1))
    h = tf.layers.dense(h, 32, tf.tanh, name="fc2",
                        kernel_initializer=tf.orthogonal_initializer(np.sqrt(2), seed=2))
    logits = tf.layers.dense(h, NC, name="logits",
                             kernel_initializer=tf.orthogonal_initializer(0.01, seed=3))
    ab = tf.nn.softplus(tf.layers.dense(h, 2, name="ab",
                                        kernel_initializer=tf.orthogonal_initializer(
                                            0.01, seed=4))) + 1.0
    v = tf.squeeze(tf.layers.dense(h, 1, name="v",
                                   kernel_initializer=tf.orthogonal_initializer(1.0, seed=5)),
                   1)
cat = tfd.Categorical(logits=logits)
beta = tfd.Beta(ab[:, 0], ab[:, 1])
c_sample = cat.sample(seed=6)
u_sample = beta.sample(seed=7)
logp = cat.log_prob(c_ph) + beta.log_prob(u_ph)
ent = tf.reduce_mean(cat.entropy() + beta.entropy())
mean_adv, var_adv = tf.nn.moments(adv_ph, axes=[0])
nadv = (adv_ph - mean_adv) / (tf.sqrt(var_adv) + 1e-8)
ratio = tf.exp(logp - oldlogp_ph)
pg_losses = -nadv * ratio
pg_losses2 = -nadv * tf.clip_by_value(ratio, 1.0 - clip, 1.0 + clip)
pg_loss = tf.reduce_mean(tf.maximum(pg_losses, pg_losses2))
vclipped = oldv_ph + tf.clip_by_value(v - oldv_ph, -clip, clip)
vf_loss = 0.5 * tf.reduce_mean(tf.maximum(tf.square(v - ret_ph), tf.square(vclipped - ret_ph)))
approxkl = 0.5 * tf.reduce_mean(tf.square(logp - oldlogp_ph))
clipfrac = tf.reduce_mean(tf.to_float(tf.greater(tf.abs(ratio - 1.0), clip)))
kl = tf.reduce_mean(
    tfd.kl_divergence(tfd.Categorical(logits=old_logits_ph), cat)
    + tfd.kl_divergence(tfd.Beta(old_ab_ph[:, 0], old_ab_ph[:, 1]), beta))
loss = pg_loss - 0.01 * ent + 0.5 * vf_loss
opt = tf.train.AdamOptimizer(3e-3, epsilon=1e-5)
gv = opt.compute_gradients(loss, tf.trainable_variables("ppo"))
grads, gnorm = tf.clip_by_global_norm([g for g, _ in gv], 0.5)
train = opt.apply_gradients(list(zip(grads, [w for _, w in gv])))
print("ops", len(tf.get_default_graph().get_operations()))
print("sample ops", c_sample.op.type, c_sample.name, u_sample.name)


def gae(rews, vals, dones, last_val, gamma=0.95, lam=0.9):
    adv = np.zeros_like(rews)
    lastgaelam = 0
    for t in reversed(range(T)):
        if t == T - 1:
            nextnonterminal = 1.0 - dones[t]
            nextvalues = last_val
        else:
            nextnonterminal = 1.0 - dones[t]
            nextvalues = vals[t + 1]
        delta = rews[t] + gamma * nextvalues * nextnonterminal - vals[t]
        adv[t] = lastgaelam = delta + gamma * lam * nextnonterminal * lastgaelam
    return adv, adv + vals


env = Market(NENV, 8)
rng = np.random.RandomState(9)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    o = env.s.copy()
    for it in range(2):
        B = {k: [] for k in "ocuplvdra"}
        for t in range(T):
            c, u, lp, lg, abv, vv = sess.run(
                [c_sample, u_sample, logp, logits, ab, v],
                {obs_ph: o.astype(np.float32), c_ph: np.zeros(NENV, np.int32),
                 u_ph: np.full(NENV, 0.5, np.float32)})
            lp = sess.run(logp, {obs_ph: o.astype(np.float32), c_ph: c, u_ph: u})
            o2, r, d = env.step(c, u.astype(np.float64))
            for k, x in zip("ocuplvdra", [o, c, u, lp, lg, vv, d.astype(np.float64), r, abv]):
                B[k].append(x)
            o = o2
        last_v = sess.run(v, {obs_ph: o.astype(np.float32)})
        adv, ret = gae(np.array(B["r"]), np.array(B["v"], np.float64),
                       np.array(B["d"]), last_v.astype(np.float64))
        flat = {k: np.concatenate(B[k], 0) for k in B}
        adv_f, ret_f = adv.reshape(-1).astype(np.float32), ret.reshape(-1).astype(np.float32)
        print(it, "actions", flat["c"].tolist(), H(flat["u"]))
        print("  adv", H(adv_f), repr(float(adv_f.sum())))
        for epoch in range(2):
            perm = rng.permutation(NENV * T)
            for mb in np.split(perm, 2):
                fd = {obs_ph: flat["o"][mb].astype(np.float32), c_ph: flat["c"][mb],
                      u_ph: flat["u"][mb], oldlogp_ph: flat["p"][mb], oldv_ph: flat["v"][mb],
                      adv_ph: adv_f[mb], ret_ph: ret_f[mb], old_logits_ph: flat["l"][mb],
                      old_ab_ph: flat["a"][mb]}
                out = sess.run([pg_loss, vf_loss, ent, approxkl, clipfrac, kl, gnorm, train],
                               fd)
                print("  ", [repr(float(x)) for x in out[:7]])
    for w in tf.trainable_variables():
        print(w.name, H(sess.run(w)))
# the GraphDef (TF sorts a node's control inputs there: Operation.control_inputs is in
# TF's memory order): each node's name, op, inputs and colocation (`_class`)
nodes = tf.get_default_graph().as_graph_def().node
print("ops end", len(nodes))
print("graphdef", hashlib.md5("\n".join(
    "%s %s %s %s" % (n.name, n.op, list(n.input), list(n.attr["_class"].list.s))
    for n in nodes).encode()).hexdigest())

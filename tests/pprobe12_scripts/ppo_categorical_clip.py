"""A PPO update in the style of OpenAI baselines' ppo2 for discrete actions: a shared MLP
trunk, tf.distributions.Categorical policy (log_prob via sparse cross-entropy too, entropy),
a value head with the clipped value loss, ratio = exp(neglogp_old - neglogp), the clipped
surrogate with tf.clip_by_value, approxkl and clipfrac diagnostics, GAE advantages computed
in NumPy, minibatch epochs over a shuffled batch, Adam with epsilon=1e-5 and
clip_by_global_norm(0.5) via compute_gradients / apply_gradients; sampled actions, losses."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1251)
rs = np.random.RandomState(1252)
S, A, NB = 4, 3, 32
ob = tf.placeholder(tf.float32, [None, S], "ob")
ac = tf.placeholder(tf.int32, [None], "ac")
adv = tf.placeholder(tf.float32, [None], "adv")
ret = tf.placeholder(tf.float32, [None], "ret")
old_neglogp = tf.placeholder(tf.float32, [None], "old_neglogp")
old_v = tf.placeholder(tf.float32, [None], "old_v")
lr = tf.placeholder(tf.float32, [], "lr")
cliprange = tf.placeholder(tf.float32, [], "cliprange")
ortho = tf.orthogonal_initializer(np.sqrt(2), seed=51)
with tf.variable_scope("ppo2_model"):
    h = tf.layers.dense(ob, 16, tf.tanh, kernel_initializer=ortho, name="fc1")
    h = tf.layers.dense(h, 16, tf.tanh, kernel_initializer=ortho, name="fc2")
    logits = tf.layers.dense(h, A, kernel_initializer=tf.orthogonal_initializer(0.01, seed=52),
                             name="pi")
    vf = tf.layers.dense(h, 1, kernel_initializer=tf.orthogonal_initializer(1.0, seed=53),
                         name="vf")[:, 0]
n0 = len(tf.get_default_graph().get_operations())
pd = tf.distributions.Categorical(logits=logits)
action = pd.sample(seed=54)
print("ops sample", len(tf.get_default_graph().get_operations()) - n0, action.dtype.name,
      action.shape)
n0 = len(tf.get_default_graph().get_operations())
neglogp = -pd.log_prob(ac)
print("ops log_prob", len(tf.get_default_graph().get_operations()) - n0)
neglogp2 = tf.nn.sparse_softmax_cross_entropy_with_logits(logits=logits, labels=ac)
entropy = tf.reduce_mean(pd.entropy())
vpredclipped = old_v + tf.clip_by_value(vf - old_v, -cliprange, cliprange)
vf_losses1 = tf.square(vf - ret)
vf_losses2 = tf.square(vpredclipped - ret)
vf_loss = .5 * tf.reduce_mean(tf.maximum(vf_losses1, vf_losses2))
ratio = tf.exp(old_neglogp - neglogp)
pg_losses = -adv * ratio
pg_losses2 = -adv * tf.clip_by_value(ratio, 1.0 - cliprange, 1.0 + cliprange)
pg_loss = tf.reduce_mean(tf.maximum(pg_losses, pg_losses2))
approxkl = .5 * tf.reduce_mean(tf.square(neglogp - old_neglogp))
clipfrac = tf.reduce_mean(tf.to_float(tf.greater(tf.abs(ratio - 1.0), cliprange)))
loss = pg_loss - entropy * 0.01 + vf_loss * 0.5
params = tf.trainable_variables("ppo2_model")
trainer = tf.train.AdamOptimizer(learning_rate=lr, epsilon=1e-5)
grads_and_var = trainer.compute_gradients(loss, params)
grads, var = zip(*grads_and_var)
grads, _grad_norm = tf.clip_by_global_norm(grads, 0.5)
_train = trainer.apply_gradients(list(zip(grads, var)))
print("ops total", len(tf.get_default_graph().get_operations()))
print("params", [p.op.name for p in params])
mode = tf.argmax(logits, -1, output_type=tf.int32)
probs = pd.probs


def gae(rew, vals, dones, last_v, gamma=0.99, lam=0.95):
    # in float64: NumPy 1.x and 2.x promote a float32 scalar times a Python float differently
    rew, vals, dones = (np.asarray(a, np.float64) for a in (rew, vals, dones))
    advs = np.zeros_like(rew)
    lastgaelam = 0
    for t in reversed(range(len(rew))):
        nextv = last_v if t == len(rew) - 1 else vals[t + 1]
        nonterminal = 1.0 - dones[t]
        delta = rew[t] + gamma * nextv * nonterminal - vals[t]
        advs[t] = lastgaelam = delta + gamma * lam * nonterminal * lastgaelam
    return advs


with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    obs = rs.randn(NB, S).astype(np.float32)
    acts, vals, nlp, nlp2, pr = sess.run([action, vf, neglogp, neglogp2, probs],
                                         {ob: obs, ac: np.zeros(NB, np.int32)})
    print("acts", acts.tolist())
    print("nlp", H(nlp), H(nlp2), bool(np.array_equal(nlp, nlp2)))
    print("probs0", pr[0].tolist())
    acts2, nlp_old = sess.run([action, neglogp], {ob: obs, ac: acts})
    print("acts2", acts2.tolist())
    rew = (acts == 1).astype(np.float32) - 0.1 * rs.rand(NB).astype(np.float32)
    dones = (rs.rand(NB) < 0.1).astype(np.float32)
    advs = gae(rew, vals, dones, 0.0)
    rets = (advs + vals.astype(np.float64)).astype(np.float32)
    advs = ((advs - advs.mean()) / (advs.std() + 1e-8)).astype(np.float32)
    inds = np.arange(NB)
    for epoch in range(3):
        rs.shuffle(inds)
        for start in range(0, NB, 8):
            mb = inds[start:start + 8]
            fd = {ob: obs[mb], ac: acts[mb], adv: advs[mb], ret: rets[mb],
                  old_neglogp: nlp_old[mb], old_v: vals[mb], lr: 3e-3, cliprange: 0.2}
            out = sess.run([pg_loss, vf_loss, entropy, approxkl, clipfrac, _grad_norm, _train], fd)
            print(epoch, start, [repr(float(v)) for v in out[:-1]])
    print("mode", sess.run(mode, {ob: obs}).tolist())
    print("w", [H(v) for v in sess.run(params)])

"""A2C in the OpenAI baselines style: a shared tanh/relu trunk (tf.layers.dense with an
orthogonal initializer, contrib fully_connected), tf.distributions.Categorical, tf.multinomial,
tf.random.categorical and Gumbel-max sampling (TF's seeded numbers), log-probs by
sparse_softmax_cross_entropy_with_logits, entropy, tf.nn.moments advantage normalization,
clip_by_global_norm, RMSProp, and the trained variables after the last step (their logits
gradient is an AddN whose order TF takes after Grappler removed the no-op Sum / Reshape
of `logits - reduce_max(logits)`'s gradient, which it proves on the symbolic shapes of
the fed batch)."""

import numpy as np
import tensorflow as tf
import collections

tf.set_random_seed(3)
rng = np.random.RandomState(1)
S, A, B = 5, 4, 6
obs = tf.placeholder(tf.float32, [None, S], "obs")
act = tf.placeholder(tf.int32, [None], "act")
ret = tf.placeholder(tf.float32, [None], "ret")
n0 = len(tf.get_default_graph().get_operations())
with tf.variable_scope("model"):
    h = tf.layers.dense(
        obs, 32, tf.nn.tanh, kernel_initializer=tf.orthogonal_initializer(np.sqrt(2)), name="fc1"
    )
    h2 = tf.contrib.layers.fully_connected(h, 16, activation_fn=tf.nn.relu, scope="fc2")
    logits = tf.layers.dense(h2, A, kernel_initializer=tf.orthogonal_initializer(0.01), name="pi")
    vf = tf.layers.dense(h2, 1, name="vf")[:, 0]
print("ops model", len(tf.get_default_graph().get_operations()) - n0)
n0 = len(tf.get_default_graph().get_operations())
dist = tf.distributions.Categorical(logits=logits)
s1 = dist.sample()
print("ops sample", len(tf.get_default_graph().get_operations()) - n0)
n0 = len(tf.get_default_graph().get_operations())
s2 = tf.multinomial(logits, 1)
s3 = tf.random.categorical(logits, 2, seed=7)
s4 = tf.squeeze(
    tf.multinomial(logits - tf.log(-tf.log(tf.random_uniform(tf.shape(logits)))), 1), axis=1
)
noise = tf.random_uniform(tf.shape(logits))
s5 = tf.argmax(logits - tf.log(-tf.log(noise)), 1)
print("ops samplers", len(tf.get_default_graph().get_operations()) - n0)
n0 = len(tf.get_default_graph().get_operations())
neglogp = tf.nn.sparse_softmax_cross_entropy_with_logits(logits=logits, labels=act)
lp = dist.log_prob(act)
ent = tf.reduce_mean(dist.entropy())
a0 = logits - tf.reduce_max(logits, 1, keepdims=True)
ea0 = tf.exp(a0)
z0 = tf.reduce_sum(ea0, 1, keepdims=True)
p0 = ea0 / z0
ent2 = tf.reduce_mean(tf.reduce_sum(p0 * (tf.log(z0) - a0), 1))
adv = ret - vf
mean, var = tf.nn.moments(adv, axes=[0])
advn = (adv - mean) / (tf.sqrt(var) + 1e-8)
pg_loss = tf.reduce_mean(tf.stop_gradient(advn) * neglogp)
vf_loss = tf.reduce_mean(tf.square(vf - ret))
loss = pg_loss - 0.01 * ent + 0.5 * vf_loss - 0.001 * ent2
print("ops loss", len(tf.get_default_graph().get_operations()) - n0)
n0 = len(tf.get_default_graph().get_operations())
params = tf.trainable_variables("model")
grads = tf.gradients(loss, params)
grads, gnorm = tf.clip_by_global_norm(grads, 0.5)
trainer = tf.train.RMSPropOptimizer(learning_rate=7e-4, decay=0.99, epsilon=1e-5)
train = trainer.apply_gradients(list(zip(grads, params)))
print("ops train", len(tf.get_default_graph().get_operations()) - n0)
print(
    sorted(collections.Counter(op.type for op in tf.get_default_graph().get_operations()).items())
)
print([v.name for v in tf.global_variables()])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        o = rng.randn(B, S).astype(np.float32)
        samp = sess.run([s1, s2, s3, s4, s5], {obs: o})
        print("samples", [x.tolist() for x in samp])
        fd = {obs: o, act: samp[0], ret: rng.randn(B).astype(np.float32)}
        out = sess.run(
            [loss, pg_loss, vf_loss, ent, ent2, gnorm, lp, neglogp, mean, var, train], fd
        )
        print(step, [np.asarray(x, np.float64).tolist() for x in out[:-1]])
    for v in sess.run(params):
        print(v.shape, np.asarray(v, np.float64).ravel().tolist())

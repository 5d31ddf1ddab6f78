"""REINFORCE with a moving-average baseline as TF1 tutorials write it: tf.multinomial with a
seed for the actions, log_prob of Categorical and Bernoulli, stop_gradient on the advantage;
sampled ids and the surrogate loss over a few steps, and a multinomial error."""
import numpy as np
import tensorflow as tf

np.random.seed(4)
tf.set_random_seed(77)
tfd = tf.distributions

obs = tf.placeholder(tf.float32, [None, 3], name="obs")
logits = tf.layers.dense(obs, 4, kernel_initializer=tf.glorot_uniform_initializer(seed=1),
                         name="policy")
actions = tf.squeeze(tf.multinomial(logits, 1, seed=12), axis=1)
print(actions.dtype, actions.shape, actions.op.inputs[0].op.type)
reward = tf.cast(tf.equal(actions, 2), tf.float32) - 0.1 * tf.cast(actions, tf.float32)
baseline = tf.Variable(0.0, trainable=False, name="baseline")
adv = tf.stop_gradient(reward - baseline)
pi = tfd.Categorical(logits=logits)
logp = pi.log_prob(actions)
print(logp.op.name, pi.probs.op.name if pi.probs is not None else None)
loss = -tf.reduce_mean(logp * adv) - 0.01 * tf.reduce_mean(pi.entropy())
bern_logit = tf.layers.dense(obs, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=2),
                             name="gate")
bern = tfd.Bernoulli(logits=tf.squeeze(bern_logit, 1))
gate = bern.sample(seed=9)
gate_lp = bern.log_prob(gate)
loss += -tf.reduce_mean(gate_lp * tf.stop_gradient(tf.cast(gate, tf.float32) - 0.5))
with tf.control_dependencies([loss]):
    upd_b = tf.assign(baseline, 0.9 * baseline + 0.1 * tf.reduce_mean(reward))
train = tf.group(tf.train.GradientDescentOptimizer(0.5).minimize(loss), upd_b)
print(gate.dtype, gate_lp.dtype, len(tf.get_default_graph().get_operations()))
draws = tf.multinomial(tf.log([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]]), 6, seed=3,
                       output_dtype=tf.int32)
rs = np.random.RandomState(9)
obs_np = rs.randn(8, 3).astype(np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        a, g, lv, b, _ = sess.run([actions, gate, loss, baseline, train], {obs: obs_np})
        print(step, a.tolist(), g.tolist(), repr(lv), repr(b))
    print(sess.run(draws).tolist(), sess.run(draws).tolist())
    try:
        sess.run(tf.multinomial(tf.zeros([2, 0]), 3))
    except tf.errors.InvalidArgumentError as e:
        print(type(e).__name__, e.message.splitlines()[0], e.op.name)
    try:
        tf.multinomial(tf.zeros([3]), 2)
    except ValueError as e:
        print("ValueError", e)

# ids as TF1 code post-processes them: ties in argmin, unique_with_counts with int64 ids,
# out-of-range one_hot rows, embedding_lookup's max_norm, a float64 Multinomial with a
# tensor num_samples, and the shape-inference error of a negative constant count
ties = tf.argmin([[1.0, 0.5, 0.5], [2.0, 2.0, 2.0]], 1)
u = tf.unique_with_counts(tf.constant([3, 1, 3, 3, 0], tf.int64), out_idx=tf.int64)
emb = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3), name="emb")
look = tf.nn.embedding_lookup(emb, tf.constant([[0, 3], [2, 2]], tf.int64), max_norm=2.0)
oh = tf.one_hot(tf.constant([1, -1, 5], tf.int64), tf.constant(4), on_value=2.0, off_value=-1.0)
m64 = tf.multinomial(tf.constant([[1.0, 2.0]], tf.float64), tf.constant(3), seed=2)
print(ties.dtype, u.idx.dtype, look.shape, oh.shape, m64.shape)
try:
    tf.multinomial(tf.constant([[1.0, 2.0]]), -1)
except ValueError as e:
    print("ValueError", e)
with tf.Session() as sess:
    sess.run(emb.initializer)
    print(sess.run([ties, u.y, u.idx, u.count, oh, m64]))
    print(repr(sess.run(look)))

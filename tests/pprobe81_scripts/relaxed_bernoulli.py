"""Binary and categorical stochastic units as TF1 code writes them: RelaxedBernoulli from
tf.contrib.distributions with a straight-through round, tf.random.categorical and
Categorical.sample with seeds, a score-function gradient through Bernoulli.log_prob with a
stop_gradient baseline; shapes, names, samples and a few SGD steps."""
import numpy as np
import tensorflow as tf

np.random.seed(6)
tf.set_random_seed(99)
tfd = tf.contrib.distributions

logits = tf.get_variable("gate_logits", [5], initializer=tf.constant_initializer(
    [-1.0, -0.5, 0.0, 0.5, 1.0]))
rb = tfd.RelaxedBernoulli(0.5, logits=logits)
soft = rb.sample(3, seed=4)
hard = soft + tf.stop_gradient(tf.round(soft) - soft)
print(soft.shape, hard.op.name, rb.name, type(rb.distribution).__name__)
lp = rb.log_prob(tf.constant([0.2, 0.4, 0.6, 0.8, 0.9]))
target = tf.constant([0.0, 1.0, 0.0, 1.0, 1.0])
loss = tf.reduce_mean(tf.square(hard - target))
g = tf.gradients(loss, logits)[0]
cat = tfd.Categorical(logits=tf.reshape(logits, [1, 5]))
cs = cat.sample(4, seed=8)
rc = tf.random.categorical(tf.reshape(logits, [1, 5]), 7, seed=2)
print(cs.shape, cs.dtype, rc.shape, rc.op.type, cat.event_size)
bern = tfd.Bernoulli(logits=logits)
b = bern.sample(seed=11)
reward = tf.reduce_sum(tf.cast(b, tf.float32) * target)
base = tf.Variable(0.0, trainable=False)
sf = -tf.stop_gradient(reward - base) * tf.reduce_sum(bern.log_prob(b))
sf_total = sf + loss + 0.1 * tf.reduce_mean(bern.entropy())
train = tf.train.GradientDescentOptimizer(0.2).minimize(sf_total)
with tf.control_dependencies([train]):
    step = tf.assign(base, 0.8 * base + 0.2 * reward)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(repr(sess.run(lp)))
    print(repr(sess.run(g)))
    print(sess.run(cs).tolist(), sess.run(rc).tolist())
    for i in range(5):
        s, h, bb, lv, _ = sess.run([soft, hard, b, sf_total, step])
        print(i, h.tolist(), bb.tolist(), repr(lv))
    print(repr(sess.run(logits)), repr(sess.run(base)))
    print(repr(sess.run(bern.prob([1, 0, 1, 0, 1]))))

# the binary straight-through estimators of binarized-network code: gradient_override_map
# of Sign / Round / Floor to Identity, a tf.custom_gradient one_hot(argmax), a registered
# gradient for a stochastic Ceil, and the LookupError of an unknown override
G = tf.Graph()
with G.as_default():
    tf.set_random_seed(2)
    x = tf.Variable([[-0.4, 0.3, 1.2], [0.0, -2.0, 0.6]], name="x")
    with G.gradient_override_map({"Sign": "Identity", "Round": "Identity",
                                  "Floor": "Identity"}):
        s = tf.sign(x)
        r = tf.round(tf.sigmoid(x))
        f = tf.floor(x * 2.0)
    print(s.op.type, [op.name for op in G.get_operations()][-4:])
    g = tf.gradients(tf.reduce_sum(s * 3.0) + tf.reduce_sum(r) + tf.reduce_sum(f), x)[0]

    @tf.custom_gradient
    def st_argmax(lg):
        y = tf.one_hot(tf.argmax(lg, -1), tf.shape(lg)[-1])

        def grad(dy):
            return dy * 0.5
        return y, grad

    h = st_argmax(x)
    g2 = tf.gradients(tf.reduce_sum(h * tf.constant([1.0, 2.0, 3.0])), x)[0]
    print(h.op.type, h.op.name, g2.op.name, len(G.get_operations()))

    @tf.RegisterGradient("BernoulliST")
    def _bernoulli_st(op, grad):
        return grad

    with G.gradient_override_map({"Ceil": "BernoulliST"}):
        bc = tf.ceil(tf.sigmoid(x) - tf.random_uniform(tf.shape(x), seed=3))
    g3 = tf.gradients(tf.reduce_sum(bc), x)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(sess.run([s, r, f, g]))
        print(sess.run([h, g2]))
        print(sess.run([bc, g3]))
    try:
        with G.gradient_override_map({"Sign": "NoSuchGrad"}):
            bad = tf.sign(x)
        tf.gradients(bad, x)
    except LookupError as e:
        print("LookupError", e)

"""Gumbel-softmax / Concrete relaxation as TF1 code writes it: a hand-written sampler with
-log(-log(u)), tf.contrib.distributions.RelaxedOneHotCategorical, and the hard
straight-through one_hot(argmax) trick; seeded samples, log_prob, a few training steps."""
import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(1234)
tfd = tf.contrib.distributions


def sample_gumbel(shape, eps=1e-20):
    u = tf.random_uniform(shape, minval=0, maxval=1, seed=5)
    return -tf.log(-tf.log(u + eps) + eps)


def gumbel_softmax(logits, temperature, hard=False):
    y = tf.nn.softmax((logits + sample_gumbel(tf.shape(logits))) / temperature)
    if hard:
        k = tf.shape(logits)[-1]
        y_hard = tf.cast(tf.one_hot(tf.argmax(y, 1), k), y.dtype)
        y = tf.stop_gradient(y_hard - y) + y
    return y


logits_v = tf.get_variable("logits", [4, 3],
                           initializer=tf.random_normal_initializer(seed=8))
target = tf.constant(np.eye(3, dtype=np.float32)[[0, 1, 2, 1]])
y_soft = gumbel_softmax(logits_v, 0.5)
y_hard = gumbel_softmax(logits_v, 0.5, hard=True)
loss = tf.reduce_sum(tf.square(y_hard - target))
train = tf.train.GradientDescentOptimizer(0.3).minimize(loss)
dist = tfd.RelaxedOneHotCategorical(0.7, logits=logits_v)
s = dist.sample(2, seed=17)
lp = dist.log_prob(s)
print(y_soft.shape, y_hard.op.type, s.shape, lp.shape, dist.name)
print(type(dist.distribution).__name__, repr(dist.distribution.temperature),
      dist.event_shape, dist.batch_shape)
cat = tfd.OneHotCategorical(logits=logits_v, dtype=tf.float32)
cs = cat.sample(seed=3)
print(cs.dtype, cs.shape, len(tf.get_default_graph().get_operations()))
np.set_printoptions(precision=8)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(repr(sess.run(y_soft)))
    a, b = sess.run([s, lp])
    print(repr(a))
    print(repr(b))
    print(sess.run(cs).tolist())
    for step in range(4):
        lv, h, _ = sess.run([loss, y_hard, train])
        print(step, repr(lv), h.argmax(1).tolist())
    print(repr(sess.run(logits_v)))
    try:
        tfd.RelaxedOneHotCategorical(0.5)
    except ValueError as e:
        print("ValueError", e)

# validate_args checks of the discrete distributions, Multinomial and a KL, and the shape
# error of a per-row temperature (TF 1.14's sampler divides [n * batch, k] by it)
p = tf.placeholder(tf.float32, [None, 3])
checked = [tfd.Categorical(probs=p, validate_args=True).log_prob([0, 2]),
           tfd.RelaxedOneHotCategorical(0.5, probs=p, validate_args=True).sample(seed=3)]
bern = tfd.Bernoulli(probs=[0.2, 1.5], validate_args=True).sample(seed=1)
mn = tfd.Multinomial(total_count=5.0, logits=[[0.0, 1.0, 2.0]])
kl = tfd.kl_divergence(tfd.OneHotCategorical(logits=[[0.0, 1.0, 2.0]]),
                       tfd.OneHotCategorical(probs=[[0.5, 0.25, 0.25]]))
print(checked[0].op.name, checked[1].shape, mn.sample(2, seed=3).shape, kl.op.name)
try:
    tfd.RelaxedOneHotCategorical([[0.5], [2.0]], logits=tf.zeros([2, 4])).sample(3, seed=8)
except ValueError as e:
    print("ValueError", e)
with tf.Session() as sess:
    print(repr(sess.run(checked[0], {p: [[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]]})))
    for fetch in checked + [bern]:
        try:
            sess.run(fetch, {p: [[0.2, 0.3, 0.6], [0.1, 0.1, 0.8]]})
        except tf.errors.InvalidArgumentError as e:
            print(type(e).__name__, e.message.splitlines()[0][:200])
    print(sess.run([kl, mn.log_prob([[1.0, 1.0, 3.0]])]))

"""Statistics of the common tf.contrib.distributions with seeded samples: Gamma, Beta,
Dirichlet, Categorical, OneHotCategorical and RelaxedOneHotCategorical (Gumbel-softmax with a
temperature), their entropy / log_prob / cdf / mean / variance, sample shapes and dtypes, a
Gumbel-softmax straight-through estimator trained a few steps, and the errors for invalid
arguments (validate_args) TF raises."""
import numpy as np
import tensorflow as tf

tfd = tf.contrib.distributions

np.random.seed(7)
tf.set_random_seed(99)

gamma = tfd.Gamma(concentration=[1.0, 2.5, 4.0], rate=[1.0, 0.5, 2.0])
beta = tfd.Beta(concentration1=[0.5, 2.0], concentration0=[0.5, 3.0])
dirichlet = tfd.Dirichlet(concentration=[[1.0, 2.0, 3.0], [0.5, 0.5, 0.5]])
cat = tfd.Categorical(logits=[[0.1, 1.0, -0.5, 2.0]])
onehot = tfd.OneHotCategorical(probs=[0.2, 0.3, 0.5])
relaxed = tfd.RelaxedOneHotCategorical(temperature=0.5, logits=[[1.0, 2.0, 0.5]])

fetch = {
    "gamma entropy": gamma.entropy(),
    "gamma log_prob": gamma.log_prob([0.5, 2.0, 1.5]),
    "gamma cdf": gamma.cdf([0.5, 2.0, 1.5]),
    "gamma mean var": [gamma.mean(), gamma.variance()],
    "gamma sample": gamma.sample(2, seed=1),
    "beta entropy": beta.entropy(),
    "beta log_prob": beta.log_prob([0.3, 0.6]),
    "beta cdf": beta.cdf([0.3, 0.6]),
    "beta sample": beta.sample(2, seed=2),
    "dirichlet entropy": dirichlet.entropy(),
    "dirichlet log_prob": dirichlet.log_prob([0.2, 0.3, 0.5]),
    "dirichlet mean": dirichlet.mean(),
    "dirichlet sample": dirichlet.sample(seed=3),
    "cat entropy": cat.entropy(),
    "cat log_prob": cat.log_prob([3]),
    "cat cdf": cat.cdf([2]),
    "cat sample": cat.sample(6, seed=4),
    "onehot entropy": onehot.entropy(),
    "onehot log_prob": onehot.log_prob([0, 0, 1]),
    "onehot sample": onehot.sample(3, seed=5),
    "relaxed log_prob": relaxed.log_prob([[0.2, 0.7, 0.1]]),
    "relaxed sample": relaxed.sample(2, seed=6),
}
for k in ["gamma sample", "dirichlet sample", "cat sample", "onehot sample", "relaxed sample"]:
    print(k, "shape", fetch[k].shape, fetch[k].dtype)
print("batch/event", dirichlet.batch_shape, dirichlet.event_shape, onehot.event_shape,
      relaxed.batch_shape, relaxed.event_shape)
print("kl beta", tfd.kl_divergence(beta, tfd.Beta([1.0, 1.0], [1.0, 1.0])).op.name)

# Gumbel-softmax straight-through on a 3-way toy task
logits = tf.Variable([[0.0, 0.0, 0.0]], name="logits")
gs = tfd.RelaxedOneHotCategorical(temperature=1.0, logits=logits).sample(8, seed=12)
hard = tf.cast(tf.equal(gs, tf.reduce_max(gs, -1, keepdims=True)), gs.dtype)
st = tf.stop_gradient(hard - gs) + gs
reward = tf.reduce_mean(tf.reduce_sum(st * tf.constant([0.0, 1.0, 0.2]), -1))
train = tf.train.GradientDescentOptimizer(0.5).minimize(-reward)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for k in sorted(fetch):
        v = sess.run(fetch[k])
        print(k, [a.tolist() for a in v] if isinstance(v, list) else v.tolist())
    for step in range(5):
        _, r = sess.run([train, reward])
        print("gs step", step, repr(r), sess.run(logits).tolist())

for make in (lambda: tfd.Gamma(concentration=[-1.0], rate=[1.0], validate_args=True).mean(),
             lambda: tfd.Beta(1.0, 1.0, validate_args=True).log_prob(1.5),
             lambda: tfd.Categorical(logits=1.0),
             lambda: tfd.Dirichlet(concentration=1.0)):
    try:
        t = make()
        with tf.Session() as sess:
            print("value", sess.run(t))
    except (ValueError, tf.errors.InvalidArgumentError) as e:
        print(type(e).__name__, str(e).split("\n")[0])

"""A 1-D mixture density network (the Bishop / otoro MDN tutorial style) on
tf.contrib.distributions: logits, means and softplus scales from a dense head, a
MixtureSameFamily of Normals trained by negative log-likelihood with RMSProp, its mean,
stddev, cdf and seeded samples; the same density as a tfd.Mixture of a list of Normals
(log_prob, mean, entropy_lower_bound, seeded samples of shape [2, n]); a categorical of
probs; and the errors TF raises for mismatched components."""
import numpy as np
import tensorflow as tf

tfd = tf.contrib.distributions

np.random.seed(4)
tf.set_random_seed(8)
N, K = 12, 3
xs = np.linspace(-1., 1., N).astype(np.float32)[:, None]
# (a cubic, not np.sin: NumPy's float32 sin differs in the last bit across versions)
ys = (2 * xs * xs * xs - xs + 0.1 * np.random.randn(N, 1)).astype(np.float32)[:, 0]
x = tf.placeholder(tf.float32, [None, 1], name="x")
y = tf.placeholder(tf.float32, [None], name="y")
h = tf.layers.dense(x, 8, tf.nn.tanh, kernel_initializer=tf.random_normal_initializer(
    0., 0.5, seed=1), name="hidden")
out = tf.layers.dense(h, 3 * K, kernel_initializer=tf.random_normal_initializer(
    0., 0.5, seed=2), name="mdn")
logits, mu, s = tf.split(out, 3, axis=1)
sigma = tf.nn.softplus(s) + 1e-3
mix = tfd.MixtureSameFamily(mixture_distribution=tfd.Categorical(logits=logits),
                            components_distribution=tfd.Normal(loc=mu, scale=sigma))
nll = -tf.reduce_mean(mix.log_prob(y))
train = tf.train.RMSPropOptimizer(0.01).minimize(nll)
print("batch", mix.batch_shape, "event", mix.event_shape, "name", mix.name)
samp = mix.sample(2, seed=5)
print("sample shape", samp.shape)

cat = tfd.Categorical(probs=tf.nn.softmax(logits))
comps = [tfd.Normal(loc=mu[:, k], scale=sigma[:, k]) for k in range(K)]
mix2 = tfd.Mixture(cat=cat, components=comps)
lp2 = mix2.log_prob(y)
m2 = mix2.mean()
elb = mix2.entropy_lower_bound()
s2 = mix2.sample(2, seed=6)
print("mixture", mix2.batch_shape, mix2.num_components, s2.shape, lp2.shape)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        lv, _ = sess.run([nll, train], {x: xs, y: ys})
        print(step, repr(float(lv)))
    fd = {x: xs[:4], y: ys[:4]}
    print("mean", sess.run(mix.mean(), fd).tolist())
    print("stddev", sess.run(mix.stddev(), fd).tolist())
    print("cdf", sess.run(mix.cdf(y), fd).tolist())
    print("samples", sess.run(samp, fd).tolist())
    print("mix2 log_prob", sess.run(lp2, fd).tolist())
    print("mix log_prob", sess.run(mix.log_prob(y), fd).tolist())
    print("mix2 mean", sess.run(m2, fd).tolist())
    print("entropy lb", sess.run(elb, fd).tolist())
    print("mix2 samples", sess.run(s2, fd).tolist())
    print("cat sample", sess.run(cat.sample(3, seed=2), fd).tolist())

for bad in (lambda: tfd.Mixture(cat=tfd.Categorical(logits=[0., 0.]),
                                components=[tfd.Normal(0., 1.)]),
            lambda: tfd.Mixture(cat=tfd.Categorical(logits=[0., 0.]), components=[]),
            lambda: tfd.Mixture(cat=tfd.Categorical(logits=[0., 0.]),
                                components=[tfd.Normal(0., 1.), tfd.Normal([0., 1.], 1.)])):
    try:
        bad()
        print("built")
    except (ValueError, TypeError) as e:
        print(type(e).__name__, str(e).splitlines()[0])

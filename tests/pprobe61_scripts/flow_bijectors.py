"""A planar-style normalizing flow with tf.contrib.distributions.bijectors: a
TransformedDistribution of a standard Normal through Chain([Affine, Exp, Affine]) with trainable
shift / scale, fitted by maximum likelihood to seeded positive data; forward / inverse /
log_det_jacobian values, event shapes, Invert, and the errors a bad Chain raises."""
import numpy as np
import tensorflow as tf

tfd = tf.contrib.distributions
tfb = tfd.bijectors

np.random.seed(42)
tf.set_random_seed(7)
data = (np.abs(0.8 * np.random.randn(64, 2)) + 0.2).astype(np.float32)

shift1 = tf.Variable([0.1, -0.1], name="shift1")
scale1 = tf.Variable([0.8, 1.2], name="scale1")
shift2 = tf.Variable([0.0, 0.0], name="shift2")
chain = tfb.Chain([tfb.Affine(shift=shift2, scale_identity_multiplier=1.0),
                   tfb.Exp(),
                   tfb.Affine(shift=shift1, scale_diag=scale1)], name="flow")
base = tfd.MultivariateNormalDiag(loc=tf.zeros([2]), scale_diag=tf.ones([2]))
dist = tfd.TransformedDistribution(distribution=base, bijector=chain, name="lognormal_flow")
print("names", chain.name, [b.name for b in chain.bijectors], dist.name)
print("event", dist.event_shape, dist.batch_shape)
nll = -tf.reduce_mean(dist.log_prob(data))
train = tf.train.AdamOptimizer(0.05).minimize(nll)
samples = dist.sample(5, seed=3)
print("samples shape", samples.shape)

y = tf.constant([[1.5, 2.0], [0.7, 3.0]])
xinv = chain.inverse(y)
fldj = chain.forward_log_det_jacobian(xinv, event_ndims=1)
ildj = chain.inverse_log_det_jacobian(y, event_ndims=1)
exp = tfb.Exp()
inv = tfb.Invert(exp)
scalar = tfd.TransformedDistribution(distribution=tfd.Normal(0.0, 1.0), bijector=exp)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        _, lv = sess.run([train, nll])
        print("step", step, repr(lv))
    print("shift1", sess.run(shift1).tolist(), "scale1", sess.run(scale1).tolist())
    print("samples", sess.run(samples).tolist())
    a, b, c = sess.run([xinv, fldj, ildj])
    print("inverse", a.tolist())
    print("fldj", b.tolist(), "ildj", c.tolist())
    v = tf.constant([0.5, 1.0])
    print("exp fldj", sess.run(exp.forward_log_det_jacobian(v, event_ndims=0)).tolist())
    print("exp ildj ev1", sess.run(exp.inverse_log_det_jacobian(v, event_ndims=1)).tolist())
    print("invert", inv.name, sess.run(inv.forward(tf.constant([1.0, 2.0]))).tolist())
    print("lognormal log_prob", sess.run(scalar.log_prob([0.5, 1.0, 2.0])).tolist())
    print("lognormal cdf", sess.run(scalar.cdf([0.5, 1.0, 2.0])).tolist())
    print("lognormal sample", sess.run(scalar.sample(3, seed=4)).tolist())

try:
    exp.forward_log_det_jacobian(tf.constant([0.5]), event_ndims=-1)
except ValueError as e:
    print("ValueError", e)
print("ops", len(tf.get_default_graph().get_operations()))

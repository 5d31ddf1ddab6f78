"""A masked autoregressive flow (MAF) and its inverse (IAF via tfb.Invert) on
tf.contrib.distributions: MaskedAutoregressiveFlow with masked_autoregressive_default_template
(shift and log-scale), a Chain with an Affine and a Softplus bijector over a
MultivariateNormalDiag base; TransformedDistribution log_prob trained a few Adam steps,
seeded samples from both flows, log-det-Jacobians and the Invert round trip."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(4201)
rs = np.random.RandomState(4202)
tfd = tf.contrib.distributions
tfb = tfd.bijectors
D = 3
data = (rs.randn(32, D) * [0.5, 1.0, 2.0] + [1.0, 0.0, -1.0]).astype(np.float32)
x = tf.placeholder(tf.float32, [None, D])
base = tfd.MultivariateNormalDiag(loc=tf.zeros([D]), scale_diag=tf.ones([D]))
maf = tfb.MaskedAutoregressiveFlow(
    shift_and_log_scale_fn=tfb.masked_autoregressive_default_template(
        hidden_layers=[6], name="made",
        kernel_initializer=tf.glorot_uniform_initializer(seed=7)))
aff = tfb.Affine(shift=[0.5, -0.25, 0.0], scale_diag=[1.5, 0.5, 2.0])
flow = tfb.Chain([aff, maf])
dist = tfd.TransformedDistribution(distribution=base, bijector=flow)
n0 = len(tf.get_default_graph().get_operations())
lp = dist.log_prob(x)
print("ops log_prob", len(tf.get_default_graph().get_operations()) - n0)
loss = -tf.reduce_mean(lp)
train = tf.train.AdamOptimizer(5e-3).minimize(loss)
print("vars", [(v.op.name, v.shape.as_list()) for v in tf.trainable_variables()])
n1 = len(tf.get_default_graph().get_operations())
samples = dist.sample(4, seed=4203)
print("ops sample", len(tf.get_default_graph().get_operations()) - n1)
iaf = tfd.TransformedDistribution(distribution=base, bijector=tfb.Invert(maf))
isamp = iaf.sample(3, seed=4204)
ilp = iaf.log_prob(isamp)
print("names", flow.name, tfb.Invert(maf).name, maf.name, aff.name)
sp = tfb.Softplus()
z = tf.constant(rs.randn(2, D).astype(np.float32))
spf = sp.forward(z)
spi = sp.inverse(spf)
spl = sp.forward_log_det_jacobian(z, event_ndims=1)
y = flow.forward(x)
x_back = flow.inverse(y)
fldj = flow.forward_log_det_jacobian(x, event_ndims=1)
ildj = flow.inverse_log_det_jacobian(y, event_ndims=1)
print("ops total", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(5):
        lv, _ = sess.run([loss, train], {x: data})
        print(i, repr(float(lv)))
    s = sess.run(samples)
    print("samples", H(s), s[0].tolist())
    print("iaf", H(sess.run(isamp)))
    try:
        print("iaf lp", sess.run(ilp).tolist())
    except tf.errors.InvalidArgumentError as e:
        print("iaf lp", type(e).__name__, e.message.splitlines()[0])
    print("softplus", H(sess.run(spf)), sess.run(spl).tolist(),
          float(np.abs(sess.run(spi) - sess.run(z)).max()))
    a, b, c, d = sess.run([y, x_back, fldj, ildj], {x: data[:3]})
    print("y", a.tolist(), "roundtrip", float(np.abs(b - data[:3]).max()))
    print("ldj", c.tolist(), d.tolist())
    print("lp", sess.run(lp, {x: data[:4]}).tolist())

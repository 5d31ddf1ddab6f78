"""The small elementwise and vector bijectors of tf.contrib.distributions.bijectors: Square,
Softsign, Gumbel (loc, scale) and Ordered, alone and in a Chain; forward / inverse /
log-det-Jacobians (both event_ndims), names, event shapes and op counts; Invert(Gumbel) over a
Uniform as a Gumbel distribution (seeded samples, log_prob against the closed form),
Invert(Ordered) over a MultivariateNormalDiag giving sorted samples, and a gradient of a
log_prob through the Chain."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(4241)
rs = np.random.RandomState(4242)
tfd = tf.contrib.distributions
tfb = tfd.bijectors
g = tf.get_default_graph()
xv = np.abs(rs.randn(2, 3)).astype(np.float32) + 0.1
x = tf.constant(xv, name="x")
fetch = {}
for b in [tfb.Square(), tfb.Softsign(), tfb.Gumbel(loc=0.5, scale=[1.0, 2.0, 0.5]),
          tfb.Ordered(), tfb.Chain([tfb.Softsign(), tfb.Square()])]:
    n0 = len(g.get_operations())
    inp = tf.cumsum(x, axis=-1) if b.name == "ordered" else x
    if b.name == "gumbel":
        inp = tf.sigmoid(x - 0.5)
    y = b.forward(inp if b.name == "ordered" else x)
    xb = b.inverse(tf.identity(y) if b.name != "gumbel" else inp)
    ev = b.forward_min_event_ndims
    fl = b.forward_log_det_jacobian(inp if b.name == "ordered" else x, event_ndims=ev)
    il = b.inverse_log_det_jacobian(tf.identity(y), event_ndims=ev + 1)
    print(b.name, ev, b.inverse_min_event_ndims, b.is_constant_jacobian,
          "ops", len(g.get_operations()) - n0, y.op.name, fl.op.name, il.op.name)
    fetch[b.name] = (y, xb, fl, il)
od = tfb.Ordered()
print("shapes", od.forward_event_shape([4, 3]), od.inverse_event_shape(tf.TensorShape([5])),
      tfb.Square().forward_event_shape([2, 2]))
print("ordered tensor", od.forward(tf.cumsum(x, axis=-1)).op.name)
gum = tfd.TransformedDistribution(
    distribution=tfd.Uniform(low=1e-6, high=1.0), bijector=tfb.Invert(tfb.Gumbel(1.0, 2.0)),
    name="GumbelDist")
gs = gum.sample(5, seed=4243)
glp = gum.log_prob(gs)
z = (gs - 1.0) / 2.0
closed = -(z + tf.exp(-z)) - np.log(2.0)
print("gumbel dist", gum.name, gs.shape, glp.op.name)
sorted_d = tfd.TransformedDistribution(
    distribution=tfd.MultivariateNormalDiag(loc=tf.zeros(4), scale_diag=tf.ones(4)),
    bijector=tfb.Invert(tfb.Ordered()))
ss = sorted_d.sample(3, seed=4244)
slp = sorted_d.log_prob(ss)
v = tf.Variable([0.3, -0.2, 0.8], name="v")
chain = tfb.Chain([tfb.Softsign(), tfb.Gumbel(loc=v, scale=2.0)])
td = tfd.TransformedDistribution(tfd.Normal(loc=0.0, scale=1.0), chain, event_shape=[3])
lp = td.log_prob(tf.constant([[0.2, 0.3, 0.45], [0.1, 0.25, 0.4]]))
gr = tf.gradients(tf.reduce_sum(lp), v)[0]
print("td", td.batch_shape, td.event_shape, lp.shape, "ops total", len(g.get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for k in sorted(fetch):
        y, xb, fl, il = sess.run(fetch[k])
        print(k, y.tolist(), xb.tolist())
        print(k, "ldj", np.asarray(fl).tolist(), np.asarray(il).tolist())
    a, b, c = sess.run([gs, glp, closed])
    print("gumbel", a.tolist(), b.tolist(), float(np.abs(b - c).max()))
    a, b = sess.run([ss, slp])
    print("sorted", a.tolist(), b.tolist())
    print("lp", sess.run(lp).tolist(), sess.run(gr).tolist())

"""A RealNVP / MAF-style density model as in TF 1.x normalizing-flow reference code on
tf.contrib.distributions: a Chain of RealNVP coupling bijectors (real_nvp_default_template
shift-and-log-scale networks) and Permute bijectors over a MultivariateNormalDiag base, a
TransformedDistribution trained by maximum likelihood with Adam; log_prob, samples,
the forward/inverse round trip and the log-det-Jacobians."""

import hashlib

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1301)
rs = np.random.RandomState(1302)
tfd = tf.contrib.distributions
tfb = tfd.bijectors
D = 4
data = np.concatenate([rs.randn(64, 2) * 0.5 + 1.0, rs.randn(64, 2) * [0.2, 1.0]], 1)
data = data.astype(np.float32)
x = tf.placeholder(tf.float32, [None, D])
base = tfd.MultivariateNormalDiag(loc=tf.zeros([D]), scale_diag=tf.ones([D]))
bijectors = []
for i in range(3):
    bijectors.append(tfb.RealNVP(
        num_masked=2,
        shift_and_log_scale_fn=tfb.real_nvp_default_template(
            hidden_layers=[8, 8], name="nvp%d" % i,
            kernel_initializer=tf.glorot_uniform_initializer(seed=10 + i))))
    bijectors.append(tfb.Permute(permutation=[3, 2, 1, 0] if i % 2 == 0 else [1, 0, 3, 2]))
flow = tfb.Chain(list(reversed(bijectors[:-1])))
dist = tfd.TransformedDistribution(distribution=base, bijector=flow)
n0 = len(tf.get_default_graph().get_operations())
lp = dist.log_prob(x)
print("ops log_prob", len(tf.get_default_graph().get_operations()) - n0)
loss = -tf.reduce_mean(lp)
train = tf.train.AdamOptimizer(1e-2).minimize(loss)
print("vars", [(v.op.name, v.shape.as_list()) for v in tf.trainable_variables()])
samples = dist.sample(5, seed=1303)
y = flow.forward(x)
x_back = flow.inverse(y)
fldj = flow.forward_log_det_jacobian(x, event_ndims=1)
ildj = flow.inverse_log_det_jacobian(y, event_ndims=1)
print("ops total", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(6):
        lv, _ = sess.run([loss, train], {x: data})
        print(i, repr(float(lv)))
    print("samples", H(sess.run(samples)))
    a, b, c, d = sess.run([y, x_back, fldj, ildj], {x: data[:3]})
    print("y", H(a), "roundtrip", float(np.abs(b - data[:3]).max()))
    print("ldj", c.tolist(), d.tolist())
    print("lp", sess.run(lp, {x: data[:4]}).tolist())

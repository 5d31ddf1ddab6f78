"""TF 1.14's RandomGamma gradient: the RandomGammaGrad kernel's float32 bits (Eigen's
gamma_sample_der_alpha) on fed (alpha, sample) pairs, and the rule's graph and values for
Gamma, Beta and Dirichlet samples (random_grad.py: ops under a control dependency on the
incoming gradient, alpha reshaped with ones([k]), the sum over range(k)).
Read by tests/test_pdist_gamma_grad.py; importable under Python 3.7 (the oracle)."""
from __future__ import absolute_import

import numpy as np


def inputs():
    rng = np.random.RandomState(3)
    a = np.concatenate([np.exp(rng.uniform(-4, 5, 3000)), rng.uniform(0, 3, 1000),
                        [0., 1., -1., np.nan, 2., 1e-40, 5., 3.]]).astype(np.float32)
    x = np.concatenate([np.exp(rng.uniform(-6, 6, 3000)), rng.uniform(0, 6, 1000),
                        [1., 0., 1., 1., np.inf, 1., 1e-40, np.nan]]).astype(np.float32)
    return a, x


def cases(tf):
    out = {}
    pa, px = tf.placeholder(tf.float32), tf.placeholder(tf.float32)
    a, x = inputs()
    g = tf.get_default_graph()
    with tf.Session() as sess:
        out["kernel"] = sess.run(tf.raw_ops.RandomGammaGrad(alpha=pa, sample=px), {pa: a, px: x})
    n0 = len(g.get_operations())
    tf.set_random_seed(11)
    tfd = tf.contrib.distributions
    alpha = tf.constant([1.5, 3.0, 0.3])
    beta_c = tf.constant(2.0)
    conc = tf.constant([[1.0, 2.0, 0.5], [0.2, 4.0, 1.0]])
    dyn = tf.placeholder(tf.float32, [None])
    losses = {"gamma": tf.reduce_sum(tf.square(tfd.Gamma(alpha, 1.0).sample([4, 2], seed=2) - 2.0)),
              "beta": tf.reduce_sum(tfd.Beta(beta_c, 1.5).sample(3, seed=9)),
              "dirichlet": tf.reduce_sum(tfd.Dirichlet(conc).sample(2, seed=3) * [1., 2., 3.]),
              "random_gamma_dynamic": tf.reduce_sum(tf.random_gamma([3], dyn, seed=4))}
    params = {"gamma": alpha, "beta": beta_c, "dirichlet": conc, "random_gamma_dynamic": dyn}
    grads = {k: tf.gradients(losses[k], params[k])[0] for k in sorted(losses)}
    out["ops"] = [(op.name, op.type, [i.name for i in op.control_inputs])
                  for op in g.get_operations()[n0:]]
    with tf.Session() as sess:
        vals = sess.run(grads, {dyn: [0.5, 2.0]})
    for k in sorted(vals):
        out["grad/" + k] = vals[k]
    out["static_shape"] = [str(grads[k].shape) for k in sorted(grads)]
    return out

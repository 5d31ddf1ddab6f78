"""TF 1.14's Grappler ConvertExpm1Stage and ConvertLog1pStage as values: Sub(Exp(x), 1)
runs as Expm1(x) and Log(Add(x, 1)) as Log1p(x) in a Session (float32 bits differ from
Exp then Sub), also through an Identity, unless x folds to a constant, the constant is not all ones, or broadcasting
it would change x's shape. Includes a Dirichlet and a Gamma whose concentration is
tf.exp(variable). Read by tests/test_pdist_expm1.py; importable under Python 3.7."""
from __future__ import absolute_import

import numpy as np


def cases(tf):
    rng = np.random.RandomState(9)
    init = rng.uniform(-3, 3, 64).astype(np.float32)
    v = tf.Variable(init, name="v")
    w = tf.Variable(init[:3], name="w")
    pd = tf.placeholder_with_default(init, [64])
    c = tf.constant(init)
    tfd = tf.contrib.distributions
    x = np.abs(rng.uniform(0.05, 0.9, (2, 3))).astype(np.float32)
    x = x / x.sum(-1, keepdims=True)
    ts = {"exp_sub_one": tf.exp(v) - 1., "exp_sub_ones_vec": tf.exp(w) - [1., 1., 1.],
          "exp_sub_two": tf.exp(v) - 2., "exp_identity_sub_one": tf.identity(tf.exp(v)) - 1., "one_sub_exp": 1. - tf.exp(v),
          "exp_const_sub_one": tf.exp(c) - 1., "exp_default_sub_one": tf.exp(pd) - 1.,
          "exp_sub_one_broadcast": tf.exp(w) - tf.ones([2, 3]),
          "log_add_one": tf.log(tf.abs(v) + 1.), "log_one_add": tf.log(1. + tf.abs(v)),
          "log_add_half": tf.log(tf.abs(v) + 0.5), "log_addv2_one": tf.log(tf.add(tf.abs(v), 1.)),
          "dirichlet_log_prob": tfd.Dirichlet(tf.exp(w)).log_prob(x),
          "gamma_log_prob": tfd.Gamma(tf.exp(w), 2.).log_prob(x[0] * 3)}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        return sess.run(ts)

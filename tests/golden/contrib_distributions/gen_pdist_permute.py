"""tf.contrib.distributions.bijectors.Permute under TF 1.14: forward/inverse values and op
names, log-det-Jacobians, a normalizing-flow Chain with it (seeded samples, log_prob),
a fed permutation checked by validate_args, construction errors, op count.
Read by tests/test_pdist_permute.py; importable under Python 3.7 (the oracle)."""
from __future__ import absolute_import


def _error(f):
    try:
        f()
    except (TypeError, ValueError) as e:
        return e
    return None


def cases(tf):
    tfd = tf.contrib.distributions
    tfb = tfd.bijectors
    tf.set_random_seed(1)
    out = {}
    p = tfb.Permute(permutation=[2, 0, 1])
    x = tf.constant([[1., 2., 3.], [4., 5., 6.]])
    out["props"] = [p.name, p.forward_min_event_ndims, p.is_constant_jacobian, p.permutation.name]
    ts = {"forward": p.forward(x), "inverse": p.inverse(x),
          "fldj": p.forward_log_det_jacobian(x, event_ndims=1),
          "ildj": p.inverse_log_det_jacobian(x, event_ndims=1)}
    flow = tfd.TransformedDistribution(
        distribution=tfd.MultivariateNormalDiag(loc=tf.zeros(3)),
        bijector=tfb.Chain([tfb.Affine(shift=[1., 2., 3.], scale_diag=[2., 0.5, 1.]),
                            tfb.Permute([1, 2, 0]), tfb.Exp()]))
    s = flow.sample(2, seed=5)
    ts["flow_sample"], ts["flow_log_prob"] = s, flow.log_prob(s)
    fed = tf.placeholder(tf.int32, [3])
    pv = tfb.Permute(fed, validate_args=True)
    fed_ts = [pv.forward(x), pv.inverse(x)]
    out["names"] = sorted((k, t.name) for k, t in ts.items()) + [t.name for t in fed_ts]
    out["errors"] = [_error(lambda: tfb.Permute([0, 0, 1])), _error(lambda: tfb.Permute([1, 2, 3])),
                     _error(lambda: tfb.Permute([0., 1.]))]
    with tf.Session() as sess:
        out.update(sess.run(ts))
        out["fed"] = sess.run(fed_ts, {fed: [1, 0, 2]})
        try:
            sess.run(fed_ts, {fed: [1, 1, 2]})
            out["fed_bad"] = None
        except tf.errors.InvalidArgumentError as e:
            out["fed_bad"] = e.message.splitlines()[0]
    out["op_count"] = len(tf.get_default_graph().get_operations())
    return out

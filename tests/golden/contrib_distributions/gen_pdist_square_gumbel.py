"""tf.contrib.distributions.bijectors Square, Softsign, Gumbel and Ordered under TF 1.14:
forward/inverse/log-det-Jacobian values and op names, event shapes, validate_args checks
(the first line of each failed assert), Gumbel's construction error, the op count.
Read by tests/test_pdist_square_gumbel.py; importable under Python 3.7 (the oracle)."""
from __future__ import absolute_import


def _error(f):
    try:
        f()
    except (TypeError, ValueError, AttributeError) as e:
        return e
    return None


def cases(tf):
    tfb = tf.contrib.distributions.bijectors
    out = {}
    x = tf.constant([[0.25, 1.5, 3.0], [0.5, 0.75, 2.0]])
    u = tf.constant([[0.1, 0.5, 0.9], [0.3, 0.2, 0.99]])
    ts = {}
    for b, inp, y in [(tfb.Square(), x, x), (tfb.Softsign(), x, u - 0.5),
                      (tfb.Gumbel(loc=[0.5, -1.0, 0.0], scale=2.0), x, u),
                      (tfb.Ordered(), x, x)]:
        ev = b.forward_min_event_ndims
        ts[b.name + "_fwd"] = b.forward(inp)
        ts[b.name + "_inv"] = b.inverse(y)
        ts[b.name + "_fldj"] = b.forward_log_det_jacobian(inp, event_ndims=ev)
        ts[b.name + "_ildj"] = b.inverse_log_det_jacobian(y, event_ndims=ev + 1)
        out[b.name + "_props"] = [b.name, ev, b.inverse_min_event_ndims,
                                  b.is_constant_jacobian]
    g = tfb.Gumbel(loc=1.0, scale=[1.0, 3.0])
    out["gumbel_params"] = [g.loc.name, g.scale.name]
    od = tfb.Ordered()
    out["shapes"] = [od.forward_event_shape([4, 3]).as_list(),
                     od.inverse_event_shape(tf.TensorShape([2, 5])).as_list(),
                     tfb.Square().inverse_event_shape(tf.TensorShape([2])).as_list()]
    ts["ordered_fwd_shape"] = od.forward_event_shape_tensor([4, 3])
    ts["ordered_inv_shape"] = od.inverse_event_shape_tensor([2, 5])
    out["names"] = sorted((k, t.name) for k, t in ts.items())
    out["errors"] = [_error(lambda: od.inverse_event_shape(tf.TensorShape([1]))),
                     _error(lambda: tfb.Gumbel(loc=1.0, scale=tf.constant(2.0, tf.float64)))]
    bad = tf.constant([[-1.0, 2.0, 0.5]])
    big = tf.constant([[0.5, 2.0]])   # one failing assert each: TF runs a pair in any order
    checked = [tfb.Square(validate_args=True).inverse(bad),
               tfb.Softsign(validate_args=True).inverse(big),
               tfb.Softsign(validate_args=True).inverse(-big),
               tfb.Gumbel(scale=-1.0, validate_args=True).forward(bad),
               tfb.Gumbel(validate_args=True).inverse(-big),
               tfb.Gumbel(validate_args=True).inverse(big),
               tfb.Ordered(validate_args=True).forward(bad)]
    with tf.Session() as sess:
        out.update(sess.run(ts))
        msgs = []
        for t in checked:
            try:
                sess.run(t)
                msgs.append(None)
            except tf.errors.InvalidArgumentError as e:
                msgs.append(e.message.splitlines()[0])
        out["validate"] = msgs
    out["op_count"] = len(tf.get_default_graph().get_operations())
    return out

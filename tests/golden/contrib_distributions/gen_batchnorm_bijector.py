"""tf.contrib.distributions.bijectors.BatchNormalization under TF 1.14: forward / inverse /
log-det-Jacobian values and gradients with training on and off, a layer with a non-final axis
(the broadcast path), the layer checks and shape errors, variable and op names, the update
ops and the op count. Records the host's vendor. Read by tests/test_batchnorm_bijector.py;
importable under Python 3.7 (the oracle)."""
from __future__ import absolute_import

import numpy as np

from goldenio import host_vendor


def _error(f):
    try:
        f()
    except Exception as e:   # noqa: BLE001 - TF's class and message are the golden
        return e
    return None


def cases(tf):
    tfb = tf.contrib.distributions.bijectors
    out = {"vendor": host_vendor()}
    ts = {}
    x = tf.constant([[1.0, 2.0, -0.5], [3.0, 5.0, 0.25], [-1.0, 0.5, 2.0], [0.0, 1.5, 1.0]])
    bn = tfb.BatchNormalization()
    ts["bn_fwd"] = bn.forward(x)
    ts["bn_inv"] = bn.inverse(x * 2.0)
    ts["bn_ildj"] = bn.inverse_log_det_jacobian(x * 2.0, event_ndims=1)
    ts["bn_ildj2"] = bn.inverse_log_det_jacobian(x * 2.0, event_ndims=2)
    # run on its own: TF 1.14's graph optimizer flips its sign when it is fetched with
    # bn_ildj (a grappler quirk flowgrad does not model)
    alone = {"bn_fldj": bn.forward_log_det_jacobian(x, event_ndims=1)}
    ts["bn_grad"] = tf.gradients([tf.reduce_sum(bn.inverse(x * 3.0) * x),
                                  bn.inverse_log_det_jacobian(x * 3.0, event_ndims=1)], x)[0]
    layer = tf.layers.BatchNormalization(axis=1, epsilon=0.01, center=False)
    bt = tfb.BatchNormalization(batchnorm_layer=layer, training=False, name="bn_eval")
    x3 = tf.constant(np.arange(24, dtype=np.float32).reshape([2, 3, 4]) * 0.25)
    ts["bt_fwd"] = bt.forward(x3)
    ts["bt_inv"] = bt.inverse(x3)
    ts["bt_ildj"] = bt.inverse_log_det_jacobian(x3 + 1.0, event_ndims=1)
    ts["bt_fldj"] = bt.forward_log_det_jacobian(x3, event_ndims=2)
    out["props"] = [[b.name, b.forward_min_event_ndims, b.inverse_min_event_ndims,
                     b.is_constant_jacobian, b.validate_args] for b in (bn, bt)]
    out["names"] = sorted((k, t.name) for k, t in list(ts.items()) + list(alone.items()))
    out["variables"] = [v.name for v in tf.global_variables()]
    out["update_ops"] = [o.name for o in tf.get_collection(tf.GraphKeys.UPDATE_OPS)]
    p = tf.placeholder(tf.float32, [None, 3], name="p")
    out["errors"] = [
        _error(lambda: tfb.BatchNormalization(
            batchnorm_layer=tf.layers.BatchNormalization(renorm=True))),
        _error(lambda: tfb.BatchNormalization(
            batchnorm_layer=tf.layers.BatchNormalization(virtual_batch_size=2))),
        _error(lambda: tfb.BatchNormalization(batchnorm_layer=tf.layers.Dense(3))),
        _error(lambda: bn.forward(p)),
        _error(lambda: bn.inverse_log_det_jacobian(p, event_ndims=1)),
        _error(lambda: bn.forward_log_det_jacobian(x, event_ndims=0))]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out.update(sess.run(ts))
        out.update(sess.run(alone))
    out["op_count"] = len(tf.get_default_graph().get_operations())
    return out

"""tf.contrib.distributions.bijectors Reshape, SoftmaxCentered, AbsoluteValue and Inline
under TF 1.14: forward / inverse / log-det-Jacobian values and gradients (static, partly known
and unknown shapes), event shapes (static and Tensor), build-time errors, validate_args checks
(the first line of each failed assert), op names, properties and the op count. Records the
host's vendor. Read by tests/test_shape_bijectors.py; importable under Python 3.7 (the
oracle)."""
from __future__ import absolute_import

import numpy as np

from goldenio import host_vendor


def _error(f):
    try:
        f()
    except Exception as e:   # noqa: BLE001 - TF's class and message are the golden
        return e
    return None


def _props(b):
    return [b.name, b.forward_min_event_ndims, b.inverse_min_event_ndims,
            b.is_constant_jacobian, b.validate_args]


def _shape(s):
    return None if s.ndims is None else s.as_list()


def _reshape(tf, tfb, ts, out, feeds):
    r = tfb.Reshape(event_shape_out=[1, -1])
    r2 = tfb.Reshape(event_shape_out=[3, 2], event_shape_in=[-1, 3], name="r32")
    x = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    x6 = tf.constant(np.arange(24, dtype=np.float32).reshape([2, 2, 2, 3]))
    ts["rs_fwd"] = r.forward(x)
    ts["rs_fwd_vec"] = r.forward([3.0, 4.0])
    ts["rs_inv"] = r.inverse(tf.constant([[[3.0, 4.0]]]))
    ts["rs_fwd32"] = r2.forward(x6)
    ts["rs_inv32"] = r2.inverse(r2.forward(x6) * 2.0)
    ts["rs_fldj"] = r2.forward_log_det_jacobian(x6, event_ndims=2)
    ts["rs_fldj3"] = r2.forward_log_det_jacobian(x6, event_ndims=3)
    ts["rs_ildj"] = r.inverse_log_det_jacobian(tf.constant([[[3.0, 4.0]]]), event_ndims=1)
    ts["rs_grad"] = tf.gradients(tf.reduce_sum(r2.forward(x6) * r2.forward(x6)), x6)[0]
    p = tf.placeholder(tf.float32, name="p")
    pb = tf.placeholder(tf.float32, [None, 2, 3], name="pb")
    ts["rs_fwd_dyn"] = r2.forward(p)
    ts["rs_fwd_batch"] = r2.forward(pb)
    feeds[p] = np.arange(12, dtype=np.float32).reshape([2, 2, 3])
    feeds[pb] = np.arange(18, dtype=np.float32).reshape([3, 2, 3])
    ts["rs_fwd_shape_t"] = r2.forward_event_shape_tensor([5, 2, 3])
    ts["rs_inv_shape_t"] = r2.inverse_event_shape_tensor([3, 2])
    esh = tf.placeholder(tf.int32, [2], name="esh")
    rd = tfb.Reshape(event_shape_out=esh, name="rdyn")
    ts["rs_fwd_dynshape"] = rd.forward(tf.constant([[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]]))
    feeds[esh] = [2, 3]
    out["rs_shapes"] = [_shape(r2.forward_event_shape([5, 2, 3])),
                        _shape(r2.inverse_event_shape(tf.TensorShape([3, 2]))),
                        _shape(r.forward_event_shape([5])),
                        _shape(rd.forward_event_shape([6]))]
    out["rs_errors"] = [
        _error(lambda: tfb.Reshape(event_shape_out=[1.0, 2.0])),
        _error(lambda: tfb.Reshape(event_shape_out=[[1, 2]])),
        _error(lambda: tfb.Reshape(event_shape_out=[-1, -1])),
        _error(lambda: tfb.Reshape(event_shape_out=[2, -3])),
        _error(lambda: tfb.Reshape(event_shape_out=[2], event_shape_in=3)),
        _error(lambda: r2.forward(tf.ones([2, 4]))),
        _error(lambda: r2.forward(tf.ones([3]))),
        _error(lambda: r2.forward(tf.ones([2, 2, 3, 2]))),
        _error(lambda: r2.inverse_event_shape([3, 3])),
        _error(lambda: r.forward_log_det_jacobian(x, event_ndims=-1))]
    return r, r2, rd


def _softmax_centered(tf, tfb, ts, out, feeds):
    sc = tfb.SoftmaxCentered()
    x = tf.constant([[0.5, -1.0, 2.0], [0.0, 0.25, -3.0]])
    y = tf.constant([[0.1, 0.2, 0.3, 0.4], [0.25, 0.25, 0.125, 0.375]])
    ts["sc_fwd"] = sc.forward(x)
    ts["sc_fwd_vec"] = sc.forward(tf.constant([1.0, 2.0]))
    ts["sc_inv"] = sc.inverse(y)
    ts["sc_fldj"] = sc.forward_log_det_jacobian(x, event_ndims=1)
    ts["sc_fldj2"] = sc.forward_log_det_jacobian(x, event_ndims=2)
    ts["sc_ildj"] = sc.inverse_log_det_jacobian(y, event_ndims=1)
    ts["sc_grad"] = tf.gradients([tf.reduce_sum(sc.forward(x) * x[..., :1]),
                                  sc.forward_log_det_jacobian(x, event_ndims=1)], x)[0]
    ts["sc_inv_grad"] = tf.gradients(sc.inverse_log_det_jacobian(y, event_ndims=1), y)[0]
    p = tf.placeholder(tf.float64, name="p64")
    ts["sc_fwd_dyn"] = sc.forward(p)
    feeds[p] = [[1.0, -2.0], [0.5, 0.25]]
    ts["sc_fwd_shape_t"] = sc.forward_event_shape_tensor([4, 3])
    ts["sc_inv_shape_t"] = sc.inverse_event_shape_tensor([4, 3])
    out["sc_shapes"] = [_shape(sc.forward_event_shape([4, 3])),
                        _shape(sc.forward_event_shape(tf.TensorShape([4, None]))),
                        _shape(sc.inverse_event_shape(tf.TensorShape([2, 5]))),
                        _shape(sc.inverse_event_shape(tf.TensorShape(None)))]
    out["sc_errors"] = [_error(lambda: sc.inverse_event_shape(tf.TensorShape([1]))),
                        _error(lambda: sc.inverse_event_shape([3])),
                        _error(lambda: sc.forward_log_det_jacobian(x, event_ndims=0))]
    return sc


def _absolute_value(tf, tfb, ts, out):
    av = tfb.AbsoluteValue()
    x = tf.constant([[-1.5, 0.0, 2.0], [3.0, -0.25, 1.0]])
    ts["av_fwd"] = av.forward(x)
    ts["av_inv_neg"], ts["av_inv_pos"] = av.inverse(x * x)
    ts["av_ildj_neg"], ts["av_ildj_pos"] = av.inverse_log_det_jacobian(x * x, event_ndims=0)
    ts["av_ildj1_neg"], ts["av_ildj1_pos"] = av.inverse_log_det_jacobian(x * x,
                                                                          event_ndims=1)
    ts["av_grad"] = tf.gradients(av.forward(x), x)[0]
    out["av_errors"] = [_error(lambda: av.forward_log_det_jacobian(x, event_ndims=0))]
    out["av_uncached"] = [av.forward(x) is av.forward(x), av.inverse(x) is av.inverse(x)]
    return av


def _inline(tf, tfb, ts, out):
    il = tfb.Inline(forward_fn=tf.exp, inverse_fn=tf.log,
                    inverse_log_det_jacobian_fn=lambda y: -tf.log(y),
                    forward_log_det_jacobian_fn=lambda x: x,
                    forward_min_event_ndims=0, name="exp_inline")
    half = tfb.Inline(forward_fn=lambda x: 2.0 * x, forward_log_det_jacobian_fn=lambda x:
                      tf.log(2.0) * tf.ones_like(x), inverse_min_event_ndims=1,
                      forward_event_shape_fn=lambda s: s[:-1],
                      inverse_event_shape_tensor_fn=lambda s: s * 2, is_constant_jacobian=True)
    x = tf.constant([[0.5, -1.0], [2.0, 0.25]])
    ts["il_fwd"] = il.forward(x)
    ts["il_inv"] = il.inverse(il.forward(x) + 1.0)
    ts["il_fldj"] = il.forward_log_det_jacobian(x, event_ndims=1)
    ts["il_ildj"] = il.inverse_log_det_jacobian(tf.exp(x), event_ndims=0)
    ts["il_grad"] = tf.gradients(il.forward_log_det_jacobian(x * x, event_ndims=2), x)[0]
    ts["hf_fwd"] = half.forward(x)
    ts["hf_fldj"] = half.forward_log_det_jacobian(x, event_ndims=1)
    ts["hf_fldj2"] = half.forward_log_det_jacobian(x, event_ndims=1)
    ts["hf_inv_shape_t"] = half.inverse_event_shape_tensor([2, 3])
    ts["hf_fwd_shape_t"] = half.forward_event_shape_tensor([2, 3])
    out["il_shapes"] = [_shape(half.forward_event_shape([4, 3])),
                        _shape(half.inverse_event_shape(tf.TensorShape([4, 3]))),
                        _shape(il.forward_event_shape([4, 3]))]
    out["il_errors"] = [_error(lambda: half.inverse(x)),
                        _error(lambda: half.inverse_log_det_jacobian(x, event_ndims=1)),
                        _error(lambda: tfb.Inline(forward_fn=tf.exp)),
                        _error(lambda: il.forward_log_det_jacobian(x, event_ndims=-1))]
    return il, half


def _validate(tf, tfb):
    """One failing assert each (the first line of TF's message)."""
    esh = tf.placeholder(tf.int32, name="esh_v")
    rv = tfb.Reshape(event_shape_out=esh, validate_args=True, name="rv")
    rv2 = tfb.Reshape(event_shape_out=[3, 2], event_shape_in=[-1, 3], validate_args=True,
                      name="rv2")
    pr = tf.placeholder(tf.float32, name="pr")
    sc = tfb.SoftmaxCentered(validate_args=True)
    av = tfb.AbsoluteValue(validate_args=True)
    n = tf.placeholder(tf.int32, [], name="n")
    checked = [rv.forward(tf.ones([6])),
               rv2.forward(pr),
               sc.inverse_event_shape_tensor(tf.stack([2, n])),
               av.inverse(tf.constant([1.0, -2.0]))[1],
               av.inverse_log_det_jacobian(tf.constant([1.0, -2.0]), event_ndims=0)[0]]
    feeds = {esh: [-1, -1], pr: np.ones([2, 2, 2], np.float32), n: 1}
    checked_ok = [rv2.forward(tf.placeholder_with_default(np.ones([2, 3], np.float32),
                                                          None))]
    return checked, checked_ok, feeds, [rv, rv2, sc, av]


def cases(tf):
    tfb = tf.contrib.distributions.bijectors
    out = {"vendor": host_vendor()}
    ts, feeds = {}, {}
    r, r2, rd = _reshape(tf, tfb, ts, out, feeds)
    sc = _softmax_centered(tf, tfb, ts, out, feeds)
    av = _absolute_value(tf, tfb, ts, out)
    il, half = _inline(tf, tfb, ts, out)
    # TF 1.14's bijectors module lists Weibull in its docstring but never imports it
    out["weibull_exported"] = hasattr(tfb, "Weibull")
    checked, checked_ok, vfeeds, vb = _validate(tf, tfb)
    out["props"] = [_props(b) for b in [r, r2, rd, sc, av, il, half] + vb]
    out["names"] = sorted((k, t.name) for k, t in ts.items())
    feeds.update(vfeeds)
    with tf.Session() as sess:
        out.update(sess.run(ts, feed_dict=feeds))
        msgs = []
        for t in checked:
            try:
                sess.run(t, feed_dict=feeds)
                msgs.append(None)
            except tf.errors.InvalidArgumentError as e:
                msgs.append(e.message.splitlines()[0])
        out["validate"] = msgs
        out["validate_ok"] = sess.run(checked_ok, feed_dict=feeds)
    out["op_count"] = len(tf.get_default_graph().get_operations())
    return out

"""tf.contrib.distributions.bijectors CholeskyOuterProduct, FillTriangular, TransformDiagonal,
ScaleTriL and MatrixInverseTriL under TF 1.14: forward / inverse / log-det-Jacobian values and
gradients (static and unknown ranks), event shapes (static and Tensor), their errors,
validate_args checks (the first line of each failed assert), op names, properties and the op
count. Records the host's vendor (its float32 products). Read by tests/test_tril_bijectors.py;
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


def _props(b):
    return [b.name, b.forward_min_event_ndims, b.inverse_min_event_ndims,
            b.is_constant_jacobian, b.validate_args]


def _cholesky_outer(tf, tfb, ts, feeds):
    chol = tfb.CholeskyOuterProduct()
    m = tf.constant([[1.0, 0.0], [0.5, 2.0]])
    mb = tf.constant(np.array([[[1.5, 9.0, 9.0], [0.25, 0.5, 9.0], [-1.0, 0.75, 2.0]],
                               [[0.5, 0.0, 0.0], [1.25, 3.0, 0.0], [0.125, -0.5, 1.0]]],
                              np.float32))
    ts["chol_fwd"] = chol.forward(m)
    ts["chol_fwd_batch"] = chol.forward(mb)
    ts["chol_fldj"] = chol.forward_log_det_jacobian(m, event_ndims=2)
    ts["chol_fldj_batch"] = chol.forward_log_det_jacobian(mb, event_ndims=2)
    ts["chol_fldj_ev3"] = chol.forward_log_det_jacobian(mb, event_ndims=3)
    spd = tf.constant([[4.0, 2.0, 0.4], [2.0, 5.0, 1.0], [0.4, 1.0, 3.0]])
    ts["chol_inv"] = chol.inverse(spd)
    ts["chol_ildj"] = chol.inverse_log_det_jacobian(spd, event_ndims=2)
    ts["chol_grads"] = tf.gradients(
        [tf.reduce_sum(chol.forward(mb)), chol.forward_log_det_jacobian(mb, event_ndims=2)],
        mb)[0]
    ts["chol_inv_grad"] = tf.gradients(chol.inverse_log_det_jacobian(spd, event_ndims=2),
                                       spd)[0]
    # unknown rank: _make_columnar and the squeeze through pick_vector
    p = tf.placeholder(tf.float32, name="p")
    ts["chol_fldj_dyn2"] = chol.forward_log_det_jacobian(p, event_ndims=2)
    p3 = tf.placeholder(tf.float32, name="p3")
    ts["chol_fldj_dyn3"] = chol.forward_log_det_jacobian(p3, event_ndims=2)
    feeds[p] = [[1.0, 0.0], [0.5, 2.0]]
    feeds[p3] = [[[1.0, 0.0], [0.5, 2.0]], [[3.0, 0.0], [0.5, 0.25]]]
    return chol


def _fill_triangular(tf, tfb, ts, out):
    ft = tfb.FillTriangular()
    fu = tfb.FillTriangular(upper=True, name="fill_upper")
    v = tf.constant([[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [0.5, -1.0, 1.5, -2.0, 2.5, -3.0]])
    ts["ft_fwd"] = ft.forward(v)
    ts["ft_fwd_upper"] = fu.forward(v)
    ts["ft_inv"] = ft.inverse(ft.forward(v) * 2.0)
    ts["ft_inv_upper"] = fu.inverse(tf.constant([[1.0, 2.0], [0.0, 3.0]]))
    ts["ft_fldj"] = ft.forward_log_det_jacobian(v, event_ndims=1)
    ts["ft_fldj_ev2"] = ft.forward_log_det_jacobian(v, event_ndims=2)
    ts["ft_ildj"] = ft.inverse_log_det_jacobian(ft.forward(v), event_ndims=2)
    ts["ft_grad"] = tf.gradients(tf.reduce_sum(ft.forward(v) * ft.forward(v)), v)[0]
    ts["ft_fwd_shape_t"] = ft.forward_event_shape_tensor([4, 10])
    ts["ft_inv_shape_t"] = ft.inverse_event_shape_tensor([4, 3, 3])
    out["ft_shapes"] = [ft.forward_event_shape([4, 6]).as_list(),
                        ft.forward_event_shape(tf.TensorShape([None, None])).as_list(),
                        ft.inverse_event_shape(tf.TensorShape([2, 3, 3])).as_list(),
                        ft.inverse_event_shape(tf.TensorShape([2, None, 3])).as_list()]
    out["ft_errors"] = [_error(lambda: ft.forward_event_shape([5])),
                        _error(lambda: ft.inverse_event_shape(tf.TensorShape([2, 3]))),
                        _error(lambda: ft.inverse_event_shape([3, 3])),
                        _error(lambda: ft.forward(tf.ones([4]))),
                        _error(lambda: ft.inverse(tf.ones([3]))),
                        _error(lambda: ft.forward_log_det_jacobian(v, event_ndims=0))]
    return ft, fu


def _transform_diagonal(tf, tfb, ts):
    td = tfb.TransformDiagonal(diag_bijector=tfb.Exp())
    x = tf.constant([[[0.5, 1.0], [2.0, -0.25]], [[-1.0, 3.0], [0.75, 0.125]]])
    ts["td_fwd"] = td.forward(x)
    ts["td_inv"] = td.inverse(td.forward(x))
    ts["td_fldj"] = td.forward_log_det_jacobian(x, event_ndims=2)
    ts["td_fldj_ev3"] = td.forward_log_det_jacobian(x, event_ndims=3)
    ts["td_ildj"] = td.inverse_log_det_jacobian(td.forward(x), event_ndims=2)
    ts["td_grad"] = tf.gradients([tf.reduce_sum(td.forward(x)),
                                  td.forward_log_det_jacobian(x, event_ndims=2)], x)[0]
    return td


def _scale_tril(tf, tfb, ts):
    st = tfb.ScaleTriL()
    se = tfb.ScaleTriL(diag_bijector=tfb.Exp(), diag_shift=None, name="st_exp")
    v = tf.constant([[0.1, 0.2, 0.3, -0.4, 0.5, -0.6], [1.0, -2.0, 0.0, 0.25, -0.5, 2.0]])
    ts["st_fwd"] = st.forward(v)
    ts["st_fwd_exp"] = se.forward(v[0])
    ts["st_inv"] = st.inverse(st.forward(v))
    ts["st_inv_exp"] = se.inverse(tf.constant([[1.0, 0.0], [0.5, 2.0]]))
    ts["st_fldj"] = st.forward_log_det_jacobian(v, event_ndims=1)
    ts["st_fldj_exp"] = se.forward_log_det_jacobian(v, event_ndims=1)
    ts["st_ildj"] = st.inverse_log_det_jacobian(st.forward(v), event_ndims=2)
    ts["st_grad"] = tf.gradients([tf.reduce_sum(st.forward(v)),
                                  st.forward_log_det_jacobian(v, event_ndims=1)], v)[0]
    psd = tfb.Chain([tfb.CholeskyOuterProduct(), tfb.ScaleTriL()])
    ts["psd_fwd"] = psd.forward(v)
    ts["psd_fldj"] = psd.forward_log_det_jacobian(v, event_ndims=1)
    return st, se, psd


def _matrix_inverse_tril(tf, tfb, ts):
    mi = tfb.MatrixInverseTriL()
    m = tf.constant([[2.0, 0.0], [0.5, -4.0]])
    mb = tf.constant(np.array([[[1.5, 0.0, 0.0], [0.25, 0.5, 0.0], [-1.0, 0.75, 2.0]],
                               [[-0.5, 0.0, 0.0], [1.25, 4.0, 0.0], [0.125, -0.5, 1.0]]],
                              np.float32))
    ts["mi_fwd"] = mi.forward(m)
    ts["mi_fwd_batch"] = mi.forward(mb)
    ts["mi_inv"] = mi.inverse(mb)
    ts["mi_fldj"] = mi.forward_log_det_jacobian(mb, event_ndims=2)
    ts["mi_fldj_ev3"] = mi.forward_log_det_jacobian(mb, event_ndims=3)
    ts["mi_ildj"] = mi.inverse_log_det_jacobian(m, event_ndims=2)
    ts["mi_grad"] = tf.gradients([tf.reduce_sum(mi.forward(mb)),
                                  mi.forward_log_det_jacobian(mb, event_ndims=2)], mb)[0]
    mv = tfb.MatrixInverseTriL(validate_args=True)
    ts["mi_fwd_validated"] = mv.forward(mb)
    return mi, mv


def _validate(tf, tfb):
    """One failing assert each (TF runs a pair in any order). CholeskyOuterProduct's
    positive-diagonal check guards an x its log-det-Jacobian no longer reads: it never
    runs in TF 1.14 (None)."""
    chol = tfb.CholeskyOuterProduct(validate_args=True)
    ftv = tfb.FillTriangular(validate_args=True)
    d = tf.placeholder(tf.int32, [], name="d")
    bad_shape = tf.placeholder(tf.int32, [3], name="bad_shape")
    miv = tfb.MatrixInverseTriL(validate_args=True)
    checked = [chol.forward_log_det_jacobian(tf.constant([[1.0, 0.0], [0.5, -2.0]]),
                                             event_ndims=2),
               chol.forward(tf.ones([2, 3])),
               miv.forward(tf.constant([[1.0, 0.5], [0.5, 2.0]])),
               miv.forward_log_det_jacobian(tf.constant([[1.0, 0.0], [0.5, 0.0]]),
                                            event_ndims=2),
               ftv.forward_event_shape_tensor(tf.stack([3, d])),
               ftv.inverse_event_shape_tensor(bad_shape)]
    feeds = {d: 5, bad_shape: [4, 3, 2]}
    # TF 1.14's Softplus(validate_args=True) without hinge_softness: AttributeError
    built = [_error(lambda: tfb.ScaleTriL(validate_args=True)),
             _error(lambda: chol.forward(tf.ones([2, 3]))),
             _error(lambda: chol.forward(tf.ones([3]))),
             _error(lambda: miv.forward(tf.ones([2, 2], tf.float64))),
             _error(lambda: miv.forward(tf.ones([2])))]
    return checked, feeds, built


def cases(tf):
    tfb = tf.contrib.distributions.bijectors
    out = {"vendor": host_vendor()}
    ts, feeds = {}, {}
    chol = _cholesky_outer(tf, tfb, ts, feeds)
    ft, fu = _fill_triangular(tf, tfb, ts, out)
    td = _transform_diagonal(tf, tfb, ts)
    st, se, psd = _scale_tril(tf, tfb, ts)
    mi, mv = _matrix_inverse_tril(tf, tfb, ts)
    out["props"] = [_props(b) for b in (chol, ft, fu, td, st, se, psd, mi, mv)]
    out["chain_names"] = [[b.name for b in st.bijectors],
                          [b.name for b in st.bijectors[0]._diag_bijector.bijectors],
                          [b.name for b in se.bijectors], psd.name]
    out["names"] = sorted((k, t.name) for k, t in ts.items())
    checked, vfeeds, built = _validate(tf, tfb)
    out["validate_built"] = built
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
    out["op_count"] = len(tf.get_default_graph().get_operations())
    return out

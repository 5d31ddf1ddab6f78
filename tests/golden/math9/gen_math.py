"""Issue 9 items 4 and 5 on the math/nn side: values TF 1.14 gives, errors it raises.

Each case is a function of `tf` (CASES); tests/test_math9.py runs the same functions
with flowgrad and compares them with what this generator recorded under TF 1.14.
"""
import numpy as np

_SPECIAL_X = np.array([-2.5, -0.5, 0., -0., -1., -2., 1.5, -3.999, -1e-3, 3., 1e-8],
                      np.float32)
_NAN_X = np.array([np.nan, 1., np.nan, -np.inf, 5., np.nan, 2., -3.], np.float32)
_NAN_Y = np.array([1., np.nan, np.nan, np.nan, 4., 2., 2., np.inf], np.float32)


def _run(tf, build, feed=None):
    """Builds in a fresh graph and runs; an exception (at build or run time) is the value."""
    try:
        with tf.Graph().as_default():
            fetches, feed_fn = build(), None
            if isinstance(fetches, tuple) and len(fetches) == 2 and callable(fetches[1]):
                fetches, feed_fn = fetches
            with tf.Session() as sess:
                return sess.run(fetches, feed_fn() if feed_fn else None)
    except Exception as e:  # noqa: BLE001 - the error is the result
        return e


def _special(tf, fn, grad):
    def build():
        x = tf.constant(_SPECIAL_X)
        y = getattr(tf, fn)(x)
        return tf.gradients(y, x)[0] if grad else y
    return build


def _minmax(tf, fn, dtype, scalar_y=False):
    def build():
        x = tf.constant(_NAN_X.astype(dtype))
        y = tf.constant(dtype(np.nan)) if scalar_y else tf.constant(_NAN_Y.astype(dtype))
        return [getattr(tf, fn)(x, y), getattr(tf, fn)(y, x)]
    return build


def _tensordot(tf):
    a_val = np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 10
    b_val = np.arange(12, dtype=np.float32).reshape(4, 3) / 7

    def build():
        a = tf.placeholder(tf.float32)
        b = tf.placeholder(tf.float32, [4, None])
        ax = tf.placeholder(tf.int32)
        outs = [tf.tensordot(a, b, 1), tf.tensordot(a, b, [[-1, 1], [0, 1]]),
                tf.tensordot(a, b, ax), tf.tensordot(b, a, [[1], [1]])]
        grads = tf.gradients(tf.reduce_sum(outs[1] ** 2), [a, b])
        return outs + grads, lambda: {a: a_val, b: b_val, ax: [[2], [0]]}
    return build


def _lrn(tf, shape):
    x_val = np.random.RandomState(0).randn(2, 2, 2, 5).astype(np.float32)

    def build():
        a = tf.placeholder(tf.float32, shape)
        r = tf.nn.lrn(a, 2, bias=0.5, alpha=0.3, beta=0.6)
        return [r, tf.gradients(tf.reduce_sum(r * tf.constant(x_val)), a)[0]], \
            lambda: {a: x_val}
    return build


def _reduce(tf, fn, x, axis, placeholder=False):
    def build():
        t = tf.constant(x)
        ax = tf.placeholder_with_default(axis, []) if placeholder else axis
        f = getattr(tf, fn, None) or getattr(tf.math, fn)
        return f(t, axis=ax)
    return build


def _reduce_like(tf, fn, x, axis, placeholder=False):
    """argmax/cumsum & co. with a positional axis."""
    def build():
        ax = tf.placeholder_with_default(axis, []) if placeholder else axis
        return getattr(tf, fn)(tf.constant(x), ax)
    return build


def _prod_second_order(tf):
    def build():
        outs = []
        for v in (1.5, 0.0):
            x = tf.constant(np.float32(v))
            xm = tf.constant(np.float32([[v, 2.]]))
            g = tf.gradients(tf.reduce_prod(x) * 2.0, x)[0]
            gm = tf.gradients(tf.reduce_sum(tf.reduce_prod(xm, axis=[]) * 2.0), xm)[0]
            outs += [g, tf.gradients(g * 0.75, x)[0], gm,
                     tf.gradients(tf.reduce_sum(gm * 0.75), xm)[0]]
        return outs
    return build


def _zero_dy(tf):
    """SqrtGrad/RsqrtGrad/ReciprocalGrad where the upstream gradient is 0 at a singular y."""
    def build():
        x = tf.constant(np.array([0., 4., 0., 1.], np.float32))
        outs = [tf.gradients(tf.abs(tf.sqrt(x)), x)[0]]
        for fn in (tf.sqrt, tf.rsqrt, tf.reciprocal):
            outs.append(tf.gradients(fn(x) * tf.constant([0., 1., 0., 2.]), x)[0])
        return outs
    return build


def _prod_axes_second_order(tf):
    """Second order of reduce_prod over several axes of groups holding zeros."""
    def build():
        x = tf.constant(np.array([[[1.5, 0., 2.], [0., 3., -1.]],
                                  [[0.5, 2., 0.], [1., -2., 4.]]], np.float32))
        p = tf.reduce_prod(x, axis=[0, 2], keepdims=True)
        g = tf.gradients(tf.reduce_sum(p * tf.constant([[[1.], [2.]]])), x)[0]
        return [g, tf.gradients(tf.reduce_sum(g * 0.75), x)[0]]
    return build


def _cases(tf):
    out = {
        "grad_kernels_zero_dy": _zero_dy(tf),
        "reduce_prod_axes_second_order": _prod_axes_second_order(tf),
        "count_nonzero_bool": lambda: tf.count_nonzero(tf.constant([-1., 0., 2., 3.]) > 0),
        "count_nonzero_bool_axis": lambda: tf.count_nonzero(
            tf.constant([[True, False], [True, True]]), axis=1),
        "pow_inf": lambda: tf.pow(tf.constant([-np.inf, -np.inf, -np.inf, -0., np.inf, -8.]),
                                  tf.constant([0.5, 1.5, 2., 0.5, 0.5, 1 / 3.])),
        "reduce_max_nan": lambda: tf.reduce_max(tf.constant(
            [[1., np.nan, 3.], [np.nan, np.nan, 0], [1, 2, 3]], np.float32), axis=1),
        "reduce_min_nan": lambda: tf.reduce_min(tf.constant(
            [[1., np.nan, 3.], [np.nan, np.nan, 0], [1, 2, 3]], np.float32), axis=1),
        "reduce_max_nan_axis0": lambda: tf.reduce_max(tf.constant(
            [[1., np.nan, 3.], [np.nan, np.nan, 0]], np.float32), axis=0),
        "lrn_float64": lambda: tf.nn.lrn(tf.zeros([1, 1, 1, 2], tf.float64)),
        "tensordot_unknown_rank": _tensordot(tf),
        "lrn_grad_unknown_channels": _lrn(tf, [2, 2, 2, None]),
        "lrn_grad_unknown_rank": _lrn(tf, None),
    }
    out["fused_batch_norm_float64"] = lambda: tf.nn.fused_batch_norm(
        tf.zeros([1, 2, 2, 3], tf.float64), tf.ones([3], tf.float64),
        tf.zeros([3], tf.float64))[0]
    out["segment_mean_negative_id"] = lambda: tf.math.segment_mean(
        tf.constant([1., 2., 3.]), np.array([-1, 0, 0], np.int32))
    out["segment_sum_unsorted_id"] = lambda: tf.math.segment_sum(
        tf.constant([1., 2., 3.]), np.array([0, 2, 1], np.int32))
    out["max_pool3d_float64"] = lambda: tf.nn.max_pool3d(
        tf.zeros([1, 2, 2, 2, 1], tf.float64), [1] * 5, [1] * 5, "SAME")
    out["avg_pool3d_float64"] = lambda: tf.nn.avg_pool3d(
        tf.ones([1, 2, 2, 2, 1], tf.float64), [1] * 5, [1] * 5, "SAME")
    out["segment_mean_ids_size_mismatch"] = lambda: tf.math.segment_mean(
        tf.zeros([1, 2]), np.array([1, 1, 2], np.int32))
    out["reduce_prod_scalar_second_order"] = _prod_second_order(tf)
    for fn in ("digamma", "lgamma"):
        out[fn] = _special(tf, fn, False)
        out[fn + "_grad"] = _special(tf, fn, True)
    for fn in ("maximum", "minimum"):
        for dt in (np.float32, np.float64):
            out["%s_nan_%s" % (fn, dt.__name__)] = _minmax(tf, fn, dt)
        out[fn + "_nan_scalar"] = _minmax(tf, fn, np.float32, True)
    m = np.arange(6, dtype=np.float32).reshape(2, 3)
    for fn in ("reduce_sum", "reduce_mean", "reduce_max", "reduce_prod", "reduce_logsumexp",
               "reduce_euclidean_norm"):
        out[fn + "_scalar_axis0"] = _reduce(tf, fn, np.float32(3), 0)
        out[fn + "_scalar_axis-1"] = _reduce(tf, fn, np.float32(3), -1)
        out[fn + "_axis2"] = _reduce(tf, fn, m, 2)
        out[fn + "_axis-3"] = _reduce(tf, fn, m, -3)
        out[fn + "_axis_repeated"] = _reduce(tf, fn, m, [0, 0])
        out[fn + "_axis_repeated_negative"] = _reduce(tf, fn, m, [1, -1])
        out[fn + "_axis_run_time_5"] = _reduce(tf, fn, m, 5, placeholder=True)
    for fn in ("reduce_all", "reduce_any"):
        b = np.array([[True, False]] * 2)
        out[fn + "_scalar_axis0"] = _reduce(tf, fn, np.bool_(True), 0)
        out[fn + "_axis_repeated"] = _reduce(tf, fn, b, [1, -1])
        out[fn + "_axis_run_time_5"] = _reduce(tf, fn, b, 5, placeholder=True)
    out["argmax_scalar"] = _reduce_like(tf, "argmax", np.float32(3), 0)
    out["argmax_axis2"] = _reduce_like(tf, "argmax", m, 2)
    out["argmin_axis_run_time_5"] = _reduce_like(tf, "argmin", m, 5, placeholder=True)
    for axis in (2, -3, 1, -1):
        out["cumsum_axis%d" % axis] = _reduce_like(tf, "cumsum", m, axis)
    out["cumprod_scalar"] = _reduce_like(tf, "cumprod", np.float32(3), 0)
    out["reduce_std_scalar_axis0"] = _reduce(tf, "reduce_std", np.float32(3), 0)
    out["count_nonzero_scalar_axis0"] = _reduce(tf, "count_nonzero", np.float32(3), 0)
    return out


def run_case(tf, name):
    return _run(tf, _cases(tf)[name])


def cases(tf):
    return dict((name, _run(tf, build)) for name, build in sorted(_cases(tf).items()))

"""tf.nn.quantized_max_pool / quantized_avg_pool / quantized_conv2d / quantized_relu_x under
TF 1.14 (quantized_nn.json) and flowgrad (tests/test_quantized_nn.py): quint8 pool and conv
values bit for bit (TF 1.14 has kernels for quint8 only and none for QuantizedReluX),
SAME/VALID windows and strides, the ranges, op names and static shapes, and the errors.
Valid Python 3.7."""
import numpy as np

X = np.random.RandomState(5).uniform(-3.0, 9.0, (2, 5, 7, 3)).astype(np.float32)
WINDOWS = (([1, 2, 2, 1], [1, 1, 1, 1], "SAME"), ([1, 3, 2, 1], [1, 2, 3, 1], "SAME"),
           ([1, 3, 3, 1], [1, 2, 2, 1], "VALID"), ([1, 1, 4, 1], [1, 1, 1, 1], "VALID"),
           ([1, 5, 7, 1], [1, 1, 1, 1], "VALID"), ([1, 4, 4, 1], [1, 3, 3, 1], "SAME"))


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the error is the result
        lines = [ln for ln in str(e).split("\n") if ln.strip()]
        first = lines[0].split(" for '")[0] if lines else ""
        return "%s: %s" % (type(e).__name__, first.split(" used by ")[0])
    return "no error"


def _raw(v):
    return v.view(v.dtype[0]) if v.dtype.names else v


def pools(tf):
    q = tf.quantize(tf.constant(X), -3.0, 9.0, tf.quint8)
    ts = []
    for ksize, strides, padding in WINDOWS:
        for fn in (tf.nn.quantized_max_pool, tf.nn.quantized_avg_pool):
            ts.append(fn(q.output, q.output_min, q.output_max, ksize, strides, padding))
    ops = [op.name + ":" + op.type for op in tf.get_default_graph().get_operations()]
    with tf.Session() as sess:
        vals = sess.run([list(t) for t in ts])
    return [ops, [[[x.name for x in t], t.output.shape.as_list()] for t in ts],
            [[_raw(v[0]), v[1], v[2]] for v in vals]]


F = np.random.RandomState(6).uniform(-2.0, 1.0, (3, 2, 3, 4)).astype(np.float32)
CONV_RANGES = (((-3.0, 9.0), (-2.0, 1.0)), ((0.5, 9.0), (-2.0, -0.25)),
               ((-3.0, 0.0), (0.0, 1.0)), ((-1.0, 1.0), (-1.5, 1.5)),
               ((-1e-3, 7.3), (-0.01, 0.02)))


def conv(tf):
    out, ts = [], []
    for (xl, xh), (fl, fh) in CONV_RANGES:
        q = tf.quantize(tf.constant(X), xl, xh, tf.quint8)
        f = tf.quantize(tf.constant(F), fl, fh, tf.quint8)
        for st, pad in (([1, 1, 1, 1], "SAME"), ([1, 2, 2, 1], "SAME"), ([1, 1, 1, 1], "VALID"),
                        ([1, 3, 3, 1], "VALID"), ([1, 4, 4, 1], "SAME")):
            ts.append(tf.nn.quantized_conv2d(q.output, f.output, q.output_min, q.output_max,
                                             f.output_min, f.output_max, st, pad))
    r = tf.nn.quantized_conv2d(q.output, f.output, 0.0, 1.0, -1, 2, [1, 1, 1, 1], "SAME",
                               name="qc", dilations=[1, 1, 1, 1])
    ops = [op.name + ":" + op.type for op in tf.get_default_graph().get_operations()]
    with tf.Session() as sess:
        vals = sess.run([list(t) for t in ts] + [list(r)])
    for t, v in zip(ts + [r], vals):
        out.append([[x.name for x in t], t.output.shape.as_list(), _raw(v[0]), v[1], v[2]])
    run = lambda t: tf.Session().run(list(t))  # noqa: E731
    c = tf.nn.quantized_conv2d
    o, mn, mx = q
    errs = [
        _err(lambda: run(c(o, f.output, mn, mx, 0.0, 1.0, [1, 2, 1, 1], "SAME"))),
        _err(lambda: run(c(o, f.output, mn, mx, 0.0, 1.0, [2, 1, 1, 1], "SAME"))),
        _err(lambda: run(c(o, f.output, mn, mx, 0.0, 1.0, [1, 1, 1, 2], "SAME"))),
        _err(lambda: run(c(o, f.output, mn, mx, 0.0, 1.0, [1, 1, 1, 1], "SAME",
                           dilations=[1, 2, 2, 1]))),
        _err(lambda: run(c(o, f.output, mn, mx, 0.0, 1.0, [1, 1, 1, 1], "SAME",
                           dilations=[2, 1, 1, 1]))),
        _err(lambda: run(c(o, f.output, mn, mx, 0.0, 1.0, [1, 1, 1, 1], "SAME",
                           out_type=tf.quint8))),
        _err(lambda: c(o, f.output, mn, mx, 0.0, 1.0, [1, 1, 1], "SAME")),
        _err(lambda: c(o, f.output, mn, mx, 0.0, 1.0, [1, 1, 1, 1], "FOO")),
        _err(lambda: c(o, f.output, mn, mx, [0.0], 1.0, [1, 1, 1, 1], "SAME")),
        _err(lambda: c(o, tf.reshape(f.output, [3, 2, 4, 3]), mn, mx, 0.0, 1.0, [1, 1, 1, 1],
                       "SAME")),
        _err(lambda: c(tf.reshape(o, [10, 7, 3]), f.output, mn, mx, 0.0, 1.0, [1, 1, 1, 1],
                       "SAME")),
        _err(lambda: c(o, f.output, mn, mx, 0.0, 1.0, [1, 1, 1, 1], "SAME",
                       out_type=tf.float32)),
        _err(lambda: c(tf.constant(X), f.output, mn, mx, 0.0, 1.0, [1, 1, 1, 1], "SAME")),
        _err(lambda: c(o, tf.zeros([8, 2, 3, 4]), mn, mx, 0.0, 1.0, [1, 1, 1, 1], "VALID")),
        _err(lambda: c(o, f.output, mn, mx, 0.0, 1.0, 1, "SAME")),
    ]
    with tf.Graph().as_default():
        q2 = tf.quantize(tf.constant(X), -1.0, 1.0, tf.qint8)
        errs.append(_err(lambda: run(c(q2.output, q2.output, -1.0, 1.0, -1.0, 1.0,
                                       [1, 1, 1, 1], "SAME"))))
    return [ops[-8:], out, errs]


def relu_x(tf):
    """TF 1.14 builds QuantizedReluX but registers no kernel for it: running it fails."""
    q = tf.quantize(tf.constant(X[0]), -3.0, 9.0, tf.quint8)
    r = tf.nn.quantized_relu_x(q.output, 6.0, q.output_min, q.output_max, name="rx")
    r2 = tf.nn.quantized_relu_x(q.output, tf.constant(2.5), q.output_min, q.output_max,
                                out_type=tf.qint32)
    ops = [op.name + ":" + op.type for op in tf.get_default_graph().get_operations()]
    return [ops, [[x.name for x in t] for t in (r, r2)], r.activations.shape.as_list(),
            r2.activations.dtype.name, _err(lambda: tf.Session().run(r.activations))]


def errors(tf):
    q = tf.quantize(tf.constant(X), -3.0, 9.0, tf.quint8)
    mp, ap = tf.nn.quantized_max_pool, tf.nn.quantized_avg_pool
    o, mn, mx = q
    out = []
    run = lambda t: tf.Session().run(list(t))  # noqa: E731
    for fn in (mp, ap):
        out += [
            _err(lambda: run(fn(o, mn, mx, [2, 2, 2, 1], [1, 1, 1, 1], "SAME"))),
            _err(lambda: run(fn(o, mn, mx, [1, 2, 2, 2], [1, 1, 1, 1], "SAME"))),
            _err(lambda: run(fn(o, mn, mx, [1, 2, 2, 1], [1, 1, 1, 2], "SAME"))),
            _err(lambda: run(fn(o, mn, mx, [1, 2, 2, 1], [2, 1, 1, 1], "SAME"))),
            _err(lambda: fn(o, mn, mx, [1, 2, 2], [1, 1, 1, 1], "SAME")),
            _err(lambda: fn(o, mn, mx, [1, 2, 2, 1], [1, 1, 1], "SAME")),
            _err(lambda: fn(o, mn, mx, [1, 2, 2, 1], [1, 1, 1, 1], "FOO")),
            _err(lambda: fn(o, [0.0], mx, [1, 2, 2, 1], [1, 1, 1, 1], "SAME")),
            _err(lambda: fn(tf.constant(X), 0.0, 1.0, [1, 2, 2, 1], [1, 1, 1, 1], "SAME")),
            _err(lambda: fn(o, 0, 1, [1, 2, 2, 1], [1, 1, 1, 1], "SAME")),
            _err(lambda: fn(tf.reshape(o, [10, 7, 3]), mn, mx, [1, 2, 2, 1], [1, 1, 1, 1],
                            "SAME")),
            _err(lambda: fn(o, mn, mx, [1, 6, 2, 1], [1, 1, 1, 1], "VALID")),
            _err(lambda: fn(o, mn, mx, 2, [1, 1, 1, 1], "SAME")),
        ]
    out += [
        _err(lambda: tf.nn.quantized_relu_x(tf.constant(X), 6.0, 0.0, 1.0)),
        _err(lambda: tf.nn.quantized_relu_x(o, [6.0], mn, mx)),
        _err(lambda: tf.nn.quantized_relu_x(o, 6.0, mn, mx, out_type=tf.float32)),
    ]
    for T in (tf.qint8, tf.qint32):
        for fn in (mp, ap):
            with tf.Graph().as_default():
                q2 = tf.quantize(tf.constant(X), -3.0, 9.0, T)
                out.append(_err(lambda: tf.Session().run(
                    fn(q2.output, q2.output_min, q2.output_max, [1, 2, 2, 1], [1, 1, 1, 1],
                       "SAME"))))
    d = tf.quantize(tf.constant(X[:, :, :, :2].reshape(2, 5, 1, 14)), -3.0, 9.0, tf.quint8)
    for fn in (mp, ap):
        for k, st in (([1, 1, 1, 2], [1, 1, 1, 2]), ([1, 1, 1, 7], [1, 1, 1, 7]),
                      ([1, 1, 1, 4], [1, 1, 1, 4]), ([1, 1, 1, 2], [1, 1, 1, 1]),
                      ([1, 1, 1, 2], [1, 2, 1, 2])):
            r = fn(d.output, d.output_min, d.output_max, k, st, "VALID")
            try:
                v = _raw(tf.Session().run(r.output))
            except Exception:  # noqa: BLE001 - the error is the result
                v = _err(lambda: tf.Session().run(r.output))
            out.append([r.output.shape.as_list(), v])
    return out


def cases(tf):
    out = {}
    for fn in (pools, conv, relu_x, errors):
        with tf.Graph().as_default():
            out[fn.__name__] = fn(tf)
    return out

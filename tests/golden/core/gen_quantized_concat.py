"""tf.quantization.quantized_concat (and tf.quantized_concat) under TF 1.14
(quantized_concat.json) and flowgrad (tests/test_quantized_concat.py): quint8 and qint32
inputs with equal and differing ranges requantized to TF's output range bit for bit, op
names and static shapes, and the errors (TF 1.14 has kernels for quint8 and qint32 only).
Valid Python 3.7."""
import numpy as np

_RNG = np.random.RandomState(4)
RANGES = ((-1.0, 2.0), (0.5, 7.25), (-3.3, -0.1), (-1.0, 2.0), (0.0, 0.0), (-6.0, 6.0))


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


def _inputs(tf, T, base, shapes):
    info = np.iinfo(base)
    out = []
    for shape in shapes:
        v = _RNG.randint(info.min, info.max, shape, dtype=np.int64).astype(base)
        out.append(tf.constant(v, dtype=T))
    return out


def values(tf):
    out, ts = [], []
    for T, base in ((tf.quint8, np.uint8), (tf.qint32, np.int32)):
        xs = _inputs(tf, T, base, [(3, 4), (3, 2), (3, 5)])
        for idx in ((0, 1, 2), (0, 3, 0), (1, 1, 1), (4, 0, 5), (5, 5, 5), (2, 4, 2)):
            mins = [RANGES[i][0] for i in idx]
            maxes = [RANGES[i][1] for i in idx]
            ts.append(tf.quantization.quantized_concat(1, xs, mins, maxes))
        ys = _inputs(tf, T, base, [(2, 3), (4, 3)])
        ts.append(tf.quantized_concat(tf.constant(0), ys, [tf.constant(-2.0), 0.0],
                                      [1.0, tf.constant(9.5)], name="qc"))
    ops = [op.name + ":" + op.type for op in tf.get_default_graph().get_operations()]
    with tf.Session() as sess:
        vals = sess.run([list(t) for t in ts])
    for t, v in zip(ts, vals):
        out.append([[x.name for x in t], t.output.shape.as_list(), _raw(v[0]), v[1], v[2]])
    return [ops, out]


def errors(tf):
    qc = tf.quantization.quantized_concat
    xs = _inputs(tf, tf.quint8, np.uint8, [(3, 4), (3, 2)])
    d = tf.placeholder(tf.int32)
    run = lambda t, f=None: tf.Session().run(list(t), f)  # noqa: E731
    out = [
        _err(lambda: qc(0, xs[:1], [-1.0], [1.0])),
        _err(lambda: qc(1, xs, [0.0], [1.0, 2.0])),
        _err(lambda: qc(1, xs, [0.0, 1.0], [1.0])),
        _err(lambda: qc(0, xs, [0.0, 0.0], [1.0, 1.0])),
        _err(lambda: qc(2, xs, [0.0, 0.0], [1.0, 1.0])),
        _err(lambda: qc(1, [xs[0], tf.zeros([3, 2])], [0.0, 0.0], [1.0, 1.0])),
        _err(lambda: qc(1, xs, [[0.0], 0.0], [1.0, 1.0])),
        _err(lambda: qc(1, xs[0], [0.0], [1.0])),
        _err(lambda: qc([1], xs, [0.0, 0.0], [1.0, 1.0])),
        _err(lambda: run(qc(d, xs, [0.0, 0.0], [1.0, 1.0]), {d: 0})),
        _err(lambda: run(qc(d, xs, [0.0, 0.0], [1.0, 1.0]), {d: -1})),
        _err(lambda: run(qc(d, xs, [0.0, 0.0], [1.0, 1.0]), {d: 5})),
        _err(lambda: run(qc(-1, xs, [0.0, 0.0], [1.0, 1.0]))),
    ]
    # a node without a kernel makes TF 1.14 refuse every later run of its graph: each in its own
    with tf.Graph().as_default():
        out.append(_err(lambda: run(qc(1, [tf.zeros([3, 2])] * 2, [0.0, 0.0], [1.0, 1.0]))))
    for T, base in ((tf.qint8, np.int8), (tf.quint16, np.uint16)):
        with tf.Graph().as_default():
            ys = _inputs(tf, T, base, [(2, 2), (2, 2)])
            out.append(_err(lambda: run(qc(0, ys, [0.0, 0.0], [1.0, 1.0]))))
    return out


def cases(tf):
    out = {}
    for fn in (values, errors):
        with tf.Graph().as_default():
            out[fn.__name__] = fn(tf)
    return out

"""tf.quantize / tf.dequantize under TF 1.14 (quantize.json) and flowgrad
(tests/test_quantize.py): every quantized dtype, mode and round mode on a few ranges,
bit for bit, and the errors. Valid Python 3.7."""
import numpy as np

X = np.concatenate([np.random.RandomState(0).uniform(-3, 5, 40),
                    [0.0, -1.0, 1.0, 0.5, -0.5, 2.5, 100, -100, 1e-3, -1e-3]]).astype(np.float32)
RANGES = ((-1.0, 2.0), (0.5, 3.0), (-4.0, -1.0), (-2.0, 2.0), (0.0, 0.001))


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the error is the result
        lines = [ln for ln in str(e).split("\n") if ln.strip()]
        return "%s: %s" % (type(e).__name__, lines[0].split(" for '")[0] if lines else "")
    return "no error"


def values(tf):
    x = tf.constant(X)
    out = []
    with tf.Session() as sess:
        for T in (tf.quint8, tf.qint8, tf.quint16, tf.qint16, tf.qint32):
            for mode in ("MIN_COMBINED", "MIN_FIRST", "SCALED"):
                rms = ("HALF_AWAY_FROM_ZERO", "HALF_TO_EVEN") if mode == "SCALED" else \
                    ("HALF_AWAY_FROM_ZERO",)
                for rm in rms:
                    for lo, hi in RANGES:
                        q = tf.quantize(x, lo, hi, T, mode=mode, round_mode=rm)
                        d = tf.dequantize(q.output, q.output_min, q.output_max, mode=mode)
                        qv, mn, mx, dv = sess.run([q.output, q.output_min, q.output_max, d])
                        qv = qv.view(qv.dtype[0]) if qv.dtype.names else qv
                        out.append([T.name, mode, rm, lo, hi, qv, mn, mx, dv])
    return out


def errors(tf):
    x = tf.constant([1.0, -2.0])
    run = lambda t: tf.Session().run(t)  # noqa: E731
    return [
        _err(lambda: run(tf.quantize(x, 2.0, 1.0, tf.quint8))),
        _err(lambda: run(tf.quantize(x, 0.0, 1.0, tf.quint8, round_mode="HALF_TO_EVEN"))),
        _err(lambda: tf.quantize(x, 0.0, 1.0, tf.float32)),
        _err(lambda: tf.quantize(x, 0.0, 1.0, tf.quint8, mode="FOO")),
        _err(lambda: tf.quantize(x, 0.0, 1.0, tf.quint8, round_mode="FOO")),
        _err(lambda: tf.dequantize(x, 0.0, 1.0)),
        _err(lambda: tf.dequantize(tf.quantize(x, 0.0, 1.0, tf.quint8)[0], 0.0, 1.0,
                                   mode="BAR")),
        _err(lambda: tf.quantize(x, [0.0], 1.0, tf.quint8)),
        _err(lambda: tf.quantize_v2(x, 0.0, 1.0, tf.qint8, name="qv2")),
        [t.name for t in tf.quantize(x, 0.0, 1.0, tf.qint8, name="q")],
        tf.dequantize(tf.quantize(x, 0.0, 1.0, tf.qint8)[0], 0.0, 1.0).name,
    ]


def cases(tf):
    out = {}
    for fn in (values, errors):
        with tf.Graph().as_default():
            out[fn.__name__] = fn(tf)
    return out

"""tf.quantization.quantize_and_dequantize under TF 1.14 (quantize_and_dequantize.json) and
flowgrad (tests/test_quantize_and_dequantize.py): float32 and float64, signed and
unsigned, range given or taken from the input, both round modes, several bit widths, bit
for bit; op names and count, the gradient, and the errors. Valid Python 3.7."""
import numpy as np

_RNG = np.random.RandomState(7)
X = np.concatenate([_RNG.uniform(-3, 5, 30), _RNG.randn(10) * 0.01,
                    [0.0, -1.0, 1.0, 0.5, -0.5, 2.5, -2.5, 100, -100, 1e-3, 0.375, -0.625]])
X16 = np.round(X * 16) / 16   # many exact ties for the round modes
RANGES = ((-1.0, 2.0), (0.5, 3.0), (-4.0, -1.0), (-2.0, 2.0), (0.0, 0.001), (-3.0, 0.0))


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the error is the result
        lines = [ln for ln in str(e).split("\n") if ln.strip()]
        return "%s: %s" % (type(e).__name__, lines[0].split(" for '")[0] if lines else "")
    return "no error"


def values(tf):
    out, ts = [], []
    for dt in (tf.float32, tf.float64):
        for data in (X, X16):
            x = tf.constant(data.astype(dt.as_numpy_dtype))
            for signed in (True, False):
                for bits in (2, 4, 8, 13, 24):
                    for rm in ("HALF_TO_EVEN", "HALF_UP"):
                        for lo, hi in RANGES[:3]:
                            ts.append(tf.quantization.quantize_and_dequantize(
                                x, lo, hi, signed, bits, False, rm))
                        for lo, hi in RANGES:
                            ts.append(tf.quantization.quantize_and_dequantize(
                                x, lo, hi, signed_input=signed, num_bits=bits,
                                range_given=True, round_mode=rm))
    with tf.Session() as sess:
        vals = sess.run(ts)
    for t, v in zip(ts, vals):
        out.append([t.op.name, t.dtype.name, v])
    return out


def graph(tf):
    x = tf.constant(X.astype(np.float32))
    y = tf.quantization.quantize_and_dequantize(x, -1.0, 2.0, name="qd")
    z = tf.quantization.quantize_and_dequantize(y * 2.0, tf.constant(0.5), 3.0,
                                                range_given=True, round_mode="HALF_UP")
    g = tf.gradients(z * z, x)[0]
    ops = tf.get_default_graph().get_operations()
    with tf.Session() as sess:
        gv = sess.run(g)
    return [[op.name + ":" + op.type for op in ops], y.name, z.name, gv,
            [_text(z.op.get_attr(a)) for a in ("signed_input", "num_bits", "range_given",
                                                "round_mode")]]


def _text(v):
    return v.decode() if isinstance(v, bytes) else v


def errors(tf):
    x = tf.constant([1.0, -2.0, 0.5])
    q = tf.quantization.quantize_and_dequantize
    run = lambda t: tf.Session().run(t)  # noqa: E731
    return [
        _err(lambda: run(q(x, 3.0, -2.0, range_given=True))),
        _err(lambda: run(q(x, 0.1, -0.25, range_given=True))),
        _err(lambda: run(q(x, 3.0, -2.0))),
        _err(lambda: run(q(x, 0.0, 1.0, num_bits=0))),
        _err(lambda: run(q(x, 0.0, 1.0, num_bits=62))),
        _err(lambda: run(q(x, 0.0, 1.0, num_bits=63, signed_input=False))),
        _err(lambda: run(q(x, 0.0, 1.0, num_bits=61))),
        _err(lambda: q(x, 0.0, 1.0, round_mode="HALF_AWAY")),
        _err(lambda: q(x, [0.0, 1.0], 1.0)),
        _err(lambda: q(x, 0.0, [[1.0]])),
        _err(lambda: q(tf.constant([1, 2]), 0, 1)),
        _err(lambda: q(x, tf.constant(0.0, tf.float64), 1.0)),
        _err(lambda: q(tf.constant([1.0], tf.float64), tf.constant(0.0), 1.0)),
    ]


def cases(tf):
    out = {}
    for fn in (values, graph, errors):
        with tf.Graph().as_default():
            out[fn.__name__] = fn(tf)
    return out

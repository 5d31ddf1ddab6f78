"""float32 Sin and Cos as TF 1.14 computes them (Eigen's psincos_float on packets of 8,
libm's sinf / cosf on the last size % 8 values) under TF 1.14 (paudio_trig.json) and
flowgrad (tests/test_paudio_trig.py): every tail length, the quadrant boundaries, signed
zeros and denormals, NaN and infinities; and what audio code builds from them: the
tf.signal / tf.contrib.signal Hann and Hamming windows (periodic and symmetric, float32 and
float64), a WaveNet-style sinusoid input (a second at 16 kHz, mu-law encoded: Log1p over
16,000 values) and a sinusoidal position encoding. Inputs stay
below |x| = 18838, where Eigen hands values to std::sin / std::cos. Valid Python 3.7."""
import numpy as np


def _inputs():
    rng = np.random.RandomState(4)
    q = np.pi / 4 * np.arange(-40, 41)
    sp = np.array([0.0, -0.0, 1e-40, -1e-40, 1e-38, -3e-39, 1e-30, np.nan, np.inf,
                   -np.inf, 18837.9, -18837.9, 25965.9])
    parts = [sp, q, np.nextafter(q.astype(np.float32), np.float32(np.inf)),
             rng.uniform(-10, 10, 2000), rng.uniform(-18000, 18000, 2000),
             rng.standard_normal(1000) * 100]
    return np.concatenate(parts).astype(np.float32)


X = _inputs()


def trig(tf):
    ph = tf.placeholder(tf.float32, [None])
    fetch = [tf.sin(ph), tf.cos(ph)]
    out = []
    with tf.Session() as sess:
        out.append(sess.run(fetch, {ph: X}))
        for n in range(1, 17):                      # every tail length, two offsets
            out.append(sess.run(fetch, {ph: X[100 + 7 * n:100 + 8 * n]}))
        out.append(sess.run([tf.sin(X[:13].reshape(13, 1)), tf.cos(tf.constant(X[:300]))]))
    return out


def windows(tf):
    out = []
    fns = [tf.signal.hann_window, tf.signal.hamming_window, tf.contrib.signal.hann_window,
           tf.contrib.signal.hamming_window]
    ts = []
    for fn in fns:
        for n in (1, 2, 3, 7, 8, 9, 100, 400, 401, 512, 1024):
            for periodic in (True, False):
                ts.append(fn(n, periodic=periodic))
        ts.append(fn(480, dtype=tf.float64))
    with tf.Session() as sess:
        out.append(sess.run(ts))
    return out


def signals(tf):
    """A sinusoid generated in the graph (a WaveNet toy input) and a Transformer-style
    sinusoidal position encoding (sin and cos of position * inverse timescales)."""
    t = tf.cast(tf.range(16000), tf.float32) / 16000.0
    tone = 0.5 * tf.sin(2.0 * np.pi * 440.0 * t) + 0.25 * tf.cos(2.0 * np.pi * 97.0 * t)
    position = tf.cast(tf.range(50), tf.float32)
    inv = tf.exp(tf.cast(tf.range(8), tf.float32) * -(np.log(10000.0) / 7.0))
    scaled = tf.expand_dims(position, 1) * tf.expand_dims(inv, 0)
    enc = tf.concat([tf.sin(scaled), tf.cos(scaled)], axis=1)
    mu = 255.0
    mulaw = tf.sign(tone) * tf.log1p(mu * tf.abs(tone)) / np.log1p(mu)
    q = tf.cast((mulaw + 1) / 2 * mu + 0.5, tf.int32)
    with tf.Session() as sess:
        return sess.run([tone[::37], enc, q[:4000], mulaw[::7]])


def cases(tf):
    out = {}
    for fn in (trig, windows, signals):
        with tf.Graph().as_default():
            out[fn.__name__] = fn(tf)
    return out

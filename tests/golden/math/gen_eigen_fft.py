"""TF 1.14's CPU FFT ops bit for bit: FFT/IFFT (complex64 and complex128), RFFT/IRFFT and
their 2-D and 3-D forms, which TF computes with Eigen's TensorFFT (radix-2 butterflies for
power-of-two lengths, Bluestein's algorithm otherwise; engine/ops/eigen_fft.py).

Case names: "<op>/<dtype>/n<size>" (1-D, a batch of 3 seeded lines of each size in
SIZES), "<op>/<shape>" (2-D and 3-D), "rfft/batch100/n512", and "<op>/specials" (signed
zeros, denormals, large and tiny values). Each value is the output's dtype and shape, the
hex bit patterns of its first 6 values and the SHA-256 of all its bytes. Importable under
Python 3.7 (the oracle); read by tests/test_eigen_fft.py.
"""
from __future__ import absolute_import

import hashlib

import numpy as np

SIZES = list(range(1, 65)) + [100, 128, 256, 400, 512]
ND_SHAPES = [(2, 4, 8), (2, 6, 10), (3, 16, 5), (1, 12, 12), (2, 3, 7, 9), (2, 8, 4, 16),
             (1, 5, 6, 4)]


def bits(a):
    """(dtype, shape, hex of the first 6 values' bits, sha256 of all bytes)."""
    a = np.ascontiguousarray(a)
    flat = a.reshape(-1)[:6]
    if a.dtype.kind == "c":
        flat = flat.view(a.real.dtype)
    head = " ".join(v.tobytes()[::-1].hex() for v in flat)
    return [a.dtype.name, list(a.shape), head, hashlib.sha256(a.tobytes()).hexdigest()]


def complex_input(shape, dtype, seed):
    rng = np.random.RandomState(seed)
    re = rng.standard_normal(shape)
    im = rng.standard_normal(shape)
    out = np.empty(shape, dtype)
    out.real = re
    out.imag = im
    return out


def real_input(shape, seed):
    return np.random.RandomState(seed).standard_normal(shape).astype(np.float32)


def specials(dtype):
    """Signed zeros, denormals, large and tiny values, two lines of 12."""
    v = [0.0, -0.0, 1e-40, -1e-39, 1e30, -3e-30, 1.0, -1.0, 0.5, 2.0 ** -20, 7.0, -0.0]
    re = np.array(v + v[::-1])
    im = np.array(v[::-1] + [-x for x in v])
    if dtype is np.float32:
        return re.reshape(2, 12).astype(np.float32)
    out = np.empty((2, 12), dtype)
    out.real = re.reshape(2, 12)
    out.imag = im.reshape(2, 12)
    return out


def run(tf, op, x, fft_length=None):
    """tf.signal.<op>(x[, fft_length]) for a placeholder fed with x, in a fresh graph."""
    with tf.Graph().as_default():
        ph = tf.placeholder(tf.as_dtype(x.dtype), x.shape)
        fn = getattr(tf.signal, op)
        y = fn(ph) if fft_length is None else fn(ph, fft_length=fft_length)
        with tf.Session() as sess:
            return sess.run(y, {ph: x})



def cases(tf):
    out = {}
    for n in SIZES:
        for dt, tag in ((np.complex64, "c64"), (np.complex128, "c128")):
            x = complex_input((3, n), dt, 1000 * n + len(tag))
            out["fft/%s/n%d" % (tag, n)] = bits(run(tf, "fft", x))
            out["ifft/%s/n%d" % (tag, n)] = bits(run(tf, "ifft", x))
        out["rfft/f32/n%d" % n] = bits(run(tf, "rfft", real_input((3, n), 7 * n), [n]))
        xc = complex_input((3, n // 2 + 1), np.complex64, 13 * n)
        out["irfft/c64/n%d" % n] = bits(run(tf, "irfft", xc, [n]))
    for shp in ND_SHAPES:
        k = len(shp) - 1
        sfx = "%dd" % k
        name = "x".join(str(d) for d in shp)
        x = complex_input(shp, np.complex64, sum(shp))
        out["fft%s/%s" % (sfx, name)] = bits(run(tf, "fft" + sfx, x))
        out["ifft%s/%s" % (sfx, name)] = bits(run(tf, "ifft" + sfx, x))
        out["rfft%s/%s" % (sfx, name)] = bits(run(tf, "rfft" + sfx, real_input(shp, 3),
                                                  list(shp[1:])))
        half = shp[:-1] + (shp[-1] // 2 + 1,)
        out["irfft%s/%s" % (sfx, name)] = bits(run(tf, "irfft" + sfx,
                                                   complex_input(half, np.complex64, 5),
                                                   list(shp[1:])))
    out["rfft/batch100/n512"] = bits(run(tf, "rfft", real_input((100, 512), 9), [512]))
    out["irfft/batch100/n400"] = bits(run(tf, "irfft",
                                          complex_input((100, 201), np.complex64, 11), [400]))
    for op in ("fft", "ifft"):
        out["%s/specials" % op] = bits(run(tf, op, specials(np.complex64)))
    out["rfft/specials"] = bits(run(tf, "rfft", specials(np.float32), [12]))
    out["irfft/specials"] = bits(run(tf, "irfft", specials(np.complex64)[:, :7], [12]))
    return out

"""TF 1.14's complex64 and complex128 MatMul and BatchMatMul on the CPU, bit for bit:
Eigen's complex GEBP kernel (four real sums per output, combined at the end), its depth
blocks, threads and panels, its matrix-vector kernels for one output row or column, and
BatchMatMul's contraction (adjoints: y conjugated, then the result) or sequential matrix
product (engine/ops/eigen_cgemm.py). Sizes 1 to 64 and a few larger, every transpose and
adjoint, batches, and operands with infinities, NaNs and signed zeros (NaNs compared as
NaNs, not by their sign bit). Each case is one op
of seeded random operands fed through placeholders; the golden holds the SHA-256 of the
result's bytes and its first values. Read by tests/test_complex_matmul_bits.py.
"""
from __future__ import absolute_import

import hashlib

import numpy as np

# a process of its own: TF 1.14's first session fixes the intra-op pool (LocalDevice's
# global Eigen pool), and the contraction's blocking depends on its threads
ISOLATE = True

DTYPES = ("complex64", "complex128")


def matmul_shapes():
    """(m, k, n, transpose_a, transpose_b): cubes 1..64, random sizes up to 64 (one output
    row or column included), and larger ones (depth blocks, threads, panels, shards)."""
    r = np.random.RandomState(21)
    out = [(s, s, s) for s in range(1, 65, 3)]
    out += [tuple(int(v) for v in r.randint(1, 65, 3)) for _ in range(60)]
    out += [(1, 30, 17), (17, 30, 1), (1, 5, 9), (9, 5, 1), (1, 200, 40), (40, 200, 1),
            (3, 1, 5), (8, 3000, 8), (20, 1000, 20), (64, 600, 64), (300, 50, 300),
            (13, 1200, 9), (20, 64, 1500), (47, 520, 47), (100, 700, 50), (200, 200, 200)]
    return [s + (i % 2 == 1, (i // 2) % 2 == 1) for i, s in enumerate(out)
            if not (s[0] == 1 and s[2] == 1)]


def bmm_shapes():
    """(batch, m, k, n, adj_x, adj_y): a batch of one (the contraction), batches of small
    products (Eigen's matrix product, coefficient-based below k + m + n = 20), products
    above 2**22 (the contraction per matrix), depth 1."""
    base = [(1, 5, 7, 6), (1, 64, 100, 50), (3, 5, 7, 6), (3, 2, 12, 3), (4, 3, 5, 2),
            (3, 10, 20, 9), (4, 33, 64, 17), (2, 8, 30, 20), (5, 2, 3, 2), (2, 200, 200, 120),
            (3, 4, 9, 5), (2, 12, 12, 12), (1, 20, 1, 20), (3, 16, 40, 12), (1, 7, 600, 9)]
    return [s + (i % 2 == 1, (i // 2) % 2 == 1) for i, s in enumerate(base)] + \
        [s + (True, True) for s in base[:4]] + [s + (False, False) for s in base[4:8]]


def operand(r, shape, dtype, special=False):
    v = (r.randn(*shape) + 1j * r.randn(*shape)).astype(dtype)
    if special:
        flat = v.reshape(-1)
        vals = [np.inf, -np.inf, np.nan, 0.0, -0.0, 1e30, -1e-30]
        for i, j in enumerate(range(3, flat.size, 41)):   # a few: most outputs stay finite
            flat[j] = complex(vals[i % 7], vals[(i // 7 + 2) % 7])
    return v


def digest(v):
    """Shape, dtype, SHA-256 of the bytes (every NaN made one NaN: TF's NaN signs are the
    machine code's operand order, not modelled) and the first two values."""
    v = np.array(v)
    parts = v.view(v.real.dtype)
    parts[np.isnan(parts)] = np.nan
    return [list(v.shape), str(v.dtype), hashlib.sha256(v.tobytes()).hexdigest(),
            [[_num(z.real), _num(z.imag)] for z in v.ravel()[:2]]]


def _num(x):
    return "nan" if np.isnan(x) else float(x)


def cases(tf):
    progs = []
    with tf.Graph().as_default():
        for dt in DTYPES:
            r = np.random.RandomState(5 if dt == "complex64" else 6)
            for i, (m, k, n, ta, tb) in enumerate(matmul_shapes()):
                special = i % 11 == 5
                a = operand(r, (k, m) if ta else (m, k), dt, special)
                b = operand(r, (n, k) if tb else (k, n), dt, special)
                pa = tf.placeholder(dt, a.shape)
                pb = tf.placeholder(dt, b.shape)
                name = "mm_%s_%03d_%dx%dx%d_%d%d%s" % (dt, i, m, k, n, ta, tb,
                                                       "_special" if special else "")
                progs.append((name, tf.matmul(pa, pb, transpose_a=ta, transpose_b=tb),
                              {pa: a, pb: b}))
            for i, (bt, m, k, n, ax, ay) in enumerate(bmm_shapes()):
                x = operand(r, (bt,) + ((k, m) if ax else (m, k)), dt, i % 5 == 2)
                y = operand(r, (bt,) + ((n, k) if ay else (k, n)), dt, i % 5 == 2)
                px = tf.placeholder(dt, x.shape)
                py = tf.placeholder(dt, y.shape)
                name = "bmm_%s_%02d_%dx%dx%dx%d_%d%d" % (dt, i, bt, m, k, n, ax, ay)
                progs.append((name, tf.matmul(px, py, adjoint_a=ax, adjoint_b=ay),
                              {px: x, py: y}))
        out = {}
        with tf.Session() as sess:
            for name, t, feed in progs:
                out[name] = digest(sess.run(t, feed))
    return out

"""Fuzz ops for the op types cover_ops.py does not reach (newer kernels).

Python 3.7-compatible (the oracle imports it through programs.py). Each entry of
EXTRA adds one op to a program on a fresh operand of the shape the op needs
(`_gen_<name>` picks shapes and attributes and declares the output shape);
`apply_extra` builds it with any `tf`, NotImplemented for names it does not know.
Integer-valued results are cast to the operand's dtype and scaled by a value that
depends on the operand, so every program still has a gradient path.

Reached here: complex parts (Complex, Real, Imag, Angle, ComplexAbs), FFT/IFFT 1-3D,
RFFT/IRFFT 1-3D, Bessel I0e/I1e, Betainc, Igamma(c), Bitcast, BroadcastArgs,
Cholesky, Cross, depth/space, depthwise backprops, Dilation2D (+ erosion), dynamic
partition, ensure_shape, image/volume patches, FakeQuant args/vars/per-channel,
fractional pools, GuaranteeConst, histogram, Lu, logm, sqrtm, MatrixSolve(Ls),
searchsorted, NMS V3/V4, NthElement, parallel_stack, embedding_lookup over two
shards (DynamicPartition + ParallelDynamicStitch), tf.function (PartitionedCall),
switch_case (Case), Resampler, resource scatter_nd_*, ReverseSequence, Roll, segment
min/prod, unsorted segment max/min/prod, where_v2 (SelectV2), self-adjoint eig, SVD,
tensor_scatter_*, tridiagonal solve/matmul, unique_with_counts, unravel_index,
crop_and_resize, quantize/dequantize, contrib.image.transform, ragged gather.
"""
from __future__ import absolute_import

import numpy as np

HELPER = {"pos", "unit", "above1", "getitem"}


def _fresh(g, shape, dt):
    return g.add_input(list(shape), dt, g.r.choice(["feed", "const"]))


def _fdt(g, x, only32=False):
    dt = g.dtypes[x]
    if only32 or dt not in ("float32", "float64"):
        return "float32"
    return dt


def _dims(r, n, lo=1, hi=4):
    return [r.randint(lo, hi) for _ in range(n)]


def _operand(g, x, ok, shape_fn, dt):
    """x when ok(shape of x) and its dtype is dt, else a fresh input of shape_fn()."""
    s = list(g.shapes[x])
    if g.dtypes[x] == dt and 0 not in s and ok(s):
        return x, s
    s = shape_fn()
    return _fresh(g, s, dt), s


def generate_extra(g, name, x):
    """Adds op `name` (one of EXTRA) to program-generator `g`, on `x` or a fresh input."""
    EXTRA[name](g, name, x)


def _g_same(rank_ok, shape_fn, only32=False, kw_fn=None):
    def gen(g, name, x):
        dt = _fdt(g, x, only32)
        x, s = _operand(g, x, rank_ok, lambda: shape_fn(g.r), dt)
        kw = kw_fn(g.r, s) if kw_fn else {}
        if kw is None:
            return
        g.add(name, [x], kw, s, dtype=dt)
    return gen


def _g_shape(rank_ok, shape_fn, out_fn, only32=False, extra_inputs=None):
    """out_fn(r, s) -> (kw, out shape) or None to skip."""
    def gen(g, name, x):
        dt = _fdt(g, x, only32)
        x, s = _operand(g, x, rank_ok, lambda: shape_fn(g.r), dt)
        got = out_fn(g.r, s)
        if got is None:
            return
        kw, out = got
        args = [x]
        for shp in (extra_inputs(g.r, s, kw) if extra_inputs else []):
            args.append(_fresh(g, shp, dt))
        g.add(name, args, kw, out, dtype=dt)
    return gen


def _any(s):
    return True


def _rank(*ns):
    return lambda s: len(s) in ns


def _square(s):
    return len(s) >= 2 and s[-1] == s[-2] and len(s) <= 3


def _sq_shape(r):
    n = r.randint(1, 3)
    return [n, n] if r.random() < 0.7 else [2, n, n]


def _rand_shape(r):
    return _dims(r, r.randint(1, 3))


def _fft_out(r, s):
    d = r.choice([1, 2, 3])
    if len(s) < d:
        return None
    return {"d": d, "inverse": r.random() < 0.5}, s


def _rfft_out(r, s):
    d = r.choice([1, 2, 3])
    if len(s) < d:
        return None
    inverse = r.random() < 0.5
    if inverse:
        if s[-1] < 2:
            return None
        return {"d": d, "inverse": True}, s[:-1] + [2 * (s[-1] - 1)]
    return {"d": d, "inverse": False}, s[:-1] + [s[-1] // 2 + 1]


def _window(r, s, nd):
    pad = r.choice(["SAME", "VALID"])
    st = r.choice([1, 2])
    k = r.randint(1, 2)
    sp = s[1:1 + nd]
    if pad == "VALID" and min(sp) < k:
        return None
    return k, st, pad, [(-(-d // st)) if pad == "SAME" else (d - k) // st + 1 for d in sp]


def _patches_out(r, s):
    w = _window(r, s, 2)
    if w is None:
        return None
    k, st, pad, out = w
    return {"k": k, "st": st, "pad": pad}, [s[0]] + out + [k * k * s[3]]


def _vpatches_out(r, s):
    w = _window(r, s, 3)
    if w is None:
        return None
    k, st, pad, out = w
    return {"k": k, "st": st, "pad": pad}, [s[0]] + out + [k * k * k * s[4]]


def _dilation_out(r, s):
    k, rate = r.randint(1, 2), r.randint(1, 2)
    pad = r.choice(["SAME", "VALID"])
    eff = (k - 1) * rate + 1
    if pad == "VALID" and (s[1] < eff or s[2] < eff):
        return None
    out = s if pad == "SAME" else [s[0], s[1] - eff + 1, s[2] - eff + 1, s[3]]
    return {"k": k, "rate": rate, "pad": pad, "erosion": r.random() < 0.3}, out


def _frac_out(r, s):
    ratios = [1.0, r.choice([1.0, 1.44, 1.73, 2.0]), r.choice([1.0, 1.44, 1.73, 2.0]), 1.0]
    out = [s[0], int(s[1] / ratios[1]), int(s[2] / ratios[2]), s[3]]
    if 0 in out:
        return None
    return {"ratio": ratios, "pseudo": r.random() < 0.5, "overlap": r.random() < 0.5,
            "seed": r.randint(1, 1000), "avg": r.random() < 0.5}, out


def _nms_out(r, s):
    k = r.randint(1, s[0])
    padded = r.random() < 0.5
    return {"k": k, "iou": r.choice([0.3, 0.5, 0.7]), "padded": padded}, [k] if padded else []


def _embed_out(r, s):
    if s[0] < 2:
        return None
    ids = [r.randint(0, s[0] - 1) for _ in range(r.randint(1, 4))]
    return {"ids": ids, "strategy": r.choice(["mod", "div"])}, [len(ids)] + s[1:]


def _seg_out(r, s):
    ids = sorted(r.randint(0, 2) for _ in range(s[0]))
    return {"ids": ids, "fn": r.choice(["segment_min", "segment_prod"])}, \
        [max(ids) + 1] + s[1:]


def _useg_out(r, s):
    k = r.randint(1, 3)
    ids = [r.randint(0, k - 1) for _ in range(s[0])]
    return {"ids": ids, "k": k, "fn": r.choice(["unsorted_segment_max", "unsorted_segment_min",
                                                 "unsorted_segment_prod"])}, [k] + s[1:]


def _rseq_out(r, s):
    return {"lengths": [r.randint(0, s[1]) for _ in range(s[0])]}, s


def _roll_out(r, s):
    ax = r.randint(0, len(s) - 1)
    return {"shift": r.randint(-3, 3), "axis": ax}, s


def _eig_out(r, s):
    if r.random() < 0.5:
        return {"vec": False}, s[:-1]
    return {"vec": True}, s


def _svd_out(r, s):
    return {"uv": r.random() < 0.6}, s[:-2] + [min(s[-2:])]


def _tscatter_out(r, s):
    idx = [[r.randint(0, s[0] - 1)] for _ in range(r.randint(1, 3))]
    return {"idx": idx, "fn": r.choice(["tensor_scatter_add", "tensor_scatter_sub",
                                        "tensor_scatter_update"])}, s


def _crop_out(r, s):
    nb = r.randint(1, 3)
    size = [r.randint(1, 3), r.randint(1, 3)]
    return {"ind": [r.randint(0, s[0] - 1) for _ in range(nb)], "size": size,
            "method": r.choice(["bilinear", "nearest"])}, [nb] + size + [s[3]]


def _gen_partition(g, name, x):
    dt = _fdt(g, x)
    x, s = _operand(g, x, lambda s: len(s) >= 1, lambda: _rand_shape(g.r), dt)
    parts = [g.r.randint(0, 1) for _ in range(s[0])]
    pick = g.r.randint(0, 1)
    n = sum(1 for p in parts if p == pick)
    g.add(name, [x], {"parts": parts, "pick": pick}, [n] + s[1:], dtype=dt)


def _gen_two(shape_fn, ok, out_fn, only32=False):
    """An op of two same-shaped operands (the second fresh)."""
    def gen(g, name, x):
        dt = _fdt(g, x, only32)
        x, s = _operand(g, x, ok, lambda: shape_fn(g.r), dt)
        got = out_fn(g.r, s)
        if got is None:
            return
        kw, out = got
        g.add(name, [x, _fresh(g, s, dt)], kw, out, dtype=dt)
    return gen


def _gen_depthwise_bp(g, name, x):
    dt = _fdt(g, x)
    r = g.r
    n, h, w, c, m, k = 1, r.randint(1, 4), r.randint(1, 4), r.randint(1, 2), r.randint(1, 2), \
        r.randint(1, 2)
    pad = r.choice(["SAME", "VALID"])
    if pad == "VALID" and min(h, w) < k:
        pad = "SAME"
    oh, ow = (h, w) if pad == "SAME" else (h - k + 1, w - k + 1)
    if name == "depthwise_bp_input":
        a = _fresh(g, [n, oh, ow, c * m], dt)
        f = _fresh(g, [k, k, c, m], dt)
        g.add(name, [a, f], {"sizes": [n, h, w, c], "pad": pad}, [n, h, w, c], dtype=dt)
    else:
        a = _fresh(g, [n, h, w, c], dt)
        b = _fresh(g, [n, oh, ow, c * m], dt)
        g.add(name, [a, b], {"sizes": [k, k, c, m], "pad": pad}, [k, k, c, m], dtype=dt)


def _gen_solve_ls(g, name, x):
    dt = _fdt(g, x)
    r = g.r
    m = r.randint(1, 4)
    n = r.randint(1, m)
    a = _fresh(g, [m, n], dt)
    b = _fresh(g, [m, r.randint(1, 2)], dt)
    g.add(name, [a, b], {"l2": r.choice([0.0, 0.0, 0.5]), "fast": r.random() < 0.8},
          [n, g.shapes[b][1]], dtype=dt)


def _gen_solve(g, name, x):
    dt = _fdt(g, x)
    x, s = _operand(g, x, _square, lambda: _sq_shape(g.r), dt)
    b = _fresh(g, s[:-1] + [g.r.randint(1, 2)], dt)
    g.add(name, [x, b], {"adjoint": g.r.random() < 0.3}, g.shapes[b], dtype=dt)


def _gen_tridiag(g, name, x):
    dt = _fdt(g, x)
    r = g.r
    n = r.randint(1, 4)
    d = _fresh(g, [3, n], dt)
    b = _fresh(g, [n, r.randint(1, 2)], dt)
    g.add(name, [d, b], {"mm": r.random() < 0.5}, g.shapes[b], dtype=dt)


def _gen_searchsorted(g, name, x):
    dt = _fdt(g, x)
    x, s = _operand(g, x, _rank(1, 2), lambda: _dims(g.r, g.r.randint(1, 2)), dt)
    v = _fresh(g, s[:-1] + [g.r.randint(1, 3)], dt)
    g.add(name, [x, v], {"side": g.r.choice(["left", "right"])}, g.shapes[v], dtype=dt)


def _gen_resampler(g, name, x):
    dt = "float32" if g.r.random() < 0.7 else "float64"
    x, s = _operand(g, x, _rank(4), lambda: [g.r.randint(1, 2)] + _dims(g.r, 3), dt)
    n = g.r.randint(1, 3)
    w = _fresh(g, [s[0], n, 2], dt)
    g.add(name, [x, w], {}, [s[0], n, s[3]], dtype=dt)


def _gen_fakequant(g, name, x):
    x, s = _operand(g, x, lambda s: len(s) >= 1, lambda: _rand_shape(g.r), "float32")
    r = g.r
    kind = r.choice(["args", "vars", "channel"])
    kw = {"kind": kind, "bits": r.choice([4, 8]), "narrow": r.random() < 0.3}
    args = [x]
    if kind == "args":
        kw["min"] = r.choice([-1.5, -0.3, 0.0])
        kw["max"] = r.choice([0.7, 1.2, 2.0])
    else:
        shp = [s[-1]] if kind == "channel" else []
        args += [_fresh(g, shp, "float32"), _fresh(g, shp, "float32")]
    g.add(name, args, kw, s, dtype="float32")


def _gen_scatter_nd_res(g, name, x):
    r = g.r
    if g.spec["inputs"][0]["kind"] in ("var", "rvar"):
        return   # a training program: the optimizer's update would race with the scatter
    dt = _fdt(g, x)
    s = [r.randint(2, 4), r.randint(1, 3)]
    v = g.add_input(s, dt, "rvar")
    # only the scatter may use this variable (a read elsewhere would race with it):
    # an empty shape and no dtype keep the generator's pickers away from it
    g.shapes[v], g.dtypes[v] = (0,), "resource"
    idx = [[r.randint(0, s[0] - 1)] for _ in range(r.randint(1, 3))]
    u = _fresh(g, [len(idx), s[1]], dt)
    g.add(name, [v, u], {"idx": idx, "fn": r.choice(["scatter_nd_add", "scatter_nd_sub",
                                                     "scatter_nd_update"])}, s, dtype=dt)


def _gen_where_v2(g, name, x):
    dt = _fdt(g, x)
    x, s = _operand(g, x, _any, lambda: _rand_shape(g.r), dt)
    y = _fresh(g, g.bshape(s), dt)
    g.add(name, [x, y], {}, s, dtype=dt)


def _gen_ragged(g, name, x):
    dt = _fdt(g, x)
    x, s = _operand(g, x, _rank(1), lambda: [g.r.randint(2, 6)], dt)
    r = g.r
    cut = sorted(r.randint(0, s[0]) for _ in range(2))
    lengths = [cut[0], cut[1] - cut[0], s[0] - cut[1]]
    idx = [r.randint(0, 2) for _ in range(r.randint(1, 3))]
    g.add(name, [x], {"lengths": lengths, "idx": idx}, [], dtype=dt)


def _gen_transform(g, name, x):
    dt = _fdt(g, x, only32=True)
    x, s = _operand(g, x, _rank(4), lambda: [1] + _dims(g.r, 3), dt)
    r = g.r
    t = [round(r.uniform(0.7, 1.3), 2), round(r.uniform(-0.3, 0.3), 2),
         round(r.uniform(-1, 1), 2), round(r.uniform(-0.3, 0.3), 2),
         round(r.uniform(0.7, 1.3), 2), round(r.uniform(-1, 1), 2), 0.0, 0.0]
    g.add(name, [x], {"t": t, "interp": r.choice(["NEAREST", "BILINEAR"])}, s, dtype=dt)


def _gen_histogram(g, name, x):
    dt = _fdt(g, x)
    x, s = _operand(g, x, _any, lambda: _rand_shape(g.r), dt)
    n = g.r.randint(1, 5)
    g.add(name, [x], {"nbins": n}, [n], dtype=dt)


def _gen_unravel(g, name, x):
    dt = _fdt(g, x)
    x, s = _operand(g, x, _any, lambda: _rand_shape(g.r), dt)
    dims = _dims(g.r, g.r.randint(1, 3), 2, 4)
    k = g.r.randint(1, 4)
    g.add(name, [x], {"dims": dims, "ind": [g.r.randint(0, int(np.prod(dims)) - 1)
                                            for _ in range(k)]}, [len(dims), k], dtype=dt)


def _gen_quantize(g, name, x):
    x, s = _operand(g, x, _any, lambda: _rand_shape(g.r), "float32")
    g.add(name, [x], {"mode": g.r.choice(["MIN_COMBINED", "MIN_FIRST", "SCALED"]),
                      "t": g.r.choice(["quint8", "qint8"])}, s, dtype="float32")


def _gen_scalar(g, name, x):
    dt = _fdt(g, x)
    x, s = _operand(g, x, _any, lambda: _rand_shape(g.r), dt)
    g.add(name, [x], {}, [], dtype=dt)


def _bmp_bytes(pixels, h, w):
    """A 24-bit BMP of h x w RGB pixels (rows bottom-up, padded to 4 bytes)."""
    import struct
    row = (3 * w + 3) // 4 * 4
    body = b""
    for y in range(h - 1, -1, -1):
        line = b"".join(bytes(pixels[y][x][::-1]) for x in range(w))
        body += line + b"\0" * (row - 3 * w)
    head = struct.pack("<2sIHHI", b"BM", 54 + len(body), 0, 0, 54)
    info = struct.pack("<IiiHHIIiiII", 40, w, h, 1, 24, 0, len(body), 2835, 2835, 0, 0)
    return head + info + body


def _gen_decode(g, name, x):
    """An encoded image made here (BMP by hand, GIF/JPEG with Pillow), decoded by the op."""
    import io
    r = g.r
    dt = _fdt(g, x)
    x, s = _operand(g, x, _any, lambda: _rand_shape(r), dt)
    h, w = r.randint(1, 6), r.randint(1, 6)
    pixels = [[[r.randint(0, 255) for _ in range(3)] for _ in range(w)] for _ in range(h)]
    fmt = r.choice(["bmp", "gif", "jpeg_shape", "jpeg_crop"])
    kw = {"fmt": fmt}
    if fmt == "bmp":
        data, out = _bmp_bytes(pixels, h, w), [h, w, 3]
    else:
        from PIL import Image  # the generator runs in the fuzzer's own process only
        img = Image.new("RGB", (w, h))
        img.putdata([tuple(p) for row in pixels for p in row])
        buf = io.BytesIO()
        img.save(buf, format="GIF" if fmt == "gif" else "JPEG", quality=90)
        data = buf.getvalue()
        if fmt == "gif":
            out = [1, h, w, 3]
        elif fmt == "jpeg_shape":
            out = [3]
        else:
            y0, x0 = r.randint(0, h - 1), r.randint(0, w - 1)
            kw["window"] = [y0, x0, r.randint(1, h - y0), r.randint(1, w - x0)]
            out = [kw["window"][2], kw["window"][3], 3]
    kw["data"] = list(bytearray(data))
    kw["out"] = out
    g.add(name, [x], kw, out, dtype=dt)


def _gen_jpeg_quality(g, name, x):
    x, s = _operand(g, x, lambda s: len(s) == 3 and s[-1] in (1, 3),
                    lambda: [g.r.randint(1, 6), g.r.randint(1, 6), g.r.choice([1, 3])],
                    "float32")
    g.add(name, [x], {"q": g.r.randint(5, 100)}, s, dtype="float32")


def _gen_draw_boxes(g, name, x):
    r = g.r
    x, s = _operand(g, x, lambda s: len(s) == 4 and s[-1] in (1, 3, 4),
                    lambda: [r.randint(1, 2), r.randint(2, 6), r.randint(2, 6),
                             r.choice([1, 3, 4])], "float32")
    nb = r.randint(1, 3)
    boxes = [[sorted([round(r.uniform(-0.1, 1.1), 2) for _ in range(2)])
              for _ in range(2)] for _ in range(nb)]
    boxes = [[b[0][0], b[1][0], b[0][1], b[1][1]] for b in boxes]
    kw = {"boxes": boxes}
    if r.random() < 0.6:
        kw["colors"] = [[round(r.uniform(0, 1), 2) for _ in range(4)]
                        for _ in range(r.randint(1, 3))]
    g.add(name, [x], kw, s, dtype="float32")


def _gen_combined_nms(g, name, x):
    r = g.r
    x, s = _operand(g, x, lambda s: len(s) == 3 and s[-1] == 4,
                    lambda: [r.randint(1, 2), r.randint(1, 5), 4], "float32")
    kw = {"k": r.randint(1, 4), "per_class": r.randint(1, 3), "total": r.randint(1, 5),
          "iou": r.choice([0.3, 0.5, 0.7]), "pad": r.random() < 0.5,
          "clip": r.random() < 0.5}
    out = [s[0], kw["per_class"] * kw["k"] if kw["pad"] and kw["per_class"] * kw["k"] <
           kw["total"] else kw["total"]]
    g.add(name, [x], kw, out, dtype="float32")


def _gen_ragged_range(g, name, x):
    r = g.r
    n = r.randint(1, 3)
    starts = [r.randint(-3, 3) for _ in range(n)]
    limits = [a + r.randint(-2, 5) for a in starts]
    deltas = [r.choice([-2, -1, 1, 2, 3]) for _ in range(n)]
    g.add(name, [x], {"starts": starts, "limits": limits, "deltas": deltas}, [],
          dtype=g.dtypes[x])


def _gen_ragged_sparse(g, name, x):
    dt = _fdt(g, x)
    x, s = _operand(g, x, _rank(1), lambda: [g.r.randint(1, 6)], dt)
    cut = sorted(g.r.randint(0, s[0]) for _ in range(2))
    g.add(name, [x], {"lengths": [cut[0], cut[1] - cut[0], s[0] - cut[1]]}, s, dtype=dt)


def _gen_block_lstm(g, name, x):
    r = g.r
    dt = "float32"
    x, s = _operand(g, x, _rank(3), lambda: [r.randint(1, 3), r.randint(1, 2),
                                             r.randint(1, 3)], dt)
    kw = {"units": r.randint(1, 3), "peephole": r.random() < 0.4,
          "clip": r.choice([None, None, 0.5]), "seed": r.randint(1, 1000)}
    g.add(name, [x], kw, [s[0], s[1], kw["units"]], dtype=dt)


def _gen_ragged_dataset(g, name, x):
    r = g.r
    n = r.randint(1, 5)
    cut = sorted(r.randint(0, n) for _ in range(2))
    g.add(name, [x], {"values": [round(r.uniform(-2, 2), 3) for _ in range(n)],
                      "lengths": [cut[0], cut[1] - cut[0], n - cut[1]],
                      "batch": r.choice([0, 1, 2])}, [], dtype=g.dtypes[x])


EXTRA = {
    "complex_part": _g_same(_any, _rand_shape, kw_fn=lambda r, s: {
        "part": r.choice(["angle", "real", "imag", "abs"])}),
    "fft": _g_shape(_any, lambda r: _dims(r, r.randint(1, 4)), _fft_out),
    "rfft": _g_shape(_any, lambda r: _dims(r, r.randint(1, 4)), _rfft_out, only32=True),
    "bessel": _g_same(_any, _rand_shape, kw_fn=lambda r, s: {"fn": r.choice(["bessel_i0e",
                                                                              "bessel_i1e"])}),
    "betainc": _g_same(_any, _rand_shape),
    "igamma": _g_same(_any, _rand_shape, kw_fn=lambda r, s: {"fn": r.choice(["igamma",
                                                                              "igammac"])}),
    "bitcast": _g_same(_any, _rand_shape),
    "broadcast_args": _g_shape(_any, _rand_shape, lambda r, s: ({}, [2] + s)),
    "cholesky": _g_same(_square, _sq_shape),
    "cross": _g_same(lambda s: len(s) in (1, 2) and s[-1] == 3,
                     lambda r: [3] if r.random() < 0.5 else [r.randint(1, 3), 3]),
    "depth_to_space": _g_shape(lambda s: len(s) == 4 and s[3] % 4 == 0,
                               lambda r: _dims(r, 3) + [4 * r.randint(1, 2)],
                               lambda r, s: ({}, [s[0], 2 * s[1], 2 * s[2], s[3] // 4])),
    "space_to_depth": _g_shape(lambda s: len(s) == 4 and s[1] % 2 == 0 and s[2] % 2 == 0,
                               lambda r: [r.randint(1, 2), 2 * r.randint(1, 2),
                                          2 * r.randint(1, 2), r.randint(1, 2)],
                               lambda r, s: ({}, [s[0], s[1] // 2, s[2] // 2, 4 * s[3]])),
    "depthwise_bp_input": _gen_depthwise_bp,
    "depthwise_bp_filter": _gen_depthwise_bp,
    "dilation2d": _g_shape(_rank(4), lambda r: _dims(r, 4), _dilation_out,
                           extra_inputs=lambda r, s, kw: [[kw["k"], kw["k"], s[3]]]),
    "dynamic_partition": _gen_partition,
    "ensure_shape": _g_same(_any, _rand_shape),
    "image_patches": _g_shape(_rank(4), lambda r: _dims(r, 4), _patches_out),
    "volume_patches": _g_shape(_rank(5), lambda r: [1] + _dims(r, 3) + [r.randint(1, 2)],
                               _vpatches_out),
    "fake_quant": _gen_fakequant,
    "fractional_pool": _g_shape(_rank(4), lambda r: [r.randint(1, 2)] + _dims(r, 2, 1, 5)
                                + [r.randint(1, 2)], _frac_out),
    "guarantee_const": _g_same(_any, _rand_shape),
    "histogram": _gen_histogram,
    "lu": _g_same(_square, _sq_shape),
    "logm": _g_same(lambda s: len(s) == 2 and s[0] == s[1], lambda r: [r.randint(1, 3)] * 2),
    "sqrtm": _g_same(_square, _sq_shape),
    "matrix_solve": _gen_solve,
    "matrix_solve_ls": _gen_solve_ls,
    "searchsorted": _gen_searchsorted,
    "nms": _g_shape(lambda s: len(s) == 2 and s[1] == 4, lambda r: [r.randint(1, 5), 4],
                    _nms_out, only32=True),
    "nth_element": _g_shape(lambda s: len(s) >= 1, _rand_shape, lambda r, s: (
        {"n": r.randint(0, s[-1] - 1), "reverse": r.random() < 0.3}, s[:-1])),
    "parallel_stack": _g_shape(_any, _rand_shape, lambda r, s: ({}, [2] + s)),
    "embedding_lookup": _g_shape(lambda s: len(s) >= 1 and s[0] >= 2,
                                 lambda r: [r.randint(2, 5)] + _dims(r, r.randint(0, 1)),
                                 _embed_out),
    "function": _g_same(_any, _rand_shape, kw_fn=lambda r, s: {"cond": r.random() < 0.5}),
    "switch_case": _g_same(_any, _rand_shape, kw_fn=lambda r, s: {"index": r.randint(-1, 3)}),
    "resampler": _gen_resampler,
    "scatter_nd_res": _gen_scatter_nd_res,
    "reverse_sequence": _g_shape(lambda s: len(s) >= 2, lambda r: _dims(r, r.randint(2, 3)),
                                 _rseq_out),
    "roll": _g_shape(lambda s: len(s) >= 1, _rand_shape, _roll_out),
    "segment_minprod": _g_shape(lambda s: len(s) >= 1, _rand_shape, _seg_out),
    "unsorted_segment": _g_shape(lambda s: len(s) >= 1, _rand_shape, _useg_out),
    "where_v2": _gen_where_v2,
    "self_adjoint_eig": _g_shape(_square, _sq_shape, _eig_out),
    "svd": _g_shape(lambda s: len(s) in (2, 3), lambda r: _dims(r, r.randint(2, 3)), _svd_out),
    "tensor_scatter": _g_shape(lambda s: len(s) >= 1, _rand_shape, _tscatter_out),
    "tridiagonal": _gen_tridiag,
    "unique_with_counts": _gen_scalar,
    "unravel_index": _gen_unravel,
    "crop_and_resize": _g_shape(_rank(4), lambda r: _dims(r, 4), _crop_out),
    "quantize": _gen_quantize,
    "image_transform": _gen_transform,
    "ragged_gather": _gen_ragged,
    "image_decode": _gen_decode,
    "jpeg_quality": _gen_jpeg_quality,
    "draw_boxes": _gen_draw_boxes,
    "combined_nms": _gen_combined_nms,
    "ragged_range": _gen_ragged_range,
    "ragged_sparse": _gen_ragged_sparse,
    "block_lstm": _gen_block_lstm,
    "ragged_dataset": _gen_ragged_dataset,
}


def _cdt(tf, x):
    return tf.complex64 if x.dtype.base_dtype == tf.float32 else tf.complex128


def _to_complex(tf, x):
    return tf.complex(x, x * 0.5 + 0.3)


def _reim(tf, y):
    return tf.real(y) + 0.5 * tf.imag(y)


def _ints_back(tf, y, x):
    """An integer result as x's dtype, scaled by a value that depends on x."""
    return tf.cast(y, x.dtype.base_dtype) * (tf.reduce_mean(x) + 1.0)


def _eye_plus(tf, a, k=3.0):
    return a + tf.eye(int(a.shape[-1]), dtype=a.dtype.base_dtype) * k


def _complex_part(tf, args, kw):
    c = _to_complex(tf, args[0])
    f = {"angle": tf.math.angle, "real": tf.math.real, "imag": tf.math.imag,
         "abs": tf.abs}[kw["part"]]
    return f(c)


def _fft(tf, args, kw):
    c = _to_complex(tf, args[0])
    f = {1: tf.signal.fft, 2: tf.signal.fft2d, 3: tf.signal.fft3d}
    fi = {1: tf.signal.ifft, 2: tf.signal.ifft2d, 3: tf.signal.ifft3d}
    return _reim(tf, (fi if kw["inverse"] else f)[kw["d"]](c))


def _rfft(tf, args, kw):
    x = args[0]
    if kw["inverse"]:
        f = {1: tf.signal.irfft, 2: tf.signal.irfft2d, 3: tf.signal.irfft3d}[kw["d"]]
        return f(_to_complex(tf, x))
    f = {1: tf.signal.rfft, 2: tf.signal.rfft2d, 3: tf.signal.rfft3d}[kw["d"]]
    return _reim(tf, f(x))


def _bitcast(tf, args, kw):
    x = args[0]
    it = tf.int32 if x.dtype.base_dtype == tf.float32 else tf.int64
    return tf.bitcast(tf.bitcast(x * 1.5, it), x.dtype.base_dtype)


def _broadcast_args(tf, args, kw):
    x = args[0]
    target = np.array([2] + [1] * len(x.shape.as_list()), np.int32)
    shp = tf.broadcast_dynamic_shape(tf.shape(x), target)
    y = tf.broadcast_to(x, shp)
    y.set_shape([2] + x.shape.as_list())
    return y


def _cholesky(tf, args, kw):
    x = args[0]
    return tf.cholesky(_eye_plus(tf, tf.matmul(x, x, transpose_b=True)))


def _depthwise_bp(tf, name, args, kw):
    a, b = args
    st = [1, 1, 1, 1]
    if name == "depthwise_bp_input":
        return tf.nn.depthwise_conv2d_native_backprop_input(
            np.array(kw["sizes"], np.int32), b, a, st, kw["pad"])
    return tf.nn.depthwise_conv2d_native_backprop_filter(
        a, np.array(kw["sizes"], np.int32), b, st, kw["pad"])


def _dilation(tf, args, kw):
    x, f = args
    fn = tf.nn.erosion2d if kw["erosion"] else tf.nn.dilation2d
    return fn(x, f, [1, 1, 1, 1], [1, kw["rate"], kw["rate"], 1], kw["pad"])


def _fake_quant(tf, args, kw):
    x = args[0]
    q = tf.quantization
    if kw["kind"] == "args":
        return q.fake_quant_with_min_max_args(x, min=kw["min"], max=kw["max"],
                                              num_bits=kw["bits"], narrow_range=kw["narrow"])
    lo = -tf.abs(args[1]) - 0.3
    hi = tf.abs(args[2]) + 0.3
    f = q.fake_quant_with_min_max_vars if kw["kind"] == "vars" \
        else q.fake_quant_with_min_max_vars_per_channel
    return f(x, lo, hi, num_bits=kw["bits"], narrow_range=kw["narrow"])


def _frac(tf, args, kw):
    f = tf.nn.fractional_avg_pool if kw["avg"] else tf.nn.fractional_max_pool
    return f(args[0], kw["ratio"], pseudo_random=kw["pseudo"], overlapping=kw["overlap"],
             deterministic=True, seed=kw["seed"], seed2=kw["seed"] + 1)[0]


def _nms(tf, args, kw):
    x = args[0]
    lo = tf.sigmoid(x[:, :2])
    boxes = tf.concat([lo, lo + tf.abs(x[:, 2:]) + 0.1], axis=1)
    scores = tf.sigmoid(tf.reduce_sum(x, axis=1))
    if kw["padded"]:
        idx = tf.image.non_max_suppression_padded(boxes, scores, kw["k"], kw["iou"], 0.2,
                                                  pad_to_max_output_size=True)[0]
        y = tf.gather(scores, idx)
        y.set_shape([kw["k"]])
        return y
    idx = tf.image.non_max_suppression(boxes, scores, kw["k"], kw["iou"], 0.2)
    return tf.reduce_sum(tf.gather(scores, idx))


def _embedding(tf, args, kw):
    x = args[0]
    n = int(x.shape[0])
    if kw["strategy"] == "mod":
        parts = [tf.gather(x, np.arange(i, n, 2, dtype=np.int32)) for i in range(2)]
    else:  # "div": the first shard is at most one row larger
        big = (n + 1) // 2
        parts = [x[:big], x[big:]]
    return tf.nn.embedding_lookup(parts, np.array(kw["ids"], np.int32),
                                  partition_strategy=kw["strategy"])


def _function(tf, args, kw):
    if kw.get("cond"):   # a tf.cond in the body makes the call stateful
        f = tf.function(lambda a: tf.cond(tf.reduce_sum(a) > 0.0, lambda: tf.tanh(a) * 2.0,
                                          lambda: a * a))
    else:
        f = tf.function(lambda a: tf.tanh(a) * 2.0 + a * a)
    return f(args[0])


def _switch_case(tf, args, kw):
    x = args[0]
    return tf.switch_case(tf.constant(kw["index"]),
                          [lambda: tf.tanh(x), lambda: tf.square(x), lambda: tf.sin(x) * 2.0],
                          default=lambda: x * 3.0)


def _scatter_nd_res(tf, args, kw):
    v, u = args
    y = getattr(tf, kw["fn"])(v, np.array(kw["idx"], np.int32), u)
    return tf.identity(y) * 1.0


def _eig(tf, args, kw):
    x = args[0]
    a = x + tf.linalg.adjoint(x)
    if kw["vec"]:
        e, v = tf.self_adjoint_eig(a)
        return tf.square(v)
    return tf.self_adjoint_eigvals(a)


def _svd(tf, args, kw):
    if kw["uv"]:
        return tf.svd(args[0], compute_uv=True)[0]
    return tf.svd(args[0], compute_uv=False)


def _tridiag(tf, args, kw):
    d, b = args
    n = int(d.shape[-1])
    diag = d + tf.constant(np.array([[0.0] * n, [4.0] * n, [0.0] * n]),
                           dtype=d.dtype.base_dtype)
    if kw["mm"]:
        return tf.linalg.tridiagonal_matmul(diag, b)
    return tf.linalg.tridiagonal_solve(diag, b)


def _crop(tf, args, kw):
    x = args[0]
    nb = len(kw["ind"])
    lo = np.linspace(0.0, 0.3, nb * 2).reshape(nb, 2)
    hi = lo + np.linspace(0.4, 0.9, nb * 2).reshape(nb, 2)
    boxes = tf.constant(np.concatenate([lo, hi], 1).astype(np.float32))
    boxes = boxes * tf.cast(1.0 + 0.1 * tf.tanh(tf.reduce_mean(x)), tf.float32)
    y = tf.image.crop_and_resize(x, boxes, np.array(kw["ind"], np.int32), kw["size"],
                                 method=kw["method"])
    return tf.cast(y, x.dtype.base_dtype)


def _quantize(tf, args, kw):
    x = args[0]
    t = getattr(tf, kw["t"])
    q = tf.quantization.quantize(x, -2.0, 2.0, t, mode=kw["mode"])
    return tf.quantization.dequantize(q.output, q.output_min, q.output_max, mode=kw["mode"])


def _ragged_gather(tf, args, kw):
    x = args[0]
    rt = tf.RaggedTensor.from_row_lengths(x, np.array(kw["lengths"], np.int64))
    g = tf.gather(rt, np.array(kw["idx"], np.int32))
    return tf.reduce_sum(g.flat_values * 1.5)


def _apply_simple(tf, name, args, kw):
    x = args[0]
    if name == "bessel":
        return getattr(tf.math, kw["fn"])(x)
    if name == "betainc":
        return tf.math.betainc(tf.abs(x) + 0.5, tf.constant(1.5, x.dtype.base_dtype),
                               tf.sigmoid(x))
    if name == "igamma":
        return getattr(tf.math, kw["fn"])(tf.abs(x) + 0.5, tf.abs(x) * 0.7 + 0.2)
    if name == "cross":
        return tf.linalg.cross(x, tf.sin(x) + 0.3)
    if name == "depth_to_space":
        return tf.depth_to_space(x, 2)
    if name == "space_to_depth":
        return tf.space_to_depth(x, 2)
    if name == "dynamic_partition":
        return tf.dynamic_partition(x, np.array(kw["parts"], np.int32), 2)[kw["pick"]]
    if name == "ensure_shape":
        return tf.ensure_shape(x, x.shape)
    if name == "image_patches":
        k, st = kw["k"], kw["st"]
        return tf.image.extract_image_patches(x, [1, k, k, 1], [1, st, st, 1], [1, 1, 1, 1],
                                              kw["pad"])
    if name == "volume_patches":
        k, st = kw["k"], kw["st"]
        return tf.extract_volume_patches(x, [1, k, k, k, 1], [1, st, st, st, 1], kw["pad"])
    if name == "guarantee_const":
        return tf.guarantee_const(x) * 2.0
    if name == "histogram":
        return _ints_back(tf, tf.histogram_fixed_width(x, [-1.0, 1.0], nbins=kw["nbins"]), x)
    if name == "lu":
        return tf.linalg.lu(_eye_plus(tf, x))[0]
    if name == "logm":
        c = tf.cast(_eye_plus(tf, x), _cdt(tf, x))
        return tf.real(tf.linalg.logm(c))
    if name == "sqrtm":
        return tf.linalg.sqrtm(_eye_plus(tf, tf.matmul(x, x, transpose_b=True), 1.0))
    if name == "matrix_solve":
        return tf.matrix_solve(_eye_plus(tf, x), args[1], adjoint=kw["adjoint"])
    if name == "matrix_solve_ls":
        return tf.matrix_solve_ls(x + 0.5, args[1], l2_regularizer=kw["l2"], fast=kw["fast"])
    if name == "searchsorted":
        srt = tf.cumsum(tf.abs(x) + 0.1, axis=-1) - 1.0
        return _ints_back(tf, tf.searchsorted(srt, args[1], side=kw["side"]), x)
    if name == "nth_element":
        return tf.contrib.nn.nth_element(x, kw["n"], reverse=kw["reverse"])
    if name == "parallel_stack":
        return tf.parallel_stack([x, x * 2.0])
    if name == "resampler":
        return tf.contrib.resampler.resampler(x, (tf.sigmoid(args[1]) * 1.4 - 0.2) *
                                              float(max(int(x.shape[1]), int(x.shape[2]))))
    if name == "reverse_sequence":
        return tf.reverse_sequence(x, np.array(kw["lengths"], np.int64), seq_axis=1,
                                   batch_axis=0)
    if name == "roll":
        return tf.roll(x, kw["shift"], kw["axis"])
    if name == "segment_minprod":
        return getattr(tf.math, kw["fn"])(x, np.array(kw["ids"], np.int32))
    if name == "unsorted_segment":
        return getattr(tf.math, kw["fn"])(x, np.array(kw["ids"], np.int32), kw["k"])
    if name == "where_v2":
        return tf.where_v2(x > 0.0, x, args[1])
    if name == "tensor_scatter":
        idx = np.array(kw["idx"], np.int32)
        return getattr(tf, kw["fn"])(x, idx, tf.gather(x, idx[:, 0]) * 0.5 + 1.0)
    if name == "unique_with_counts":
        y, _, c = tf.unique_with_counts(tf.reshape(x, [-1]))
        return tf.reduce_sum(y * tf.cast(c, x.dtype.base_dtype))
    if name == "unravel_index":
        y = tf.unravel_index(np.array(kw["ind"], np.int32), np.array(kw["dims"], np.int32))
        return _ints_back(tf, y, x)
    if name == "image_transform":
        return tf.contrib.image.transform(x, kw["t"], interpolation=kw["interp"])
    return NotImplemented


def _image_decode(tf, args, kw):
    x = args[0]
    data = tf.constant(bytes(bytearray(kw["data"])))
    fmt = kw["fmt"]
    if fmt == "bmp":
        y = tf.image.decode_bmp(data)
    elif fmt == "gif":
        y = tf.image.decode_gif(data)
    elif fmt == "jpeg_shape":
        y = tf.image.extract_jpeg_shape(data)
    else:
        y = tf.image.decode_and_crop_jpeg(data, np.array(kw["window"], np.int32), channels=3)
    y.set_shape(kw["out"])
    return _ints_back(tf, y, x)


def _jpeg_quality(tf, args, kw):
    y = tf.image.adjust_jpeg_quality(tf.sigmoid(args[0]), tf.constant(kw["q"]))
    y.set_shape(args[0].shape)
    return y


def _draw_boxes(tf, args, kw):
    x = args[0]
    boxes = np.array([kw["boxes"]] * int(x.shape[0]), np.float32)
    colors = np.array(kw["colors"], np.float32) if "colors" in kw else None
    return tf.image.draw_bounding_boxes(tf.sigmoid(x), boxes, colors=colors)


def _combined_nms(tf, args, kw):
    x = args[0]
    lo = tf.sigmoid(x[:, :, :2]) * 0.8
    boxes = tf.expand_dims(tf.concat([lo, lo + tf.abs(x[:, :, 2:]) * 0.3 + 0.05], 2), 2)
    k = kw["k"]
    scores = tf.sigmoid(tf.tile(x, [1, 1, 1])[:, :, :1] * np.linspace(0.5, 1.5, k)
                        .astype(np.float32) + x[:, :, 1:2])
    b, sc, _, _ = tf.image.combined_non_max_suppression(
        boxes, scores, kw["per_class"], kw["total"], iou_threshold=kw["iou"],
        score_threshold=0.3, pad_per_class=kw["pad"], clip_boxes=kw["clip"])
    return sc + tf.reduce_sum(b, axis=2)


def _ragged_range(tf, args, kw):
    rt = tf.ragged.range(np.array(kw["starts"], np.int32), np.array(kw["limits"], np.int32),
                         np.array(kw["deltas"], np.int32))
    return tf.reduce_sum(_ints_back(tf, rt.flat_values, args[0]))


def _ragged_sparse(tf, args, kw):
    x = args[0]
    rt = tf.RaggedTensor.from_row_lengths(x * 1.5, np.array(kw["lengths"], np.int64))
    y = rt.to_sparse().values
    y.set_shape(x.shape)
    return y


def _block_lstm(tf, args, kw):
    x = args[0]
    init = tf.random_uniform_initializer(-0.5, 0.5, seed=kw["seed"])
    with tf.variable_scope("fuzz_lstm", initializer=init):
        cell = tf.contrib.rnn.LSTMBlockFusedCell(kw["units"], cell_clip=kw["clip"],
                                                 use_peephole=kw["peephole"])
        return cell(x, dtype=tf.float32)[0]


def _ragged_dataset(tf, args, kw):
    """A RaggedTensor through tf.data (RaggedTensorToVariant / FromVariant)."""
    x = args[0]
    rt = tf.RaggedTensor.from_row_lengths(tf.constant(np.array(kw["values"], np.float32)),
                                          np.array(kw["lengths"], np.int64))
    ds = tf.data.Dataset.from_tensor_slices(rt).batch(kw["batch"]) if kw["batch"] else \
        tf.data.Dataset.from_tensors(rt)
    y = tf.compat.v1.data.make_one_shot_iterator(ds).get_next()
    total = tf.reduce_sum(y.flat_values) + tf.cast(tf.reduce_sum(y.row_splits), tf.float32)
    return tf.cast(total, x.dtype.base_dtype) * (tf.reduce_mean(x) + 1.0)


_APPLY = {"complex_part": _complex_part, "fft": _fft, "rfft": _rfft, "bitcast": _bitcast,
          "broadcast_args": _broadcast_args, "cholesky": _cholesky, "dilation2d": _dilation,
          "fake_quant": _fake_quant, "fractional_pool": _frac, "nms": _nms,
          "embedding_lookup": _embedding, "function": _function, "switch_case": _switch_case,
          "scatter_nd_res": _scatter_nd_res, "self_adjoint_eig": _eig, "svd": _svd,
          "tridiagonal": _tridiag, "crop_and_resize": _crop, "quantize": _quantize,
          "ragged_gather": _ragged_gather, "image_decode": _image_decode,
          "jpeg_quality": _jpeg_quality, "draw_boxes": _draw_boxes,
          "combined_nms": _combined_nms, "ragged_range": _ragged_range,
          "ragged_sparse": _ragged_sparse, "block_lstm": _block_lstm,
          "ragged_dataset": _ragged_dataset}


def apply_extra(tf, name, args, kw):
    """Builds extra op `name`; NotImplemented when it is not one of this module's."""
    if name not in EXTRA:
        return NotImplemented
    if name in ("depthwise_bp_input", "depthwise_bp_filter"):
        return _depthwise_bp(tf, name, args, kw)
    if name in _APPLY:
        return _APPLY[name](tf, args, kw)
    return _apply_simple(tf, name, args, kw)

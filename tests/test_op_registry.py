"""Tests driven by the op registry: every registered op is covered by a row of
tests/op_samples.py or exempted, with its reason, in tests/op_exemptions.py.

For each row and dtype: the forward values (exact dtype and shape) against TF
1.14's (tests/golden/registry/samples.json; random rows by shape, dtype and
statistics), an error where TF rejects the dtype, and for float64 and complex
rows the first- and second-order gradients against TF's, plus a numerical
check to second order in float64 (flowgrad.testing.check_grads). How dtypes
and shapes are sampled: see the docstring of tests/op_samples.py.
"""
import os
import struct
import zlib

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.framework.registry import GRADIENTS, OPS
from flowgrad.testing import check_grads
from golden import goldenio
from op_exemptions import EXEMPTIONS
from op_samples import SAMPLES, _direction, run_sample

_GOLDEN_PATH = os.path.join(os.path.dirname(__file__), "golden", "registry", "samples.json")
_, GOLDEN = goldenio.read(_GOLDEN_PATH)

# The complex conjugation fix (TF 1.14 conjugates f'(x) in every unary rule) has landed;
# the set stays empty so a regression shows up as a plain failure.
_AWAITING_CONJUGATION_FIX: set = set()

# Cases where flowgrad disagrees with TF 1.14, reported to the op owners:
# "<row>|<dtype>|<check>" -> evidence. Strict xfails, so a fix makes them fail loudly.
# Dtypes flowgrad computes where TF 1.14 raises (TypeError at build time, or no kernel):
# row -> (dtypes, what TF says).
_ACCEPTS_WHAT_TF_REJECTS = {
    "Less": (("uint16",), "InvalidArgumentError: no OpKernel registered"),
    "LessEqual": (("uint16",), "InvalidArgumentError: no OpKernel registered"),
    "Greater": (("uint16",), "InvalidArgumentError: no OpKernel registered"),
    "GreaterEqual": (("uint16",), "InvalidArgumentError: no OpKernel registered"),
}
_KNOWN_DEVIATIONS = {
    f"{row}|{dt}|forward": f"TF 1.14 rejects {dt} ({why}); flowgrad computes it"
    for row, (dts, why) in _ACCEPTS_WHAT_TF_REJECTS.items() for dt in dts}
_KNOWN_DEVIATIONS.update({
    "MatrixInverse|float64|grad": "TF 1.14's MatrixInverse gradient ignores adjoint=True "
                                  "(the transpose of the true gradient; fixed in later TF); "
                                  "flowgrad gives the true gradient",
    "MatrixInverse|complex64|grad": "as MatrixInverse|float64|grad",
    "MatrixInverse|complex128|grad": "as MatrixInverse|float64|grad",
    "MatrixDeterminant|float64|grad": "second order goes through TF 1.14's wrong adjoint "
                                      "inverse gradient (MatrixInverse|float64|grad)",
    "MatrixDeterminant|complex64|grad": "as MatrixDeterminant|float64|grad",
    "MatrixDeterminant|complex128|grad": "as MatrixDeterminant|float64|grad",
    "LogMatrixDeterminant|float64|grad": "as MatrixDeterminant|float64|grad",
    "MatrixDeterminant|complex128|complex-numeric": "TF 1.14's determinant gradient "
                                                    "grad * det * inv(A)^H has no conjugate "
                                                    "of det; flowgrad follows TF",
    "SoftmaxCrossEntropyWithLogits|float64|grad": "second order w.r.t. labels: TF 1.14 gives 0 "
                                                  "(its rule ignores the gradient flowing into "
                                                  "the backprop output for labels); flowgrad "
                                                  "gives the true value -g*w",
})

# Rows whose complex gradient in TF 1.14 is not dL/dRe + i dL/dIm (flowgrad matches TF's
# goldens, so the numerical complex check does not apply): row -> why.
_TF_COMPLEX_GRADIENT_DIFFERS = {
    "Sign": "sign(z) = z/|z| is not holomorphic; TF's gradient is 0",
    "swish_c128": "TF 1.14's swish_grad Defun gives grad * f'(z), without conj",
    "SquaredDifference": "TF 1.14's rule is 2 (x - y) g, without conj",
    "MulNoNan": "TF 1.14's rule is mul_no_nan(g, y), without conj",
    "Xdivy": "TF 1.14's rule has no conj",
    "Xlogy": "TF 1.14's rule has no conj",
    "Prod": "TF 1.14's rule (products of the others via cumprod) has no conj",
    "Cumprod": "TF 1.14's rule has no conj",
    "UnsortedSegmentProd": "TF 1.14's rule (prod / x) has no conj",
    "MatrixSolveLs": "TF 1.14's rule symmetrizes x z^H with a transpose, not an adjoint",
    "MatrixSquareRoot": "TF 1.14's rule solves its Sylvester equation with transposes of "
                        "sqrtm (Kronecker products), not adjoints",
    "TridiagonalSolve": "TF 1.14's rule transposes the diagonals and extracts those of "
                        "grad_rhs x^T without conj",
}

_TOL = {"float16": (2e-3, 2e-3), "float32": (2e-5, 1e-5), "complex64": (2e-5, 1e-5),
        "float64": (1e-10, 1e-12), "complex128": (1e-10, 1e-12)}
_GRAD_TOL = {"float32": (1e-4, 1e-5), "complex64": (1e-4, 1e-5),
             "float64": (1e-9, 1e-11), "complex128": (1e-9, 1e-11)}


def _key(sample, dtype):
    return f"{sample.name}|{dtype}"


def _case_params(check, dtypes_of):
    params = []
    for s in SAMPLES:
        for dt in dtypes_of(s):
            marks = []
            reason = _KNOWN_DEVIATIONS.get(f"{_key(s, dt)}|{check}")
            gradient_check = check in ("grad", "complex-numeric") or (
                check == "forward" and s.via_gradients)
            if reason is None and gradient_check and dt.startswith("complex") and \
                    _AWAITING_CONJUGATION_FIX.intersection(s.ops):
                reason = "complex gradient not conjugated (see _AWAITING_CONJUGATION_FIX)"
            if reason is not None:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            params.append(pytest.param(s, dt, id=_key(s, dt), marks=marks))
    return params


def _golden(sample, dtype):
    key = _key(sample, dtype)
    assert key in GOLDEN, (f"no golden for {key}: regenerate tests/golden/registry/samples.json "
                           "(see tests/golden/registry/gen_samples.py)")
    return GOLDEN[key]


def _assert_close(got, want, dtype, tol, where):
    """Recursive comparison of fetched results (lists, arrays, bytes, None)."""
    if isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), (where, got, want)
        for k, (a, b) in enumerate(zip(got, want)):
            _assert_close(a, b, dtype, tol, f"{where}[{k}]")
        return
    if want is None:
        assert got is None or not np.any(got), (where, got)
        return
    if got is None:  # flowgrad's None gradient against TF's zeros
        assert not np.any(want), (where, want)
        return
    if isinstance(want, bytes):
        if b"IDAT" in want:  # PNG in an image summary: zlib's output differs, pixels must not
            assert _png_pixels(got) == _png_pixels(want), where
            got, want = _without_png(got), _without_png(want)
        assert got == want, where
        return
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape, (where, got.shape, want.shape)
    assert got.dtype == want.dtype, (where, got.dtype, want.dtype)
    if want.dtype.kind in "fc":
        rtol, atol = tol.get(want.dtype.name, tol.get(dtype, (1e-5, 1e-6)))
        np.testing.assert_allclose(got, want, rtol=rtol, atol=atol, err_msg=where)
    else:
        np.testing.assert_array_equal(got, want, err_msg=where)


def _png_pixels(data):
    """The pixels of every PNG in `data` (8-bit, one IDAT chunk), unfiltered."""
    out, start = [], 0
    while True:
        k = data.find(b"IHDR", start)
        if k < 0:
            return out
        width, height, _, color = struct.unpack(">IIBB", data[k + 4:k + 14])
        bpp = {0: 1, 2: 3, 4: 2, 6: 4}[color]
        j = data.find(b"IDAT", k)
        n = struct.unpack(">I", data[j - 4:j])[0]
        raw = zlib.decompress(data[j + 4:j + 4 + n])
        out.append(_unfilter(raw, width * bpp, height, bpp).tobytes())
        start = j + 4 + n


def _unfilter(raw, stride, height, bpp):
    """Undoes PNG's per-row filters (None, Sub, Up, Average, Paeth)."""
    img = np.zeros((height, stride), np.int64)
    prev = np.zeros(stride, np.int64)
    for r in range(height):
        row = raw[r * (stride + 1):(r + 1) * (stride + 1)]
        kind, cur = row[0], np.frombuffer(row[1:], np.uint8).astype(np.int64)
        out = np.zeros(stride, np.int64)
        for i in range(stride):
            a = out[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if kind == 0:
                pred = 0
            elif kind == 1:
                pred = a
            elif kind == 2:
                pred = b
            elif kind == 3:
                pred = (a + b) // 2
            else:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            out[i] = (cur[i] + pred) % 256
        img[r] = prev = out
    return img.astype(np.uint8)


def _without_png(data):
    """`data` with each PNG's IDAT chunk (and its length prefix and CRC) cut out, and the
    byte lengths that depend on it zeroed: compares the rest of the Summary proto."""
    k = data.find(b"IDAT")
    if k < 0:
        return data
    n = struct.unpack(">I", data[k - 4:k])[0]
    return _without_png(data[:k - 4] + data[k + 8 + n:])


# -- the registry is covered --------------------------------------------------------------
def test_every_registered_op_has_samples_or_an_exemption():
    sampled = set()
    for s in SAMPLES:
        sampled.update(s.ops)
    missing = sorted(op for op in OPS if op not in sampled and op not in EXEMPTIONS
                     and not OPS[op].props.get("user_function"))   # (a program's Defun)
    assert missing == [], f"ops with neither a row in tests/op_samples.py nor an exemption " \
                          f"in tests/op_exemptions.py: {missing}"
    assert sorted(sampled - set(OPS)) == [], "rows name unregistered op types"
    stale = sorted(op for op in EXEMPTIONS if op in sampled or op not in OPS)
    assert stale == [], f"exemptions for ops that are sampled or not registered: {stale}"
    for op, reason in EXEMPTIONS.items():
        assert isinstance(reason, str) and ":" in reason, (op, reason)


def test_every_golden_case_belongs_to_a_row():
    keys = {_key(s, dt) for s in SAMPLES for dt in (s.dtypes or ("none",))}
    assert sorted(set(GOLDEN) - keys) == []


def _build_params():
    params = []
    for s in SAMPLES:
        reason = _KNOWN_DEVIATIONS.get(f"{s.name}|*|build")
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(s, id=s.name, marks=marks))
    return params


@pytest.mark.parametrize("sample", _build_params())
def test_row_builds_its_ops(sample):
    """Each op a row claims is in the graph it builds (with its gradients, for *Grad ops)."""
    dtype = (sample.grad_dtypes() or sample.dtypes or ("none",))[0]
    case = _golden(sample, dtype)
    if "error" in case and sample.ref is None:
        pytest.skip("TF rejects this dtype")
    grads = bool(sample.grad_dtypes()) and "grad_error" not in case and "error" not in case
    res = run_sample(tf, sample, dtype, case["in"], grads=grads)
    missing = sorted(set(sample.ops) - set(res["ops"]))
    assert missing == [], f"row {sample.name} does not build {missing}"


# -- forward --------------------------------------------------------------------------------
@pytest.mark.parametrize("sample,dtype", _case_params("forward",
                                                      lambda s: s.dtypes or ("none",)))
def test_forward(sample, dtype):
    case = _golden(sample, dtype)
    if sample.ref is not None:  # TF 1.14 has no CPU kernel: a NumPy reference instead
        res = run_sample(tf, sample, dtype, case["in"])
        _assert_close(res["out"], sample.ref(*case["in"]), dtype, _TOL, "out")
        return
    if "error" in case:  # TF has no kernel for this dtype, or rejects it at build time
        tf_class = case["error"].split(":")[0]
        expected = {"TypeError": TypeError, "ValueError": ValueError}.get(
            tf_class, (TypeError, tf.errors.OpError, NotImplementedError))
        with pytest.raises(expected):
            run_sample(tf, sample, dtype, case["in"])
        return
    res = run_sample(tf, sample, dtype, case["in"])
    if sample.kind == "random":
        for got, want in zip(res["out"], case["out"]):
            assert np.shape(got) == np.shape(want), (np.shape(got), np.shape(want))
            assert np.asarray(got).dtype == np.asarray(want).dtype
        sample.check(res["out"])
        return
    tol = {k: (sample.rtol or v[0], sample.atol or v[1]) for k, v in _TOL.items()}
    _assert_close(res["out"], case["out"], dtype, tol, "out")


# -- gradients ------------------------------------------------------------------------------
@pytest.mark.parametrize("sample,dtype", _case_params("grad", lambda s: s.grad_dtypes()))
def test_gradients_against_tf(sample, dtype):
    case = _golden(sample, dtype)
    if "error" in case:
        pytest.skip("TF rejects this dtype (checked by test_forward)")
    if "grad_error" in case and case["grad_error"].startswith("ValueError"):
        # TF's shape inference rejects the gradient graph it builds (RFFT's with an
        # fft_length that crops): flowgrad's rejects it with TF's message
        with pytest.raises(ValueError) as e:
            run_sample(tf, sample, dtype, case["in"], grads=True)
        assert f"ValueError: {e.value}".split("\n")[0] == case["grad_error"]
        return
    if "grad_error" in case:
        pytest.skip(f"TF 1.14 cannot build this gradient ({case['grad_error']}); "
                    "checked numerically by test_gradients_numerically")
    res = run_sample(tf, sample, dtype, case["in"], grads=True)
    _assert_close(res["g1"], case["g1"], dtype, _GRAD_TOL, "first-order gradient")
    if "g2" in case and sample.order >= 2:
        _assert_close(res["g2"], case["g2"], dtype, _GRAD_TOL, "second-order gradient")


@pytest.mark.parametrize("sample,dtype", _case_params(
    "numeric", lambda s: [d for d in s.grad_dtypes() if d == "float64" and s.numeric]))
def test_gradients_numerically(sample, dtype):
    inputs = _golden(sample, dtype)["in"]
    check_grads(lambda *xs: sample.fn(tf, *xs), inputs, order=sample.order, wrt=sample.grad,
                rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("sample,dtype", _case_params(
    "complex-numeric", lambda s: [d for d in s.grad_dtypes() if d == "complex128" and s.numeric]))
def test_complex_gradients_numerically(sample, dtype, eps=1e-6):
    """TF's convention, checked without TF: for real L, tf.gradients(L, z) = dL/dRe z + i dL/dIm z.

    With grad_ys=u the first-order objective is L1 = Re<u, y> (<a, b> = sum(conj(a) * b));
    with grad_ys=w for the second order, L2 = Re<w, g1>. Along a random complex direction
    v, dL/ds = Re<g, v> must match central differences.
    """
    if sample.name in _TF_COMPLEX_GRADIENT_DIFFERS:
        pytest.skip(_TF_COMPLEX_GRADIENT_DIFFERS[sample.name])
    if "error" in _golden(sample, dtype):
        pytest.skip("TF rejects this dtype (checked by test_forward)")
    inputs = [np.asarray(a) for a in _golden(sample, dtype)["in"]]
    rng = np.random.RandomState(5)
    vs = {i: (rng.standard_normal(inputs[i].shape) + 1j * rng.standard_normal(
        inputs[i].shape)).astype(inputs[i].dtype) if inputs[i].dtype.kind == "c" else
        rng.standard_normal(inputs[i].shape).astype(inputs[i].dtype) for i in sample.grad}
    res = run_sample(tf, sample, dtype, inputs, grads=True)

    def at(step):
        moved = [a + step * vs[i] if i in vs else a for i, a in enumerate(inputs)]
        return run_sample(tf, sample, dtype, moved, grads=True, order=1)

    def inner(a, b):
        return float(np.sum(np.conj(a) * b).real)

    def l1(r):
        ys = [y for y in r["out"] if np.asarray(y).dtype.kind in "fc"]
        return sum(inner(_direction(np.shape(y), np.asarray(y).dtype, 11 + k), y)
                   for k, y in enumerate(ys))

    def l2(r):
        live = [(gr, i) for gr, i in zip(r["g1"], sample.grad) if gr is not None]
        return sum(inner(_direction(inputs[i].shape, inputs[i].dtype, 31 + k), gr)
                   for k, (gr, i) in enumerate(live))

    plus, minus = at(eps), at(-eps)
    levels = [("first", l1, res["g1"])]
    if sample.order >= 2:
        levels.append(("second", l2, res["g2"]))
    for level, objective, grads in levels:
        numeric = (objective(plus) - objective(minus)) / (2 * eps)
        analytic = sum(inner(gr, vs[i]) for gr, i in zip(grads, sample.grad) if gr is not None)
        assert np.isclose(analytic, numeric, rtol=1e-5, atol=1e-6), \
            f"{level}-order gradient: backprop {analytic!r} vs numerical {numeric!r}"


def test_differentiable_rows_match_the_gradient_table():
    """A row differentiates its op only if the registry has a gradient rule for it."""
    for s in SAMPLES:
        if s.grad is not None and s.kind == "pure" and s.numeric:
            assert any(GRADIENTS.get(op) is not None for op in s.ops), s.name

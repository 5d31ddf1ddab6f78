"""Complex gradients of the math ops against TF 1.14 goldens (first and second order).

TF conjugates: the gradient of f at x for grad_ys g is g * conj(f'(x)). The goldens come
from tests/golden/math/gen_complex_grads.py; this test builds the same graphs with
flowgrad through that module's own `_grads`, so both sides run identical code.
"""
from __future__ import annotations

import os
import sys

import numpy as np
import pytest

import flowgrad as tf

GOLDEN = os.path.join(os.path.dirname(__file__), "golden")
sys.path.insert(0, GOLDEN)
sys.path.insert(0, os.path.join(GOLDEN, "math"))
import gen_complex_grads as gen  # noqa: E402
import goldenio  # noqa: E402

_HEADER, _CASES = goldenio.read(os.path.join(GOLDEN, "math", "complex_grads.json"))

_ROWS = ([("unary", n) for n in gen.UNARY] + [("binary", n) for n in gen.BINARY]
         + [("reduce", n) for n in gen.REDUCE])
_BUILD = {"unary": (gen.unary_fn, False), "binary": (gen.binary_fn, True),
          "reduce": (gen.reduce_fn, False)}


def _close(got, want, dtype, what):
    if isinstance(want, goldenio.GoldenError):
        assert isinstance(got, Exception), f"{what}: TF raised {want!r}, flowgrad gave {got!r}"
        return
    assert not isinstance(got, Exception), f"{what}: flowgrad raised {got!r}"
    if isinstance(want, tuple):
        assert len(got) == len(want), what
        for i, (g, w) in enumerate(zip(got, want)):
            _close(g, w, dtype, f"{what}[{i}]")
        return
    if want is None:
        assert got is None, f"{what}: expected None, got {got!r}"
        return
    got = np.asarray(got)
    assert got.dtype == want.dtype and got.shape == want.shape, (what, got.dtype, want.dtype)
    tol = 1e-5 if dtype == np.complex64 else 1e-12
    np.testing.assert_allclose(got, want, rtol=tol, atol=tol, err_msg=what)


@pytest.mark.parametrize("dtype", [np.complex64, np.complex128], ids=["c64", "c128"])
@pytest.mark.parametrize("kind,name", _ROWS, ids=[n for _, n in _ROWS])
def test_complex_gradient_matches_tf114(kind, name, dtype):
    fn, two = _BUILD[kind]
    got = gen._grads(tf, fn(tf, name), dtype, two)
    dn = np.dtype(dtype).name
    want_y = _CASES[f"{name}/{dn}/y"]
    if not isinstance(want_y, goldenio.GoldenError):
        # TF 1.14 has no complex kernel for Asin/Acos/Atan (UnimplementedError at run time);
        # flowgrad computes them with NumPy, and their gradients still match TF's.
        _close(got["y"], want_y, dtype, "y")
    _close(got["d1"], _CASES[f"{name}/{dn}/d1"], dtype, "first order")
    _close(got["d2"], _CASES[f"{name}/{dn}/d2"], dtype, "second order")


def test_golden_records_tf114():
    assert _HEADER["versions"]["tensorflow"] == "1.14.0"

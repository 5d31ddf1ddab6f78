"""Elementwise math, reductions, scans, clipping and norms: forward tables against NumPy,
numerical gradient checks to second order, and TF 1.14 goldens for the edge cases."""
import builtins
import json
import math
import os
import sys

import numpy as np
import pytest

import flowgrad as tf
from optest import (BINARY_SHAPES, FLOAT_DTYPES, GRAD_BINARY_SHAPES, GRAD_UNARY_SHAPES,
                    UNARY_SHAPES, assert_forward, check_grads, sample)

GOLDEN = os.path.join(os.path.dirname(__file__), "golden")

# =========================================================================================
# Golden edge cases recorded from TF 1.14 (tests/golden/math: cases.py, golden.json)
# =========================================================================================
sys.path.insert(0, os.path.join(GOLDEN, "math"))
from cases import CASES  # noqa: E402

with open(os.path.join(GOLDEN, "math", "golden.json")) as _f:
    _GOLDEN = json.load(_f)


def _decode(entry):
    if entry is None:
        return None
    if entry["dtype"] == "string":
        return np.array([v.encode() for v in entry["value"]], dtype=object).reshape(entry["shape"])
    return np.array(entry["value"], dtype=entry["dtype"]).reshape(entry["shape"])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_tf114(case):
    """The same code gives TF 1.14's values, dtypes, gradients and errors."""
    expected = _GOLDEN[case["name"]]
    env = {"tf": tf, "np": np}
    with tf.Graph().as_default():
        if "error" in case:
            err = getattr(tf.errors, case["error"], None) or getattr(builtins, case["error"])
            with pytest.raises(err) as info:
                exec(case["setup"], env)
                fetches = eval(case["expr"], env)
                with tf.Session() as sess:
                    sess.run(fetches)
            for m in case["match"]:
                assert m in str(info.value), (m, str(info.value))
            return
        exec(case["setup"], env)
        fetches = eval(case["expr"], env)
        with tf.Session() as sess:
            real = [f for f in fetches if f is not None]
            vals = iter(sess.run(real))
            got = [None if f is None else np.asarray(next(vals)) for f in fetches]
    want = [_decode(e) for e in expected["outputs"]]
    assert len(got) == len(want)
    for i, (g, w) in enumerate(zip(got, want)):
        if w is None:
            assert g is None, f"output {i}: expected None, got {g!r}"
            continue
        assert g is not None, f"output {i}: expected {w!r}, got None"
        assert g.shape == w.shape, (i, g.shape, w.shape)
        if w.dtype == object:
            assert g.dtype.kind in "OSU" and list(g.ravel()) == list(w.ravel()), (i, g, w)
            continue
        assert g.dtype == w.dtype, (i, g.dtype, w.dtype)
        if w.dtype.kind == "f":
            tol = 2e-6 if w.dtype == np.float32 else 1e-12
            np.testing.assert_allclose(g, w, rtol=tol, atol=tol, err_msg=f"output {i}")
        else:
            np.testing.assert_array_equal(g, w, err_msg=f"output {i}")

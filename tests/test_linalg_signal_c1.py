"""tf.linalg's and tf.signal's Python-level functions against TF 1.14 (c1's goldens,
tests/golden/linalg_c1/gen_linalg_signal.py): values, gradients, errors, and the ops each
function builds (names and types in creation order, as TF builds them)."""
from __future__ import annotations

import os
import sys

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.framework.registry import OPS

GOLDEN = os.path.join(os.path.dirname(__file__), "golden")
sys.path.insert(0, GOLDEN)
sys.path.insert(0, os.path.join(GOLDEN, "linalg_c1"))
import gen_linalg_signal as gen  # noqa: E402
import goldenio  # noqa: E402

_, CASES = goldenio.read(os.path.join(GOLDEN, "linalg_c1", "linalg_signal.json"))
BUILDERS = gen.builders(tf)

# Cases whose graphs differ from TF 1.14's (values still compared): name -> why.
_OPS_DIFFER = {k: "expm's squaring loop: flowgrad's while_loop op (TF 1.14: Enter, Merge, "
                  "Switch, NextIteration, Exit, LoopCond)"
                for k in CASES if k.startswith("expm_")}
# Without the Real and Complex ops (tf.real, tf.complex), flowgrad builds Casts instead.
_HAS_COMPLEX_OPS = "Real" in OPS and "Complex" in OPS


def _close(got, want, what):
    want = np.asarray(want)
    got = np.asarray(got)
    assert got.shape == want.shape, f"{what}: shape {got.shape} vs TF's {want.shape}"
    assert got.dtype == want.dtype, f"{what}: dtype {got.dtype} vs TF's {want.dtype}"
    tol = {np.dtype(np.float16): 2e-3, np.dtype(np.float32): 2e-4,
           np.dtype(np.complex64): 2e-4}.get(want.dtype, 1e-9)
    np.testing.assert_allclose(got, want, rtol=tol, atol=tol, err_msg=what)


@pytest.mark.parametrize("name", sorted(CASES))
def test_case(name):
    want = CASES[name]
    got = gen.run_case(tf, BUILDERS[name])
    for key in ("build_error", "run_error", "grad_error"):
        if key in want:
            assert key in got, f"TF raised {want[key]}; flowgrad gave {sorted(got)}"
            assert got[key]["__error__"] == want[key].cls, got[key]
            if key != "grad_error":
                assert got[key]["message"] == want[key].message
    if "out" in want:
        assert len(got["out"]) == len(want["out"])
        for i, (g, w) in enumerate(zip(got["out"], want["out"])):
            _close(g, w, f"out[{i}]")
    if "grads" in want:
        assert len(got["grads"]) == len(want["grads"])
        for i, (g, w) in enumerate(zip(got["grads"], want["grads"])):
            _close(g, w, f"grads[{i}]")
    uses_complex_ops = any(t in ("Real", "Complex") for _, t in want.get("ops", []))
    if "ops" in want and name not in _OPS_DIFFER and (_HAS_COMPLEX_OPS or not uses_complex_ops):
        assert [tuple(o) for o in got["ops"]] == [tuple(o) for o in want["ops"]]


@pytest.mark.parametrize("m,n", [(4, 3), (2, 4)])
def test_lstsq_unknown_shape_builds_tf_cond(m, n):
    """fast=True with an unknown matrix shape: TF 1.14 picks the normal equations of the
    first or second kind with a cond on the runtime shape."""
    p = tf.placeholder(tf.float64, [None, None])
    b = tf.placeholder(tf.float64, [None, None])
    x = tf.linalg.lstsq(p, b)
    rng = np.random.RandomState(m)
    a, rhs = rng.randn(m, n), rng.randn(m, 2)
    with tf.Session() as sess:
        got = sess.run(x, {p: a, b: rhs})
    np.testing.assert_allclose(got, np.linalg.lstsq(a, rhs, rcond=None)[0], rtol=1e-8,
                               atol=1e-10)

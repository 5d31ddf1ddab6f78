"""Numerical/scientific TF1 programs against TF 1.14 (tests/golden/psci/gen_psci_sci.py):
the linear-algebra gradients' ops (names, types, shapes) and values, shapes TF's refiner
infers (overlap_and_add, a reduction gradient's DynamicStitch), Categorical's log_prob ops
ahead of graph-seeded samples."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
import goldens

WANT = goldens.load("psci", "psci_sci")


@pytest.fixture(scope="module")
def got():
    return goldens.flowgrad_cases("psci", "psci_sci", tf)


def _listed(ops):
    return [(n, t, list(s)) for n, t, s in ops]


_GRAPHS = sorted(k for k in WANT if isinstance(WANT[k], dict) and "ops" in WANT[k])
_VALUES = sorted(k for k in WANT if isinstance(WANT[k], dict) and "vals" in WANT[k])


@pytest.mark.parametrize("name", _GRAPHS)
def test_ops(got, name):
    assert _listed(got[name]["ops"]) == _listed(WANT[name]["ops"])


# odeint's float32 error ratios (and the float64 step ends they set): TF's grappler rewrites
# `y0 + add_n(stages)` in the loop into one AddN (its arithmetic optimizer), another
# summation order whose last-bit differences the ratio's cancellation (the 4th- and
# 5th-order solutions' difference, ~1e-4 of y) magnifies to ~1e-3 relative
_LOOSE = {"2/error_ratio": 2e-3, "2/integrate_points": 1e-4}


def _same(h, w, what):
    w = np.asarray(w)
    h = np.asarray(h)
    assert h.dtype == w.dtype and h.shape == w.shape, (what, h.dtype, w.dtype, h.shape)
    if w.dtype.kind in "iub":
        np.testing.assert_array_equal(h, w, err_msg=what)
    else:
        tol = 1e-5 if w.dtype in (np.float32, np.complex64) else 1e-10
        tol = _LOOSE.get(what, tol)
        np.testing.assert_allclose(h, w, rtol=tol, atol=tol, err_msg=what)


@pytest.mark.parametrize("name", _VALUES)
def test_values(got, name):
    want, have = WANT[name]["vals"], got[name]["vals"]
    assert len(have) == len(want)
    for i, (h, w) in enumerate(zip(have, want)):
        if isinstance(w, dict):   # odeint's full_output
            assert sorted(h) == sorted(w)
            for k in w:
                _same(h[k], w[k], f"{i}/{k}")
        else:
            _same(h, w, str(i))


def test_odeint_names_and_errors(got):
    want, have = WANT["odeint"], got["odeint"]
    assert [have[k] for k in sorted(want) if k != "vals"] == \
        [want[k] for k in sorted(want) if k != "vals"]


def test_percentile_errors(got):
    want, have = WANT["percentile"], got["percentile"]
    keys = sorted(k for k in want if k.startswith("error_"))
    assert len(keys) == 6
    assert [have.get(k) for k in keys] == [want[k] for k in keys]


def test_auto_correlation_names_and_error(got):
    want, have = WANT["auto_correlation"], got["auto_correlation"]
    assert [tuple(n) for n in have["names"]] == [tuple(n) for n in want["names"]]
    assert have["int_error"] == want["int_error"]


def test_trisolve_pivot_errors(got):
    want, have = WANT["trisolve_errors"], got["trisolve_errors"]
    assert len(have) == len(want)
    for i, (h, w) in enumerate(zip(have, want)):
        if isinstance(w, goldens.GoldenError):
            assert isinstance(h, goldens.GoldenError), (i, h)
            assert (h.cls, h.message) == (w.cls, w.message), i
        else:
            np.testing.assert_array_equal(h, w, err_msg=str(i))


def test_monte_carlo_errors(got):
    assert len(WANT["monte_carlo"]["errors"]) == 4
    assert got["monte_carlo"]["errors"] == WANT["monte_carlo"]["errors"]

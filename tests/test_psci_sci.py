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


@pytest.mark.parametrize("name", sorted(WANT))
def test_ops(got, name):
    assert _listed(got[name]["ops"]) == _listed(WANT[name]["ops"])


@pytest.mark.parametrize("name", sorted(WANT))
def test_values(got, name):
    want, have = WANT[name]["vals"], got[name]["vals"]
    assert len(have) == len(want)
    for i, (h, w) in enumerate(zip(have, want)):
        w = np.asarray(w)
        h = np.asarray(h)
        assert h.dtype == w.dtype and h.shape == w.shape, (i, h.dtype, w.dtype)
        if w.dtype.kind in "iub":
            np.testing.assert_array_equal(h, w, err_msg=str(i))
        else:
            tol = 1e-5 if w.dtype == np.float32 else 1e-10
            np.testing.assert_allclose(h, w, rtol=tol, atol=tol, err_msg=str(i))

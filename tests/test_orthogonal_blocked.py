"""tf.orthogonal_initializer and tf.linalg.qr against TF 1.14's bits (golden
initializers/orthogonal_blocked). Below 48 columns flowgrad's Qr is Eigen's unblocked
HouseholderQR (engine/ops/eigen_qr); from 48 columns on (and m < n) Eigen blocks the
factorization and Q (engine/ops/eigen_qr_blocked). Every case eigen_qr handles must
match; the sizes it leaves to NumPy (above 96 rows or columns, float32's full Q of a
non-square matrix with more than 48 reflectors) are strict xfails, so a case that starts
matching must lose its mark."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import eigen_qr

import goldens

GEN = goldens.generator("initializers", "orthogonal_blocked")
WANT = goldens.load("initializers", "orthogonal_blocked")


def _shape(name):
    return tuple(int(s) for s in name.split("_")[2].split("x"))


def _reproduced(name):
    """Whether eigen_qr gives TF's bits for this case (its `handles`)."""
    shape = _shape(name)
    dt = np.float32 if "float32" in name else np.float64
    if name.startswith("init"):
        rows, cols = int(np.prod(shape[:-1])), shape[-1]
        m, n, full = max(rows, cols), min(rows, cols), False
    else:
        (m, n), full = shape, name.endswith("full")
    return eigen_qr.handles(np.zeros((m, n), dt), full)


def test_blocked_cases_are_covered():
    """The golden holds blocked cases that flowgrad reproduces, and ones it does not."""
    blocked = [k for k in WANT if GEN.blocked(_shape(k), qr=k.startswith("qr"))]
    assert any(_reproduced(k) for k in blocked)
    assert any(not _reproduced(k) for k in blocked)


@pytest.fixture(scope="module")
def got():
    tf.reset_default_graph()
    return GEN.cases(tf)


def test_every_case_has_a_golden(got):
    assert sorted(got) == sorted(WANT)
    assert len(WANT) == 2 * (len(GEN.INIT_SHAPES) + 2 * len(GEN.QR_SHAPES))


def test_shapes_and_first_values_close(got):
    """Whatever the bits, the values are TF's to rounding (same signs and columns)."""
    for name in WANT:
        w, g = WANT[name], got[name]
        pairs = [(w, g)] if name.startswith("init") else list(zip(w, g))
        for a, b in pairs:
            assert a[:2] == b[:2], name
            assert b[3] == pytest.approx(a[3], rel=1e-4, abs=1e-5), name


@pytest.mark.parametrize("name", sorted(k for k in WANT if _reproduced(k)))
def test_matches_tf_bit_for_bit(got, name):
    assert got[name] == WANT[name]


@pytest.mark.parametrize("name", sorted(k for k in WANT if not _reproduced(k)))
@pytest.mark.xfail(strict=True, reason="sizes eigen_qr leaves to NumPy's LAPACK QR "
                   "(Eigen's blocked path not checked or not reproduced there)")
def test_numpy_sizes_differ_from_tf(got, name):
    assert got[name] == WANT[name]

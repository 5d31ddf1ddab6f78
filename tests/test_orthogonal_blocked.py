"""tf.orthogonal_initializer, tf.keras.initializers.Orthogonal and tf.linalg.qr against
TF 1.14's bits (golden initializers/orthogonal_blocked). Below 48 columns flowgrad's Qr
is Eigen's unblocked HouseholderQR (engine/ops/eigen_qr); from 48 columns on (and m < n)
Eigen blocks the factorization and Q (engine/ops/eigen_qr_blocked), with Eigen's kc/mc
blocking of its triangular products. eigen_qr handles every size in the golden (up to
576 x 64 and 256 x 256), and every case must match bit for bit."""
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
    if not name.startswith("qr"):
        rows, cols = int(np.prod(shape[:-1])), shape[-1]
        m, n, full = max(rows, cols), min(rows, cols), False
    else:
        (m, n), full = shape, name.endswith("full")
    return eigen_qr.handles(np.zeros((m, n), dt), full)


def test_golden_cases_are_handled():
    """The golden holds blocked cases (tall from 1.5 n rows, above 96 columns, float32 with
    m < n, full Q of odd blocks), and eigen_qr gives TF's bits for all of them."""
    blocked = [k for k in WANT if GEN.blocked(_shape(k), qr=k.startswith("qr"))]
    assert len(blocked) > 100
    assert all(_reproduced(k) for k in WANT)


@pytest.fixture(scope="module")
def got():
    tf.reset_default_graph()
    return GEN.cases(tf)


def test_every_case_has_a_golden(got):
    assert sorted(got) == sorted(WANT)
    assert len(WANT) == 2 * (len(GEN.INIT_SHAPES) + len(GEN.KERAS_SHAPES)
                             + 2 * len(GEN.QR_SHAPES))


def test_shapes_and_first_values_close(got):
    """Whatever the bits, the values are TF's to rounding (same signs and columns)."""
    for name in WANT:
        w, g = WANT[name], got[name]
        pairs = list(zip(w, g)) if name.startswith("qr") else [(w, g)]
        for a, b in pairs:
            assert a[:2] == b[:2], name
            assert b[3] == pytest.approx(a[3], rel=1e-4, abs=1e-5), name


@pytest.mark.parametrize("name", sorted(WANT))
def test_matches_tf_bit_for_bit(got, name):
    assert got[name] == WANT[name]

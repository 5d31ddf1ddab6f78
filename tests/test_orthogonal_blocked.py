"""tf.orthogonal_initializer and tf.linalg.qr against TF 1.14's bits (golden
initializers/orthogonal_blocked). Below 48 columns flowgrad's Qr is Eigen's unblocked
HouseholderQR (engine/ops/eigen_qr) and matches; from 48 columns on (and m < n) Eigen
blocks the factorization and the reduced Q (householder_qr_inplace_blocked,
apply_block_householder_on_the_left with its triangular factor and triangular matrix
products), which flowgrad does not reproduce yet: those cases are strict xfails, so the
one that starts matching must lose its mark."""
from __future__ import annotations

import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("initializers", "orthogonal_blocked")
WANT = goldens.load("initializers", "orthogonal_blocked")


def _shape(name):
    return tuple(int(s) for s in name.split("_")[2].split("x"))


def _blocked(name):
    return GEN.blocked(_shape(name), qr=name.startswith("qr"))


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


@pytest.mark.parametrize("name", sorted(k for k in WANT if not _blocked(k)))
def test_unblocked_matches_tf_bit_for_bit(got, name):
    assert got[name] == WANT[name]


@pytest.mark.parametrize("name", sorted(k for k in WANT if _blocked(k)))
@pytest.mark.xfail(strict=True, reason="Eigen's blocked HouseholderQR (>= 48 columns, "
                   "or m < n) is not reproduced: flowgrad uses NumPy's LAPACK QR there")
def test_blocked_matches_tf_bit_for_bit(got, name):
    assert got[name] == WANT[name]

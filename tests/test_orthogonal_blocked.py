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


def _qr_paths(monkeypatch, build):
    """(Eigen's model's calls, NumPy's calls) when the value `build()` returns is run
    once."""
    from flowgrad.engine.ops import matrix
    used = {"eigen": 0, "numpy": 0}
    eigen, lapack = matrix._eigen_qr.qr, matrix._numpy_qr

    def count(key, fn):
        def run(*a, **k):
            used[key] += 1
            return fn(*a, **k)
        return run
    monkeypatch.setattr(matrix._eigen_qr, "qr", count("eigen", eigen))
    monkeypatch.setattr(matrix, "_numpy_qr", count("numpy", lapack))
    tf.reset_default_graph()
    value = build()
    with tf.Session() as sess:
        got = sess.run(value)
    flat = got.reshape(-1, got.shape[-1])
    flat = flat.T if flat.shape[0] < flat.shape[1] else flat
    flat = flat.astype(np.float64)
    atol = 2e-2 if got.dtype == np.float16 else 1e-4
    np.testing.assert_allclose(flat.T @ flat, 4 * np.eye(flat.shape[1]), atol=atol)
    # (a Qr of constants is folded once, when the plan's constant folding looks for zero
    # multipliers: engine/optimize/mul_by_ones.zero_muls, and the plan keeps its value)
    return used["eigen"], used["numpy"]


@pytest.mark.parametrize("make", [lambda s: tf.orthogonal_initializer(gain=2.0, seed=s),
                                  lambda s: tf.keras.initializers.Orthogonal(gain=2.0, seed=s)],
                         ids=["orthogonal_initializer", "keras_Orthogonal"])
def test_unseeded_orthogonal_takes_numpys_qr(monkeypatch, make):
    """With no graph seed and no op seed (seed = seed2 = 0, fresh numbers in every TF
    session: philox.Stream) the Qr of an orthogonal initializer runs NumPy's LAPACK QR
    (its numbers are not TF's to reproduce); a graph seed or an op seed keeps Eigen's
    bits (the golden cases above)."""
    assert _qr_paths(monkeypatch, lambda: make(None)((3, 3, 4, 16))) == (0, 1)
    assert _qr_paths(monkeypatch, lambda: make(3)((3, 3, 4, 16))) == (1, 0)

    def graph_seeded():
        tf.set_random_seed(1)
        return make(None)((3, 3, 4, 16))
    assert _qr_paths(monkeypatch, graph_seeded) == (1, 0)
    # float16 (a Cast between the random matrix and the Qr) and a wide matrix
    assert _qr_paths(monkeypatch, lambda: make(None)((16, 40), tf.float16)) == (0, 1)


def test_qr_of_a_seeded_or_fed_matrix_keeps_eigens_bits(monkeypatch):
    """Only an unseeded random op among the Qr input's producers switches to NumPy."""
    def qr_of(x):
        return lambda: tf.linalg.qr(x() * 2.0)[0] * 2.0
    assert _qr_paths(monkeypatch, qr_of(lambda: tf.random_normal([12, 5]))) == (0, 1)
    assert _qr_paths(monkeypatch, qr_of(lambda: tf.random_normal([12, 5], seed=7))) == (1, 0)
    assert _qr_paths(monkeypatch, qr_of(lambda: tf.constant(
        np.random.RandomState(0).randn(12, 5), tf.float32))) == (1, 0)

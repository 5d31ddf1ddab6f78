"""The probe programs of tests/pprobe48_scripts print TF 1.14's output under `flowgrad run`
(tests/golden/seeded/gen_pprobe48_scripts.py): whole seeded TF1 programs of numerical
linear algebra and solvers: tf.contrib.solvers (conjugate_gradient, cgls, lanczos_bidiag),
tf.linalg.expm trained through, sqrtm / logm, LinearOperator compositions (Composition,
Kronecker, BlockDiag, LowRankUpdate, Circulant), tf.contrib.sparsemax's loss trained a few
steps, Levenberg-Marquardt with matrix_solve_ls and natural gradient with cholesky_solve."""

import os

import pytest

import goldens
from goldens import load
import script_runner

HERE = os.path.join(os.path.dirname(__file__), "pprobe48_scripts")
GOLD = load("seeded", "pprobe48_scripts")
SCRIPTS = sorted(k for k in GOLD if k.endswith(".py"))

XFAIL = {
    "sqrtm_logm.py":
        "MatrixSquareRoot and MatrixLogarithm kernels (engine/ops/linalg_decomp.py) compute "
        "V f(D) V^-1 through NumPy's eig, not Eigen's MatrixSquareRoot (RealSchur, then "
        "the quasi-triangular root) and MatrixLogarithm (ComplexSchur, inverse scaling "
        "and Pade) that TF 1.14 runs: last bits differ (float64), float32 sqrtm by "
        "~1e-7 (flowgrad computes in float64 and rounds). Op counts match",
}

# float64 values through NumPy's log / exp (goldens.NUMPY1_SVML): other last digits under
# NumPy 1.25 on an AVX512 host
SVML = {"linop_compositions.py", "lm_natgrad.py"}
_SVML_SKIP = pytest.mark.skipif(goldens.NUMPY1_SVML, reason="NumPy 1.x's AVX512 SVML "
                                "float64 log/exp are not libm's (goldens.NUMPY1_SVML)")


@pytest.fixture(autouse=True)
def _golden_host(monkeypatch):
    # these goldens were made on an Intel Xeon (GOLD["host"]): TF's float32 products
    # (MatMul) used Eigen's blocking for its caches (engine/ops/host_cpu.py)
    monkeypatch.setenv("FLOWGRAD_CPU", GOLD["host"])


def test_golden_host_is_recorded():
    assert GOLD["host"] == "intel"


def test_every_script_has_a_golden():
    assert SCRIPTS == sorted(f for f in os.listdir(HERE) if f.endswith(".py"))


@pytest.mark.parametrize("script", [
    pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=XFAIL[s])) if s in XFAIL
    else pytest.param(s, marks=_SVML_SKIP) if s in SVML
    else s for s in SCRIPTS])
def test_script_prints_tf_output(script):
    out = script_runner.run("run", os.path.join(HERE, script))
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLD[script]

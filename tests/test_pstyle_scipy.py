"""ScipyOptimizerInterface against TF 1.14 with the SciPy of its day (golden
contrib_opt/pstyle_scipy): SLSQP with and without constraints, Nelder-Mead and an
image fit with L-BFGS-B start from float64 points as that SciPy did, so today's SciPy
runs them (its C SLSQP refused float32) to the same points; L-BFGS-B's message logged as
that SciPy's Fortran code wrote it."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

pytest.importorskip("scipy")
gen = goldens.generator("contrib_opt", "pstyle_scipy")
GOLD = goldens.load("contrib_opt", "pstyle_scipy")


def _compare(got, exp):
    assert got["step_dtypes"] == exp["step_dtypes"] == ["float64"]
    assert got["steps"].shape == exp["steps"].shape
    np.testing.assert_allclose(got["steps"], exp["steps"], rtol=1e-5, atol=1e-6)
    for g, e in zip(got["values"], exp["values"]):
        np.testing.assert_allclose(g, e, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", sorted(gen.CASES))
def test_small_problem(name):
    method, constraints = gen.CASES[name]
    got, exp = gen.run(tf, method, constraints), GOLD[name]
    _compare(got, exp)
    np.testing.assert_allclose(got["losses"], exp["losses"], rtol=1e-5, atol=1e-6)


def test_image_fit_with_bounds():
    got, exp = gen.image(tf), GOLD["lbfgsb_image"]
    _compare(got, exp)
    assert got["values"][0].min() >= 0.0 and got["values"][0].max() <= 1.0
    np.testing.assert_allclose(got["losses"], exp["losses"], rtol=1e-5)


@pytest.mark.parametrize("stop", sorted(gen.LBFGSB_STOPS))
def test_lbfgsb_log_message(stop):
    got, exp = gen.lbfgsb_log(tf, stop), GOLD["lbfgsb_log/" + stop]
    assert got["log"] == exp["log"]
    np.testing.assert_allclose(got["x"], exp["x"], rtol=1e-5)

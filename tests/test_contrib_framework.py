"""tf.contrib.framework's helpers against TF 1.14 (tests/golden/contrib_framework:
gen_framework.py's case functions run under the oracle and here with flowgrad): values,
op names, TF's errors."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("contrib_framework", "framework")
GOLDENS = goldens.load("contrib_framework", "framework")


def _same(got, exp, path="", tol=None):
    if isinstance(exp, dict):
        assert sorted(got) == sorted(exp), path
        for k in exp:
            _same(got[k], exp[k], f"{path}/{k}", tol)
    elif isinstance(exp, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(exp), (path, got, exp)
        for i, (g, e) in enumerate(zip(got, exp)):
            _same(g, e, f"{path}[{i}]", tol)
    elif isinstance(exp, (str, bool)) or exp is None:
        assert got == exp, (path, got, exp)
    else:
        got, exp = np.asarray(got), np.asarray(exp)
        assert got.dtype == exp.dtype and got.shape == exp.shape, path
        np.testing.assert_allclose(got, exp, err_msg=path, **(tol or {"rtol": 1e-6}))


# The orthogonal initializers go through a QR: Eigen's unblocked Householder QR is TF's
# bits (ops/eigen_qr.py); a 64-channel kernel's (blocked in Eigen) is LAPACK's, within
# the default rtol.
TOLERANCE: dict = {}


@pytest.mark.parametrize("case", sorted(GOLDENS))
def test_framework_helpers_match_tf(case):
    _same(getattr(gen, case)(tf), GOLDENS[case], case, TOLERANCE.get(case))


def test_deprecation_decorators_match_tf():
    got = goldens.generator("contrib_framework", "deprecation").cases(tf)
    _same(got, goldens.load("contrib_framework", "deprecation"))


def test_deprecation_warnings_logged_once_with_the_caller(caplog):
    fw = tf.contrib.framework

    @fw.deprecated("2019-03-01", "Use h.")
    def f(x):
        return x

    @fw.deprecated_arg_values(None, "Not 3.", warn_once=False, y=3)
    def g(x, y=1):
        return x

    with caplog.at_level("WARNING"):
        f(1)
        f(2)
        g(1, y=3)
        g(1, y=3)
        g(1)
    msgs = [r.getMessage() for r in caplog.records]
    assert len(msgs) == 3, msgs
    assert "test_contrib_framework.py" in msgs[0]
    assert "f (from test_contrib_framework) is deprecated and will be removed after " \
           "2019-03-01.\nInstructions for updating:\nUse h." in msgs[0]
    assert "calling " in msgs[1] and "with y=3 is deprecated and will be removed in a " \
           "future version" in msgs[1]

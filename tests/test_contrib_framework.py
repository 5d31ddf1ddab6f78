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


# The orthogonal initializers go through a QR: LAPACK's (NumPy) rounds differently from
# Eigen's Householder QR (TF) by a few float32 ulps; everything else is exact.
TOLERANCE = {"conv_orthogonal": {"rtol": 1e-5, "atol": 2e-6}}


@pytest.mark.parametrize("case", sorted(GOLDENS))
def test_framework_helpers_match_tf(case):
    _same(getattr(gen, case)(tf), GOLDENS[case], case, TOLERANCE.get(case))

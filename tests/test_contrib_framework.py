"""tf.contrib.framework's helpers against TF 1.14 (tests/golden/contrib_framework:
gen_framework.py's case functions run under the oracle and here with flowgrad): values,
op names, TF's errors."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("contrib_framework", "framework")
GOLDENS = goldens.load("contrib_framework", "framework")


def _same(got, exp, path=""):
    if isinstance(exp, dict):
        assert sorted(got) == sorted(exp), path
        for k in exp:
            _same(got[k], exp[k], f"{path}/{k}")
    elif isinstance(exp, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(exp), (path, got, exp)
        for i, (g, e) in enumerate(zip(got, exp)):
            _same(g, e, f"{path}[{i}]")
    elif isinstance(exp, (str, bool)) or exp is None:
        assert got == exp, (path, got, exp)
    else:
        np.testing.assert_allclose(np.asarray(got), np.asarray(exp), rtol=1e-6, err_msg=path)


@pytest.mark.parametrize("case", sorted(GOLDENS))
def test_framework_helpers_match_tf(case):
    _same(getattr(gen, case)(tf), GOLDENS[case], case)

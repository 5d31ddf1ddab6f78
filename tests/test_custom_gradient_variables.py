"""tf.custom_gradient and variables against TF 1.14
(tests/golden/gradients/gen_custom_gradient.py): the TypeError for a non-resource
variable made inside f, and which variables reach grad_fn."""
import numpy as np
import pytest

import flowgrad as tf
import goldens
from goldenio import GoldenError

cg_cases = goldens.generator("gradients", "custom_gradient")
GOLDEN = goldens.load("gradients", "custom_gradient")


def _compare(got, want, where):
    if isinstance(want, GoldenError):
        assert isinstance(got, BaseException) and GoldenError.of(got) == want, \
            f"{where}: {got!r} vs {want!r}"
    elif isinstance(want, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(want), f"{where}: {got}"
        for k in want:
            _compare(got[k], want[k], f"{where}.{k}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{where}: {got}"
        for i, (g, w) in enumerate(zip(got, want)):
            _compare(g, w, f"{where}[{i}]")
    elif isinstance(want, np.ndarray):
        assert got.dtype == want.dtype and got.shape == want.shape, f"{where}: {got}"
        np.testing.assert_array_equal(got, want, err_msg=where)
    else:
        assert got == want, f"{where}: {got!r} vs {want!r}"


@pytest.mark.parametrize("case", cg_cases.CASES, ids=lambda c: c.__name__)
def test_matches_tf114(case):
    _compare(case(tf), GOLDEN[case.__name__], case.__name__)

"""Space/depth/batch rearrangements, patches and morphology against TF 1.14
(tests/golden/array_extra/gen_space.py): values, the ops each call builds (gradients
included; where TF's C++ shape inference folds a constant TF writes a Const where flowgrad
writes the Shape op), and each misuse's error class and message (TF's shape-function
suffix " for 'Op' (op: ...) with input shapes ..." left out)."""
import pytest

import flowgrad as tf
from golden_case_checks import check_case, check_error
from goldens import generator, load

GEN = generator("array_extra", "space")
WANT = load("array_extra", "space")


@pytest.mark.parametrize("case", sorted(GEN.CASES))
def test_as_tf(case):
    check_case(GEN.CASES[case], WANT[case], tol=(1e-6, 1e-6), folded=True)


@pytest.mark.parametrize("case", sorted(GEN.ERRORS))
def test_errors_as_tf(case):
    check_error(GEN.ERRORS[case], WANT["error:" + case])


def test_nchw_vect_c_is_not_supported():
    with pytest.raises(NotImplementedError, match="NCHW_VECT_C"):
        tf.depth_to_space(tf.zeros([1, 1, 2, 2, 4]), 2, data_format="NCHW_VECT_C")

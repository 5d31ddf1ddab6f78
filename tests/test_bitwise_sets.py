"""tf.bitwise and tf.sets against TF 1.14 (tests/golden/array_extra/gen_bitwise_sets.py):
values (SparseTensor results as their three parts), the ops each call builds (the same
names and types as TF), and each misuse's error class and message (TF's shape-function
suffix " for 'Op' (op: ...) with input shapes ..." left out)."""
import pytest

from golden_case_checks import check_case, check_error
from goldens import generator, load

GEN = generator("array_extra", "bitwise_sets")
WANT = load("array_extra", "bitwise_sets")


@pytest.mark.parametrize("case", sorted(GEN.CASES))
def test_as_tf(case):
    check_case(GEN.CASES[case], WANT[case])


@pytest.mark.parametrize("case", sorted(GEN.ERRORS))
def test_errors_as_tf(case):
    check_error(GEN.ERRORS[case], WANT["error:" + case])

"""Classic TF1 tutorial programs against TF 1.14 (golden tutorials/pt_tutorials)."""
import pytest

import flowgrad as tf
import goldens

GOLDEN = goldens.load("tutorials", "pt_tutorials")


@pytest.mark.parametrize("case", sorted(GOLDEN))
def test_case(case):
    got = goldens.flowgrad_cases("tutorials", "pt_tutorials", tf)[case]
    goldens.same_exact(got, GOLDEN[case], case)

"""PowerSign's update against TF 1.14's bits (tests/golden/contrib_opt/gen_powersign_bits.py):
the exp of its sign-agreement scale is Eigen's pexp on packets of 8 and libm's expf on the
tail, as in ApplyPowerSign's one expression over the flat variable."""
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("contrib_opt", "powersign_bits")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_powersign_values_are_tf_bits(case):
    got = goldens.flowgrad_cases("contrib_opt", "powersign_bits", tf)[case]
    goldens.same_exact(got, GOLD[case], case)

"""PowerSign's update against TF 1.14's bits (tests/golden/contrib_opt/gen_powersign_bits.py):
the exp of its sign-agreement scale is libm's expf on every element, as ApplyPowerSign's one
coefficient-wise expression over the flat variable computes it (test_powersign_libm.py)."""
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("contrib_opt", "powersign_bits")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_powersign_values_are_tf_bits(case):
    got = goldens.flowgrad_cases("contrib_opt", "powersign_bits", tf)[case]
    goldens.same_exact(got, GOLD[case], case)

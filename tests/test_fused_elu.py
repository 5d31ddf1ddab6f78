"""MatMul + BiasAdd + Elu as Grappler's _FusedMatMul against TF 1.14's bits
(tests/golden/math/gen_fused_elu.py): the Elu row by row (Eigen's packets of 8 from each
row's start, libm's expf on the tail) when it is the BiasAdd's only reader, over the flat
tensor otherwise."""
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("math", "fused_elu")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_fused_elu_is_tf_bits(case):
    got = goldens.flowgrad_cases("math", "fused_elu", tf)[case]
    goldens.same_exact(got, GOLD[case], case)

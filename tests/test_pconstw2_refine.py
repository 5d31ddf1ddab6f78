"""A binary op's gradient receiving IndexedSlices: the slices are converted at each op
reading them, inside its scope, as TF 1.14's (`mul_grad/Mul/x`, `add_grad/Sum/input`,
`Maximum_grad/Select/t`, `SquaredDifference_grad/mul_1/x`); op listings and values
(tests/golden/array/gen_pconstw2_refine.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("array", "pconstw2_refine")
GEN = generator("array", "pconstw2_refine")


@pytest.fixture(scope="module")
def results():
    return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_as_tf(results, case):
    assert results[case] == GOLD[case]

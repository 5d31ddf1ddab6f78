"""Static shapes from TF 1.14's shape refiner when a shape function asks for an input's
value: the general constant evaluator (whole stateless subgraphs of constants) and
ConstantPartialShape's partial reads (tests/golden/array/gen_pconst_refine.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("array", "pconst_refine")
GEN = generator("array", "pconst_refine")


@pytest.fixture(scope="module")
def results():
    return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_static_shape_as_tf(results, case):
    assert results[case] == GOLD[case]

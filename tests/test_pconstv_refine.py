"""Static shapes (and build-time errors) from TF 1.14's shape functions of sparse, indexing,
joining, image, string, codec, queue and reduction ops that read an input's value: whole
through input_tensor (the constant evaluator), or partially through
MakeShapeFromShapeTensor (tests/golden/array/gen_pconstv_refine.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("array", "pconstv_refine")
GEN = generator("array", "pconstv_refine")


@pytest.fixture(scope="module")
def results():
    return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_static_shape_as_tf(results, case):
    assert results[case] == GOLD[case]

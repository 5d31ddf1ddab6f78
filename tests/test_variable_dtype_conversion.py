"""A variable converted to a tensor of another dtype raises before it reads, as in TF 1.14
(goldens from tests/golden/resvar/gen_variable_dtype_conversion.py): a failed op keeps one
ReadVariableOp of a resource variable in the graph, not two."""
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("resvar", "variable_dtype_conversion")
WANT = load("resvar", "variable_dtype_conversion")


@pytest.mark.parametrize("case", sorted(WANT))
def test_as_tf(case):
    assert getattr(GEN, case)(tf) == WANT[case]

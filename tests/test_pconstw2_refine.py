"""A binary op's gradient receiving IndexedSlices (converted inside the reading op's
scope, as TF 1.14's), and Python wrappers reading an argument's value when building as
TF's do (smart_cond's constant_value then TF_TryEvaluateConstant; tensor_util.constant_value
in tf.data, distributions, bucket, seq2seq): listings, values, static shapes, op counts,
errors, feedability (tests/golden/array/gen_pconstw2_refine.py)."""
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

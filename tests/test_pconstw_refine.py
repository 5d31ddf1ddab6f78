"""Python wrappers that read an argument's value when building as TF 1.14's do, with
tensor_util.constant_value / constant_value_as_shape (Size, Rank, Pack, ConcatV2, Fill of
constants): atrous convolutions, signal framing and windows, sort's axis, dropout, softmax's
dim, RNN states, ragged row ids and reductions, the Sum, ConcatV2 and GatherV2 gradients
(tests/golden/array/gen_pconstw_refine.py)."""
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("array", "pconstw_refine")
GEN = generator("array", "pconstw_refine")


@pytest.fixture(scope="module")
def results():
    return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_static_value_as_tf(results, case):
    assert results[case] == GOLD[case]

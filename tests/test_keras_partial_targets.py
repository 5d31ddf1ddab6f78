"""compile(target_tensors=...) for only some outputs against TF 1.14
(tests/golden/keras/gen_partial_targets.py): the other outputs' targets fed as a list, an
array or a dict in fit/evaluate/*_on_batch; results, weights, op counts; TF's ValueError."""
import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "partial_targets")
GEN = generator("keras", "partial_targets")


@pytest.mark.parametrize("case", sorted(GEN.CASES))
def test_partial_target_tensors(case):
    _compare(GEN.run(tf, case), GOLD[case], case)


def test_too_many_target_arrays():
    assert GEN.too_many(tf) == GOLD["too_many"]

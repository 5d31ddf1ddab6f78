"""Research-model building blocks against TF 1.14 (tests/golden/nn/gen_presearch_blocks.py):
softmax along another axis than the last (its graph-computed transposes), a spatial
transformer's bilinear sampler, segment / bincount / searchsorted helpers and errors."""
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("nn", "presearch_blocks")
GEN = goldens.generator("nn", "presearch_blocks")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_case_matches_tf(case):
    goldens.same_exact(getattr(GEN, case)(tf), GOLD[case], case)


def test_softmax_axis_transposes_by_computed_permutations():
    types = [t for _, t in GOLD["softmax_axis"]["axis1"]["ops"]]
    assert types.count("Transpose") == 2 and "ConcatV2" in types and "Range" in types

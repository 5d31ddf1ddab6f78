"""Errors of the ops under word-embedding programs as TF 1.14 raises them
(tests/golden/nn/gen_embedding_op_errors.py): ResourceGather's out-of-range index message,
TopKV2's negative k, ComputeAccidentalHits' shape checks at construction. Found while
probing for pprobe64 (tests/pprobe64_scripts)."""
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("nn", "embedding_op_errors")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_error_is_tfs(case):
    assert goldens.flowgrad_cases("nn", "embedding_op_errors", tf)[case] == GOLD[case]

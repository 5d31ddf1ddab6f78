"""The candidate samplers convert true_classes as TF 1.14's op_def_library converts an int64
input (tests/golden/nn/gen_candidate_sampler_inputs.py): a Python value becomes an int64
Const (no Cast op), an int32 or float32 Tensor raises TF's TypeError. Found by
tests/pprobe64_scripts/sampler_edges.py."""
import pytest

import flowgrad as tf
import goldens

GOLD = goldens.load("nn", "candidate_sampler_inputs")


@pytest.mark.parametrize("case", sorted(GOLD))
def test_true_classes_conversion_is_tfs(case):
    assert goldens.flowgrad_cases("nn", "candidate_sampler_inputs", tf)[case] == GOLD[case]

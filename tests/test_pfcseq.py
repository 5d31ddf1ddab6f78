"""tf.contrib.feature_column (sequence_input_layer and the sequence columns),
tf.contrib.staging.StagingArea (the Stage/Unstage/StagePeek/StageSize/StageClear kernels)
and tf.contrib.kernel_methods against TF 1.14 (tests/golden/contrib/gen_pfcseq.py, made on
an Intel Xeon: its cases run under flowgrad with FLOWGRAD_CPU=intel, in one process)."""
import pytest

import goldens
from goldens import load, same_exact

GOLD = load("contrib", "pfcseq")


@pytest.fixture(scope="module")
def got():
    assert GOLD["vendor"] == "intel"
    return goldens.flowgrad_cases_on("contrib", "pfcseq", GOLD["vendor"])


@pytest.mark.parametrize("case", ["fc_rnn", "fc_collections", "fc_columns", "fc_errors", "staging",
                                  "staging_blocking", "kernel_ops"])
def test_ops_values_and_errors_as_tf(got, case):
    same_exact(got[case], GOLD[case], case)


def test_kernel_linear_classifier_as_tf(got):
    # exact: the linear logits run as TF's _FusedMatMul (remap_matmul.py looks through
    # weighted_sum_from_feature_columns' Reshape to [-1, 1]), so 5 steps keep TF's bits
    same_exact(got["kernel_estimator"], GOLD["kernel_estimator"], "kernel_estimator")

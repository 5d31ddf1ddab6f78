"""tf.contrib.feature_column (sequence_input_layer and the sequence columns),
tf.contrib.staging.StagingArea (the Stage/Unstage/StagePeek/StageSize/StageClear kernels)
and tf.contrib.kernel_methods against TF 1.14 (tests/golden/contrib/gen_pfcseq.py, made on
an Intel Xeon: its cases run under flowgrad with FLOWGRAD_CPU=intel, in one process)."""
import numpy as np
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
    g, want = dict(got["kernel_estimator"]), dict(GOLD["kernel_estimator"])
    for key in ("classes", "variables", "errors"):
        same_exact(g.pop(key), want.pop(key), key)
    # flowgrad's contrib.learn linear model over an 8-wide real-valued column is an ulp
    # off TF's after a few steps (LinearClassifier alike, with or without kernel mappers);
    # the mapped features themselves are TF's bits (kernel_ops)
    metrics = g.pop("metrics")
    assert sorted(metrics) == sorted(want["metrics"])
    for key, value in want.pop("metrics").items():
        np.testing.assert_allclose(metrics[key], value, rtol=1e-6, err_msg=key)
    for key in ("proba", "weights"):
        for a, b in zip(g.pop(key), want.pop(key)):
            np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7, err_msg=key)
    assert g == want == {}

"""tf.contrib.losses.metric_learning against TF 1.14: values, gradients (float32, to a
few ulps: TF's kernels sum in their own order), op lists and errors; the private module
path imports under the tensorflow alias."""
import importlib

import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("losses", "metric_learning")
GEN = generator("losses", "metric_learning")
GOT = GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(c for c in GOLD if c != "errors"))
def test_loss(case):
    got, want = GOT[case], GOLD[case]
    assert got["ops"] == want["ops"]
    np.testing.assert_allclose(got["loss"], want["loss"], rtol=2e-6, atol=1e-7)
    assert len(got["grads"]) == len(want["grads"])
    for g, w in zip(got["grads"], want["grads"]):
        np.testing.assert_allclose(g, w, rtol=2e-5, atol=2e-6)


def test_errors():
    assert GOT["errors"] == GOLD["errors"]


def test_cluster_loss_is_absent_with_a_clear_error():
    with pytest.raises(AttributeError, match="metric_learning.cluster_loss"):
        tf.contrib.losses.metric_learning.cluster_loss


def test_private_module_path_under_the_alias():
    from flowgrad.compat.tf_alias import alias_tensorflow
    with alias_tensorflow():
        mod = importlib.import_module(
            "tensorflow.contrib.losses.python.metric_learning.metric_loss_ops")
        pkg = importlib.import_module("tensorflow.contrib.losses.python.metric_learning")
    assert callable(mod.pairwise_distance) and callable(pkg.triplet_semihard_loss)

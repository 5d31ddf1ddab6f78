"""The remapper's MatMul + BiasAdd fusion through a Reshape to the same shape, which the
arithmetic optimizer removes first (tests/golden/math/gen_remap_reshape.py, made on an Intel
Xeon: its cases run under flowgrad with FLOWGRAD_CPU=intel), against TF 1.14 bit for bit:
raw graphs, and the training of tf.contrib.layers' weighted_sum_from_feature_columns
(contrib.learn's linear models)."""
import pytest

import goldens
from goldens import load, same_exact

GOLD = load("math", "remap_reshape")


@pytest.fixture(scope="module")
def got():
    assert GOLD["vendor"] == "intel"
    return goldens.flowgrad_cases_on("math", "remap_reshape", GOLD["vendor"])


def test_fused_through_reshape(got):
    # fused: reshape_minus_one, reshape_rows, reshape_fed; kept (not fused): the Reshape
    # fetched, read twice, or to another shape
    for key in ("reshape_minus_one", "reshape_rows", "reshape_fed", "reshape_fetched",
                "reshape_read_twice", "reshape_other_shape"):
        same_exact(got[key], GOLD[key], key)


def test_weighted_sum_training(got):
    # fused under tf.gradients (contrib.learn's linear models), not under minimize's gates
    for key in ("weighted_sum_gradients", "weighted_sum_minimize"):
        same_exact(got[key], GOLD[key], key)

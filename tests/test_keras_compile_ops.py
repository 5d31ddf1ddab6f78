"""Model.compile / fit / evaluate / predict build TF 1.14's ops (tests/golden/keras/
gen_compile_ops.py): names, types and order after compile, the op counter after each
call, and a graph-seeded random_uniform made afterwards prints TF's numbers; the
history, evaluate and predict values stay TF's."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GOLD = load("keras", "compile_ops")
GEN = generator("keras", "compile_ops")
NAMES = sorted(name for name in GOLD if name not in ("gan", "skipped_output"))
FIT_NAMES = NAMES   # (sample weights' AssertGuard / is_valid_shape conds: TF's Switch/Merge)


@pytest.fixture(scope="module")
def got():
    return GEN.cases(tf)


def _ops(x):
    return [list(op) for op in x]


@pytest.mark.parametrize("name", NAMES)
def test_compile_builds_tf_ops(got, name):
    gold, mine = GOLD[name], got[name]
    assert _ops(mine["compile_ops"]) == _ops(gold["compile_ops"])
    assert mine["compile_count"] == gold["compile_count"]
    np.testing.assert_array_equal(mine["random_after_compile"],
                                  gold["random_after_compile"])


def test_output_without_loss_compiles_as_tf(got):
    gold, mine = GOLD["skipped_output"], got["skipped_output"]
    assert _ops(mine["compile_ops"]) == _ops(gold["compile_ops"])
    assert mine["compile_count"] == gold["compile_count"]
    assert mine["metrics_names"] == gold["metrics_names"]
    np.testing.assert_array_equal(mine["random_after_compile"],
                                  gold["random_after_compile"])


def test_gan_generator_built_after_compile_has_tf_weights(got):
    """A GAN's discriminator compiled, then the generator built: its graph-seeded initial
    weights, and the combined model's compile ops, are TF's."""
    gold, mine = GOLD["gan"], got["gan"]
    assert mine["after_d_compile"] == gold["after_d_compile"]
    assert _ops(mine["combined_compile_ops"]) == _ops(gold["combined_compile_ops"])
    assert mine["combined_compile_count"] == gold["combined_compile_count"]
    assert len(mine["generator_weights"]) == len(gold["generator_weights"])
    for a, b in zip(mine["generator_weights"], gold["generator_weights"]):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("name", NAMES)
def test_loop_values_are_tf(got, name):
    gold, mine = GOLD[name], got[name]
    assert sorted(mine["history"]) == sorted(gold["history"])
    for key, values in gold["history"].items():
        np.testing.assert_allclose(mine["history"][key], values, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(mine["evaluate"], gold["evaluate"], rtol=1e-5, atol=1e-6)
    assert len(mine["predict"]) == len(gold["predict"])
    for a, b in zip(mine["predict"], gold["predict"]):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("name", FIT_NAMES)
def test_fit_builds_tf_ops(got, name):
    gold, mine = GOLD[name], got[name]
    assert _ops(mine["fit_ops"]) == _ops(gold["fit_ops"])
    assert mine["fit_count"] == gold["fit_count"]


@pytest.mark.parametrize("name", NAMES)
def test_evaluate_predict_build_tf_ops(got, name):
    """evaluation/group_deps, predict/group_deps; after a fit with sample weights,
    evaluate without them rebuilds the loss and weighted metrics (TF's recompile)."""
    gold, mine = GOLD[name], got[name]
    assert _ops(mine["evaluate_ops"]) == _ops(gold["evaluate_ops"])
    assert mine["evaluate_count"] == gold["evaluate_count"]
    assert _ops(mine["predict_ops"]) == _ops(gold["predict_ops"])
    assert mine["predict_count"] == gold["predict_count"]


@pytest.mark.parametrize("name", NAMES)
def test_fit_op_counter_is_tf(got, name):
    assert got[name]["fit_count"] == GOLD[name]["fit_count"]


@pytest.mark.parametrize("name", NAMES)
def test_random_after_loops_is_tf(got, name):
    np.testing.assert_array_equal(got[name]["random_after_loops"],
                                  GOLD[name]["random_after_loops"])

"""tf.keras.mixed_precision.experimental against TF 1.14
(tests/golden/keras/gen_mixed_precision.py): Policy, global_policy/set_policy, the
'infer' policy's layers; LossScaleOptimizer in Keras fit with fixed and dynamic loss scales
(losses, weights, the loss scale's variables, the graph's ops by name) and its errors."""

import pytest

import flowgrad as tf
from goldens import generator, load
from test_layers import _compare

GOLD = load("keras", "mixed_precision")
GEN = generator("keras", "mixed_precision")


def test_policies():
    got = GEN.policies(tf)
    want = dict(GOLD["policies"])
    bad = want.pop("bad")
    assert type(got.pop("bad")).__name__ == bad.cls == "ValueError"
    _compare(got, want, "policies")


def test_infer_float32_vars_layers():
    """The policy's layers make AutoCastVariables (tests/test_keras_autocast.py checks
    them against TF); a plain dtype gives a plain layer."""
    mp = tf.keras.mixed_precision.experimental
    with tf.Graph().as_default():
        layer = tf.keras.layers.Dense(2, dtype=mp.Policy("infer_float32_vars"))
        layer(tf.constant([[1., 2.]], tf.float16))
        assert type(layer.kernel).__name__ == "AutoCastVariable"
        mp.set_policy("infer_float32_vars")
        try:
            assert tf.keras.layers.Dense(2).dtype == "float32"
        finally:
            mp.set_policy("infer")
    assert tf.keras.layers.Dense(2, dtype="float16").dtype == "float16"


@pytest.mark.parametrize("case", ["128", "dynamic", "custom_dynamic", "overflow"])
def test_loss_scale_optimizer_fit(case):
    got = GEN.fit(tf, int(case) if case.isdigit() else case)
    want = GOLD["fit_" + case]
    # flowgrad's Keras fit makes the keras_learning_phase placeholder later than TF (in
    # any fit, not only here): the ops compared as a multiset; flowgrad's tf.cond has no
    # Switch/Merge plumbing (its op counter is TF's: last_id)
    want = dict(want)
    assert sorted(got.pop("ops")) == sorted(want.pop("ops"))
    _compare(got, want, case)


@pytest.mark.parametrize("case", ["fixed", "dynamic", "grad_loss_none", "grad_loss_fixed",
                                  "grad_loss_dynamic"])
def test_minimize(case):
    scale = {"fixed": 8, "dynamic": "dynamic", "none": None}[case.split("_")[-1]]
    grad_loss = {"none": 0.5, "fixed": 0.5, "dynamic": 3.}[case.split("_")[-1]] \
        if case.startswith("grad_loss") else None
    got = GEN.minimize(tf, scale, grad_loss)
    want = dict(GOLD["minimize_" + case])
    assert sorted(got.pop("ops")) == sorted(want.pop("ops"))
    _compare(got, want, case)


def test_errors():
    got = GEN.errors(tf)
    want = GOLD["errors"]
    assert [g[0] for g in got] == [w[0] for w in want]
    assert [g[1].split("<")[0] for g in got] == [w[1].split("<")[0] for w in want]

"""tf.keras.layers.Attention / AdditiveAttention against TF 1.14
(tests/golden/keras/gen_attention.py: the same case functions run with flowgrad)."""
import pytest

import flowgrad as tf
from goldens import GoldenError, generator, load
from test_layers import _compare

GOLD = load("keras", "attention")
GEN = generator("keras", "attention")

RUNS = {
    "dot": ("Attention", {}, {}),
    "dot_scale_causal_key_masks": ("Attention", {"use_scale": True, "causal": True},
                                   {"key": True, "masks": True, "scale": 0.7}),
    "dot_scale_init": ("Attention", {"use_scale": True}, {"masks": True}),
    "additive_seeded": ("AdditiveAttention", {}, {"seed": 3}),
    "additive_seeded_masks": ("AdditiveAttention", {"causal": True},
                              {"masks": True, "key": True, "seed": 5}),
    "additive_fixed": ("AdditiveAttention", {}, {"key": True,
                                                 "scale": [0.5, -0.25, 1.5, 0.1]}),
    "additive_no_scale_causal": ("AdditiveAttention", {"use_scale": False, "causal": True},
                                 {}),
}


def _same_error(got, want):
    assert isinstance(want, GoldenError), want
    assert isinstance(got, BaseException), got
    g = GoldenError.of(got)
    assert (g.cls, g.message) == (want.cls, want.message)


@pytest.mark.parametrize("case", sorted(RUNS))
def test_attention_values_grads_and_op_counts_as_tf(case):
    cls_name, kwargs, extra = RUNS[case]
    _compare(GEN._run(tf, cls_name, kwargs, **extra), GOLD[case], case)


@pytest.mark.parametrize("case,cls_name,kwargs", [
    ("config_dot", "Attention", {"use_scale": True, "causal": True, "name": "att"}),
    ("config_additive", "AdditiveAttention", {"use_scale": False, "causal": True})])
def test_attention_config_as_tf(case, cls_name, kwargs):
    _compare(GEN._config(tf, cls_name, kwargs), GOLD[case], case)


@pytest.mark.parametrize("case", ["err_not_list", "err_one", "err_four", "err_mask_not_list",
                                  "err_mask_one"])
def test_attention_errors_as_tf(case):
    _same_error(GEN._error(tf, getattr(GEN, "_" + case)), GOLD[case])


def test_attention_input_masks_not_supported_as_tf():
    got, want = GEN._embedding_mask(tf), GOLD["embedding_mask"]
    assert isinstance(got, TypeError)
    assert GoldenError.of(got).message == want.message


@pytest.mark.parametrize("case,cls_name,kwargs", [
    ("model_dot", "Attention", {"use_scale": True}),
    ("model_additive", "AdditiveAttention", {"causal": True})])
def test_attention_in_a_model_fit_as_tf(case, cls_name, kwargs):
    got = GEN._model(tf, cls_name, kwargs)
    want = dict(GOLD[case])
    _same_error(got.pop("rebuilt"), want.pop("rebuilt"))
    _compare(got, want, case)


def test_attention_signatures_and_layers_deserialize():
    assert tf.keras.layers.Attention().use_scale is False
    assert tf.keras.layers.AdditiveAttention().use_scale is True
    with pytest.raises(ValueError, match="Unknown layer: Attention"):
        tf.keras.layers.deserialize({"class_name": "Attention", "config": {}})


def test_layers_serialize_deserialize_round_trip():
    L = tf.keras.layers
    with tf.Graph().as_default():
        dense = L.deserialize(L.serialize(L.Dense(3, activation="relu", name="d")))
        assert isinstance(dense, L.Dense) and dense.units == 3 and dense.name == "d"
        bn = L.deserialize({"class_name": "BatchNormalizationV1",
                            "config": L.BatchNormalization(momentum=0.5).get_config()})
        assert isinstance(bn, L.BatchNormalization) and bn.momentum == 0.5
        seq = tf.keras.Sequential([L.Dense(2, input_shape=(3,))])
        again = L.deserialize(L.serialize(seq))
        assert isinstance(again, tf.keras.Sequential) and len(again.layers) == 1
        with pytest.raises(ValueError, match="Unknown layer: Nope"):
            L.deserialize({"class_name": "Nope", "config": {}})

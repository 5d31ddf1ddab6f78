"""train_and_evaluate, exporters, export_saved_model / export_savedmodel, evaluate and
predict details and warm starting against TF 1.14
(tests/golden/estimator/gen_train_export.py), plus what flowgrad refuses."""
import os
import sys

import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "estimator"))
import gen_train_export  # noqa: E402

GOLD = goldens.load("estimator", "train_export")


@pytest.fixture(scope="module")
def ours():
    try:
        return gen_train_export.cases(tf)
    finally:
        tf.reset_default_graph()


def _same(got, want, where):
    goldens.same_close(got, want, where)


@pytest.mark.parametrize("case", sorted(c for c in GOLD if c != "errors"))
def test_matches_tf(ours, case):
    _same(ours[case], GOLD[case], case)


def test_errors_match_tf(ours):
    assert sorted(ours["errors"]) == sorted(GOLD["errors"])
    for key, want in GOLD["errors"].items():
        got = ours["errors"][key]
        assert (type(got).__name__, str(got)) == (want.cls, want.message), key


def test_early_stopping_checks(tmp_path):
    est = tf.estimator.Estimator(lambda features: None, model_dir=str(tmp_path))
    with pytest.raises(TypeError, match="`should_stop_fn` must be callable"):
        tf.estimator.experimental.make_early_stopping_hook(est, 3)
    with tf.Graph().as_default():
        logits = tf.estimator.experimental.call_logit_fn(
            lambda features, mode: features["x"] * 2.0, {"x": tf.constant([1.0])}, "train",
            None, None)
        assert logits.dtype == tf.float32
        with pytest.raises(ValueError, match="logit_fn should return a Tensor"):
            tf.estimator.experimental.call_logit_fn(lambda features: 3, {}, "train", None,
                                                    None)


def test_refused_features(tmp_path):
    # vocabulary remapping is implemented (tests/test_warm_start.py): the settings pass
    settings = tf.estimator.WarmStartSettings("x", var_name_to_vocab_info={"a": None})
    est = tf.estimator.Estimator(lambda features: None, warm_start_from=settings)
    assert est._warm_start_settings.var_name_to_vocab_info == {"a": None}
    with pytest.raises(ValueError, match="The only supported values for the axis"):
        tf.estimator.VocabInfo("v", 3, 0, "o", axis=2)
    est = tf.estimator.Estimator(lambda features, mode: None, model_dir=str(tmp_path))
    with pytest.raises(ValueError, match="Couldn't find trained model"):   # as TF
        est.export_saved_model(str(tmp_path), lambda: None, experimental_mode="train")


def test_export_outputs_defaults_and_checks():
    with tf.Graph().as_default():
        pred = tf.constant([[1.0]])
        spec = tf.estimator.EstimatorSpec("infer", predictions={"p": pred})
        assert list(spec.export_outputs) == ["serving_default"]
        assert isinstance(spec.export_outputs["serving_default"],
                          tf.estimator.export.PredictOutput)
        one = tf.estimator.export.PredictOutput(pred)
        spec = tf.estimator.EstimatorSpec("infer", predictions=pred,
                                          export_outputs={"mine": one})
        assert sorted(spec.export_outputs) == ["mine", "serving_default"]
        with pytest.raises(ValueError, match="none of them is specified as the default"):
            tf.estimator.EstimatorSpec("infer", predictions=pred,
                                       export_outputs={"a": one, "b": one})
        with pytest.raises(TypeError, match="Values in export_outputs must be ExportOutput"):
            tf.estimator.EstimatorSpec("infer", predictions=pred, export_outputs={"a": 1})
        receiver = tf.estimator.export.TensorServingInputReceiver(pred, pred)
        assert receiver.features is pred and list(receiver.receiver_tensors) == ["input"]

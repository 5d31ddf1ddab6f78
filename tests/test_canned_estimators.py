"""The canned estimators against TF 1.14 (tests/golden/estimator/gen_canned.py): DNN,
Linear and DNNLinearCombined classifiers and regressors, warm-started from fixed weights,
trained a few steps with TF's default optimizers; evaluation results (TF's metric keys),
predictions (TF's prediction keys), trained variables and checkpoint names must be TF's.
Also the constructor and head checks, and what is out of scope."""
import os
import re
import sys

import numpy as np
import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "estimator"))
import gen_canned  # noqa: E402

GOLD = goldens.load("estimator", "canned")


@pytest.fixture(scope="module")
def ours():
    try:
        return gen_canned.cases(tf)
    finally:
        tf.reset_default_graph()


def _same(got, want, where):
    goldens.same_close(got, want, where)


@pytest.mark.parametrize("case", sorted(GOLD))
def test_canned_matches_tf(ours, case):
    _same(ours[case], GOLD[case], case)


def test_evaluate_keys_in_tf_order(ours):
    # TF's evaluate returns the metrics sorted, then global_step
    keys = list(ours["dnn_binary"]["eval"])
    assert keys == sorted(k for k in keys if k != "global_step") + ["global_step"]


def _cols():
    return [tf.feature_column.numeric_column("x", shape=[2])]


def test_constructor_checks():
    with pytest.raises(ValueError, match="Invalid loss_reduction: none"):
        tf.estimator.DNNClassifier([2], _cols(), loss_reduction=tf.losses.Reduction.NONE)
    with pytest.raises(TypeError, match="label_vocabulary should be a list or tuple"):
        tf.estimator.LinearClassifier(_cols(), label_vocabulary="ab")
    with pytest.raises(ValueError, match="n_classes must be > 2: 1"):
        tf.estimator.DNNClassifier([2], _cols(), n_classes=1)
    with pytest.raises(ValueError, match="Either linear_feature_columns or dnn_feature_col"):
        tf.estimator.DNNLinearCombinedClassifier()
    with pytest.raises(AttributeError, match="out of flowgrad's scope"):
        tf.estimator.BoostedTreesClassifier  # noqa: B018


def test_optimizer_names_and_errors(tmp_path):
    from flowgrad.estimator.canned import optimizers
    assert type(optimizers.get_optimizer_instance("SGD", 0.1)).__name__ == \
        "GradientDescentOptimizer"
    with pytest.raises(ValueError, match="Unsupported optimizer name: Nope"):
        optimizers.get_optimizer_instance("Nope", 0.1)
    with pytest.raises(ValueError, match="learning_rate must be specified"):
        optimizers.get_optimizer_instance("Adam")
    with pytest.raises(ValueError, match="not an Optimizer instance"):
        optimizers.get_optimizer_instance(object())


def _xy():
    x = np.array([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0]], np.float32)
    return x, np.array([[1], [0], [1]], np.int64)


def test_label_shape_and_type_errors(tmp_path):
    x, _ = _xy()
    est = tf.estimator.DNNClassifier([2], _cols(), n_classes=3, model_dir=str(tmp_path))
    with pytest.raises(ValueError, match="Labels dtype should be integer"):
        est.train(lambda: ({"x": tf.constant(x)}, tf.constant([[1.0], [0.0], [1.0]])),
                  steps=1)
    with pytest.raises(ValueError, match="Mismatched label shape"):
        est.train(lambda: ({"x": tf.constant(x)}, tf.constant([[1, 1], [0, 0], [1, 1]])),
                  steps=1)
    with pytest.raises(ValueError, match="You must provide a labels Tensor"):
        est.train(lambda: {"x": tf.constant(x)}, steps=1)
    with pytest.raises(ValueError, match="features should be a dictionary"):
        est.train(lambda: (tf.constant(x), tf.constant([[1], [0], [1]])), steps=1)


def test_dropout_and_batch_norm_train(tmp_path):
    x, y = _xy()
    est = tf.estimator.DNNClassifier([3], _cols(), dropout=0.5, batch_norm=True,
                                     model_dir=str(tmp_path),
                                     config=tf.estimator.RunConfig(tf_random_seed=3))
    est.train(lambda: ({"x": tf.constant(x)}, tf.constant(y)), steps=3)
    names = est.get_variable_names()
    for n in ("dnn/hiddenlayer_0/batchnorm_0/gamma", "dnn/hiddenlayer_0/batchnorm_0/beta",
              "dnn/hiddenlayer_0/batchnorm_0/moving_mean",
              "dnn/hiddenlayer_0/batchnorm_0/moving_variance"):
        assert n in names
    # the moving statistics were updated (UPDATE_OPS ran with the train op)
    assert not np.allclose(est.get_variable_value(
        "dnn/hiddenlayer_0/batchnorm_0/moving_mean"), 0.0)
    res = est.evaluate(lambda: ({"x": tf.constant(x)}, tf.constant(y)), steps=1)
    assert res["global_step"] == 3 and 0.0 <= res["accuracy"] <= 1.0


def test_labels_out_of_range_fail_at_run_time(tmp_path):
    x, _ = _xy()
    est = tf.estimator.LinearClassifier(_cols(), model_dir=str(tmp_path))
    # TF 1.14's first line, up to the values' formatting
    with pytest.raises(tf.errors.InvalidArgumentError, match=re.escape(
            "assertion failed: [Labels must <= n_classes - 1] [Condition x <= y did not hold "
            "element-wise:x (linear/head/ToFloat:0) = ]")):
        est.train(lambda: ({"x": tf.constant(x)}, tf.constant([[1], [2], [0]])), steps=1)
    est3 = tf.estimator.LinearClassifier(_cols(), n_classes=3, model_dir=str(tmp_path / "m"))
    with pytest.raises(tf.errors.InvalidArgumentError, match=r"Labels must >= 0"):
        est3.train(lambda: ({"x": tf.constant(x)}, tf.constant([[1], [-1], [0]])), steps=1)

"""tf.contrib.estimator's heads and the estimators taking a head against TF 1.14
(tests/golden/estimator/gen_heads.py): each head's create_estimator_spec on given logits,
labels and features (predictions, export outputs, loss, metric values and metric
variables), DNNEstimator / LinearEstimator / DNNLinearCombinedEstimator /
BaselineEstimator and DNNClassifier(batch_norm=True) trained from TF's seeded initial
weights (initial and trained variables, evaluation, predictions, SavedModel signatures),
and the errors a user can cause."""
import numpy as np
import pytest

import flowgrad as tf

import goldens

gen = goldens.generator("estimator", "heads")
GOLD = goldens.load("estimator", "heads")

SPECS = sorted(k for k in GOLD if k.startswith("spec/"))
SEEDED = sorted(k for k in GOLD if k.startswith("seeded/"))
ERRORS = sorted(k for k in GOLD if k.startswith("error/"))


@pytest.mark.parametrize("key", SPECS)
def test_create_estimator_spec_matches_tf(key):
    _, name, mode = key.split("/")
    if name == "multi_head":
        make, logits, labels = gen._multi(tf)
        got = gen.spec_case(tf, make, logits, labels, mode, multi=True)
    else:
        make, logits, labels = gen._heads(tf)[name]
        got = gen.spec_case(tf, make, logits, labels, mode)
    goldens.same_close(got, GOLD[key], key)


@pytest.mark.parametrize("key", SEEDED)
def test_seeded_head_estimators_match_tf(key):
    try:
        got = gen.run(tf, key.split("/")[1])
    finally:
        tf.reset_default_graph()
    want = GOLD[key]
    assert sorted(got["initial"]) == sorted(want["initial"])
    assert sorted(got["values"]) == sorted(want["values"])
    goldens.same_close(got, want, key)


@pytest.mark.parametrize("key", ERRORS)
def test_errors_match_tf(key):
    got = gen.errors(tf)[key.split("/")[1]]
    assert goldens.GoldenError.of(got) == GOLD[key]


def test_batch_norm_variables_and_update_ops_as_tf():
    """gamma/beta partitioned (part_0) ResourceVariables, the moving statistics plain
    ResourceVariables, the updates AssignSubVariableOps in UPDATE_OPS (TF 1.14's names)."""
    seen = {}

    class Look(tf.train.SessionRunHook):
        def begin(self):
            g = tf.get_default_graph()
            seen["vars"] = {v.op.name: type(v).__name__ for v in tf.global_variables()}
            seen["updates"] = [o.name for o in g.get_collection(tf.GraphKeys.UPDATE_OPS)]

    est = tf.estimator.DNNClassifier(
        [4], [tf.feature_column.numeric_column("x", shape=[2])], batch_norm=True,
        config=tf.estimator.RunConfig(tf_random_seed=1))
    try:
        est.train(tf.estimator.inputs.numpy_input_fn(
            {"x": gen.X}, gen.Y2, batch_size=4, shuffle=False, num_epochs=1),
            steps=1, hooks=[Look()])
    finally:
        tf.summary.FileWriterCache.clear()
    bn = "dnn/hiddenlayer_0/batchnorm_0/"
    assert seen["vars"][bn + "gamma/part_0"] == "ResourceVariable"
    assert seen["vars"][bn + "beta/part_0"] == "ResourceVariable"
    assert seen["vars"][bn + "moving_mean"] == "ResourceVariable"
    assert seen["vars"][bn + "moving_variance"] == "ResourceVariable"
    assert seen["updates"] == [bn + "AssignMovingAvg/AssignSubVariableOp",
                               bn + "AssignMovingAvg_1/AssignSubVariableOp"]
    names = est.get_variable_names()
    assert bn + "gamma/t_0/Adagrad" in names and bn + "moving_mean" in names


def test_forward_features_adds_features_to_predictions():
    est = tf.estimator.LinearEstimator(tf.contrib.estimator.regression_head(),
                                       [tf.feature_column.numeric_column("x", shape=[2])])
    fwd = tf.contrib.estimator.forward_features(est, "w")
    feats = {"x": gen.X, "w": gen.W}
    try:
        fwd.train(tf.estimator.inputs.numpy_input_fn(feats, gen.YR, batch_size=4,
                                                     shuffle=False), steps=2)
        preds = list(fwd.predict(tf.estimator.inputs.numpy_input_fn(
            feats, batch_size=4, shuffle=False)))
    finally:
        tf.summary.FileWriterCache.clear()
    assert sorted(preds[0]) == ["predictions", "w"]
    np.testing.assert_array_equal([p["w"] for p in preds], gen.W)
    with pytest.raises(TypeError, match="keys should be either a string or a list"):
        tf.contrib.estimator.forward_features(est, 3)


def test_clip_gradients_by_norm_clips_the_global_norm():
    with tf.Graph().as_default():
        v = tf.Variable([3.0, 4.0])
        opt = tf.contrib.estimator.clip_gradients_by_norm(
            tf.train.GradientDescentOptimizer(1.0), clip_norm=1.0)
        assert opt.get_name() == "ClipByNormGradientDescent"
        step = opt.minimize(tf.reduce_sum(v * v) / 2.0)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(step)
            np.testing.assert_allclose(sess.run(v), [3.0 - 0.6, 4.0 - 0.8], rtol=1e-6)


@pytest.mark.parametrize("name", ["RNNClassifier", "RNNEstimator", "SavedModelEstimator",
                                  "replicate_model_fn", "TowerOptimizer",
                                  "boosted_trees_classifier_train_in_memory",
                                  "DNNClassifierWithLayerAnnotations"])
def test_contrib_estimator_parts_not_built_name_themselves(name):
    with pytest.raises(AttributeError, match="tf.contrib.estimator.%s is not in flowgrad"
                       % name):
        getattr(tf.contrib.estimator, name)


inmemory = goldens.generator("estimator", "inmemory")
INMEMORY = goldens.load("estimator", "inmemory")


@pytest.mark.parametrize("kind", ["numpy", "dataset"])
def test_in_memory_evaluator_hook_matches_tf(kind):
    try:
        got = inmemory.run(tf, kind)
    finally:
        tf.reset_default_graph()
    goldens.same_close(got, INMEMORY["run/" + kind], kind)


def test_in_memory_evaluator_errors_and_chief_hook_match_tf():
    got = inmemory.errors(tf)
    assert goldens.GoldenError.of(got["every_n_iter"]) == INMEMORY["error/every_n_iter"]
    assert got["chief_hook"] == INMEMORY["error/chief_hook"]


def test_contrib_learn_key_classes_and_errors_match_tf():
    want = goldens.load("estimator", "learn")
    got = goldens.generator("estimator", "learn").cases(tf)
    assert sorted(got) == sorted(want)
    for key in want:
        if isinstance(want[key], goldens.GoldenError):
            assert goldens.GoldenError.of(got[key]) == want[key]
        else:
            assert got[key] == want[key], key


@pytest.mark.parametrize("name", ["ExportStrategy", "make_export_strategy", "run_n",
                                  "graph_actions"])
def test_contrib_learn_estimator_api_names_the_symbol_and_replacement(name):
    with pytest.raises(AttributeError, match=r"tf\.contrib\.learn\.%s is not in flowgrad: "
                                             r".*use tf\." % name):
        getattr(tf.contrib.learn, name)


def test_estimator_audit_lists_what_fails_at_first_use():
    import importlib.util
    import pathlib
    path = pathlib.Path(__file__).resolve().parents[1] / "tools" / "estimator_audit.py"
    spec = importlib.util.spec_from_file_location("estimator_audit", path)
    audit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(audit)
    rows = {path: (status, notes) for path, _, status, notes in audit.audit()}
    for name in ("DNNEstimator", "LinearEstimator", "DNNLinearCombinedEstimator",
                 "BaselineEstimator", "experimental.InMemoryEvaluatorHook"):
        assert rows["tf.estimator." + name][0] == "present", name
    for name in ("multi_head", "multi_label_head", "forward_features"):
        assert rows["tf.contrib.estimator." + name][0] == "present", name
    assert rows["tf.contrib.learn.SKCompat"][0] == "present"
    for name in ("LogisticRegressor", "DNNLinearCombinedClassifier", "InputFnOps"):
        assert rows["tf.contrib.learn." + name][0] == "present", name
    status, notes = rows["tf.contrib.learn.run_n"]
    assert status == "absent" and "use tf.train.MonitoredSession" in notes[0]
    assert rows["tf.estimator.BoostedTreesClassifier"][0] == "absent"

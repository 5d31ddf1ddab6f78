"""TF 1.14's heads (tf.contrib.estimator.*_head, multi_head) and the estimators taking a
head (tf.estimator.DNNEstimator, LinearEstimator, DNNLinearCombinedEstimator,
BaselineEstimator), and DNNClassifier with batch_norm=True (tests/test_heads.py).

- "spec/<head>/<mode>": a head's create_estimator_spec on given logits, labels and
  features: the predictions (values), the export outputs (kind and output names), the
  loss, every evaluation metric after one update, the metric variables' names.
- "seeded/<model>": an estimator trained 5 steps from TF's seeded initial weights
  (RunConfig(tf_random_seed=...), as gen_canned_seeded.py): the initial and trained
  variables, evaluate's results and predict's outputs."""
import shutil
import tempfile

import numpy as np

X = np.array([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0], [2.0, 0.0], [-1.0, 1.0], [0.3, 0.2],
              [1.5, -0.5], [0.0, 0.7]], np.float32)
S = np.array([b"a", b"b", b"c", b"a", b"d", b"b", b"e", b"c"])
W = np.array([1.0, 2.0, 0.5, 1.0, 3.0, 1.0, 0.5, 2.0], np.float32)
Y2 = np.array([1, 0, 1, 1, 0, 0, 1, 0], np.int64)
Y3 = np.array([2, 0, 1, 1, 0, 2, 1, 0], np.int64)
YR = np.array([1.0, 0.0, 2.0, 1.5, -0.5, 0.3, 1.1, 0.2], np.float32)
YP = np.array([1.0, 0.0, 3.0, 2.0, 0.0, 1.0, 4.0, 1.0], np.float32)
YL = np.array([0.9, 0.1, 0.6, 1.0, 0.0, 0.3, 0.7, 0.5], np.float32)
YM = np.array([[1, 0, 1], [0, 0, 0], [0, 1, 1], [1, 1, 1], [0, 0, 1], [1, 0, 0],
               [0, 1, 0], [1, 1, 0]], np.int64)

# logits / labels for the create_estimator_spec cases (4 examples)
L1 = np.array([[0.5], [-1.0], [2.0], [0.1]], np.float32)
L3 = np.array([[0.5, -1.0, 0.2], [1.0, 0.3, -0.4], [0.0, 0.0, 2.0], [-0.7, 1.2, 0.1]],
              np.float32)
L2 = np.array([[0.5, -1.0], [1.0, 0.3], [0.0, 2.0], [-0.7, 0.1]], np.float32)
SPEC_W = np.array([[1.0], [2.0], [0.5], [1.5]], np.float32)


def _heads(tf):
    ce = tf.contrib.estimator
    return {
        "binary": (lambda: ce.binary_classification_head(thresholds=[0.3, 0.6]), L1,
                   np.array([[1], [0], [1], [0]], np.int64)),
        "binary_named_weighted": (lambda: ce.binary_classification_head(
            weight_column="w", loss_reduction=tf.losses.Reduction.SUM, name="bin"), L1,
            np.array([[1], [0], [1], [0]], np.int64)),
        "binary_vocab_loss_fn": (lambda: ce.binary_classification_head(
            label_vocabulary=["no", "yes"],
            loss_fn=lambda labels, logits: tf.square(labels - tf.sigmoid(logits))), L1,
            np.array([[b"yes"], [b"no"], [b"no"], [b"yes"]])),
        "multi_class": (lambda: ce.multi_class_head(3), L3,
                        np.array([[2], [0], [2], [1]], np.int64)),
        "multi_class_vocab": (lambda: ce.multi_class_head(
            3, label_vocabulary=["r", "g", "b"], weight_column="w",
            loss_reduction=tf.losses.Reduction.MEAN, name="color"), L3,
            np.array([[b"b"], [b"r"], [b"g"], [b"g"]])),
        "regression": (lambda: ce.regression_head(label_dimension=2), L2,
                       np.array([[0.4, -1.0], [1.0, 0.0], [0.5, 1.5], [-1.0, 0.0]],
                                np.float32)),
        "regression_link": (lambda: ce.regression_head(
            weight_column="w", inverse_link_fn=tf.exp,
            loss_fn=lambda labels, logits: tf.abs(labels - logits), name="r"), L1,
            np.array([[0.4], [1.0], [2.5], [0.0]], np.float32)),
        "poisson": (lambda: ce.poisson_regression_head(), L1,
                    np.array([[1.0], [0.0], [3.0], [2.0]], np.float32)),
        "poisson_partial": (lambda: ce.poisson_regression_head(compute_full_loss=False),
                            L1, np.array([[1.0], [0.0], [3.0], [2.0]], np.float32)),
        "logistic": (lambda: ce.logistic_regression_head(), L1,
                     np.array([[0.9], [0.1], [0.5], [1.0]], np.float32)),
        "multi_label": (lambda: ce.multi_label_head(
            3, thresholds=[0.5], classes_for_class_based_metrics=[0, 2]), L3,
            np.array([[1, 0, 1], [0, 0, 0], [0, 1, 1], [1, 1, 0]], np.int64)),
        "multi_label_sparse": (lambda: ce.multi_label_head(3), L3, {
            "indices": np.array([[0, 0], [0, 1], [2, 0], [2, 1], [3, 0]], np.int64),
            "values": np.array([0, 2, 1, 2, 1], np.int64),
            "dense_shape": np.array([4, 2], np.int64)}),
        "multi_label_sparse_vocab": (lambda: ce.multi_label_head(
            3, label_vocabulary=["p", "q", "r"]), L3, {
            "indices": np.array([[0, 0], [1, 0], [3, 0], [3, 1]], np.int64),
            "values": np.array([b"r", b"p", b"q", b"p"]),
            "dense_shape": np.array([4, 2], np.int64)}),
        "multi_label_vocab": (lambda: ce.multi_label_head(
            3, label_vocabulary=["p", "q", "r"], weight_column="w",
            classes_for_class_based_metrics=["q"], name="tags"), L3,
            np.array([[1, 0, 1], [0, 0, 0], [0, 1, 1], [1, 1, 0]], np.int64)),
    }


def _labels(tf, value):
    """A constant, or a SparseTensor for a {"indices", "values", "dense_shape"} dict."""
    if isinstance(value, dict) and "indices" in value:
        return tf.SparseTensor(**{k: tf.constant(v) for k, v in value.items()})
    return tf.constant(value)


def _export_outputs(spec):
    out = {}
    for key, value in sorted((spec.export_outputs or {}).items()):
        kind = type(value).__name__
        if kind == "PredictOutput":
            names = sorted(value.outputs)
        elif kind == "ClassificationOutput":
            names = [n for n in ("scores", "classes") if getattr(value, n) is not None]
        else:
            names = ["value"]
        out[key] = [kind] + names
    return out


def _flat(d):
    out = {}
    for k, v in d.items():
        out["/".join(k) if isinstance(k, tuple) else k] = v
    return out


def spec_case(tf, make, logits, labels, mode, multi=False):
    """create_estimator_spec in `mode`; the values of its tensors in a fresh session."""
    with tf.Graph().as_default():
        head = make()
        feats = {"w": tf.constant(SPEC_W), "x": tf.constant(logits)}
        if multi:
            labels_t = {k: tf.constant(v) for k, v in labels.items()}
        else:
            labels_t = _labels(tf, labels)
        tf.train.get_or_create_global_step()
        spec = head.create_estimator_spec(
            features=feats, mode=mode, logits=tf.constant(logits),
            labels=None if mode == "infer" else labels_t,
            train_op_fn=lambda loss: tf.no_op())
        out = {"name": str(head.name), "logits_dimension": head.logits_dimension,
               "export_outputs": _export_outputs(spec)}
        with tf.Session() as sess:
            sess.run([tf.global_variables_initializer(), tf.local_variables_initializer(),
                      tf.tables_initializer()])
            out["predictions"] = sess.run(_flat(spec.predictions))
            if spec.loss is not None:
                out["loss"] = sess.run(spec.loss)
            if spec.eval_metric_ops:
                ops = _flat(spec.eval_metric_ops)
                sess.run({k: v[1] for k, v in ops.items()})
                out["metrics"] = sess.run({k: v[0] for k, v in ops.items()})
                out["metric_variables"] = sorted(v.op.name for v in tf.local_variables())
        return out


def _multi(tf):
    ce = tf.contrib.estimator
    return (lambda: ce.multi_head([ce.multi_class_head(3, name="a"),
                                   ce.regression_head(label_dimension=2, name="b")],
                                  head_weights=[1.0, 2.0]),
            np.concatenate([L3, L2], axis=1),
            {"a": np.array([[2], [0], [2], [1]], np.int64),
             "b": np.array([[0.4, -1.0], [1.0, 0.0], [0.5, 1.5], [-1.0, 0.0]], np.float32)})


def _x_col(tf):
    return tf.feature_column.numeric_column("x", shape=[2])


def _s_col(tf):
    return tf.feature_column.categorical_column_with_hash_bucket("s", 7)


def _models():
    def ce(tf):
        return tf.contrib.estimator

    return {
        "dnn_multi_class": (lambda tf, d: tf.estimator.DNNEstimator(
            ce(tf).multi_class_head(3), [4, 3], [_x_col(tf)], model_dir=d,
            config=tf.estimator.RunConfig(tf_random_seed=7)), Y3),
        "dnn_logistic_dropout": (lambda tf, d: tf.estimator.DNNEstimator(
            ce(tf).logistic_regression_head(), [5], [
                _x_col(tf), tf.feature_column.embedding_column(_s_col(tf), 3)],
            model_dir=d, dropout=0.3, optimizer="Adam",
            config=tf.estimator.RunConfig(tf_random_seed=3)), YL),
        "dnn_batch_norm": (lambda tf, d: tf.estimator.DNNClassifier(
            [4, 3], [_x_col(tf)], model_dir=d, batch_norm=True,
            config=tf.estimator.RunConfig(tf_random_seed=1)), Y2),
        "dnn_batch_norm_est": (lambda tf, d: tf.estimator.DNNEstimator(
            ce(tf).regression_head(), [3], [_x_col(tf)], model_dir=d, batch_norm=True,
            config=tf.estimator.RunConfig(tf_random_seed=2)), YR),
        "combined_batch_norm": (lambda tf, d: tf.estimator.DNNLinearCombinedClassifier(
            model_dir=d, linear_feature_columns=[_s_col(tf)], dnn_feature_columns=[_x_col(tf)],
            dnn_hidden_units=[3], batch_norm=True, n_classes=3,
            config=tf.estimator.RunConfig(tf_random_seed=9)), Y3),
        "linear_multi_label": (lambda tf, d: tf.estimator.LinearEstimator(
            ce(tf).multi_label_head(3), [_x_col(tf), _s_col(tf)], model_dir=d,
            config=tf.estimator.RunConfig(tf_random_seed=4)), YM),
        "baseline_regression": (lambda tf, d: tf.estimator.BaselineEstimator(
            ce(tf).regression_head(weight_column="w"), model_dir=d,
            config=tf.estimator.RunConfig(tf_random_seed=5)), YR),
        "combined_poisson": (lambda tf, d: tf.estimator.DNNLinearCombinedEstimator(
            ce(tf).poisson_regression_head(), model_dir=d,
            linear_feature_columns=[_s_col(tf)], dnn_feature_columns=[_x_col(tf)],
            dnn_hidden_units=[3], config=tf.estimator.RunConfig(tf_random_seed=6)), YP),
        "dnn_multi_head": (lambda tf, d: tf.estimator.DNNEstimator(
            ce(tf).multi_head([ce(tf).binary_classification_head(name="c"),
                               ce(tf).regression_head(name="r")], head_weights=[1.0, 0.5]),
            [4], [_x_col(tf)], model_dir=d,
            config=tf.estimator.RunConfig(tf_random_seed=8)), {"c": Y2, "r": YR}),
    }


def _input(tf, labels, train):
    feats = {"x": X, "s": S, "w": W}
    return tf.estimator.inputs.numpy_input_fn(
        feats, labels, batch_size=3, shuffle=False, num_epochs=None if train else 1)


_EXPORTED = ("dnn_multi_head", "linear_multi_label", "combined_poisson")


def _export(tf, est, d):
    """The signatures of the SavedModel export_saved_model writes: {key: [method, inputs,
    outputs]}."""
    receiver = tf.estimator.export.build_raw_serving_input_receiver_fn(
        {"x": tf.placeholder(tf.float32, [None, 2]), "s": tf.placeholder(tf.string, [None]),
         "w": tf.placeholder(tf.float32, [None])})
    path = est.export_saved_model(d + "/export", receiver)
    if isinstance(path, bytes):
        path = path.decode()
    with tf.Graph().as_default():
        with tf.Session() as sess:
            meta = tf.saved_model.loader.load(sess, ["serve"], path)
    return {k: [v.method_name, sorted(v.inputs), sorted(v.outputs)]
            for k, v in meta.signature_def.items()}


def run(tf, name):
    make, labels = _models()[name]
    d = tempfile.mkdtemp()
    init = {}

    class Initial(tf.train.SessionRunHook):
        def after_create_session(self, session, coord):
            for v in tf.global_variables():
                init[v.op.name] = session.run(v)
    try:
        est = make(tf, d)
        est.train(_input(tf, labels, True), steps=5, hooks=[Initial()])
        res = est.evaluate(_input(tf, labels, False))
        preds = [_flat(p) for p in est.predict(_input(tf, None, False))]
        out = {"initial": init, "eval": {k: np.asarray(v) for k, v in res.items()},
               "values": {n: est.get_variable_value(n) for n in est.get_variable_names()}}
        for key in sorted(preds[0]):
            out["pred_" + key] = np.stack([p[key] for p in preds])
        if name in _EXPORTED:
            out["signatures"] = _export(tf, est, d)
        return out
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _raises(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the error is the golden value
        return e
    return None


def errors(tf):
    """Errors a user can cause, as {name: exception}."""
    ce = tf.contrib.estimator

    def split_mismatch():
        with tf.Graph().as_default():
            make, logits, labels = _multi(tf)
            make().create_estimator_spec(features={}, mode="infer",
                                         logits=tf.constant(L3))

    def labels_not_dict():
        with tf.Graph().as_default():
            make, logits, labels = _multi(tf)
            make().create_estimator_spec(features={}, mode="eval",
                                         logits=tf.constant(logits), labels=[1])

    def combined_no_columns():
        tf.estimator.DNNLinearCombinedEstimator(ce.regression_head())

    return {
        "multi_label_n_classes": _raises(lambda: ce.multi_label_head(1)),
        "multi_label_threshold": _raises(lambda: ce.multi_label_head(3, thresholds=[1.5])),
        "multi_label_vocab_len": _raises(
            lambda: ce.multi_label_head(3, label_vocabulary=["a", "b"])),
        "multi_label_vocab_type": _raises(
            lambda: ce.multi_label_head(3, label_vocabulary="abc")),
        "multi_label_class_range": _raises(
            lambda: ce.multi_label_head(3, classes_for_class_based_metrics=[5])),
        "multi_label_class_names": _raises(
            lambda: ce.multi_label_head(3, classes_for_class_based_metrics=["a"])),
        "binary_threshold": _raises(lambda: ce.binary_classification_head(thresholds=[0.0])),
        "binary_vocab_type": _raises(
            lambda: ce.binary_classification_head(label_vocabulary="ab")),
        "multi_class_vocab_type": _raises(
            lambda: ce.multi_class_head(3, label_vocabulary="abc")),
        "multi_class_n_classes": _raises(lambda: ce.multi_class_head(2)),
        "loss_fn_missing": _raises(
            lambda: ce.regression_head(loss_fn=lambda labels: labels)),
        "loss_fn_extra": _raises(
            lambda: ce.regression_head(loss_fn=lambda labels, logits, foo: labels)),
        "reduction_none": _raises(lambda: ce.regression_head(loss_reduction="none")),
        "regression_dimension": _raises(lambda: ce.regression_head(label_dimension=0)),
        "multi_head_empty": _raises(lambda: ce.multi_head([])),
        "multi_head_weights": _raises(lambda: ce.multi_head(
            [ce.regression_head(name="a")], head_weights=[1.0, 2.0])),
        "multi_head_split": _raises(split_mismatch),
        "multi_head_labels": _raises(labels_not_dict),
        "combined_no_columns": _raises(combined_no_columns),
    }


def cases(tf):
    out = {"error/" + k: v for k, v in errors(tf).items()}
    for name, (make, logits, labels) in sorted(_heads(tf).items()):
        for mode in ("infer", "eval", "train"):
            out["spec/%s/%s" % (name, mode)] = spec_case(tf, make, logits, labels, mode)
    make, logits, labels = _multi(tf)
    for mode in ("infer", "eval", "train"):
        out["spec/multi_head/%s" % mode] = spec_case(tf, make, logits, labels, mode,
                                                     multi=True)
    for name in sorted(_models()):
        out["seeded/" + name] = run(tf, name)
    return out

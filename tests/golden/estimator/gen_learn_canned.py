"""tf.contrib.learn's canned DNNClassifier / DNNRegressor / LinearClassifier /
LinearRegressor (TF 1.14), the Iris tutorial way:
fit(x, y) / fit(input_fn) with tf_random_seed in RunConfig, the training losses, the
checkpoint's variable names and shapes, evaluate's keys and values, predict /
predict_classes / predict_proba / predict_scores, and the files in model_dir
(tests/test_learn_canned.py runs cases() on flowgrad)."""
import os
import re
import shutil
import tempfile

import numpy as np

_RNG = np.random.RandomState(7)
X = np.concatenate([_RNG.normal(c, 0.4, (6, 4)) for c in (0.0, 1.0, 2.0)]).astype(np.float32)
Y = np.repeat(np.arange(3), 6).astype(np.int32)


def _files(d):
    out = []
    for root, _, names in os.walk(d):
        for n in names:
            rel = os.path.relpath(os.path.join(root, n), d)
            out.append(re.sub(r"events\.out\.tfevents\..*", "EVENTS", rel))
    return sorted(out)


def _loss_hook(tf, out):
    class LossHook(tf.train.SessionRunHook):
        def begin(self):
            self._loss = tf.get_collection(tf.GraphKeys.LOSSES)[0]

        def before_run(self, run_context):
            return tf.train.SessionRunArgs(self._loss)

        def after_run(self, run_context, run_values):
            out.append(float(run_values.results))
    return LossHook()


def _graph_hook(tf, out):
    class GraphHook(tf.train.SessionRunHook):
        def begin(self):
            ops = tf.get_default_graph().get_operations()
            out.append(sorted(o.name for o in ops))
            out.append([v.name for v in tf.get_collection("dnn")])
    return GraphHook()


def _variables(est):
    return {n: list(np.shape(est.get_variable_value(n))) for n in est.get_variable_names()}


def _values(est):
    return {n: est.get_variable_value(n) for n in est.get_variable_names()}


def _results(res):
    return {k: np.asarray(v) for k, v in res.items()}


def _iris(tf):
    d = tempfile.mkdtemp()
    try:
        learn = tf.contrib.learn
        cols = learn.infer_real_valued_columns_from_input(X)
        est = learn.DNNClassifier(feature_columns=cols, hidden_units=[10, 20, 10], n_classes=3,
                                  model_dir=d, config=learn.RunConfig(tf_random_seed=42))
        losses, graph = [], []
        est.fit(x=X, y=Y, steps=12, monitors=[_loss_hook(tf, losses), _graph_hook(tf, graph)])
        out = {"losses": np.array(losses), "variables": _variables(est),
               "train_op_names": graph[0], "dnn_collection": graph[1],
               "values": _values(est), "files": _files(d),
               "eval": _results(est.evaluate(x=X, y=Y, steps=1))}
        out["predict"] = np.array(list(est.predict(x=X, as_iterable=True)))
        out["predict_classes"] = np.array(list(est.predict_classes(x=X[:4])))
        out["predict_proba"] = np.array(list(est.predict_proba(x=X[:4])))
        out["predict_batch"] = np.asarray(est.predict(x=X[:4], as_iterable=False))
        out["predict_outputs"] = [sorted(p) for p in est.predict(
            x=X[:2], outputs=["logits", "probabilities"])]
        return out
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _binary_input_fn(tf):
    d = tempfile.mkdtemp()
    try:
        learn = tf.contrib.learn
        feats = {"a": X[:, :2], "b": X[:, 2]}
        y = (Y > 0).astype(np.int64)
        cols = [tf.contrib.layers.real_valued_column("a", dimension=2),
                tf.contrib.layers.real_valued_column("b")]
        est = learn.DNNClassifier(hidden_units=[4, 3], feature_columns=cols, model_dir=d,
                                  optimizer=tf.train.GradientDescentOptimizer(0.1),
                                  activation_fn=tf.nn.tanh,
                                  config=learn.RunConfig(tf_random_seed=5))
        train = tf.estimator.inputs.numpy_input_fn(feats, y, batch_size=6, num_epochs=None,
                                                   shuffle=False)
        losses = []
        est.fit(input_fn=train, steps=8, monitors=[_loss_hook(tf, losses)])
        ev = tf.estimator.inputs.numpy_input_fn(feats, y, batch_size=9, shuffle=False)
        return {"losses": np.array(losses), "variables": _variables(est),
                "values": _values(est), "eval": _results(est.evaluate(input_fn=ev)),
                "predict": np.array(list(est.predict(input_fn=tf.estimator.inputs.
                                                     numpy_input_fn(feats, batch_size=9,
                                                                    shuffle=False))))}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _regressor(tf):
    d = tempfile.mkdtemp()
    try:
        learn = tf.contrib.learn
        y = (X.sum(axis=1) * 0.5).astype(np.float32)
        est = learn.DNNRegressor(hidden_units=[5], model_dir=d,
                                 feature_columns=learn.infer_real_valued_columns_from_input(X),
                                 config=learn.RunConfig(tf_random_seed=3))
        losses = []
        est.fit(x=X, y=y, batch_size=6, steps=7, monitors=[_loss_hook(tf, losses)])
        return {"losses": np.array(losses), "variables": _variables(est),
                "values": _values(est), "eval": _results(est.evaluate(x=X, y=y)),
                "eval_metric": _results(est.evaluate(x=X, y=y, metrics={
                    "mae": tf.metrics.mean_absolute_error})),
                "predict": np.array(list(est.predict(x=X))),
                "predict_scores": np.asarray(est.predict_scores(x=X, as_iterable=False))}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _linear(tf, classifier, optimizer=None):
    d = tempfile.mkdtemp()
    try:
        learn = tf.contrib.learn
        layers = tf.contrib.layers
        feats = {"a": X[:, :2], "b": X[:, 2], "k": np.array(["x", "y", "z"] * 6)}
        cols = [layers.real_valued_column("a", dimension=2), layers.real_valued_column("b"),
                layers.sparse_column_with_keys("k", ["x", "y", "z"])]
        if classifier:
            est = learn.LinearClassifier(feature_columns=cols, n_classes=3, model_dir=d,
                                         optimizer=optimizer)
            y = Y
        else:
            est = learn.LinearRegressor(feature_columns=cols, model_dir=d,
                                        optimizer=optimizer)
            y = (X.sum(axis=1) * 0.5).astype(np.float32)
        train = tf.estimator.inputs.numpy_input_fn(feats, y, batch_size=6, num_epochs=None,
                                                   shuffle=False)
        losses = []
        est.fit(input_fn=train, steps=6, monitors=[_loss_hook(tf, losses)])
        ev = tf.estimator.inputs.numpy_input_fn(feats, y, batch_size=18, shuffle=False)
        pred_in = tf.estimator.inputs.numpy_input_fn(feats, batch_size=18, shuffle=False)
        return {"losses": np.array(losses), "variables": _variables(est),
                "values": _values(est), "eval": _results(est.evaluate(input_fn=ev)),
                "predict": np.array(list(est.predict(input_fn=pred_in))),
                "files": _files(d)}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _metric_specs(tf):
    d = tempfile.mkdtemp()
    try:
        learn = tf.contrib.learn
        cols = [tf.contrib.layers.real_valued_column("", dimension=4)]
        est = learn.DNNClassifier([6], cols, n_classes=3, model_dir=d,
                                  config=learn.RunConfig(tf_random_seed=9,
                                                         save_checkpoints_steps=4))
        specs = {
            "accuracy": learn.MetricSpec(metric_fn=tf.contrib.metrics.streaming_accuracy,
                                         prediction_key="classes"),
            "precision": learn.MetricSpec(metric_fn=tf.contrib.metrics.streaming_precision,
                                          prediction_key="classes"),
            "recall": learn.MetricSpec(metric_fn=tf.contrib.metrics.streaming_recall,
                                       prediction_key="classes"),
            "mean_prob": learn.MetricSpec(
                metric_fn=lambda predictions, labels: tf.metrics.mean(predictions),
                prediction_key="probabilities")}
        monitor = learn.monitors.ValidationMonitor(
            X, Y, every_n_steps=4, metrics=specs, early_stopping_metric="loss",
            early_stopping_metric_minimize=True, early_stopping_rounds=200,
            check_interval_secs=None)
        est.fit(x=X, y=Y, steps=9, monitors=[monitor])
        out = {"eval": _results(est.evaluate(x=X, y=Y, metrics=specs)),
               "best_step": int(monitor.best_step),
               "best": _results(monitor.best_metrics),
               "str": str(specs["accuracy"])}
        try:
            est.evaluate(x=X, y=Y, metrics={"bad": learn.MetricSpec(
                tf.contrib.metrics.streaming_accuracy)})
        except ValueError as e:
            out["no_key"] = str(e)[:60]
        reg = learn.DNNRegressor([3], cols, model_dir=os.path.join(d, "reg"),
                                 config=learn.RunConfig(tf_random_seed=9))
        y = (X.sum(axis=1) * 0.5).astype(np.float32)
        reg.fit(x=X, y=y, steps=3)
        out["regressor"] = _results(reg.evaluate(x=X, y=y, metrics={
            "rmse": learn.MetricSpec(tf.contrib.metrics.streaming_root_mean_squared_error,
                                     prediction_key="scores")}))
        out["regressor_fn"] = _results(reg.evaluate(x=X, y=y, metrics={
            "mae": tf.contrib.metrics.streaming_mean_absolute_error}))
        try:   # TF sorts the metric keys: a bare function's becomes a tuple, a spec's not
            reg.evaluate(x=X, y=y, metrics={
                "rmse": learn.MetricSpec(tf.contrib.metrics.streaming_root_mean_squared_error,
                                         prediction_key="scores"),
                "mae": tf.contrib.metrics.streaming_mean_absolute_error})
        except TypeError as e:
            out["mixed_keys"] = str(e)
        return out
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _errors(tf):
    learn = tf.contrib.learn
    out = {}
    for name, fn in (("one_class", lambda: learn.DNNClassifier([3], [], n_classes=1)),
                     ("bad_activation", lambda: learn.DNNClassifier(
                         [3], [tf.contrib.layers.real_valued_column("")],
                         activation_fn="elu").fit(x=X, y=Y, steps=1))):
        try:
            fn()
        except ValueError as e:
            out[name] = str(e)
    return out


def cases(tf):
    return {"iris": _iris(tf), "binary_input_fn": _binary_input_fn(tf),
            "regressor": _regressor(tf), "errors": _errors(tf),
            "linear_classifier_ftrl": _linear(tf, True),
            "metric_specs": _metric_specs(tf),
            "linear_regressor_sgd": _linear(tf, False, "SGD")}

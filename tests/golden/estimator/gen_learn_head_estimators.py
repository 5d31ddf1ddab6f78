"""tf.contrib.learn's head-taking estimators (TF 1.14): LinearEstimator and DNNEstimator
over a regression / poisson / multi-class head, and LogisticRegressor over a
(probabilities, loss, train_op) model_fn: seeded losses, checkpoint variables and values,
evaluate's dicts and predictions (tests/test_learn_head_estimators.py runs cases() on
flowgrad)."""
import shutil
import tempfile

import numpy as np

_RNG = np.random.RandomState(5)
X = _RNG.normal(0.0, 1.0, (10, 3)).astype(np.float32)
K = np.array(["u", "v"] * 5)
Y3 = np.array([0, 1, 2, 1, 0, 2, 2, 1, 0, 1], np.int32)
YR = (X.sum(axis=1) * 0.3 + 1.0).astype(np.float32)
YB = (X[:, 0] > 0).astype(np.float32)


def _loss_hook(tf, out):
    class LossHook(tf.train.SessionRunHook):
        def begin(self):
            self._loss = tf.get_collection(tf.GraphKeys.LOSSES)[0]

        def before_run(self, run_context):
            return tf.train.SessionRunArgs(self._loss)

        def after_run(self, run_context, run_values):
            out.append(float(run_values.results))
    return LossHook()


def _values(est):
    return {n: est.get_variable_value(n) for n in est.get_variable_names()}


def _results(res):
    return {k: np.asarray(v) for k, v in res.items()}


def _inputs(tf, y, **kw):
    feats = {"x": X, "k": K, "w": np.linspace(0.5, 1.5, 10).astype(np.float32)}
    return tf.estimator.inputs.numpy_input_fn(feats, y, shuffle=False, **kw)


def _run(tf, make, y, steps=4, batch_size=5):
    d = tempfile.mkdtemp()
    try:
        est = make(d)
        losses = []
        est.fit(input_fn=_inputs(tf, y, batch_size=batch_size, num_epochs=None),
                steps=steps, monitors=[_loss_hook(tf, losses)])
        preds = list(est.predict(input_fn=_inputs(tf, None, batch_size=10)))
        return {"losses": np.array(losses), "values": _values(est),
                "eval": _results(est.evaluate(input_fn=_inputs(tf, y, batch_size=10))),
                "predict_keys": sorted(preds[0]) if isinstance(preds[0], dict) else None,
                "predict": {k: np.array([p[k] for p in preds]) for k in preds[0]}
                if isinstance(preds[0], dict) else np.array(preds)}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _columns(tf):
    layers = tf.contrib.layers
    return [layers.real_valued_column("x", dimension=3),
            layers.sparse_column_with_keys("k", ["u", "v"])]


def _linear_regression(tf):
    learn = tf.contrib.learn
    return _run(tf, lambda d: learn.LinearEstimator(
        feature_columns=_columns(tf), model_dir=d,
        head=learn.regression_head(weight_column_name="w")), YR)


def _linear_poisson(tf):
    learn = tf.contrib.learn
    return _run(tf, lambda d: learn.LinearEstimator(
        feature_columns=_columns(tf), model_dir=d, optimizer="SGD",
        head=learn.poisson_regression_head()), np.round(YR * 2))


def _linear_multiclass(tf):
    learn = tf.contrib.learn
    return _run(tf, lambda d: learn.LinearEstimator(
        feature_columns=_columns(tf), model_dir=d, gradient_clip_norm=0.5,
        head=learn.multi_class_head(3)), Y3)


def _dnn_multiclass(tf):
    learn = tf.contrib.learn
    layers = tf.contrib.layers
    cols = [layers.real_valued_column("x", dimension=3),
            layers.embedding_column(layers.sparse_column_with_keys("k", ["u", "v"]), 2)]
    return _run(tf, lambda d: learn.DNNEstimator(
        head=learn.multi_class_head(3), hidden_units=[4, 3], feature_columns=cols,
        model_dir=d, config=learn.RunConfig(tf_random_seed=8)), Y3)


def _dnn_regression(tf):
    learn = tf.contrib.learn
    cols = [tf.contrib.layers.real_valued_column("x", dimension=3)]
    return _run(tf, lambda d: learn.DNNEstimator(
        head=learn.regression_head(), hidden_units=[5], feature_columns=cols,
        optimizer=tf.train.GradientDescentOptimizer(0.1), activation_fn=tf.nn.tanh,
        model_dir=d, config=learn.RunConfig(tf_random_seed=2)), YR)


def _logistic_model_fn(tf):
    def model_fn(features, labels, mode):
        w = tf.get_variable("w", initializer=tf.constant([[0.2], [-0.1], [0.05]]))
        b = tf.get_variable("b", initializer=tf.constant([0.1]))
        logits = tf.reshape(tf.matmul(features["x"], w) + b, [-1])
        probs = tf.sigmoid(logits)
        if labels is None:
            return probs, None, None
        loss = tf.losses.sigmoid_cross_entropy(labels, logits)
        train_op = tf.train.GradientDescentOptimizer(0.5).minimize(
            loss, global_step=tf.train.get_global_step())
        return probs, loss, train_op
    return model_fn


def _logistic(tf, thresholds):
    learn = tf.contrib.learn
    return _run(tf, lambda d: learn.LogisticRegressor(
        model_fn=_logistic_model_fn(tf), thresholds=thresholds, model_dir=d), YB)


def _errors(tf):
    learn = tf.contrib.learn
    out = {}
    try:
        learn.LinearEstimator(feature_columns=[], head=learn.regression_head())
    except AssertionError as e:
        out["linear_no_columns"] = type(e).__name__
    return out


def cases(tf):
    return {"linear_regression": _linear_regression(tf),
            "linear_poisson": _linear_poisson(tf),
            "linear_multiclass": _linear_multiclass(tf),
            "dnn_multiclass": _dnn_multiclass(tf),
            "dnn_regression": _dnn_regression(tf),
            "logistic_default": _logistic(tf, None),
            "logistic_thresholds": _logistic(tf, [0.3, 0.7]),
            "errors": _errors(tf)}

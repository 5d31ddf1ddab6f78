"""tf.contrib.learn's binary_svm_head and multi_label_head (TF 1.14) under LinearEstimator /
DNNEstimator, and multi_head over named heads (an Estimator model_fn, split and dict
logits): seeded losses, checkpoint values, evaluate's dicts (metric_class_ids' per-class
keys), predictions, the heads' EVAL-mode op names and errors (tests/test_learn_more_heads.py
runs cases() on flowgrad)."""
import shutil
import tempfile

import numpy as np

_RNG = np.random.RandomState(9)
X = _RNG.normal(0.0, 1.0, (8, 3)).astype(np.float32)
YB = (X[:, 0] + X[:, 1] > 0).astype(np.int64)
YM = np.stack([X[:, 0] > 0, X[:, 1] > 0, X[:, 2] > 0.5], axis=1).astype(np.int64)


def _loss_hook(tf, out):
    class LossHook(tf.train.SessionRunHook):
        def begin(self):
            self._loss = tf.get_collection(tf.GraphKeys.LOSSES)[-1]   # (hinge_loss adds its own)

        def before_run(self, run_context):
            return tf.train.SessionRunArgs(self._loss)

        def after_run(self, run_context, run_values):
            out.append(float(run_values.results))
    return LossHook()


def _run(tf, make, y):
    d = tempfile.mkdtemp()
    try:
        est = make(d)
        feats = {"x": X, "w": np.linspace(0.5, 2.0, 8).astype(np.float32)}
        fit_in = tf.estimator.inputs.numpy_input_fn(feats, y, batch_size=4, num_epochs=None,
                                                    shuffle=False)
        losses = []
        est.fit(input_fn=fit_in, steps=4, monitors=[_loss_hook(tf, losses)])
        ev = tf.estimator.inputs.numpy_input_fn(feats, y, batch_size=8, shuffle=False)
        pr = tf.estimator.inputs.numpy_input_fn(feats, batch_size=8, shuffle=False)
        preds = list(est.predict(input_fn=pr))
        return {"losses": np.array(losses),
                "values": {n: est.get_variable_value(n) for n in est.get_variable_names()},
                "eval": {k: np.asarray(v) for k, v in est.evaluate(input_fn=ev).items()},
                "predict": {k: np.array([p[k] for p in preds]) for k in preds[0]}}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _svm(tf):
    learn = tf.contrib.learn
    return _run(tf, lambda d: learn.LinearEstimator(
        feature_columns=[tf.contrib.layers.real_valued_column("x", dimension=3)],
        head=learn.binary_svm_head(weight_column_name="w"), model_dir=d, optimizer="SGD"),
        YB)


def _multi_label(tf):
    learn = tf.contrib.learn
    return _run(tf, lambda d: learn.DNNEstimator(
        head=learn.multi_label_head(3, metric_class_ids=[0, 2]), hidden_units=[4],
        feature_columns=[tf.contrib.layers.real_valued_column("x", dimension=3)],
        model_dir=d, config=learn.RunConfig(tf_random_seed=4)), YM)


def _eval_ops(tf, head, labels):
    with tf.Graph().as_default() as g:
        logits = tf.constant(np.linspace(-1, 1, 8 * head.logits_dimension, dtype=np.float32)
                             .reshape(8, head.logits_dimension))
        ops = head.create_model_fn_ops({}, tf.contrib.learn.ModeKeys.EVAL,
                                       labels=tf.constant(labels), logits=logits)
        names = sorted(o.name for o in g.get_operations())
        with tf.Session() as sess:
            sess.run(tf.local_variables_initializer())
            sess.run([v[1] for v in ops.eval_metric_ops.values()])
            vals = sess.run({k: v[0] for k, v in ops.eval_metric_ops.items()})
            loss, preds = sess.run([ops.loss, ops.predictions])
        return {"ops": names, "metrics": vals, "loss": loss, "predictions": preds,
                "alternatives": {str(k): [v[0], sorted(v[1])]
                                 for k, v in ops.output_alternatives.items()}}


def _sparse_labels(tf):
    learn = tf.contrib.learn
    with tf.Graph().as_default():
        head = learn.multi_label_head(4, head_name="tags")
        labels = tf.SparseTensor([[0, 0], [0, 1], [1, 0]], tf.constant([1, 3, 0], tf.int64),
                                 [2, 2])
        ops = head.create_model_fn_ops({}, learn.ModeKeys.EVAL, labels=labels,
                                       logits=tf.constant([[0.5, -0.5, 1.0, 2.0],
                                                           [-1.0, 0.0, 0.5, 0.25]]))
        with tf.Session() as sess:
            sess.run(tf.local_variables_initializer())
            sess.run([v[1] for v in ops.eval_metric_ops.values()])
            return {"loss": sess.run(ops.loss),
                    "metrics": sess.run({k: v[0] for k, v in ops.eval_metric_ops.items()})}


def _multi_head_model_fn(tf):
    learn = tf.contrib.learn

    def model_fn(features, labels, mode):
        head = learn.multi_head([
            learn.multi_class_head(3, label_name="c", head_name="cls"),
            learn.regression_head(label_name="r", head_name="reg")], loss_weights=[1.0, 0.5])
        w = tf.get_variable("w", initializer=tf.constant(
            np.linspace(-0.4, 0.4, 12, dtype=np.float32).reshape(3, 4)))
        logits = tf.matmul(features["x"], w)

        def train_op_fn(loss):
            return tf.train.GradientDescentOptimizer(0.2).minimize(
                loss, global_step=tf.train.get_global_step())
        return head.create_model_fn_ops(features, mode, labels=labels,
                                        train_op_fn=train_op_fn, logits=logits)
    return model_fn


def _multi_head(tf):
    d = tempfile.mkdtemp()
    try:
        learn = tf.contrib.learn
        est = learn.Estimator(model_fn=_multi_head_model_fn(tf), model_dir=d)
        labels = {"c": YM.sum(axis=1).clip(0, 2), "r": X.sum(axis=1).astype(np.float32)}

        def fit_in():
            return {"x": tf.constant(X)}, {k: tf.constant(v) for k, v in labels.items()}
        losses = []
        est.fit(input_fn=fit_in, steps=3, monitors=[_loss_hook(tf, losses)])
        preds = list(est.predict(input_fn=lambda: ({"x": tf.constant(X)}, None)))
        ev = est.evaluate(input_fn=fit_in, steps=1)
        return {"losses": np.array(losses),
                "values": {n: est.get_variable_value(n) for n in est.get_variable_names()},
                "eval": {k: np.asarray(v) for k, v in ev.items()},
                "predict": {"%s/%s" % k: np.array([p[k] for p in preds]) for k in preds[0]}}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _multi_head_eval_ops(tf):
    learn = tf.contrib.learn
    with tf.Graph().as_default() as g:
        head = learn.multi_head([learn.binary_svm_head(label_name="svm", head_name="svm"),
                                 learn.multi_label_head(2, label_name="tags",
                                                        head_name="tags")])
        logits = {"svm": tf.constant([[0.5], [-1.0]]), "tags": tf.constant([[1.0, -1.0],
                                                                            [0.5, 0.5]])}
        ops = head.create_model_fn_ops({}, learn.ModeKeys.EVAL, logits=logits, labels={
            "svm": tf.constant([1.0, 0.0]), "tags": tf.constant([[1, 0], [1, 1]])})
        infer = head.create_model_fn_ops({}, learn.ModeKeys.INFER, logits=tf.constant(
            [[0.5, 1.0, -1.0]]))
        names = sorted(o.name for o in g.get_operations())
        with tf.Session() as sess:
            sess.run(tf.local_variables_initializer())
            sess.run([v[1] for v in ops.eval_metric_ops.values()])
            vals = sess.run({k: v[0] for k, v in ops.eval_metric_ops.items()})
            loss = sess.run(ops.loss)
            pred = sess.run({"%s/%s" % k: v for k, v in infer.predictions.items()})
        return {"ops": names, "metrics": vals, "loss": loss, "infer": pred,
                "eval_keys": sorted("%s/%s" % k for k in ops.predictions),
                "alternatives": sorted(infer.output_alternatives)}


def _errors(tf):
    learn = tf.contrib.learn
    out = {}
    for name, fn in (("one_class", lambda: learn.multi_label_head(1)),
                     ("unnamed", lambda: learn.multi_head([learn.regression_head()])),
                     ("loss_weights", lambda: learn.multi_head(
                         [learn.regression_head(head_name="a")], [1.0, 2.0])),
                     ("class_id", lambda: learn.multi_label_head(3, metric_class_ids=[3]))):
        try:
            fn()
            out[name] = "no error"
        except ValueError as e:
            out[name] = str(e)
    return out


def cases(tf):
    learn = tf.contrib.learn
    return {"svm": _svm(tf), "multi_label": _multi_label(tf),
            "svm_eval_ops": _eval_ops(tf, learn.binary_svm_head(), YB.astype(np.float32)),
            "multi_label_eval_ops": _eval_ops(tf, learn.multi_label_head(
                3, metric_class_ids=[1]), YM),
            "sparse_labels": _sparse_labels(tf), "errors": _errors(tf),
            "multi_head": _multi_head(tf), "multi_head_eval_ops": _multi_head_eval_ops(tf)}

"""tf.contrib.learn.Estimator (TF 1.14): fit / evaluate / predict a model_fn returning
ModelFnOps over in-memory x, y (the DataFeeder's placeholders and batches) and over an
input_fn; SKCompat; the evaluate dicts, predictions, variables, losses, files in model_dir,
RunConfig's defaults, infer_real_valued_columns_from_input and the errors
(tests/test_learn_estimator.py runs cases() on flowgrad)."""
import os
import re
import shutil
import tempfile

import numpy as np

X = np.array([[5.1, 3.5, 1.4, 0.2], [6.2, 2.9, 4.3, 1.3], [7.7, 3.0, 6.1, 2.3],
              [4.9, 3.0, 1.4, 0.2], [5.7, 2.8, 4.1, 1.3], [6.3, 3.3, 6.0, 2.5],
              [5.0, 3.6, 1.4, 0.2]], np.float32)
Y = np.array([0, 1, 2, 0, 1, 2, 0], np.int32)


def _model_fn(tf, seeded):
    learn = tf.contrib.learn

    def model_fn(features, labels, mode, params):
        if seeded:
            h = tf.layers.dense(features, 5, activation=tf.nn.relu, name="hidden")
            logits = tf.layers.dense(h, 3, name="logits")
        else:
            w = tf.get_variable("w", initializer=tf.constant(
                np.linspace(-0.3, 0.3, 12, dtype=np.float32).reshape(4, 3)))
            logits = tf.matmul(features, w)
        preds = {"classes": tf.argmax(logits, 1), "probabilities": tf.nn.softmax(logits)}
        if mode == learn.ModeKeys.INFER:
            return learn.ModelFnOps(mode, predictions=preds)
        loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)
        train_op = tf.contrib.layers.optimize_loss(
            loss, tf.train.get_global_step(), learning_rate=params["lr"], optimizer="SGD")
        return learn.ModelFnOps(mode, predictions=preds, loss=loss, train_op=train_op,
                                eval_metric_ops={"accuracy": tf.metrics.accuracy(
                                    labels, preds["classes"])})
    return model_fn


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
            self._loss = tf.losses.get_losses()[0]
            self._inputs = [o.name for o in tf.get_default_graph().get_operations()
                            if o.type == "Placeholder"]

        def before_run(self, run_context):
            return tf.train.SessionRunArgs(self._loss)

        def after_run(self, run_context, run_values):
            out.append(float(run_values.results))

        def end(self, session):
            out.append(self._inputs)
    return LossHook()


def _results(res):
    return {k: np.asarray(v) for k, v in res.items()}


def _fit_x_y(tf, seeded, batch_size, steps):
    d = tempfile.mkdtemp()
    try:
        learn = tf.contrib.learn
        est = learn.Estimator(_model_fn(tf, seeded), model_dir=d, params={"lr": 0.1},
                              config=learn.RunConfig(tf_random_seed=42))
        losses = []
        est.fit(x=X, y=Y, steps=steps, batch_size=batch_size,
                monitors=[_loss_hook(tf, losses)])
        out = {"losses": np.array(losses[:-1], np.float64), "placeholders": losses[-1],
               "names": sorted(est.get_variable_names()), "files": _files(d),
               "eval": _results(est.evaluate(x=X, y=Y)),
               "eval_batched": _results(est.evaluate(x=X, y=Y, batch_size=3, name="b3")),
               "eval_steps": _results(est.evaluate(x=X, y=Y, batch_size=2, steps=2)),
               "files_after_eval": _files(d)}
        preds = list(est.predict(x=X, as_iterable=True))
        out["pred_classes"] = np.array([p["classes"] for p in preds])
        out["pred_probs"] = np.array([p["probabilities"] for p in preds])
        out["pred_outputs"] = [sorted(p) for p in est.predict(x=X[:2], outputs=["classes"])]
        batch = est.predict(x=X, as_iterable=False)
        out["pred_batch"] = {k: np.asarray(v) for k, v in batch.items()}
        out["step"] = int(est.get_variable_value("global_step"))
        for name in est.get_variable_names():
            if name != "global_step":
                out["var " + name] = est.get_variable_value(name)
        return out
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _input_fn_and_skcompat(tf):
    d = tempfile.mkdtemp()
    try:
        learn = tf.contrib.learn
        est = learn.Estimator(_model_fn(tf, False), model_dir=d, params={"lr": 0.2})
        train = tf.estimator.inputs.numpy_input_fn(X, Y, batch_size=3, num_epochs=None,
                                                   shuffle=False)
        est.fit(input_fn=train, steps=4)
        ev = tf.estimator.inputs.numpy_input_fn(X, Y, batch_size=3, shuffle=False)
        out = {"eval": _results(est.evaluate(input_fn=ev)),
               "eval_metric_fn": _results(est.evaluate(input_fn=ev, metrics={
                   ("mean_class", "classes"): lambda p, l: tf.metrics.mean(
                       tf.cast(p, tf.float32))}))}
        est.fit(input_fn=train, max_steps=4)   # already there: skipped
        est.fit(input_fn=train, max_steps=6)
        sk = learn.SKCompat(est)
        sk.fit(X, Y, batch_size=4, steps=3)
        out["sk_score"] = _results(sk.score(X, Y, batch_size=5))
        pred = sk.predict(X, batch_size=4)
        out["sk_predict"] = {k: np.asarray(v) for k, v in pred.items()}
        out["step"] = int(est.get_variable_value("global_step"))
        return out
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _tuple_model_fn(tf):
    d = tempfile.mkdtemp()
    try:
        def model_fn(features, labels):
            w = tf.get_variable("w", initializer=tf.constant([[0.5], [-0.25]]))
            pred = tf.matmul(features, w)
            loss = tf.reduce_mean(tf.square(pred - labels))
            train_op = tf.train.GradientDescentOptimizer(0.05).minimize(
                loss, global_step=tf.train.get_global_step())
            return pred, loss, train_op
        x = np.array([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0]], np.float32)
        y = np.array([1.0, 0.0, 2.0], np.float32)
        est = tf.contrib.learn.Estimator(model_fn, model_dir=d)
        est.fit(x, y, steps=3)
        return {"eval": _results(est.evaluate(x, y)),
                "pred": np.array(list(est.predict(x))),
                "w": est.get_variable_value("w")}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _io_and_pandas(tf):
    import pandas as pd
    learn = tf.contrib.learn
    out = {}
    with tf.Graph().as_default():
        feats, target = learn.io.numpy_input_fn({"x": X}, Y, batch_size=4, shuffle=False)()
        with tf.train.MonitoredSession() as s:
            out["numpy_batches"] = []
            while not s.should_stop():
                f, t = s.run([feats, target])
                out["numpy_batches"].append([f["x"], t])
    df = pd.DataFrame(X, columns=["a", "b", "c", "d"])
    out["extract_data"] = learn.extract_pandas_data(df)
    out["extract_labels"] = learn.extract_pandas_labels(pd.DataFrame({"y": Y}))
    try:
        learn.extract_pandas_data(pd.DataFrame({"s": pd.Series(["u", "v"], dtype=object)}))
    except ValueError as e:
        out["extract_error"] = str(e)
    d = tempfile.mkdtemp()
    try:
        est = learn.Estimator(_model_fn(tf, False), model_dir=d, params={"lr": 0.1})
        losses = []
        est.fit(x=df, y=pd.Series(Y), steps=3, monitors=[_loss_hook(tf, losses)])
        out["pandas_losses"] = np.array(losses[:-1], np.float64)
        out["pandas_eval"] = _results(est.evaluate(x=df, y=pd.Series(Y)))
    except Exception as e:  # noqa: BLE001 - the error TF gives is the answer
        out["pandas_fit_error"] = [type(e).__name__, str(e)]
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)
    return out


def _monitors(tf):
    learn = tf.contrib.learn
    d = tempfile.mkdtemp()
    try:
        est = learn.Estimator(_model_fn(tf, False), model_dir=d, params={"lr": 0.5},
                              config=learn.RunConfig(save_checkpoints_steps=2))

        class Steps(learn.monitors.EveryN):
            def __init__(self):
                super(Steps, self).__init__(every_n_steps=3)
                self.seen = []

            def every_n_step_begin(self, step):
                return ["global_step"]

            def every_n_step_end(self, step, outputs):
                self.seen.append([int(step), int(outputs["global_step"])])
                return False

        steps = Steps()
        val = learn.monitors.ValidationMonitor(
            x=X, y=Y, every_n_steps=2, early_stopping_rounds=4, check_interval_secs=None,
            early_stopping_metric="accuracy", early_stopping_metric_minimize=False)
        est.fit(x=X, y=Y, steps=30, monitors=[steps, val])
        return {"seen": steps.seen, "early_stopped": val.early_stopped,
                "best_step": val.best_step, "best_value": np.asarray(val.best_value),
                "best_metrics": _results(val.best_metrics),
                "step": int(est.get_variable_value("global_step")),
                "stop_at": _stop_at(tf, est)}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _stop_at(tf, est):
    est.fit(x=X, y=Y, monitors=[tf.contrib.learn.monitors.StopAtStep(num_steps=3)])
    return int(est.get_variable_value("global_step"))


def _errors(tf):
    learn = tf.contrib.learn
    d = tempfile.mkdtemp()
    est = learn.Estimator(_model_fn(tf, False), model_dir=d, params={"lr": 0.1})
    out = {}
    attempts = {
        "no_input": lambda: est.fit(steps=1),
        "x_and_input_fn": lambda: est.fit(x=X, y=Y, input_fn=lambda: None),
        "input_fn_and_batch": lambda: est.fit(input_fn=lambda: None, batch_size=2),
        "steps_and_max": lambda: est.fit(x=X, y=Y, steps=1, max_steps=2),
        "evaluate_unfitted": lambda: est.evaluate(x=X, y=Y),
        "predict_unfitted": lambda: list(est.predict(x=X)),
        "metrics_not_dict": lambda: est.evaluate(input_fn=lambda: None, metrics=[1]),
        "params_without_arg": lambda: learn.Estimator(lambda features, labels: None,
                                                      params={"a": 1}),
        "bad_mode": lambda: learn.ModelFnOps("predict"),
        "missing_train_op": lambda: learn.ModelFnOps("train"),
    }
    for name, fn in sorted(attempts.items()):
        try:
            fn()
            out[name] = None
        except (ValueError, TypeError) as e:
            out[name] = [type(e).__name__, re.sub(r"<function .* at 0x[0-9a-f]+>", "FN",
                                                  str(e).replace(d, "MODEL_DIR"))]

    def spec_fn(features, labels, mode):
        loss = tf.reduce_sum(tf.get_variable("v", initializer=1.0) * features)
        return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=tf.no_op())
    try:
        learn.Estimator(spec_fn, model_dir=tempfile.mkdtemp()).fit(x=X, y=Y, steps=1)
    except ValueError as e:
        out["estimator_spec"] = [type(e).__name__, str(e)]
    shutil.rmtree(d, ignore_errors=True)
    return out


def _run_config(tf):
    learn = tf.contrib.learn
    out = {}
    for name, kw in (("default", {}), ("steps", {"save_checkpoints_steps": 10}),
                     ("seed", {"tf_random_seed": 3, "num_cores": 2,
                               "keep_checkpoint_max": 2})):
        c = learn.RunConfig(**kw)
        out[name] = {k: getattr(c, k) for k in (
            "tf_random_seed", "save_summary_steps", "save_checkpoints_secs",
            "save_checkpoints_steps", "keep_checkpoint_max", "keep_checkpoint_every_n_hours",
            "log_step_count_steps", "model_dir", "master", "evaluation_master", "is_chief",
            "num_ps_replicas", "num_worker_replicas", "task_type", "task_id", "environment")}
        out[name]["threads"] = [c.tf_config.inter_op_parallelism_threads,
                                c.tf_config.intra_op_parallelism_threads]
    return out


def _infer_columns(tf):
    learn = tf.contrib.learn
    cols = learn.infer_real_valued_columns_from_input(X)
    cols2 = learn.infer_real_valued_columns_from_input({"a": X, "b": X[:, 0]})
    return [[c.column_name, c.dimension, c.dtype.name] for c in cols + cols2]


def cases(tf):
    return {
        "fit_x_y_const": _fit_x_y(tf, False, None, 5),
        "fit_x_y_seeded_batch3": _fit_x_y(tf, True, 3, 6),
        "input_fn_skcompat": _input_fn_and_skcompat(tf),
        "tuple_model_fn": _tuple_model_fn(tf),
        "errors": _errors(tf),
        "run_config": _run_config(tf),
        "infer_columns": _infer_columns(tf),
        "io_and_pandas": _io_and_pandas(tf),
        "monitors": _monitors(tf),
    }

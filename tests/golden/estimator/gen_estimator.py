"""tf.estimator.Estimator with a linear model_fn and constant-initialized weights (TF 1.14):
the losses of each training step, evaluate's results, predictions, variable values and
the files in model_dir (tests/test_estimator.py runs cases() on flowgrad)."""
import os
import re
import shutil
import tempfile

import numpy as np

X = np.array([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0], [2.0, 0.0], [-1.0, 1.0]], np.float32)
Y = np.array([[1.0], [0.0], [2.0], [1.5], [-0.5]], np.float32)


def _model_fn(tf):
    def model_fn(features, labels, mode, params):
        w = tf.get_variable("w", initializer=tf.constant([[0.5], [-0.25]]))
        b = tf.get_variable("b", initializer=tf.constant([0.1]))
        pred = tf.matmul(features["x"], w) + b
        if mode == tf.estimator.ModeKeys.PREDICT:
            return tf.estimator.EstimatorSpec(mode, predictions={"y": pred, "twice": 2 * pred})
        loss = tf.losses.mean_squared_error(labels, pred)
        if mode == tf.estimator.ModeKeys.EVAL:
            return tf.estimator.EstimatorSpec(
                mode, loss=loss,
                eval_metric_ops={"mae": tf.metrics.mean_absolute_error(labels, pred)})
        opt = tf.train.GradientDescentOptimizer(params["lr"])
        train_op = opt.minimize(loss, global_step=tf.train.get_global_step())
        return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)
    return model_fn


def _loss_hook(tf, out):
    class LossHook(tf.train.SessionRunHook):
        def begin(self):
            self._loss = tf.losses.get_losses()[0]

        def before_run(self, run_context):
            return tf.train.SessionRunArgs(self._loss)

        def after_run(self, run_context, run_values):
            out.append(float(run_values.results))
    return LossHook()


def _files(d):
    out = []
    for root, _, names in os.walk(d):
        for n in names:
            rel = os.path.relpath(os.path.join(root, n), d)
            out.append(re.sub(r"events\.out\.tfevents\..*", "EVENTS", rel))
    return sorted(out)


def _train_input(tf):
    return tf.data.Dataset.from_tensor_slices(({"x": X}, Y)).repeat().batch(2)


def _eval_input(tf):
    return tf.data.Dataset.from_tensor_slices(({"x": X}, Y)).batch(2)


def _tensors_input(tf):
    return {"x": tf.constant(X)}, tf.constant(Y)


def _run(tf, max_steps=None, steps=None, config_kw=None, input_kind="dataset"):
    d = tempfile.mkdtemp()
    try:
        config = tf.estimator.RunConfig(tf_random_seed=1, **(config_kw or {}))
        est = tf.estimator.Estimator(_model_fn(tf), model_dir=d, config=config,
                                     params={"lr": 0.05})
        losses = []
        train_input = (lambda: _train_input(tf)) if input_kind == "dataset" else (
            lambda: _tensors_input(tf))
        est.train(train_input, hooks=[_loss_hook(tf, losses)], steps=steps,
                  max_steps=max_steps)
        res = est.evaluate(lambda: _eval_input(tf))
        res2 = est.evaluate(lambda: _eval_input(tf), steps=1, name="one")
        preds = list(est.predict(lambda: tf.data.Dataset.from_tensor_slices(
            {"x": X}).batch(2)))
        batched = list(est.predict(lambda: tf.data.Dataset.from_tensor_slices(
            {"x": X}).batch(2), predict_keys=["y"], yield_single_examples=False))
        out = {
            "losses": np.array(losses, np.float64),
            "eval": {k: np.asarray(v) for k, v in res.items()},
            "eval_one": {k: np.asarray(v) for k, v in res2.items()},
            "pred_y": np.stack([p["y"] for p in preds]),
            "pred_twice": np.stack([p["twice"] for p in preds]),
            "batched_keys": [sorted(b) for b in batched],
            "batched_y": np.concatenate([b["y"] for b in batched]),
            "w": est.get_variable_value("w"),
            "names": sorted(est.get_variable_names()),
            "latest": os.path.basename(est.latest_checkpoint()),
            "files": _files(d),
        }
        # a second train call resumes from the checkpoint
        more = []
        est.train(train_input, hooks=[_loss_hook(tf, more)], steps=2)
        out["resumed_losses"] = np.array(more, np.float64)
        out["resumed_latest"] = os.path.basename(est.latest_checkpoint())
        return out
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _errors(tf):
    est = tf.estimator.Estimator(_model_fn(tf), model_dir=tempfile.mkdtemp(),
                                 params={"lr": 0.1})
    out = {}
    try:
        est.train(lambda: _train_input(tf), steps=1, max_steps=2)
    except ValueError as e:
        out["both"] = e
    try:
        est.train(lambda: _train_input(tf), steps=0)
    except ValueError as e:
        out["zero"] = e
    est.train(lambda: _train_input(tf), steps=1)
    try:   # TF names the model's prediction keys as a dict_keys view
        list(est.predict(lambda: tf.data.Dataset.from_tensor_slices({"x": X}).batch(2),
                         predict_keys=["nope"]))
    except ValueError as e:
        out["predict_keys"] = e
    return out


def _numpy_batches(tf, num_epochs, batch_size, y_dict=False):
    xs = np.arange(14, dtype=np.float32).reshape(7, 2)
    ys = np.arange(7, dtype=np.int32)
    y = {"t": ys} if y_dict else ys
    out = []
    with tf.Graph().as_default():
        f, t = tf.estimator.inputs.numpy_input_fn(
            {"x": xs, "a": xs[:, 0]}, y, batch_size=batch_size, num_epochs=num_epochs,
            shuffle=False)()
        with tf.train.MonitoredSession() as s:
            while not s.should_stop():
                r = s.run([f, t])
                out.append((r[0]["x"], r[0]["a"], r[1]["t"] if y_dict else r[1]))
    return out


def _numpy_train(tf):
    d = tempfile.mkdtemp()
    try:
        est = tf.estimator.Estimator(_model_fn(tf), model_dir=d, params={"lr": 0.05})
        losses = []
        est.train(tf.estimator.inputs.numpy_input_fn({"x": X}, Y, batch_size=2,
                                                     num_epochs=None, shuffle=False),
                  hooks=[_loss_hook(tf, losses)], steps=5)
        res = est.evaluate(tf.estimator.inputs.numpy_input_fn({"x": X}, Y, batch_size=2,
                                                              shuffle=False))
        return {"losses": np.array(losses, np.float64),
                "eval": {k: np.asarray(v) for k, v in res.items()}}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def cases(tf):
    return {
        "max_steps_6": _run(tf, max_steps=6),
        "steps_3_tensors": _run(tf, steps=3, input_kind="tensors",
                                config_kw={"save_checkpoints_steps": 2}),
        "errors": _errors(tf),
        "numpy_1_epoch": _numpy_batches(tf, 1, 3),
        "numpy_2_epochs": _numpy_batches(tf, 2, 4),
        "numpy_y_dict": _numpy_batches(tf, 1, 5, y_dict=True),
        "numpy_train": _numpy_train(tf),
    }

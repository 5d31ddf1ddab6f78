"""TF 1.14's train_and_evaluate (local mode: an evaluation after each checkpoint but the
first, throttle_secs=0, exporters), Estimator.export_saved_model with a parsing and a raw
serving_input_receiver_fn (the SavedModel's signatures run on serialized Examples),
evaluate with checkpoint_path and steps, and warm starting with renamed variables
(tests/test_estimator_train_export.py runs cases() on flowgrad)."""
import os
import re
import shutil
import tempfile

import numpy as np

X = np.array([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0], [2.0, 0.0], [-1.0, 1.0], [0.3, 0.2]],
             np.float32)
Y = np.array([[1], [0], [1], [1], [0], [0]], np.int64)
YR = np.array([[1.0], [0.0], [2.0], [1.5], [-0.5], [0.3]], np.float32)


def _model_fn(tf):
    def model_fn(features, labels, mode, params):
        w = tf.get_variable("w", initializer=tf.constant([[0.5], [-0.25]]))
        b = tf.get_variable("b", initializer=tf.constant([0.1]))
        pred = tf.matmul(features["x"], w) + b
        if mode == tf.estimator.ModeKeys.PREDICT:
            return tf.estimator.EstimatorSpec(
                mode, predictions={"y": pred},
                export_outputs={
                    "serving_default": tf.estimator.export.RegressionOutput(pred),
                    "pred": tf.estimator.export.PredictOutput({"y": pred, "twice": 2 * pred})})
        loss = tf.losses.mean_squared_error(labels, pred)
        if mode == tf.estimator.ModeKeys.EVAL:
            return tf.estimator.EstimatorSpec(
                mode, loss=loss,
                eval_metric_ops={"mae": tf.metrics.mean_absolute_error(labels, pred)})
        train_op = tf.train.GradientDescentOptimizer(params["lr"]).minimize(
            loss, global_step=tf.train.get_global_step())
        return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)
    return model_fn


def _train_input(tf, labels=YR):
    return lambda: tf.data.Dataset.from_tensor_slices(({"x": X}, labels)).repeat().batch(2)


def _eval_input(tf, labels=YR):
    return lambda: tf.data.Dataset.from_tensor_slices(({"x": X}, labels)).batch(2)


def _examples(tf):
    out = []
    for row in X:
        ex = tf.train.Example(features=tf.train.Features(feature={
            "x": tf.train.Feature(float_list=tf.train.FloatList(value=list(row)))}))
        out.append(ex.SerializeToString())
    return np.array(out, dtype=object)


def _np(d):
    return {k: np.asarray(v) for k, v in d.items()}


def _tree(d):
    out = []
    for root, _, names in os.walk(d):
        for n in names:
            rel = os.path.relpath(os.path.join(root, n), d)
            rel = re.sub(r"events\.out\.tfevents\..*", "EVENTS", rel)
            rel = re.sub(r"export/(\w+)/\d+", r"export/\1/TIME", rel)
            out.append(rel)
    return sorted(out)


def _train_and_evaluate(tf):
    d = tempfile.mkdtemp()
    try:
        config = tf.estimator.RunConfig(save_checkpoints_steps=2, tf_random_seed=1)
        est = tf.estimator.Estimator(_model_fn(tf), model_dir=d, config=config,
                                     params={"lr": 0.05})
        fn = tf.estimator.export.build_parsing_serving_input_receiver_fn(
            {"x": tf.FixedLenFeature([2], tf.float32)})
        exporters = [tf.estimator.LatestExporter("latest", fn, exports_to_keep=2),
                     tf.estimator.FinalExporter("final", fn),
                     tf.estimator.BestExporter(serving_input_receiver_fn=fn)]
        evals = []

        class Hook(tf.train.SessionRunHook):
            def end(self, session):
                evals.append(int(session.run(tf.train.get_global_step())))
        train = tf.estimator.TrainSpec(_train_input(tf), max_steps=5)
        ev = tf.estimator.EvalSpec(_eval_input(tf), steps=2, exporters=exporters,
                                   throttle_secs=0, hooks=[Hook()])
        result, exports = tf.estimator.train_and_evaluate(est, train, ev)
        return {"result": _np(result), "exports": [e is not None for e in exports],
                "eval_steps": evals, "files": _tree(d),
                "latest": os.path.basename(est.latest_checkpoint())}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _run_signatures(tf, path, feeds):
    out = {}
    with tf.Graph().as_default(), tf.Session() as s:
        mg = tf.saved_model.loader.load(s, ["serve"], path)
        for key in sorted(mg.signature_def):
            sig = mg.signature_def[key]
            names = sorted(sig.outputs)
            inputs = sorted(sig.inputs)
            values = s.run([sig.outputs[n].name for n in names],
                           {sig.inputs[i].name: feeds[i] for i in inputs})
            out[key] = {"method": sig.method_name, "inputs": inputs,
                        "outputs": dict(zip(names, values))}
    return out


def _export(tf):
    d = tempfile.mkdtemp()
    try:
        est = tf.estimator.Estimator(_model_fn(tf), model_dir=d, params={"lr": 0.05})
        est.train(_train_input(tf), steps=3)
        out = {}
        parsing = tf.estimator.export.build_parsing_serving_input_receiver_fn(
            {"x": tf.FixedLenFeature([2], tf.float32)})
        path = est.export_saved_model(os.path.join(d, "exp"), parsing)
        out["parsing"] = _run_signatures(tf, path, {"examples": _examples(tf),
                                                    "inputs": _examples(tf)})
        raw = tf.estimator.export.build_raw_serving_input_receiver_fn(
            {"x": tf.placeholder(tf.float32, [None, 2])})
        path = est.export_savedmodel(os.path.join(d, "exp2"), raw,
                                     checkpoint_path=os.path.join(d, "model.ckpt-0"))
        out["raw_ckpt0"] = _run_signatures(tf, path, {"x": X})
        out["files"] = sorted(os.listdir(path))
        # a canned classifier: classify / regress / predict signatures on Examples
        cls = tf.estimator.LinearClassifier([tf.feature_column.numeric_column("x", [2])],
                                            model_dir=os.path.join(d, "lin"))
        cls.train(_train_input(tf, Y), steps=3)
        path = cls.export_saved_model(os.path.join(d, "exp3"), parsing)
        out["linear"] = _run_signatures(tf, path, {"examples": _examples(tf),
                                                   "inputs": _examples(tf)})
        return out
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _evaluate_details(tf):
    d = tempfile.mkdtemp()
    try:
        config = tf.estimator.RunConfig(save_checkpoints_steps=1)
        est = tf.estimator.Estimator(_model_fn(tf), model_dir=d, config=config,
                                     params={"lr": 0.05})
        est.train(_train_input(tf), steps=3)
        first = est.evaluate(_eval_input(tf), checkpoint_path=os.path.join(d, "model.ckpt-1"))
        two = est.evaluate(_eval_input(tf), steps=2, name="two")
        preds = list(est.predict(lambda: tf.data.Dataset.from_tensor_slices(
            {"x": X}).batch(4), checkpoint_path=os.path.join(d, "model.ckpt-2"),
            yield_single_examples=False))
        return {"first": _np(first), "two": _np(two),
                "pred_ckpt2": np.concatenate([p["y"] for p in preds]),
                "eval_dirs": sorted(n for n in os.listdir(d) if n.startswith("eval"))}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _warm_start_renamed(tf):
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            a = tf.Variable([[2.0], [1.0]], name="old_w")
            c = tf.Variable([0.5], name="b")
            saver = tf.train.Saver([a, c])
            with tf.Session() as s:
                s.run(tf.global_variables_initializer())
                saver.save(s, os.path.join(d, "src", "m.ckpt"))
        ws = tf.estimator.WarmStartSettings(
            os.path.join(d, "src"), vars_to_warm_start=["w", "b"],
            var_name_to_prev_var_name={"w": "old_w"})
        est = tf.estimator.Estimator(_model_fn(tf), model_dir=os.path.join(d, "m"),
                                     params={"lr": 0.05}, warm_start_from=ws)
        est.train(_train_input(tf), steps=1)
        only_w = tf.estimator.Estimator(
            _model_fn(tf), model_dir=os.path.join(d, "m2"), params={"lr": 0.0},
            warm_start_from=tf.estimator.WarmStartSettings(
                os.path.join(d, "src", "m.ckpt"), vars_to_warm_start="b"))
        only_w.train(_train_input(tf), steps=1)
        return {"w": est.get_variable_value("w"), "b": est.get_variable_value("b"),
                "w_untouched": only_w.get_variable_value("w"),
                "b_warm": only_w.get_variable_value("b")}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _extras(tf):
    d = tempfile.mkdtemp()
    try:
        est = tf.estimator.Estimator(_model_fn(tf), model_dir=d, params={"lr": 0.05})
        est.train(_train_input(tf), steps=2)
        more = tf.estimator.add_metrics(
            est, lambda labels, features: {"label_mean": tf.metrics.mean(labels),
                                           "x_max": tf.metrics.mean(
                                               tf.reduce_max(features["x"]))})
        res = more.evaluate(_eval_input(tf))
        first = tf.estimator.Estimator(_model_fn(tf), model_dir=os.path.join(d, "a"),
                                       params={"lr": 0.05})
        first.evaluate(_eval_input(tf))
        stop = tf.estimator.experimental.stop_if_lower_hook(
            first, "loss", 100.0, run_every_secs=None, run_every_steps=1)
        first.train(_train_input(tf), steps=10, hooks=[stop])
        after_stop = int(first.get_variable_value("global_step"))
        other = tf.estimator.Estimator(_model_fn(tf), model_dir=os.path.join(d, "b"),
                                       params={"lr": 0.05})
        never = tf.estimator.experimental.stop_if_higher_hook(
            other, "loss", 100.0, run_every_secs=None, run_every_steps=1)
        other.train(_train_input(tf), steps=3, hooks=[never])
        after_never = int(other.get_variable_value("global_step"))
        other.evaluate(_eval_input(tf))
        flat = tf.estimator.experimental.stop_if_no_decrease_hook(
            other, "mae", 0, run_every_secs=None, run_every_steps=2)
        other.train(_train_input(tf), steps=4, hooks=[flat])
        return {"add_metrics": _np(res), "after_stop": after_stop,
                "after_never": after_never,
                "after_flat": int(other.get_variable_value("global_step")),
                "stop_var": bool(first.get_variable_value("signal_early_stopping/STOP")),
                "names": sorted(other.get_variable_names())}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _errors(tf):
    out = {}
    fn = _train_input(tf)
    for key, make in (
            ("train_spec_steps", lambda: tf.estimator.TrainSpec(fn, max_steps=0)),
            ("train_spec_fn", lambda: tf.estimator.TrainSpec(3)),
            ("eval_spec_steps", lambda: tf.estimator.EvalSpec(fn, steps=0)),
            ("eval_spec_name", lambda: tf.estimator.EvalSpec(fn, name=3)),
            ("eval_spec_throttle", lambda: tf.estimator.EvalSpec(fn, throttle_secs=-1)),
            ("eval_spec_exporters", lambda: tf.estimator.EvalSpec(fn, exporters=[3])),
            ("latest_keep", lambda: tf.estimator.LatestExporter("a", fn, exports_to_keep=0)),
            ("tae_eval_spec", lambda: tf.estimator.train_and_evaluate(None, None, None)),
            ("receiver_none", lambda: tf.estimator.export.ServingInputReceiver(None, None)),
            ("predict_output", lambda: tf.estimator.export.PredictOutput({"a": 3})),
            ("regression_output", lambda: tf.estimator.export.RegressionOutput(3)),
            ("classification_none",
             lambda: tf.estimator.export.ClassificationOutput(None, None)),
            ("warm_no_ckpt", lambda: tf.estimator.WarmStartSettings("")),
            ("add_metrics_args", lambda: tf.estimator.add_metrics(None, lambda mode: {})),
            ("early_both", lambda: tf.estimator.experimental.make_early_stopping_hook(
                None, lambda: False, run_every_secs=1, run_every_steps=1)),
            ("export_no_model", lambda: tf.estimator.Estimator(
                _model_fn(tf), model_dir="/nonexistent/model", params={"lr": 1.0}
            ).export_saved_model(tempfile.mkdtemp(), fn))):
        try:
            make()
        except (TypeError, ValueError) as e:
            out[key] = type(e)(re.sub(r" at 0x[0-9a-f]+", "", str(e)))  # no addresses
    return out


def cases(tf):
    return {
        "train_and_evaluate": _train_and_evaluate(tf),
        "export": _export(tf),
        "evaluate_details": _evaluate_details(tf),
        "warm_start_renamed": _warm_start_renamed(tf),
        "extras": _extras(tf),
        "errors": _errors(tf),
    }

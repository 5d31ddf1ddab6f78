"""Estimator.experimental_export_all_saved_models and export_saved_model(experimental_mode)
under TF 1.14 (tests/test_export_all.py): one SavedModel with TRAIN ('train' tag, a
'tensorflow/supervised/training' signature: loss, predictions, metrics value/update_op),
EVAL ('eval') and PREDICT ('serve') meta graphs, read back with the loader: tags,
signatures (method, input and output keys, dtypes, shapes), the train-op collection, and
the signatures run on fed values; the errors for no valid mode and overlapping keys."""
import os
import shutil
import tempfile

import numpy as np

X = np.array([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0]], np.float32)
Y = np.array([[1.0], [0.0], [2.0]], np.float32)


def _model_fn(tf):
    def model_fn(features, labels, mode):
        w = tf.get_variable("w", [2, 1], initializer=tf.constant_initializer([[0.5], [-0.25]]))
        pred = tf.matmul(features["x"], w)
        if mode == tf.estimator.ModeKeys.PREDICT:
            return tf.estimator.EstimatorSpec(mode, predictions={"y": pred})
        loss = tf.reduce_mean(tf.square(pred - labels))
        step = tf.train.get_or_create_global_step()
        train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=step)
        return tf.estimator.EstimatorSpec(
            mode, loss=loss, predictions={"y": pred}, train_op=train_op,
            eval_metric_ops={"mae": tf.metrics.mean_absolute_error(labels, pred)})
    return model_fn


def _sig(sig):
    def infos(m):
        return {k: [v.name.split(":")[0] != "", v.dtype,
                    [d.size for d in v.tensor_shape.dim]] for k, v in sorted(m.items())}
    return {"method": sig.method_name, "inputs": infos(sig.inputs),
            "outputs": infos(sig.outputs)}


def _load(tf, path, tag, feeds):
    out = {}
    with tf.Graph().as_default() as g, tf.Session(graph=g) as s:
        mg = tf.saved_model.loader.load(s, [tag], path)
        out["signatures"] = {k: _sig(v) for k, v in sorted(mg.signature_def.items())}
        out["train_op_collection"] = len(g.get_collection("saved_model_train_op"))
        for key, sig in sorted(mg.signature_def.items()):
            fd = {g.get_tensor_by_name(sig.inputs[k].name): v for k, v in feeds.items()
                  if k in sig.inputs}
            names = sorted(k for k in sig.outputs if not k.endswith("update_op"))
            vals = s.run([g.get_tensor_by_name(sig.outputs[k].name) for k in names], fd)
            out["run_" + key] = dict(zip(names, vals))
    return out


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the class and message are the answer
        return "%s: %s" % (type(e).__name__, str(e).split("\n")[0])
    return None


def cases(tf):
    d = tempfile.mkdtemp()
    out = {}
    try:
        def input_fn():
            return tf.data.Dataset.from_tensor_slices(({"x": X}, Y)).repeat().batch(3)
        est = tf.estimator.Estimator(_model_fn(tf), model_dir=os.path.join(d, "m"))
        est.train(input_fn, steps=2)
        feats = {"x": tf.placeholder(tf.float32, [None, 2])}
        labels = tf.placeholder(tf.float32, [None, 1])
        sup = tf.estimator.experimental.build_raw_supervised_input_receiver_fn(feats, labels)
        serve = tf.estimator.export.build_raw_serving_input_receiver_fn(feats)
        path = est.experimental_export_all_saved_models(
            os.path.join(d, "export"), {tf.estimator.ModeKeys.TRAIN: sup,
                                        tf.estimator.ModeKeys.EVAL: sup,
                                        tf.estimator.ModeKeys.PREDICT: serve})
        path = path.decode() if isinstance(path, bytes) else path
        out["files"] = sorted(os.listdir(path))
        out["variables"] = sorted(os.listdir(os.path.join(path, "variables")))
        feeds = {"x": X, "label": Y}
        for tag in ("train", "eval", "serve"):
            out[tag] = _load(tf, path, tag, feeds)
        p2 = est.export_saved_model(os.path.join(d, "export2"), sup,
                                    experimental_mode=tf.estimator.ModeKeys.EVAL)
        p2 = p2.decode() if isinstance(p2, bytes) else p2
        out["eval_only"] = _load(tf, p2, "eval", feeds)
        out["eval_only_serve"] = _err(lambda: _load(tf, p2, "serve", feeds))
        out["no_modes"] = _err(lambda: est.experimental_export_all_saved_models(
            os.path.join(d, "export3"), {}))
        out["overlap"] = _err(lambda: tf.estimator.experimental.
                              build_raw_supervised_input_receiver_fn(
                                  {"label": feats["x"]}, labels))
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)
    return out

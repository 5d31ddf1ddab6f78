"""Checkpoints of TF 1.14's canned estimators (tests/test_canned_ckpt.py): each model is
trained 3 steps from scratch under TF 1.14 (RunConfig(tf_random_seed=1)); its checkpoint
files are kept (hex) with their names and shapes (one-part partitioned ResourceVariables,
TF's slot keys such as 'dnn/hiddenlayer_0/kernel/t_0/Adagrad'). Then `resume` writes those
files into a fresh model_dir and trains 4 more steps, evaluates and predicts: the test runs
`resume` on flowgrad from TF's files and compares everything, including the names and
shapes of the checkpoint flowgrad writes. Linear and Baseline models start from zeros, so
their from-scratch training (`scratch`) is compared too. `resume_flowgrad` is TF 1.14
resuming from the checkpoints flowgrad wrote (flowgrad_canned_ckpt/, made by
make_flowgrad_canned_ckpt.py): TF reads them, and flowgrad resuming from them must agree."""
import os
import shutil
import tempfile

import numpy as np

X = np.array([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0], [2.0, 0.0], [-1.0, 1.0], [0.3, 0.2],
              [1.5, -0.5]], np.float32)
S = np.array([[b"a"], [b"b"], [b"c"], [b"a"], [b"d"], [b"b"], [b"e"]])
Y2 = np.array([[1], [0], [1], [1], [0], [0], [1]], np.int64)
Y3 = np.array([[2], [0], [1], [1], [0], [2], [1]], np.int64)
YR = np.array([[1.0], [0.0], [2.0], [1.5], [-0.5], [0.3], [1.1]], np.float32)


def _cols(tf, emb):
    x = tf.feature_column.numeric_column("x", shape=[2])
    s = tf.feature_column.categorical_column_with_hash_bucket("s", 7)
    if emb:
        return [x, tf.feature_column.embedding_column(s, 2)]
    return [x, s, tf.feature_column.bucketized_column(
        tf.feature_column.numeric_column("x", shape=[2]), [0.0, 1.5])]


def _models():
    return {
        "dnn": (lambda tf, d: tf.estimator.DNNClassifier(
            [4, 3], _cols(tf, True), model_dir=d, config=_cfg(tf)), Y2),
        "dnn_regressor": (lambda tf, d: tf.estimator.DNNRegressor(
            [3], _cols(tf, True), model_dir=d, config=_cfg(tf), optimizer="Adam"), YR),
        "linear": (lambda tf, d: tf.estimator.LinearClassifier(
            _cols(tf, False), model_dir=d, n_classes=3, config=_cfg(tf)), Y3),
        "combined": (lambda tf, d: tf.estimator.DNNLinearCombinedRegressor(
            model_dir=d, linear_feature_columns=_cols(tf, False)[1:],
            dnn_feature_columns=_cols(tf, True)[:1], dnn_hidden_units=[3],
            config=_cfg(tf)), YR),
        "baseline": (lambda tf, d: tf.estimator.BaselineClassifier(
            model_dir=d, n_classes=3, config=_cfg(tf)), Y3),
    }


def _cfg(tf):
    return tf.estimator.RunConfig(tf_random_seed=1)


def _input(tf, labels, repeat, x_only=False):
    def input_fn():
        feats = {"x": X, "s": S}
        if x_only:
            return tf.data.Dataset.from_tensor_slices(feats).batch(3)
        ds = tf.data.Dataset.from_tensor_slices((feats, labels))
        return (ds.repeat() if repeat else ds).batch(3)
    return input_fn


def _ckpt(tf, est):
    reader = tf.train.NewCheckpointReader(est.latest_checkpoint())
    return sorted([k, v] for k, v in reader.get_variable_to_shape_map().items())


def _report(tf, est, labels):
    res = est.evaluate(_input(tf, labels, False))
    preds = list(est.predict(_input(tf, labels, False, x_only=True)))
    out = {"eval": {k: np.asarray(v) for k, v in res.items()}, "ckpt": _ckpt(tf, est),
           "values": {n: est.get_variable_value(n) for n in est.get_variable_names()}}
    for key in sorted(preds[0]):
        out["pred_" + key] = np.stack([p[key] for p in preds])
    return out


def resume(tf, name, files):
    """Continues model `name` from TF's checkpoint `files` ({file name: hex})."""
    make, labels = _models()[name]
    d = tempfile.mkdtemp()
    try:
        for fname, data in files.items():
            with open(os.path.join(d, fname), "wb") as f:
                f.write(bytes.fromhex(data))
        with open(os.path.join(d, "checkpoint"), "w") as f:
            f.write('model_checkpoint_path: "model.ckpt-3"\n'
                    'all_model_checkpoint_paths: "model.ckpt-3"\n')
        est = make(tf, d)
        est.train(_input(tf, labels, True), steps=4)
        return _report(tf, est, labels)
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def scratch(tf, name):
    """Model `name` trained 3 steps from scratch: its checkpoint's names, shapes, values."""
    make, labels = _models()[name]
    d = tempfile.mkdtemp()
    try:
        est = make(tf, d)
        est.train(_input(tf, labels, True), steps=3)
        files = {}
        for fname in sorted(os.listdir(d)):
            if fname.startswith("model.ckpt-3.") and not fname.endswith(".meta"):
                with open(os.path.join(d, fname), "rb") as f:
                    files[fname] = f.read().hex()
        return {"ckpt": _ckpt(tf, est),
                "values": {n: est.get_variable_value(n) for n in est.get_variable_names()},
                "files": files}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def flowgrad_files():
    """The checkpoints flowgrad wrote (make_flowgrad_canned_ckpt.py), by model: {model:
    {file name: hex}}."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "flowgrad_canned_ckpt")
    out = {}
    for name in sorted(os.listdir(root)):
        out[name] = {}
        for fname in sorted(os.listdir(os.path.join(root, name))):
            with open(os.path.join(root, name, fname), "rb") as f:
                out[name][fname] = f.read().hex()
    return out


def cases(tf):
    out = {}
    theirs = flowgrad_files()
    for name in sorted(_models()):
        first = scratch(tf, name)
        out[name] = {"scratch": first, "resume": resume(tf, name, first["files"]),
                     "resume_flowgrad": resume(tf, name, theirs[name])}
    return out

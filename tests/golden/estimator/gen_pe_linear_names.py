"""TF 1.14's canned linear model graph names: with v2 feature columns its logits come from
feature_column_v2.LinearModel (ops under 'linear/linear_model/linear_model/linear_model/',
weights and bias made first), as the prediction tensors, the gradient ops and a SavedModel's
signature show (tests/test_pe_linear_names.py runs cases() on flowgrad)."""
import os
import shutil
import tempfile

import numpy as np


def _columns(tf):
    fc = tf.feature_column
    return [fc.numeric_column("x", shape=[2]),
            fc.categorical_column_with_vocabulary_list("c", ["a", "b", "c"]),
            fc.bucketized_column(fc.numeric_column("n"), [0.0, 1.0]),
            fc.categorical_column_with_hash_bucket("h", 7)]


def _features(tf):
    return {"x": tf.placeholder(tf.float32, [None, 2], name="x_in"),
            "c": tf.placeholder(tf.string, [None, 1], name="c_in"),
            "n": tf.placeholder(tf.float32, [None, 1], name="n_in"),
            "h": tf.placeholder(tf.string, [None, 1], name="h_in")}


def _linear_ops(g):
    # the linear model's ops, their gradients and slots, the bias summary (the head and
    # the zero-fraction summary, a tf.cond of Switch / Merge ops in TF, are left out)
    return [(op.name, op.type) for op in g.get_operations()
            if "linear_model" in op.name or op.name.startswith("linear/bias")]


def _graph(tf, est, mode, labels):
    with tf.Graph().as_default() as g:
        spec = est.model_fn(_features(tf), labels() if labels else None, mode, est.config)
        preds = {k: v.name for k, v in sorted(spec.predictions.items())}
        return {"ops": _linear_ops(g), "predictions": preds,
                "variables": [v.name for v in tf.global_variables()],
                "trainable": [v.name for v in tf.trainable_variables()],
                "model_variables": [v.name for v in tf.model_variables()]}


def cases(tf):
    out = {}
    d = tempfile.mkdtemp()
    verbosity = tf.logging.get_verbosity()
    tf.logging.set_verbosity(tf.logging.ERROR)
    try:
        cols = _columns(tf)
        reg = tf.estimator.LinearRegressor(cols, model_dir=os.path.join(d, "r"))
        out["regressor_infer"] = _graph(tf, reg, "infer", None)
        out["regressor_train"] = _graph(
            tf, reg, "train", lambda: tf.placeholder(tf.float32, [None, 1]))
        cls = tf.estimator.LinearClassifier(cols[:2], n_classes=3,
                                            model_dir=os.path.join(d, "c"))
        out["classifier_eval"] = _graph(
            tf, cls, "eval", lambda: tf.placeholder(tf.int64, [None, 1]))
        wide = tf.estimator.DNNLinearCombinedClassifier(
            linear_feature_columns=cols[1:], dnn_feature_columns=cols[:1],
            dnn_hidden_units=[2], model_dir=os.path.join(d, "w"))
        out["combined_infer"] = _graph(tf, wide, "infer", None)
        # the exported signature names the prediction tensors
        x = np.array([[1.0, 2.0], [0.5, -1.0]], np.float32)
        small = tf.estimator.LinearRegressor(cols[:1], model_dir=os.path.join(d, "s"))
        small.train(lambda: tf.data.Dataset.from_tensor_slices(
            ({"x": x}, np.array([[1.0], [0.0]], np.float32))).repeat().batch(2), steps=2)
        path = small.export_saved_model(
            os.path.join(d, "exp"),
            tf.estimator.export.build_raw_serving_input_receiver_fn(
                {"x": tf.placeholder(tf.float32, [None, 2], name="x_in")}))
        with tf.Graph().as_default(), tf.Session() as s:
            sig = tf.saved_model.loader.load(s, ["serve"], path).signature_def["predict"]
            out["signature"] = {k: v.name for k, v in sorted(sig.outputs.items())}
            out["signature_values"] = s.run(sig.outputs["predictions"].name,
                                            {"x_in:0": x})
    finally:
        tf.logging.set_verbosity(verbosity)
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)
    out["summaries"] = summary_cases(tf)
    out["embedding"] = embedding_cases(tf)
    out["dnn_layers"] = dnn_layer_cases(tf)
    return out


def dnn_layer_cases(tf):
    """A DNN's dropout layers in the model's scope ('dnn/dropout', 'dnn/dropout_1') and its
    batch normalization in the hidden layer's, in training and evaluation."""
    out = {}
    d = tempfile.mkdtemp()
    try:
        est = tf.estimator.DNNClassifier([3, 2], [tf.feature_column.numeric_column("x", [2])],
                                         dropout=0.2, batch_norm=True, model_dir=d)
        for mode in ("train", "eval"):
            with tf.Graph().as_default() as g:
                est.model_fn({"x": tf.placeholder(tf.float32, [None, 2])},
                             tf.placeholder(tf.int64, [None, 1]), mode, est.config)
                out[mode] = [(op.name, op.type) for op in g.get_operations()
                             if ("dropout" in op.name or "batchnorm" in op.name) and
                             "gradients" not in op.name]
                out[mode + "/variables"] = [v.name for v in tf.global_variables()]
        # v1 columns (shared embeddings): TF's InputLayer, ref variables made as needed,
        # so the later initializers' seeds and the trained model are TF's
        fc = tf.feature_column
        rng = np.random.RandomState(0)
        feats = {"a": rng.choice(["x", "y", "z"], 30), "b": rng.choice(["x", "y", "z"], 30),
                 "n": rng.randn(30).astype(np.float32)}
        y = (feats["n"] > 0).astype(np.int64)
        a = fc.categorical_column_with_vocabulary_list("a", ["x", "y", "z"])
        b = fc.categorical_column_with_vocabulary_list("b", ["x", "y", "z"])
        shared = tf.estimator.DNNClassifier(
            [3], fc.shared_embedding_columns([a, b], 2) + [fc.numeric_column("n")],
            model_dir=os.path.join(d, "shared"), config=tf.estimator.RunConfig(tf_random_seed=3))

        def inp(epochs):
            return tf.estimator.inputs.numpy_input_fn(feats, y, batch_size=10, shuffle=False,
                                                      num_epochs=epochs)
        shared.train(inp(2))
        out["shared_metrics"] = {k: np.asarray(v) for k, v in shared.evaluate(inp(1)).items()}
        out["shared_variables"] = sorted(shared.get_variable_names())
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)
    return out


def embedding_cases(tf):
    """An embedding column in a linear model (its variable made in the v2 build, under the
    model's partitioner) and shared embeddings (v1 columns: TF's _LinearModel)."""
    fc = tf.feature_column
    rng = np.random.RandomState(2)
    feats = {"x": rng.randn(20, 2).astype(np.float32), "c": rng.choice(["a", "b", "c"], 20),
             "d": rng.choice(["a", "b", "c"], 20)}
    y = (feats["x"][:, 0] > 0).astype(np.int64)
    c = fc.categorical_column_with_vocabulary_list("c", ["a", "b", "c"])
    d = fc.categorical_column_with_vocabulary_list("d", ["a", "b", "c"])

    def inp(epochs):
        return tf.estimator.inputs.numpy_input_fn(feats, y, batch_size=10, shuffle=False,
                                                  num_epochs=epochs)
    out = {}
    for key, cols, part in [
            ("v2", [fc.numeric_column("x", shape=2), fc.embedding_column(c, 2)],
             tf.fixed_size_partitioner(2)),
            ("shared", [fc.numeric_column("x", shape=2)] + fc.shared_embedding_columns(
                [c, d], 2), None)]:
        dd = tempfile.mkdtemp()
        try:
            est = tf.estimator.LinearClassifier(
                cols, model_dir=dd, partitioner=part,
                config=tf.estimator.RunConfig(tf_random_seed=4))
            est.train(inp(None), steps=4)
            names = sorted(est.get_variable_names())
            out[key] = {"names": names,
                        "metrics": {k: np.asarray(v) for k, v in est.evaluate(inp(1)).items()},
                        "embedding": [est.get_variable_value(n) for n in names
                                      if n.endswith("embedding_weights")]}
        finally:
            tf.summary.FileWriterCache.clear()
            shutil.rmtree(dd, ignore_errors=True)
    return out


def summary_cases(tf):
    """tf.summary.scalar / histogram input conversion: the tag constant first, a value
    converted as '<scope>/values' (a list of variables packed there, each read inside),
    and a refused dtype leaving the tag constant behind."""
    out = {}
    with tf.Graph().as_default() as g:
        v = tf.get_variable("v", [2], use_resource=True)
        w = tf.get_variable("w", [2])
        tf.summary.histogram("h", [1.0, 2.0])
        tf.summary.histogram("h2", [v, v])
        tf.summary.histogram("h3", v)
        tf.summary.histogram("h5", [w])
        tf.summary.scalar("s", 3.0)
        for name, f in [("scalar", lambda: tf.summary.scalar("a", tf.constant("x"))),
                        ("histogram", lambda: tf.summary.histogram("b", tf.constant("x")))]:
            try:
                f()
            except TypeError as e:
                out["error/" + name] = e
        out["ops"] = [(op.name, op.type, [i.name for i in op.inputs])
                      for op in g.get_operations()]
    return out

"""Canned estimators trained from scratch with RunConfig(tf_random_seed=...) under TF 1.14
(tests/test_canned_seeded.py): TF's graph-level seed and op counter pick every initial
weight (glorot kernels, embedding tables), a tf.data shuffle and dropout (numpy_input_fn
is read in order: with shuffle=True TF starts each epoch at a position from Python's
unseeded `random`, so TF itself differs from run to run); the initial values (read by a
hook after the session is made), the trained values, evaluation and predictions must be
TF's."""
import shutil
import tempfile

import numpy as np

X = np.array([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0], [2.0, 0.0], [-1.0, 1.0], [0.3, 0.2],
              [1.5, -0.5], [0.0, 0.7]], np.float32)
S = np.array([b"a", b"b", b"c", b"a", b"d", b"b", b"e", b"c"])
Y2 = np.array([1, 0, 1, 1, 0, 0, 1, 0], np.int64)
YR = np.array([1.0, 0.0, 2.0, 1.5, -0.5, 0.3, 1.1, 0.2], np.float32)


def _cols(tf):
    return [tf.feature_column.numeric_column("x", shape=[2]),
            tf.feature_column.embedding_column(
                tf.feature_column.categorical_column_with_hash_bucket("s", 7), 3)]


def _models():
    return {
        "dnn_numpy": (lambda tf, d: tf.estimator.DNNClassifier(
            [4, 3], _cols(tf), model_dir=d,
            config=tf.estimator.RunConfig(tf_random_seed=11)), Y2, "numpy"),
        "dnn_dropout_dataset": (lambda tf, d: tf.estimator.DNNRegressor(
            [5], _cols(tf)[:1], model_dir=d, dropout=0.3,
            config=tf.estimator.RunConfig(tf_random_seed=3)), YR, "dataset"),
        "combined": (lambda tf, d: tf.estimator.DNNLinearCombinedClassifier(
            model_dir=d, linear_feature_columns=[
                tf.feature_column.categorical_column_with_hash_bucket("s", 7)],
            dnn_feature_columns=_cols(tf), dnn_hidden_units=[3],
            config=tf.estimator.RunConfig(tf_random_seed=5)), Y2, "numpy"),
        "dnn_batch_norm_partitioned": (lambda tf, d: tf.estimator.DNNClassifier(
            [4, 3], _cols(tf), model_dir=d, batch_norm=True, n_classes=3,
            input_layer_partitioner=tf.fixed_size_partitioner(2),
            config=tf.estimator.RunConfig(tf_random_seed=13)), Y2 + (Y2 > 0) * (X[:, 0] > 1),
            "numpy"),
        "linear_partitioned": (lambda tf, d: tf.estimator.LinearRegressor(
            _cols(tf)[:1] + [tf.feature_column.categorical_column_with_hash_bucket("s", 7)],
            model_dir=d, partitioner=tf.fixed_size_partitioner(2),
            config=tf.estimator.RunConfig(tf_random_seed=2)), YR, "dataset"),
        "combined_batch_norm": (lambda tf, d: tf.estimator.DNNLinearCombinedRegressor(
            model_dir=d, linear_feature_columns=_cols(tf)[:1], dnn_feature_columns=_cols(tf),
            dnn_hidden_units=[3], batch_norm=True, dnn_dropout=0.2,
            input_layer_partitioner=tf.fixed_size_partitioner(3),
            config=tf.estimator.RunConfig(tf_random_seed=9)), YR, "numpy"),
    }


def _input(tf, kind, labels, train):
    feats = {"x": X, "s": S}
    if kind == "numpy":
        return tf.estimator.inputs.numpy_input_fn(
            feats, labels if labels is not None else None, batch_size=3,
            shuffle=False, num_epochs=None if train else 1)

    def input_fn():
        if labels is None:
            return tf.data.Dataset.from_tensor_slices(feats).batch(3)
        ds = tf.data.Dataset.from_tensor_slices((feats, labels))
        return (ds.shuffle(8).repeat() if train else ds).batch(3)
    return input_fn


def _value(tf, est, name):
    """A checkpointed value, or the error TF raises reading it (a partitioned variable's
    slot saved under the name `.../t_0/Adagrad` cannot be read whole)."""
    try:
        return est.get_variable_value(name)
    except tf.errors.OpError as e:
        return (type(e).__name__, str(e))


def run(tf, name):
    make, labels, kind = _models()[name]
    d = tempfile.mkdtemp()
    init = {}

    class Initial(tf.train.SessionRunHook):
        def after_create_session(self, session, coord):
            for v in tf.global_variables():
                init[v.op.name] = session.run(v)
    try:
        est = make(tf, d)
        est.train(_input(tf, kind, labels, True), steps=5, hooks=[Initial()])
        res = est.evaluate(_input(tf, kind, labels, False))
        preds = list(est.predict(_input(tf, kind, None, False)))
        out = {"initial": init, "eval": {k: np.asarray(v) for k, v in res.items()},
               "values": {n: _value(tf, est, n) for n in est.get_variable_names()}}
        for key in sorted(preds[0]):
            out["pred_" + key] = np.stack([p[key] for p in preds])
        return out
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def cases(tf):
    return {name: run(tf, name) for name in sorted(_models())}

"""The errors TF 1.14's canned estimators and feature columns raise for a tutorial's usual
mistakes (tests/test_pest_errors.py): (class name, first line of the message)."""
import shutil
import tempfile

import numpy as np

X = {"x": np.arange(6, dtype=np.float32)}


def _cases(tf):
    fc = tf.feature_column
    c = [fc.numeric_column("x")]

    def inp(y):
        return tf.estimator.inputs.numpy_input_fn(X, y, batch_size=3, shuffle=False,
                                                  num_epochs=1)
    ints = np.array([0, 1, 1, 0, 1, 0])
    return {
        "vocab_n_classes": lambda d: tf.estimator.LinearClassifier(
            c, n_classes=3, label_vocabulary=["a", "b"]),
        "n_classes_1": lambda d: tf.estimator.DNNClassifier([2], c, n_classes=1),
        "vocab_tuple": lambda d: tf.estimator.LinearClassifier(c, label_vocabulary=("a", "b")),
        "hidden_units_none": lambda d: tf.estimator.DNNRegressor(None, c),
        "combined_no_columns": lambda d: tf.estimator.DNNLinearCombinedClassifier(),
        "optimizer_string": lambda d: tf.estimator.DNNClassifier(
            [2], c, optimizer="Nope", model_dir=d).train(inp(ints)),
        "weight_column_missing": lambda d: tf.estimator.LinearRegressor(
            c, weight_column="w", model_dir=d).train(inp(np.arange(6, dtype=np.float32))),
        "feature_missing": lambda d: tf.estimator.LinearRegressor(
            [fc.numeric_column("q")], model_dir=d).train(inp(np.arange(6, dtype=np.float32))),
        "float_labels": lambda d: tf.estimator.LinearClassifier(c, model_dir=d).train(
            inp(np.array([0.5, 1, 1, 0, 1, 0], np.float32))),
        "predict_without_checkpoint": lambda d: list(tf.estimator.LinearRegressor(
            c, model_dir=d).predict(inp(None))),
        "boundaries_unsorted": lambda d: fc.bucketized_column(fc.numeric_column("x"), [3, 1]),
        "hash_bucket_size_0": lambda d: fc.categorical_column_with_hash_bucket("x", 0),
        "embedding_dimension_0": lambda d: fc.embedding_column(
            fc.categorical_column_with_identity("x", 3), 0),
        "crossed_one_key": lambda d: fc.crossed_column(["a"], 5),
    }


def run(tf, name):
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            _cases(tf)[name](d)
        return None
    except Exception as e:  # noqa: BLE001 - the error is the result
        return [type(e).__name__, str(e).splitlines()[0]]
    finally:
        shutil.rmtree(d, ignore_errors=True)


def cases(tf):
    tf.logging.set_verbosity(tf.logging.ERROR)
    return {name: run(tf, name) for name in sorted(_cases(tf))}

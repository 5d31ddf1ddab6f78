"""TF 1.14's tf.keras.experimental.SequenceFeatures with the tf.feature_column.sequence_*
columns in graph mode: embedding and indicator columns over sequence categorical columns
(identity, vocabulary list, hash bucket), sequence numeric columns of shape (1,) and (2,)
(grouped values), seeded embeddings (variables made in build), values, sequence lengths,
static shapes, weight names, gradients, the columns' properties and parse specs, and the
errors (a non-sequence column, a numeric_column, mismatched lengths at run time).

    python tools/goldens.py regen keras/sequence_features
"""
import numpy as np


def _sparse(tf, indices, values, shape):
    return tf.SparseTensor(indices=indices, values=values, dense_shape=shape)


def _features(tf):
    idx = [[0, 0], [0, 1], [1, 0], [2, 0], [2, 1], [2, 2]]
    return {"ids": _sparse(tf, idx, np.array([1, 3, 2, 0, 4, 1], np.int64), [4, 3]),
            "words": _sparse(tf, idx, ["a", "b", "zz", "c", "a", "b"], [4, 3]),
            "tokens": _sparse(tf, idx, ["x", "yy", "x", "z", "w", "x"], [4, 3]),
            "num1": _sparse(tf, idx, np.arange(6, dtype=np.float32), [4, 3]),
            "num2": _sparse(tf, [[0, 0], [0, 1], [0, 2], [0, 3], [1, 0], [1, 1], [2, 0],
                                 [2, 1], [2, 2], [2, 3], [2, 4], [2, 5]],
                            np.arange(12, dtype=np.float32), [4, 6])}


def _columns(tf):
    fc = tf.feature_column
    return [fc.embedding_column(fc.sequence_categorical_column_with_identity("ids", 5), 3),
            fc.indicator_column(fc.sequence_categorical_column_with_vocabulary_list(
                "words", ["a", "b", "c"], num_oov_buckets=1)),
            fc.embedding_column(fc.sequence_categorical_column_with_hash_bucket("tokens", 7),
                                2, combiner="sum"),
            fc.sequence_numeric_column("num1"),
            fc.sequence_numeric_column("num2", shape=(2,), normalizer_fn=lambda x: x * 2.)]


def _layer(tf, seed):
    with tf.Graph().as_default() as g:
        tf.set_random_seed(seed)
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            layer = tf.keras.experimental.SequenceFeatures(_columns(tf))
            out, length = layer(_features(tf))
            n_ops = len(g.get_operations())
            after = tf.random_uniform([2], name="after")
            w = tf.constant(np.linspace(-1, 1, 4 * 3 * 12).reshape(4, 3, 12).astype("float32"))
            grads = [tf.convert_to_tensor(d) for d in
                     tf.gradients(tf.reduce_sum(out * w), layer.trainable_weights)]
            sess.run([tf.global_variables_initializer(), tf.tables_initializer()])
            got, got_len, got_grads, values = sess.run([out, length, grads, layer.weights])
            return {"out": got, "length": got_len, "grads": got_grads,
                    "weights": [[v.name, v.shape.as_list(), val]
                                for v, val in zip(layer.weights, values)],
                    "shape": [out.shape[2].value, length.shape.ndims],
                    "n_ops_with_asserts": n_ops, "after": after.name,
                    "output_shape": layer.compute_output_shape((4, 3)),
                    "name": layer.name}


def _properties(tf):
    fc = tf.feature_column
    with tf.Graph().as_default():
        out = {}
        for col in _columns(tf):
            out[col.name] = [str(sorted(col.parse_example_spec.items()))]
        cat = fc.sequence_categorical_column_with_identity("ids", 5, default_value=2)
        num = fc.sequence_numeric_column("n", shape=[2, 3], dtype=tf.int64, default_value=1)
        out["cat"] = [cat.name, cat.num_buckets, cat.categorical_column.default_value]
        out["num"] = [num.name, list(num.shape), num.dtype.name, num.default_value,
                      num.variable_shape.as_list()]
        return out


def _error(tf, fn):
    with tf.Graph().as_default():
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records the error
            return e
        return "no error"


def _err_not_sequence(tf):
    fc = tf.feature_column
    layer = tf.keras.experimental.SequenceFeatures(
        [fc.embedding_column(fc.categorical_column_with_identity("ids", 5), 2)])
    layer(_features(tf))


def _err_indicator_not_sequence(tf):
    fc = tf.feature_column
    layer = tf.keras.experimental.SequenceFeatures(
        [fc.indicator_column(fc.categorical_column_with_identity("ids", 5))])
    layer(_features(tf))


def _err_numeric(tf):
    tf.keras.experimental.SequenceFeatures([tf.feature_column.numeric_column("a")])


def _err_dtype(tf):
    tf.feature_column.sequence_numeric_column("a", dtype=tf.string)


def _err_normalizer(tf):
    tf.feature_column.sequence_numeric_column("a", normalizer_fn=3)


def _err_shape(tf):
    tf.feature_column.sequence_numeric_column("a", shape=(0,))


def _err_lengths(tf):
    fc = tf.feature_column
    feats = _features(tf)
    feats["num1"] = _sparse(tf, [[0, 0], [1, 0], [1, 1]], np.arange(3, dtype=np.float32),
                            [4, 3])
    layer = tf.keras.experimental.SequenceFeatures(
        [fc.sequence_numeric_column("num1"),
         fc.indicator_column(fc.sequence_categorical_column_with_identity("ids", 5))])
    out, length = layer(feats)
    with tf.Session() as sess:
        sess.run(length)


ERRORS = {"not_sequence": _err_not_sequence, "indicator_not_sequence":
          _err_indicator_not_sequence, "numeric": _err_numeric, "dtype": _err_dtype,
          "normalizer": _err_normalizer, "shape": _err_shape, "lengths": _err_lengths}


def cases(tf):
    out = {"seeded": _layer(tf, 3), "properties": _properties(tf)}
    for name, fn in ERRORS.items():
        e = _error(tf, fn)
        out["err_" + name] = [type(e).__name__, str(e)]
    return out

"""tf.feature_column in TF 1.14: input_layer and linear_model outputs over every column
kind (seeded embedding initializers under a graph seed, fixed linear weights), the names
of the ops and variables they create, make_parse_example_spec, and errors.
tests/test_feature_column.py runs cases() on flowgrad."""
import os
import shutil
import tempfile

import numpy as np


def _features(tf, d):
    return {
        "price": tf.constant([[1.0, 2.0], [5.0, -1.0], [10.0, 0.5]]),
        "age": tf.constant([21, 35, 70]),                      # rank 1: expanded
        "color": tf.constant([["R", ""], ["G", "B"], ["X", "R"]]),
        "city": tf.SparseTensor([[0, 0], [1, 0], [1, 1]], ["paris", "rome", "oslo"], [3, 2]),
        "word": tf.constant([["apple"], ["kiwi"], ["cherry"]]),
        "code": tf.constant([[1, 3], [0, -1], [7, 2]], tf.int64),
        "wt": tf.constant([[0.5, 2.0], [1.0, 0.0], [3.0, 1.5]]),
        "n": tf.constant([[4], [2], [9]]),
    }


def _columns(tf, d):
    fc = tf.feature_column
    price = fc.numeric_column("price", shape=(2,), normalizer_fn=lambda x: x * 2.0)
    age = fc.numeric_column("age", dtype=tf.int32)
    color = fc.categorical_column_with_vocabulary_list("color", ["R", "G", "B"])
    color_oov = fc.categorical_column_with_vocabulary_list("color", ["R", "G"],
                                                           num_oov_buckets=2)
    city = fc.categorical_column_with_hash_bucket("city", 10)
    word = fc.categorical_column_with_vocabulary_file("word", os.path.join(d, "words.txt"),
                                                      num_oov_buckets=1)
    code = fc.categorical_column_with_identity("code", 5, default_value=0)
    n_id = fc.categorical_column_with_identity("n", 10)
    weighted = fc.weighted_categorical_column(
        fc.categorical_column_with_identity("code", 8, default_value=1), "wt")
    age_b = fc.bucketized_column(age, [30, 50])
    cross = fc.crossed_column(["city", age_b], 7)
    cross2 = fc.crossed_column([color, "word"], 11, hash_key=42)
    return dict(price=price, age=age, color=color, color_oov=color_oov, city=city, word=word,
                code=code, n_id=n_id, weighted=weighted, age_b=age_b, cross=cross,
                cross2=cross2)


def _in_graph(tf, d, build, seed=None):
    g = tf.Graph()
    with g.as_default():
        if seed is not None:
            tf.set_random_seed(seed)
        try:
            fetches = build(tf, d, _features(tf, d), _columns(tf, d))
            static = None
            if isinstance(fetches, tuple):
                fetches, static = fetches
            with tf.Session() as sess:
                sess.run([tf.global_variables_initializer(), tf.tables_initializer()])
                sess.run(tf.get_collection("fixed_weights"))
                values = sess.run(fetches)
        except Exception as e:  # noqa: BLE001 - the error is the golden
            return ["error", type(e).__name__, str(e).split("\n")[0].replace(d, "<dir>")]
        return {"values": values, "static": static,
                "op_names": [o.name for o in g.get_operations()],
                "variables": [[v.name, v.get_shape().as_list()]
                              for v in tf.global_variables()],
                "trainable": [v.name for v in tf.trainable_variables()],
                "model_variables": [v.name for v in tf.model_variables()]}


def _input_layer_dense(tf, d, f, c):
    fc = tf.feature_column
    return [fc.input_layer(f, [c["price"], c["age"], c["age_b"],
                              fc.indicator_column(c["color"]),
                              fc.indicator_column(c["code"]),
                              fc.indicator_column(c["weighted"]),
                              fc.indicator_column(c["word"]),
                               fc.indicator_column(c["cross"])]),
            fc.input_layer(f, [fc.indicator_column(c["color_oov"]),
                               fc.indicator_column(c["cross2"]),
                               fc.indicator_column(c["n_id"])])]


def _input_layer_embeddings(tf, d, f, c):
    fc = tf.feature_column
    return fc.input_layer(f, [fc.embedding_column(c["color"], 3),
                              fc.embedding_column(c["city"], 2, combiner="sqrtn"),
                              fc.embedding_column(c["weighted"], 2, combiner="sum"),
                              fc.embedding_column(c["cross2"], 4),
                              fc.embedding_column(c["word"], 2, max_norm=0.5),
                              c["price"]])


def _input_layer_shared(tf, d, f, c):
    fc = tf.feature_column
    a, b = fc.shared_embedding_columns(
        [c["code"], fc.categorical_column_with_identity("n", 5, default_value=1)], 3)
    out = fc.input_layer(f, [a, b])
    cols_to_vars = {}
    out2 = fc.input_layer(f, [fc.embedding_column(c["age_b"], 2)], cols_to_vars=cols_to_vars)
    return [out, out2], [v.name for vs in cols_to_vars.values() for v in vs]


def _input_layer_initializer(tf, d, f, c):
    fc = tf.feature_column
    col = fc.embedding_column(c["color"], 2, initializer=tf.constant_initializer(
        np.arange(6, dtype=np.float32).reshape(3, 2)))
    return fc.input_layer(f, [col], trainable=False)


def _linear_model(tf, d, f, c, combiner="sum"):
    fc = tf.feature_column
    cols = [c["price"], c["age_b"], c["color_oov"], c["city"], c["weighted"], c["cross"],
            fc.indicator_column(c["code"])]
    cols_to_vars = {}
    pred = fc.linear_model(f, cols, units=2, sparse_combiner=combiner,
                           cols_to_vars=cols_to_vars)
    for i, v in enumerate(sorted(tf.global_variables(), key=lambda v: v.name)):
        shape = v.get_shape().as_list()
        value = np.linspace(-1.0, 1.0 + i, int(np.prod(shape))).reshape(shape)
        tf.add_to_collection("fixed_weights", tf.assign(v, value.astype(np.float32)))
    names = sorted((k if isinstance(k, str) else k.name, [v.name for v in vs])
                   for k, vs in cols_to_vars.items())
    return pred, [list(n) for n in names]


def _linear_model_mean(tf, d, f, c):
    return _linear_model(tf, d, f, c, combiner="mean")


def _linear_model_sqrtn(tf, d, f, c):
    return _linear_model(tf, d, f, c, combiner="sqrtn")


def _two_models(tf, d, f, c):
    fc = tf.feature_column
    a = fc.linear_model(f, [c["price"]])
    b = fc.linear_model(f, [c["price"], c["color"]])
    e = fc.input_layer(f, [fc.embedding_column(c["color"], 2)])
    e2 = fc.input_layer(f, [fc.embedding_column(c["color"], 2)])
    return [a, b, e, e2]


def _safe_embedding(tf, d, f, c):
    w = tf.constant(np.arange(12, dtype=np.float32).reshape(4, 3) / 7.0)
    ids = tf.SparseTensor([[0, 0], [0, 1], [2, 0], [3, 0], [3, 1]],
                          tf.constant([1, -1, 3, 2, 0], tf.int64), [5, 2])
    wts = tf.SparseTensor([[0, 0], [0, 1], [2, 0], [3, 0], [3, 1]],
                          [2.0, 1.0, -1.0, 0.5, 1.5], [5, 2])
    ids3 = tf.SparseTensor([[0, 0, 0], [0, 1, 1], [1, 1, 0]],
                           tf.constant([3, 1, 2], tf.int64), [2, 2, 2])
    nn = tf.nn
    return [nn.safe_embedding_lookup_sparse(w, ids),
            nn.safe_embedding_lookup_sparse(w, ids, wts, combiner="sum"),
            nn.safe_embedding_lookup_sparse(w, ids, wts, combiner="sqrtn", default_id=1),
            nn.safe_embedding_lookup_sparse([w], ids3, combiner="mean"),
            nn.safe_embedding_lookup_sparse(w, ids, max_norm=1.0)]


def _parse_spec(tf, d):
    fc = tf.feature_column
    with tf.Graph().as_default():
        c = _columns(tf, d)
        spec = fc.make_parse_example_spec(
            [c["price"], c["age_b"], fc.embedding_column(c["color"], 2), c["weighted"],
             c["cross"], fc.indicator_column(c["word"]),
             fc.numeric_column("z", shape=[2, 2], default_value=1.5)])
        out = {}
        for k, v in spec.items():
            fields = []
            for name in ("shape", "dtype", "default_value", "allow_missing"):
                if hasattr(v, name):
                    x = getattr(v, name)
                    fields.append(x.name if hasattr(x, "as_numpy_dtype") else
                                  (list(x) if isinstance(x, tuple) and name == "shape" else x))
            out[k] = [type(v).__name__] + fields
        return [out, [repr(c["price"].name), c["cross"].name, c["cross2"].name,
                      c["weighted"].name, c["age_b"].name, c["age_b"].num_buckets,
                      c["cross"].num_buckets, c["word"].num_buckets,
                      list(c["age_b"].variable_shape.as_list())]]


def _errors(tf, d):
    fc = tf.feature_column
    tries = {
        "vocab_dtype_mismatch": lambda: fc.categorical_column_with_vocabulary_list(
            "k", ["a"], dtype=tf.int64),
        "vocab_duplicates": lambda: fc.categorical_column_with_vocabulary_list("k", ["a", "a"]),
        "vocab_default_and_oov": lambda: fc.categorical_column_with_vocabulary_list(
            "k", ["a"], default_value=3, num_oov_buckets=2),
        "hash_size_zero": lambda: fc.categorical_column_with_hash_bucket("k", 0),
        "hash_float_dtype": lambda: fc.categorical_column_with_hash_bucket(
            "k", 3, dtype=tf.float32),
        "numeric_bad_shape": lambda: fc.numeric_column("k", shape=(0,)),
        "numeric_bad_default": lambda: fc.numeric_column("k", shape=(2,), default_value=[1.0]),
        "numeric_string_dtype": lambda: fc.numeric_column("k", dtype=tf.string),
        "numeric_key": lambda: fc.numeric_column(3),
        "bucketized_unsorted": lambda: fc.bucketized_column(fc.numeric_column("k"), [2, 1]),
        "bucketized_not_numeric": lambda: fc.bucketized_column("k", [1]),
        "identity_default_range": lambda: fc.categorical_column_with_identity("k", 3, 5),
        "crossed_hashed": lambda: fc.crossed_column(
            [fc.categorical_column_with_hash_bucket("k", 3), "j"], 5),
        "crossed_one_key": lambda: fc.crossed_column(["k"], 5),
        "embedding_dimension": lambda: fc.embedding_column(
            fc.categorical_column_with_identity("k", 3), 0),
        "weighted_dtype": lambda: fc.weighted_categorical_column(
            fc.categorical_column_with_identity("k", 3), "w", dtype=tf.string),
        "vocab_file_missing": lambda: fc.categorical_column_with_vocabulary_file(
            "k", os.path.join(d, "nothere.txt")),
        "shared_bucket_mismatch": lambda: fc.shared_embedding_columns(
            [fc.categorical_column_with_identity("a", 3),
             fc.categorical_column_with_identity("b", 4)], 2),
    }
    out = {}
    for name, fn in sorted(tries.items()):
        try:
            fn()
            out[name] = None
        except Exception as e:  # noqa: BLE001
            out[name] = [type(e).__name__, str(e).split("\n")[0].replace(d, "<dir>")]
    return out


def _graph_error(build):
    def fn(tf, d, f, c):
        return build(tf, f, c)
    return fn


GRAPH_ERRORS = {
    "categorical_in_input_layer": lambda tf, f, c: tf.feature_column.input_layer(
        f, [c["color"]]),
    "duplicate_columns": lambda tf, f, c: tf.feature_column.input_layer(
        f, [c["age"], c["age"]]),
    "missing_feature": lambda tf, f, c: tf.feature_column.input_layer(
        f, [tf.feature_column.numeric_column("nothere")]),
    "numeric_sparse_input": lambda tf, f, c: tf.feature_column.input_layer(
        f, [tf.feature_column.numeric_column("city")]),
    "vocab_key_dtype": lambda tf, f, c: tf.feature_column.input_layer(
        f, [tf.feature_column.indicator_column(
            tf.feature_column.categorical_column_with_vocabulary_list("code", ["a"]))]),
    "hash_key_dtype": lambda tf, f, c: tf.feature_column.input_layer(
        f, [tf.feature_column.indicator_column(
            tf.feature_column.categorical_column_with_hash_bucket("code", 3))]),
    "empty_columns": lambda tf, f, c: tf.feature_column.linear_model(f, []),
    "dict_columns": lambda tf, f, c: tf.feature_column.input_layer(f, {"a": c["price"]}),
}


def cases(tf):
    d = tempfile.mkdtemp()
    try:
        with open(os.path.join(d, "words.txt"), "w") as fh:
            fh.write("apple\nbanana\ncherry\n")
        out = {
            "input_layer_dense": _in_graph(tf, d, _input_layer_dense),
            "input_layer_embeddings": _in_graph(tf, d, _input_layer_embeddings, seed=7),
            "input_layer_shared": _in_graph(tf, d, _input_layer_shared, seed=3),
            "input_layer_initializer": _in_graph(tf, d, _input_layer_initializer),
            "linear_model": _in_graph(tf, d, _linear_model),
            "linear_model_mean": _in_graph(tf, d, _linear_model_mean),
            "linear_model_sqrtn": _in_graph(tf, d, _linear_model_sqrtn),
            "two_models": _in_graph(tf, d, _two_models, seed=11),
            "safe_embedding_lookup_sparse": _in_graph(tf, d, _safe_embedding),
            "parse_spec": _parse_spec(tf, d),
            "errors": _errors(tf, d),
        }
        for name, build in sorted(GRAPH_ERRORS.items()):
            out["graph_error_" + name] = _in_graph(tf, d, _graph_error(build))
        return out
    finally:
        shutil.rmtree(d, ignore_errors=True)

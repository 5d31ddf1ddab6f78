"""TF 1.14's tf.keras.layers.DenseFeatures (feature_column/feature_column_v2.py) in graph
mode: numeric, bucketized, indicator and embedding columns (seeded embeddings: variables
made in build, before any column's ops), weight names (dense_features/<column>/...), values
and gradients, cols_to_output_tensors, a second call sharing the variables, the errors,
get_config (TF 1.14's base config: from_config fails) and a Sequential model fit on a dict
of arrays.

    python tools/goldens.py regen keras/dense_features
"""
import numpy as np


def _columns(tf, tables=True):
    fc = tf.feature_column
    color = fc.categorical_column_with_vocabulary_list("color", ["r", "g", "b"]) if tables \
        else fc.categorical_column_with_hash_bucket("color", 3)
    return [fc.numeric_column("price"),
            fc.numeric_column("vec", shape=(2,)),
            fc.bucketized_column(fc.numeric_column("age"), [18., 30., 50.]),
            fc.indicator_column(color),
            fc.embedding_column(fc.categorical_column_with_identity("id", 5), 3),
            fc.embedding_column(fc.categorical_column_with_hash_bucket("word", 7), 2,
                                combiner="sqrtn")]


def _features():
    return {"price": np.array([[1.5], [2.], [-1.], [0.5]], "float32"),
            "vec": np.array([[1., 2.], [3., 4.], [5., 6.], [7., 8.]], "float32"),
            "age": np.array([[10.], [25.], [40.], [70.]], "float32"),
            "color": np.array([["r"], ["b"], ["x"], ["g"]]),
            "id": np.array([[0], [4], [2], [1]], "int64"),
            "word": np.array([["a"], ["bb"], ["a"], ["ccc"]])}


def _placeholders(tf, feats):
    dtypes = {"float32": tf.float32, "int64": tf.int64}
    return {k: tf.placeholder(dtypes.get(str(v.dtype), tf.string), [None] + list(v.shape[1:]),
                              name=k) for k, v in feats.items()}


def _layer(tf, seed, twice=False):
    feats = _features()
    with tf.Graph().as_default() as g:
        tf.set_random_seed(seed)
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            ph = _placeholders(tf, feats)
            layer = tf.keras.layers.DenseFeatures(_columns(tf))
            cols = {}
            out = layer(ph, cols_to_output_tensors=cols)
            ops = [op.name for op in g.get_operations()]
            outs = [out]
            if twice:
                outs.append(layer({k: v[::-1] for k, v in ph.items()}))
            w = tf.constant(np.linspace(-1, 1, 4 * 15).reshape(4, 15).astype("float32"))
            loss = tf.add_n([tf.reduce_sum(o * w) for o in outs])
            grads = tf.gradients(loss, layer.trainable_weights)
            sess.run([tf.global_variables_initializer(), tf.tables_initializer()])
            feed = {ph[k]: v for k, v in feats.items()}
            got, got_cols, got_grads, values = sess.run(
                [outs, {c.name: t for c, t in cols.items()}, grads, layer.weights], feed)
            return {"outs": got, "cols": got_cols, "grads": got_grads, "ops": ops,
                    "weights": [[v.name, v.shape.as_list(), val]
                                for v, val in zip(layer.weights, values)],
                    "trainable": [v.name for v in layer.trainable_weights],
                    "shape": out.shape.as_list(), "name": layer.name,
                    "global": sorted(v.name for v in tf.global_variables())}


def _error(tf, fn):
    with tf.Graph().as_default():
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records the error
            return e
        return "no error"


def _err_categorical(tf):
    tf.keras.layers.DenseFeatures([tf.feature_column.categorical_column_with_identity("a", 3)])


def _err_not_dict(tf):
    layer = tf.keras.layers.DenseFeatures([tf.feature_column.numeric_column("a")])
    layer(tf.placeholder(tf.float32, [None, 1], name="x"))


def _err_empty(tf):
    tf.keras.layers.DenseFeatures([])


def _err_not_column(tf):
    tf.keras.layers.DenseFeatures(["a"])


def _err_duplicate(tf):
    fc = tf.feature_column
    tf.keras.layers.DenseFeatures([fc.numeric_column("a"), fc.numeric_column("a")])


def _err_missing_key(tf):
    layer = tf.keras.layers.DenseFeatures([tf.feature_column.numeric_column("a")])
    layer({"b": tf.placeholder(tf.float32, [None, 1])})


def _config(tf):
    with tf.Graph().as_default():
        layer = tf.keras.layers.DenseFeatures([tf.feature_column.numeric_column("a")],
                                              name="feats", trainable=False)
        config = layer.get_config()
        try:
            type(layer).from_config(config)
            again = "no error"
        except TypeError as e:
            again = e
        return {"config": config, "from_config": again}


def _model(tf, tables=False):
    """A Sequential model fit on a dict of arrays. With a vocabulary-list column TF 1.14's
    Keras does not initialize its table: fit fails ("Table not initialized.")."""
    feats = _features()
    y = np.array([[1.], [0.], [2.], [-1.]], "float32")
    with tf.Graph().as_default():
        tf.set_random_seed(7)
        with tf.Session() as sess:
            tf.keras.backend.set_session(sess)
            m = tf.keras.Sequential([tf.keras.layers.DenseFeatures(_columns(tf, tables)),
                                     tf.keras.layers.Dense(1, kernel_initializer="ones")])
            m.compile(tf.keras.optimizers.SGD(0.01), "mse")
            try:
                h = m.fit(feats, y, batch_size=2, epochs=3, verbose=0, shuffle=False)
            except tf.errors.FailedPreconditionError as e:
                return e
            return {"loss": [float(v) for v in h.history["loss"]],
                    "weights": [w.name for w in m.weights], "after": m.get_weights(),
                    "predict": m.predict(feats, batch_size=4)}


def cases(tf):
    return {"seeded": _layer(tf, 1), "seeded_twice": _layer(tf, 2, twice=True),
            "err_categorical": _error(tf, _err_categorical),
            "err_not_dict": _error(tf, _err_not_dict),
            "err_empty": _error(tf, _err_empty),
            "err_not_column": _error(tf, _err_not_column),
            "err_duplicate": _error(tf, _err_duplicate),
            "err_missing_key": _error(tf, _err_missing_key),
            "config": _config(tf), "model": _model(tf),
            "model_table": _model(tf, tables=True)}

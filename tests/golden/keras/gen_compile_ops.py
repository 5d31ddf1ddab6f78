"""TF 1.14's ops of Model.compile, fit, evaluate and predict (tf.keras, graph mode),
for several models: after each call the new ops' [name, type] in creation order and the
graph's op counter (`_last_id`), the history and evaluate values, and the numbers of a
graph-seeded random_uniform made after compile and after the loops (its seed2 is the op
counter, so it shows whether as many ops were made as TF makes).

    python tools/goldens.py regen keras/compile_ops
"""
import numpy as np


def _new_ops(g, since):
    return [[op.name, op.type] for op in g.get_operations()[since[0]:]]


def _mark(g):
    """(number of ops, op counter) now."""
    return len(g.get_operations()), g._last_id


def _data(rs, n_in, kind):
    x = rs.randn(40, n_in).astype("float32")
    if kind == "sparse":
        return x, (x[:, 0] > 0).astype("int64")
    if kind == "onehot":
        return x, np.eye(3, dtype="float32")[(x[:, 0] > 0).astype(int) + (x[:, 1] > 0)]
    if kind == "multi":
        return x, [x[:, :2] * 0.5, (x[:, :1] > 0).astype("float32")]
    if kind == "binary":
        return x, (x[:, :1] > 0).astype("float32")
    return x, x[:, :2] * 0.5


def _models(tf):
    L = tf.keras.layers
    reg = tf.keras.regularizers.l2(0.01)
    val_x = np.random.RandomState(5).randn(8, 3).astype("float32")
    return {
        "sparse_cce_acc_adam": (
            lambda: tf.keras.Sequential([L.Dense(16, activation="relu", input_shape=(10,)),
                                         L.Dense(2, activation="softmax")]),
            lambda: dict(optimizer=tf.keras.optimizers.Adam(0.01),
                 loss="sparse_categorical_crossentropy", metrics=["accuracy"]),
            "sparse", 10, {}),
        "cce_acc_mae_sgd": (
            lambda: tf.keras.Sequential([L.Dense(8, activation="tanh", input_shape=(5,)),
                                         L.Dense(3, activation="softmax")]),
            lambda: dict(optimizer="sgd", loss="categorical_crossentropy", metrics=["acc", "mae"]),
            "onehot", 5, {}),
        "bce_metric_object": (
            lambda: tf.keras.Sequential([L.Dense(1, activation="sigmoid", input_shape=(4,))]),
            lambda: dict(optimizer="rmsprop", loss="binary_crossentropy",
                 metrics=[tf.keras.metrics.BinaryAccuracy()]),
            "binary", 4, {}),
        "mse_function_loss_weights": (
            lambda: tf.keras.Sequential([L.Dense(2, input_shape=(3,))]),
            lambda: dict(optimizer="adam", loss=tf.keras.losses.mean_squared_error,
                 metrics=["mse"], loss_weights=[0.5]),
            "regress", 3, {}),
        "mae_loss_object_regularizer": (
            lambda: tf.keras.Sequential([L.Dense(4, activation="relu", input_shape=(3,),
                                                 kernel_regularizer=reg),
                                         L.Dense(2, kernel_regularizer=reg)]),
            lambda: dict(optimizer=tf.keras.optimizers.SGD(0.1),
                 loss=tf.keras.losses.MeanAbsoluteError(), metrics=["mae"]),
            "regress", 3, {}),
        "mse_sample_weight": (
            lambda: tf.keras.Sequential([L.Dense(2, input_shape=(3,))]),
            lambda: dict(optimizer="sgd", loss="mse", weighted_metrics=["mae"]),
            "regress", 3, {"sample_weight": np.linspace(0.5, 1.5, 40).astype("float32")}),
        "weighted_fit_unweighted_validation": (
            lambda: tf.keras.Sequential([L.Dense(2, input_shape=(3,))]),
            lambda: dict(optimizer="sgd", loss="mse", weighted_metrics=["mae"]),
            "regress", 3, {"sample_weight": np.linspace(0.5, 2., 40).astype("float32"),
                           "validation_data": (val_x, val_x[:, :2] * 0.5)}),
        "two_outputs": (
            lambda: _two_outputs(tf),
            lambda: dict(optimizer="adam", loss=["mse", "binary_crossentropy"],
                         metrics=["mae"], loss_weights=[1., 0.3]),
            "multi", 3, {}),
    }


def _two_outputs(tf):
    L = tf.keras.layers
    inp = L.Input((3,), name="x")
    h = L.Dense(4, activation="relu", name="h")(inp)
    return tf.keras.Model(inp, [L.Dense(2, name="reg")(h),
                                L.Dense(1, activation="sigmoid", name="cls")(h)])


def _case(tf, build, compile_kwargs, kind, n_in, fit_kwargs):
    rs = np.random.RandomState(0)
    x, y = _data(rs, n_in, kind)
    out = {}
    with tf.Graph().as_default() as g:
        tf.set_random_seed(1)
        with tf.Session().as_default() as sess:
            tf.keras.backend.set_session(sess)
            model = build()
            n = _mark(g)
            model.compile(**compile_kwargs())
            out["compile_ops"] = _new_ops(g, n)
            out["compile_count"] = g._last_id - n[1]
            r = tf.random_uniform([3])
            out["random_after_compile"] = sess.run(r)
            n = _mark(g)
            hist = model.fit(x, y, epochs=2, batch_size=16, verbose=0, shuffle=False,
                             **fit_kwargs)
            # the initializer's VarIsInitializedOps follow a set's order in TF
            out["fit_ops"] = sorted(_new_ops(g, n))
            out["fit_count"] = g._last_id - n[1]
            out["history"] = {k: np.asarray(v, "float32") for k, v in hist.history.items()}
            n = _mark(g)
            out["evaluate"] = np.asarray(model.evaluate(x, y, verbose=0), "float32")
            out["evaluate_ops"] = _new_ops(g, n)
            out["evaluate_count"] = g._last_id - n[1]
            n = _mark(g)
            pred = model.predict(x[:4])
            out["predict"] = pred if isinstance(pred, list) else [pred]
            out["predict_ops"] = _new_ops(g, n)
            out["predict_count"] = g._last_id - n[1]
            r = tf.random_uniform([3])
            out["random_after_loops"] = sess.run(r)
    return out


def _gan(tf):
    """A GAN's setup: the discriminator compiled, then the generator built (its seeded
    initial weights follow the op counter), then the combined model compiled with the
    discriminator frozen."""
    L = tf.keras.layers
    out = {}
    with tf.Graph().as_default() as g:
        tf.set_random_seed(3)
        with tf.Session().as_default() as sess:
            tf.keras.backend.set_session(sess)
            d = tf.keras.Sequential([L.Dense(8, activation="relu", input_shape=(4,)),
                                     L.Dense(1, activation="sigmoid")], name="d")
            d.compile(optimizer=tf.keras.optimizers.Adam(0.001), loss="binary_crossentropy",
                      metrics=["accuracy"])
            out["after_d_compile"] = g._last_id
            gen = tf.keras.Sequential([L.Dense(8, activation="relu", input_shape=(2,)),
                                       L.Dense(4, activation="tanh")], name="g")
            d.trainable = False
            z = L.Input((2,))
            combined = tf.keras.Model(z, d(gen(z)))
            n = _mark(g)
            combined.compile(optimizer=tf.keras.optimizers.Adam(0.001),
                             loss="binary_crossentropy")
            out["combined_compile_ops"] = _new_ops(g, n)
            out["combined_compile_count"] = g._last_id - n[1]
            out["generator_weights"] = gen.get_weights()
    return out


def _skipped_output(tf):
    """Two outputs, a loss for one only: TF still makes a loss mean for each output."""
    L = tf.keras.layers
    out = {}
    with tf.Graph().as_default() as g:
        tf.set_random_seed(2)
        with tf.Session().as_default() as sess:
            tf.keras.backend.set_session(sess)
            i = L.Input((3,))
            m = tf.keras.Model(i, [L.Dense(2, name="a")(i), L.Dense(1, name="b")(i)])
            n = _mark(g)
            m.compile("sgd", loss={"a": "mse"}, metrics={"a": ["mae"]})
            out["compile_ops"] = _new_ops(g, n)
            out["compile_count"] = g._last_id - n[1]
            out["metrics_names"] = list(m.metrics_names)
            out["random_after_compile"] = sess.run(tf.random_uniform([3]))
    return out


def cases(tf):
    out = {name: _case(tf, *spec) for name, spec in _models(tf).items()}
    out["gan"] = _gan(tf)
    out["skipped_output"] = _skipped_output(tf)
    return out

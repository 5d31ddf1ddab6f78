"""TF 1.14's compile(target_tensors=...) for only some outputs of a two-output model (a
list with None entries, a dict naming some outputs): fit / evaluate / train_on_batch /
test_on_batch take targets for the other outputs only (a list, one array, a dict), the
histories and results, the graph's op count; the ValueError of too many target arrays."""
import numpy as np

X = np.array([[1., 2.], [0.5, -1.], [2., 0.], [-1., 1.]], "float32")
Y = np.array([[1.], [0.], [2.], [-0.5]], "float32")
# (the outputs given a target tensor, the y for the others)
CASES = {"list_first_none": ([None, "T"], "list"), "list_single_array": ([None, "T"], "array"),
         "dict_b": ({"b": "T"}, "dict"), "list_second_none": (["T", None], "list"),
         "dict_a_array": ({"a": "T"}, "array")}


def _model(tf):
    inp = tf.keras.Input((2,))
    a = tf.keras.layers.Dense(1, kernel_initializer="ones", name="a")(inp)
    b = tf.keras.layers.Dense(1, kernel_initializer="ones", name="b")(inp)
    return tf.keras.Model(inp, [a, b])


def _compiled(tf, given):
    model = _model(tf)
    t = tf.constant(Y)
    targets = ([t if v == "T" else None for v in given] if isinstance(given, list)
               else {k: t for k in given})
    model.compile(tf.keras.optimizers.SGD(0.05), "mse", metrics=["mae"],
                  target_tensors=targets)
    return model


def run(tf, case):
    given, kind = CASES[case]
    fed = ([n for n, v in zip("ab", given) if v is None] if isinstance(given, list)
           else [n for n in "ab" if n not in given])
    y = {"list": [Y * 2], "array": Y * 2, "dict": {fed[0]: Y * 2}}[kind]
    with tf.Graph().as_default() as g:
        with tf.Session():
            model = _compiled(tf, given)
            hist = model.fit(X, y, epochs=2, batch_size=4, verbose=0, shuffle=False)
            return {"history": hist.history,
                    "evaluate": model.evaluate(X, y, batch_size=4, verbose=0),
                    "names": model.metrics_names,
                    "train_on_batch": model.train_on_batch(X, y),
                    "test_on_batch": model.test_on_batch(X, y),
                    "weights": model.get_weights(),
                    "n_ops": len(g.get_operations()), "last_id": g._last_id}


def too_many(tf):
    """Two target arrays where one output is fed: TF's ValueError (its head)."""
    with tf.Graph().as_default():
        with tf.Session():
            model = _compiled(tf, [None, "T"])
            try:
                model.fit(X, [Y, Y], batch_size=4, verbose=0)
                return None
            except ValueError as e:
                return [type(e).__name__, str(e).split(": [")[0]]


def cases(tf):
    out = {name: run(tf, name) for name in CASES}
    out["too_many"] = too_many(tf)
    return out

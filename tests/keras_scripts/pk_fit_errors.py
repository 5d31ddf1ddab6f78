"""What fit / evaluate / predict / train_on_batch say about data that does not fit the
model (TF 1.14's _standardize_user_data checks), and the summary of a Sequential built by
its first fit (its layers' output shapes "multiple")."""
import numpy as np
import tensorflow as tf


def attempt(name, f):
    try:
        f()
        print(name, "ok")
    except Exception as e:  # noqa: BLE001 - the message is the point
        print(name, type(e).__name__, str(e)[:400])


x = np.ones((4, 5), "float32")
bare = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(5,))])
attempt("fit uncompiled", lambda: bare.fit(x, np.ones((4, 2)), verbose=0))
attempt("evaluate uncompiled", lambda: bare.evaluate(x, np.ones((4, 2)), verbose=0))
attempt("train_on_batch uncompiled", lambda: bare.train_on_batch(x, np.ones((4, 2))))
attempt("test_on_batch uncompiled", lambda: bare.test_on_batch(x, np.ones((4, 2))))
attempt("predict uncompiled", lambda: bare.predict(x))

m = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(5,))])
m.compile("sgd", "mse")
attempt("x/y samples", lambda: m.fit(x, np.ones((3, 2)), verbose=0))
attempt("x/y samples evaluate", lambda: m.evaluate(x, np.ones((3, 2)), verbose=0))
attempt("x/y samples train_on_batch", lambda: m.train_on_batch(x, np.ones((3, 2))))
attempt("sample_weight length", lambda: m.fit(x, np.ones((4, 2)), sample_weight=np.ones(3),
                                              verbose=0))
attempt("sample_weight 2d", lambda: m.fit(x, np.ones((4, 2)), sample_weight=np.ones((4, 2)),
                                          verbose=0))
attempt("class_weight x/y samples", lambda: m.fit(x, np.ones((3, 2)),
                                                  class_weight={0: 1, 1: 2}, verbose=0))
attempt("extra input arrays dropped", lambda: print(m.predict([x, x, x]).shape))
attempt("input shape", lambda: m.fit(np.ones((4, 6)), np.ones((4, 2)), verbose=0))
attempt("input rank", lambda: m.predict(np.ones((4, 5, 1))))
attempt("target shape", lambda: m.fit(x, np.ones((4, 3)), verbose=0))

a = tf.keras.Input((5,), name="a")
b = tf.keras.Input((3,), name="b")
out = tf.keras.layers.Dense(1, name="o")(tf.keras.layers.concatenate([a, b]))
two = tf.keras.Model([a, b], out)
two.compile("sgd", "mse")
attempt("input arrays samples", lambda: two.fit([x, np.ones((3, 3))], np.ones((4, 1)),
                                                verbose=0))
attempt("dict input missing", lambda: two.fit({"a": x}, np.ones((4, 1)), verbose=0))
attempt("dict target missing", lambda: two.fit([x, np.ones((4, 3))], {"p": np.ones((4, 1))},
                                               verbose=0))
attempt("one array for two inputs", lambda: two.fit(x, np.ones((4, 1)), verbose=0))

clf = tf.keras.Sequential([tf.keras.layers.Dense(3, activation="softmax", input_shape=(5,))])
clf.compile("sgd", "categorical_crossentropy")
labels = np.array([0, 1, 2, 1])
attempt("categorical_crossentropy on labels", lambda: clf.fit(x, labels, verbose=0))
onehot = tf.keras.utils.to_categorical(labels, 3)
attempt("class_weight missing class", lambda: clf.fit(x, onehot, class_weight={0: 1., 1: 2.},
                                                      verbose=0))
attempt("class_weight all classes", lambda: clf.fit(x, onehot, verbose=0,
                                                    class_weight={0: 1., 1: 2., 2: .5}))
sparse = tf.keras.Sequential([tf.keras.layers.Dense(3, activation="softmax", input_shape=(5,))])
sparse.compile("sgd", "sparse_categorical_crossentropy")
attempt("class_weight float labels", lambda: sparse.fit(x, labels.astype("float32"),
                                                        class_weight={0: 1., 1: 2.},
                                                        verbose=0))

deferred = tf.keras.Sequential([tf.keras.layers.Dense(3), tf.keras.layers.Dense(1)])
deferred.compile("adam", "mse")
deferred.fit(x, np.ones((4, 1)), verbose=0)
deferred.summary()
attempt("deferred target shape", lambda: deferred.fit(x, np.ones((4, 2)), verbose=0))

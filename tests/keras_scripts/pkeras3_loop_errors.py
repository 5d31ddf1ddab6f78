"""Errors of tf.keras training loops as TF 1.14 raises them: a kernel error inside fit,
evaluate or predict comes from Keras's callable (made from options), so its message keeps
the uninterpolated `[[{{node Name}}]]` line and str() adds no creation stack, unlike
Session.run; validation_data's message formats the tuple with `%` (spreading it)."""
import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(2)


def t(name, f):
    try:
        r = f()
        print(name, "OK", np.round(r, 4).tolist() if isinstance(r, (list, np.ndarray))
              else r)
    except Exception as e:  # noqa: BLE001
        print(name, type(e).__name__, str(e))


a = tf.keras.Input((4,))
m = tf.keras.Model(a, tf.keras.layers.Dense(3, activation="softmax")(a))
m.compile("adam", "sparse_categorical_crossentropy", metrics=["acc"])
x = np.random.rand(6, 4).astype("float32")
t("labels", lambda: m.fit(x, np.array([0, 1, 2, 5, 1, 0]), verbose=0).history)
t("eval_labels", lambda: m.evaluate(x, np.array([0, 1, 7, 0, 1, 0]), verbose=0))
t("tob_labels", lambda: m.train_on_batch(x, np.array([0, 1, -1, 0, 1, 0])))
t("eval_nox", lambda: m.evaluate(x))
t("val1", lambda: m.fit(x, np.zeros(6), verbose=0, validation_data=(x,)))
t("val4", lambda: m.fit(x, np.zeros(6), verbose=0, validation_data=(x, x, x, x)))
t("val_list", lambda: m.fit(x, np.zeros(6), verbose=0, validation_data=[x[:1]]))
t("ok", lambda: m.evaluate(x, np.zeros(6), verbose=0))
f = tf.keras.backend.function([a], [m.outputs[0] * tf.keras.backend.placeholder((None,))])
t("K.function", lambda: f([x]))
with tf.Session() as s:
    p = tf.placeholder(tf.float32, [None])
    try:
        s.run(p * 2)
    except tf.errors.InvalidArgumentError as e:
        print("session.run", str(e).splitlines()[1].split(" (defined at")[0],
              "Original stack trace" in str(e))

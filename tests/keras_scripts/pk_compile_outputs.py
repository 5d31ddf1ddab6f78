"""compile() of a two-output model as TF 1.14 checks it (loss / loss_weights per output:
dicts with unknown keys, lists of the wrong length, tuples), metrics per output, and the
targets fit takes: an output compiled with no loss takes none (has_feedable_training_target);
a model trained by add_loss alone takes no y."""
import numpy as np
import tensorflow as tf


def attempt(name, f):
    try:
        print(name, "ok", f())
    except Exception as e:  # noqa: BLE001 - the message is the point
        print(name, type(e).__name__, str(e)[:300])


np.random.seed(18)
x = np.random.rand(16, 4).astype("float32")
i = tf.keras.Input((4,))
h = tf.keras.layers.Dense(3, kernel_initializer="ones", name="h")(i)
o1 = tf.keras.layers.Dense(1, kernel_initializer="ones", name="o1")(h)
o2 = tf.keras.layers.Dense(2, kernel_initializer="ones", name="o2")(h)
m = tf.keras.Model(i, [o1, o2])
attempt("loss dict missing", lambda: m.compile("sgd", loss={"o1": "mse"}))
attempt("loss dict unknown", lambda: m.compile("sgd", loss={"o1": "mse", "o3": "mae"}))
attempt("loss list short", lambda: m.compile("sgd", loss=["mse"]))
attempt("loss_weights list short", lambda: m.compile("sgd", loss="mse", loss_weights=[1.0]))
attempt("loss_weights tuple", lambda: m.compile("sgd", loss="mse", loss_weights=(1.0, 2.0)))
attempt("loss_weights dict unknown", lambda: m.compile("sgd", loss="mse",
                                                       loss_weights={"o1": 1., "o9": 2.}))
attempt("metrics list", lambda: (m.compile("sgd", loss="mse", metrics=[["mae"], ["mse", "acc"]]),
                                 m.metrics_names)[1])
attempt("metrics dict", lambda: (m.compile("sgd", loss="mse", metrics={"o2": "mae"}),
                                 m.metrics_names)[1])
attempt("weighted", lambda: (m.compile("sgd", loss="mse", weighted_metrics=["mae"]),
                             m.metrics_names)[1])
m.compile("sgd", loss="mse", loss_weights={"o2": 2.0}, metrics=["mae"])
h = m.fit(x, [x[:, :1], x[:, :2]], epochs=2, verbose=2, batch_size=8)
print(np.round(m.evaluate(x, [x[:, :1], x[:, :2]], verbose=0), 4).tolist())
m.compile("sgd", loss=[None, "mse"])
print(m.metrics_names)
attempt("targets for both outputs", lambda: m.fit(x, [x[:, :1], x[:, :2]], verbose=0).history)
attempt("target of the trained output", lambda: sorted(m.fit(x, x[:, :2], verbose=0).history))
attempt("dict target", lambda: sorted(m.fit(x, {"o2": x[:, :2]}, verbose=0).history))

j = tf.keras.Input((4,))
out = tf.keras.layers.Dense(1, name="al", kernel_initializer="ones")(j)
m2 = tf.keras.Model(j, out)
m2.add_loss(tf.reduce_mean(out) * 0.1)
m2.compile("sgd", loss="mse")
print(m2.metrics_names)
m2.fit(x, x[:, :1], verbose=2, epochs=1)
m3 = tf.keras.Model(j, out)
m3.add_loss(tf.reduce_mean(tf.square(out)))
m3.compile("sgd", loss=None)
attempt("add_loss alone, no y", lambda: sorted(m3.fit(x, verbose=0).history))
attempt("add_loss alone, y", lambda: m3.fit(x, x[:, :1], verbose=0))

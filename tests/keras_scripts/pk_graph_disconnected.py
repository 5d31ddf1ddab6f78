"""'Graph disconnected' as TF 1.14's _map_graph_network reports it (the nodes checked by
decreasing depth: the tensor and layer it stops at, the layers checked before), and the
names of Inputs made after a Sequential was built by its first data (TF's placeholder
'input_1' uses up no Input layer name)."""
import numpy as np
import tensorflow as tf


def attempt(name, f):
    try:
        f()
        print(name, "ok")
    except ValueError as e:
        print(name, "ValueError", e)


deferred = tf.keras.Sequential([tf.keras.layers.Dense(2)])
deferred.compile("sgd", "mse")
deferred.fit(np.ones((2, 3)), np.ones((2, 2)), verbose=0)
print(deferred.inputs, deferred.input_names)
print(tf.keras.Input((3,)).name)

x = tf.keras.Input((3,), name="x")
h = tf.keras.layers.Dense(3, name="h")(x)
attempt("intermediate input", lambda: tf.keras.Model(h, tf.keras.layers.Dense(1)(h)))
other = tf.keras.Input((3,), name="other")
attempt("other input", lambda: tf.keras.Model(other, tf.keras.layers.Dense(1, name="o")(h)))
y = tf.keras.Input((2,), name="y")
g = tf.keras.layers.Dense(3, name="g")(y)
merged = tf.keras.layers.add([h, g], name="sum")
attempt("one of two inputs", lambda: tf.keras.Model(x, tf.keras.layers.Dense(1, name="out")(
    tf.keras.layers.concatenate([merged, h], name="cat"))))
attempt("both inputs", lambda: tf.keras.Model([x, y], merged).summary())
attempt("unused input", lambda: print([layer.name for layer in tf.keras.Model(
    [x, other], h).layers]))
h3 = tf.keras.layers.Dense(3, name="h3")(tf.keras.layers.Dense(3, name="h2")(h))
g2 = tf.keras.layers.Dense(3, name="g2")(y)
attempt("deep chain", lambda: tf.keras.Model(x, tf.keras.layers.Dense(1, name="end")(
    tf.keras.layers.concatenate([h3, g2], name="cat2"))))
attempt("deep chain, inputs reversed", lambda: tf.keras.Model(x, tf.keras.layers.Dense(
    1, name="end2")(tf.keras.layers.concatenate([g2, h3], name="cat3"))))

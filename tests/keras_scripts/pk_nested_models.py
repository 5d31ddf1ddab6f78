"""Models used as the first layer of a Sequential (TF 1.14's get_input_shape_and_dtype:
the input shape of the deepest first layer makes the Sequential a graph network at once),
and the summaries of a siamese model with a shared layer and a nested encoder."""
import numpy as np
import tensorflow as tf

enc = tf.keras.Sequential([tf.keras.layers.Dense(4, input_shape=(6,), kernel_initializer="ones"),
                           tf.keras.layers.Dense(2, kernel_initializer="ones")], name="encoder")
nested = tf.keras.Sequential([enc, tf.keras.layers.Dense(1, kernel_initializer="ones")])
nested.summary()
print(nested.count_params(), nested.input_shape, nested.output_shape, nested.inputs[0].name)
print(nested.predict(np.ones((2, 6))).tolist())

i = tf.keras.Input((3,), name="feat")
functional = tf.keras.Model(i, tf.keras.layers.Dense(2, name="proj")(i), name="functional")
outer = tf.keras.Sequential([functional, tf.keras.layers.Dense(1, name="head")])
outer.summary()
print([layer.name for layer in outer.layers], outer.inputs[0].name)

deep = tf.keras.Sequential([tf.keras.Sequential([enc])])
print(deep.input_shape, deep.inputs[0].name)
try:
    tf.keras.Sequential([tf.keras.Sequential(), tf.keras.layers.Dense(1)])
except ValueError as e:
    print("ValueError", e)
lazy = tf.keras.Sequential([tf.keras.Sequential([tf.keras.layers.Dense(2)]),
                            tf.keras.layers.Dense(1)])
print(lazy.built, hasattr(lazy, "_is_graph_network") and lazy._is_graph_network)

a = tf.keras.Input((6,), name="left")
b = tf.keras.Input((6,), name="right")
shared = tf.keras.layers.Dense(3, name="shared")
ea, eb = enc(a), enc(b)
c = tf.keras.layers.concatenate([tf.keras.layers.Subtract()([ea, eb]), shared(a), shared(b)])
siamese = tf.keras.Model([a, b], tf.keras.layers.Dense(1, name="score")(c), name="siamese")
siamese.summary()
print(siamese.get_layer("shared").get_output_shape_at(1))

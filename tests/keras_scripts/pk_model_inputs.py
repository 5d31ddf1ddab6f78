"""What tf.keras.Model says of inputs that are not keras Inputs (TF 1.14's
_validate_graph_inputs_and_outputs: inputs checked before outputs)."""
import tensorflow as tf


def attempt(name, f):
    try:
        f()
        print(name, "ok")
    except Exception as e:  # noqa: BLE001 - the message is the point
        print(name, type(e).__name__, str(e)[:400])


x = tf.keras.Input((3,), name="x")
attempt("redundant inputs", lambda: tf.keras.Model([x, x], tf.keras.layers.Dense(1)(x)))
attempt("placeholder input", lambda: tf.keras.Model(tf.placeholder(tf.float32, (None, 3)), x))
attempt("placeholder input and output", lambda: tf.keras.Model(
    tf.placeholder(tf.float32, (None, 3)), tf.placeholder(tf.float32, (None, 1))))
b1 = tf.keras.Input(batch_shape=(4, 2))
b2 = tf.keras.Input(batch_shape=(4, 2))
attempt("two inputs", lambda: tf.keras.Model([b1, b2], tf.keras.layers.add([b1, b2])).summary())

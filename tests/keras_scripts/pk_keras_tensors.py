"""tf.keras.__version__ (TF 1.14's '2.2.4-tf', under every import path) and the
`_keras_history` of Keras tensors (a KerasHistory(layer, node_index, tensor_index);
missing on other tensors), as code built on tf.keras reads them."""
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.python import keras as python_keras

print(tf.__version__, tf.keras.__version__, keras.__version__, python_keras.__version__)
K = tf.keras.backend
x = tf.keras.Input((3,), name="x")
d = tf.keras.layers.Dense(2, name="d")
y = d(x)
z = d(tf.keras.layers.Dense(3, name="e")(x))
for t in (x, y, z):
    history = t._keras_history
    print(t.name, history.layer.name, history.node_index, history.tensor_index,
          history[0] is history.layer, type(history).__name__)
print(hasattr(tf.constant(1.), "_keras_history"), hasattr(y + 1., "_keras_history"))
a, b = tf.keras.layers.Lambda(lambda t: [t, t * 2.], name="pair")(x)
print(a._keras_history[1:], b._keras_history[1:])
print(K.is_sparse(y), K.int_shape(y), K.dtype(y), K.ndim(y))
print(K.get_uid("dense"), K.get_uid("dense"))
K.reset_uids()
print(K.get_uid("dense"), tf.keras.layers.Dense(1).name, np.float32(K.epsilon()))

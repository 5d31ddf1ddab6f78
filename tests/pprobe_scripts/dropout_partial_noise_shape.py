"""A noise_shape with None dims: tf.nn.dropout fills those x knows (TF's _get_noise_shape) and
fails as TF where x does not (ValueError naming the partial shape), also under keras'
Dropout; a noise_shape tensor."""
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 4])
for ns in [(None, 1), [None, 4]]:
    try:
        y = tf.nn.dropout(x, rate=0.5, noise_shape=ns)
        print("ok", y.shape)
    except Exception as e:
        print(type(e).__name__, e)
    print(len(tf.get_default_graph().get_operations()))
try:
    y = tf.keras.layers.Dropout(0.4, noise_shape=(None, 1))(x, training=True)
except Exception as e:
    print(type(e).__name__, e)
print(len(tf.get_default_graph().get_operations()))
y = tf.nn.dropout(x, rate=0.5, noise_shape=tf.stack([tf.shape(x)[0], 1]), seed=3)
with tf.Session() as s:
    print(s.run(y, {x: np.ones([3, 4])}).tolist())

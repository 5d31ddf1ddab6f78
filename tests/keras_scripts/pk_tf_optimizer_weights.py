"""TF-format weights of a model compiled with a tf.train optimizer (TF 1.14's TFOptimizer
tracks it as 'optimizer': its non-slot variables, its slots, and 'global_step'), saved
and loaded back into a model trained one step."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

d = tempfile.mkdtemp()
x = np.arange(12, dtype="float32").reshape(4, 3) / 10.
y = np.ones((4, 2), "float32")


def build():
    m = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,),
                                                   kernel_initializer="ones")])
    m.compile(tf.train.AdamOptimizer(0.1), "mse")
    return m


m = build()
m.fit(x, y, epochs=3, batch_size=2, verbose=0, shuffle=False)
path = os.path.join(d, "w")
m.save_weights(path)
for name, shape in tf.train.list_variables(path):
    value = tf.train.load_variable(path, name) if name != "_CHECKPOINTABLE_OBJECT_GRAPH" \
        else None
    print(name, shape, None if value is None else np.round(value, 4).tolist())
m2 = build()
m2.fit(x[:2], y[:2], epochs=1, verbose=0)
status = m2.load_weights(path)
status.assert_existing_objects_matched()
print([np.allclose(a, b) for a, b in zip(m.get_weights(), m2.get_weights())])
sess = tf.keras.backend.get_session()
opt2 = m2.optimizer.optimizer
print([np.allclose(sess.run(opt2.get_slot(v, "m")), sess.run(m.optimizer.optimizer.get_slot(
    w, "m"))) for v, w in zip(m2.trainable_weights, m.trainable_weights)])
print(np.round(sess.run(list(opt2._get_beta_accumulators())), 4).tolist(),
      sess.run(m2.optimizer.iterations))
shutil.rmtree(d)

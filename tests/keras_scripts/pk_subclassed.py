"""A subclassed tf.keras.Model as in TF 1.14's guide: unbuilt summary error, fit with a
tf.train optimizer, summary ("multiple"), weights, TF-format weights round trip, and the
errors of save / to_json (get_config: TF's bare NotImplementedError)."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

d = tempfile.mkdtemp()
np.random.seed(16)
tf.set_random_seed(16)
class MyModel(tf.keras.Model):
    def __init__(self, num_classes=3):
        super(MyModel, self).__init__(name="my_model")
        self.num_classes = num_classes
        self.dense_1 = tf.keras.layers.Dense(8, activation="relu", kernel_initializer="ones")
        self.dense_2 = tf.keras.layers.Dense(num_classes, activation="softmax",
                                             kernel_initializer="ones")
    def call(self, inputs):
        return self.dense_2(self.dense_1(inputs))
    def compute_output_shape(self, input_shape):
        shape = tf.TensorShape(input_shape).as_list()
        shape[-1] = self.num_classes
        return tf.TensorShape(shape)
m = MyModel()
try:
    m.summary()
except ValueError as e:
    print("E", e)
m.compile(optimizer=tf.train.RMSPropOptimizer(0.001), loss="categorical_crossentropy",
          metrics=["accuracy"])
x = np.random.rand(30, 5).astype("float32")
y = tf.keras.utils.to_categorical(np.random.randint(0, 3, 30), 3)
h = m.fit(x, y, batch_size=10, epochs=2, verbose=2)
m.summary()
print([w.name for w in m.weights])
print(m.predict(x[:2]).round(4).tolist())
print(m.inputs, m.outputs[0].name if m.outputs else None, m.input_names, m.output_names)
m.save_weights(os.path.join(d, "sub_w"))
m2 = MyModel()
m2.compile(optimizer=tf.train.RMSPropOptimizer(0.001), loss="categorical_crossentropy")
m2.fit(x, y, verbose=0, epochs=1)
m2.load_weights(os.path.join(d, "sub_w"))
print(np.allclose(m2.predict(x), m.predict(x)))
try:
    m.save(os.path.join(d, "sub.h5"))
except NotImplementedError as e:
    print("E", repr(e)[:200])
try:
    m.to_json()
except NotImplementedError as e:
    print("E", repr(e)[:200])
shutil.rmtree(d)

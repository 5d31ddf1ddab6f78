"""TF1 code that imports tf.keras from its private home, tensorflow.python.keras (backend,
layers, models, engine.base_layer, utils, optimizers, preprocessing), and trains a small
seeded model."""
import numpy as np
import tensorflow as tf
from tensorflow.python.keras import backend as K
from tensorflow.python.keras import callbacks, losses, metrics  # noqa: F401
from tensorflow.python.keras.engine.base_layer import InputSpec, Layer
from tensorflow.python.keras.layers import Dense
from tensorflow.python.keras.layers.core import Dropout
from tensorflow.python.keras.models import Sequential
from tensorflow.python.keras.optimizers import Adam
from tensorflow.python.keras.preprocessing.sequence import pad_sequences
from tensorflow.python.keras.utils.np_utils import to_categorical


class Scale(Layer):
    def __init__(self, **kwargs):
        super(Scale, self).__init__(**kwargs)
        self.input_spec = InputSpec(min_ndim=2)

    def build(self, input_shape):
        self.k = self.add_weight("k", shape=(int(input_shape[-1]),),
                                 initializer=tf.keras.initializers.ones())
        super(Scale, self).build(input_shape)

    def call(self, x):
        return x * self.k


np.random.seed(0)
x = np.random.rand(32, 4).astype("float32")
y = to_categorical(np.random.randint(0, 3, 32), 3)
model = Sequential([Scale(input_shape=(4,)),
                    Dense(8, activation="relu",
                          kernel_initializer=tf.keras.initializers.glorot_uniform(seed=1)),
                    Dropout(0.0),
                    Dense(3, activation="softmax",
                          kernel_initializer=tf.keras.initializers.glorot_uniform(seed=2))])
model.compile(Adam(0.01), "categorical_crossentropy", metrics=["accuracy"])
hist = model.fit(x, y, batch_size=8, epochs=3, verbose=0, shuffle=False)
print("loss", ["%.5f" % v for v in hist.history["loss"]])
print("floatx", K.floatx(), "pad", pad_sequences([[1, 2]], maxlen=4).tolist())
print("k", np.round(K.get_value(model.layers[0].k), 4).tolist())

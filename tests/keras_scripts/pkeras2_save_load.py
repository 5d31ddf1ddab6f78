"""Saving and loading a tf.keras model with a custom layer, loss and metric: callbacks'
files and messages (ModelCheckpoint period / save_best_only, CSVLogger, EarlyStopping),
load_model with custom_objects, to_json, HDF5 and TF-format weights (by_name too), the
HDF5 file's layout and the TF-format load status."""
import os
import shutil
import tempfile

import h5py
import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(2)
work = tempfile.mkdtemp()
os.chdir(work)
x = np.random.rand(32, 3).astype("float32")
y = np.stack([x[:, 0] * 2, x[:, 1] - x[:, 2]], 1)


class Scale(tf.keras.layers.Layer):
    def __init__(self, factor=2.0, **kwargs):
        super(Scale, self).__init__(**kwargs)
        self.factor = factor

    def build(self, input_shape):
        self.w = self.add_weight("w", shape=(int(input_shape[-1]),), initializer="ones")
        super(Scale, self).build(input_shape)

    def call(self, inputs):
        return inputs * self.w * self.factor

    def get_config(self):
        config = super(Scale, self).get_config()
        config["factor"] = self.factor
        return config


def my_loss(y_true, y_pred):
    return tf.reduce_mean(tf.square(y_true - y_pred), axis=-1)


def my_metric(y_true, y_pred):
    return tf.reduce_mean(tf.abs(y_true - y_pred), axis=-1)


model = tf.keras.Sequential([tf.keras.layers.Dense(4, activation="tanh", input_shape=(3,)),
                             Scale(0.5, name="scale"), tf.keras.layers.Dense(2)])
model.compile(tf.keras.optimizers.RMSprop(0.01), my_loss, metrics=[my_metric])
callbacks = [
    tf.keras.callbacks.ModelCheckpoint("wts-{epoch:02d}.h5", save_weights_only=True,
                                       period=2, verbose=1),
    tf.keras.callbacks.ModelCheckpoint("best.h5", monitor="loss", save_best_only=True,
                                       verbose=1, mode="min"),
    tf.keras.callbacks.CSVLogger("log.csv", separator=";"),
    tf.keras.callbacks.LearningRateScheduler(lambda e: 0.01 / (1 + e), verbose=1),
    tf.keras.callbacks.EarlyStopping(monitor="loss", patience=0, min_delta=1.0, verbose=1,
                                     restore_best_weights=True)]
h = model.fit(x, y, batch_size=8, epochs=5, callbacks=callbacks, verbose=2)
print(sorted(h.history), h.epoch, [round(v, 4) for v in h.history["loss"]], h.history["lr"])
print(sorted(os.listdir(".")))
print(open("log.csv").read().splitlines()[0], len(open("log.csv").read().splitlines()))

loaded = tf.keras.models.load_model("best.h5", custom_objects={
    "Scale": Scale, "my_loss": my_loss, "my_metric": my_metric})
print([type(layer).__name__ for layer in loaded.layers], loaded.layers[1].factor,
      loaded.loss.__name__, loaded.metrics_names, type(loaded.optimizer).__name__)
try:
    tf.keras.models.load_model("best.h5")
except ValueError as e:
    print("ValueError", e)
with h5py.File("best.h5", "r") as f:
    print(sorted(f.attrs), sorted(f))
    names = []
    f.visit(names.append)
    print([(n, f[n].shape) for n in names if isinstance(f[n], h5py.Dataset)])

clone = tf.keras.models.model_from_json(model.to_json(), custom_objects={"Scale": Scale})
clone.load_weights("wts-02.h5")
print([w.shape for w in clone.get_weights()])
other = tf.keras.Sequential([
    tf.keras.layers.Dense(4, activation="tanh", input_shape=(3,), name=model.layers[0].name),
    tf.keras.layers.Dense(7, name="other")])
other.load_weights("wts-02.h5", by_name=True)
print(np.array_equal(other.layers[0].get_weights()[0], clone.layers[0].get_weights()[0]))
try:
    other.load_weights("wts-02.h5")
except ValueError as e:
    print("ValueError", e)
model.save_weights("tfw")
print(sorted(f for f in os.listdir(".") if f.startswith("tfw") or f == "checkpoint"))
status = clone.load_weights("tfw")
print(type(status).__name__)
status.assert_existing_objects_matched()
try:   # the uncompiled clone has no optimizer for the checkpoint's slots
    status.assert_consumed()
except AssertionError as e:
    print("AssertionError", str(e).split(" (")[0].split(":")[0])
print(np.array_equal(clone.get_weights()[2], model.get_weights()[2]))
os.chdir("/")
shutil.rmtree(work)

"""Callbacks' warnings go to TF's logger (stderr), their messages to stdout: what a
TF 1.14 script prints with a monitored metric that is missing or a mode that is unknown."""
import numpy as np
import tensorflow as tf

np.random.seed(7)
x = np.random.rand(40, 3).astype("float32")
y = (x.sum(1, keepdims=True) > 1.5).astype("float32")
m = tf.keras.Sequential([tf.keras.layers.Dense(1, activation="sigmoid", input_shape=(3,),
                                               kernel_initializer="ones")])
m.compile(tf.keras.optimizers.SGD(0.1), "binary_crossentropy", metrics=["acc"])
cbs = [tf.keras.callbacks.EarlyStopping(monitor="val_loss", mode="smallest", verbose=1),
       tf.keras.callbacks.ReduceLROnPlateau(monitor="val_acc", mode="largest", epsilon=0.1,
                                            verbose=1, unused=3),
       tf.keras.callbacks.ModelCheckpoint("unused.h5", monitor="val_loss", mode="lowest",
                                          save_best_only=True, verbose=1),
       tf.keras.callbacks.EarlyStopping(monitor="loss", patience=0, min_delta=1., verbose=1)]
h = m.fit(x, y, epochs=3, batch_size=20, verbose=2, callbacks=cbs)
print(sorted(h.history), len(h.epoch))
print(round(float(cbs[1].min_delta), 4), cbs[1].mode, cbs[0].stopped_epoch)

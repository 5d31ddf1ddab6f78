"""Keras functional model (two inputs, concatenate, dropout, batch norm) compiled with
RMSprop and two metrics, fit with validation_split, class_weight and callbacks
(LearningRateScheduler, ReduceLROnPlateau on the training loss, EarlyStopping on val_acc,
LambdaCallback); history,
evaluate and predict at full precision."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(12)
rs = np.random.RandomState(13)
K = tf.keras
a = K.layers.Input((4,), name="a")
b = K.layers.Input((3,), name="b")
h = K.layers.concatenate(
    [K.layers.Dense(6, activation="relu")(a), K.layers.Dense(4, activation="tanh")(b)]
)
h = K.layers.BatchNormalization()(h)
h = K.layers.Dropout(0.3, seed=4)(h)
o = K.layers.Dense(3, activation="softmax")(h)
m = K.models.Model([a, b], o)
m.compile(K.optimizers.RMSprop(0.01), "sparse_categorical_crossentropy", metrics=["accuracy"])
A = rs.randn(40, 4).astype(np.float32)
Bv = rs.randn(40, 3).astype(np.float32)
Y = ((A[:, 0] > 0).astype(np.int64) + (Bv[:, 1] > 0.5)).astype(np.int64)
log = []
cbs = [
    K.callbacks.LearningRateScheduler(lambda e, lr: lr * 0.9 if e > 0 else lr),
    K.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=1, min_delta=0.3),
    K.callbacks.EarlyStopping(monitor="val_acc", patience=3),
    K.callbacks.LambdaCallback(on_epoch_end=lambda e, logs: log.append((e, sorted(logs.items())))),
]
hist = m.fit(
    [A, Bv],
    Y,
    batch_size=8,
    epochs=6,
    validation_split=0.25,
    shuffle=False,
    class_weight={0: 1.0, 1: 2.0, 2: 0.5},
    callbacks=cbs,
    verbose=0,
)
# TF 1.14's val_loss varies between runs in its last bits (the pprobe4 report): not printed
for k in sorted(hist.history):
    if k != "val_loss":
        print(k, [repr(float(x)) for x in hist.history[k]])
for e, entries in log:
    print(e, [(k, repr(float(v))) for k, v in entries if k != "val_loss"])
print([repr(float(x)) for x in m.evaluate([A, Bv], Y, batch_size=16, verbose=0)])
print(H(m.predict([A, Bv], batch_size=16)))
for w in m.weights:
    print(w.name, H(K.backend.get_value(w)))

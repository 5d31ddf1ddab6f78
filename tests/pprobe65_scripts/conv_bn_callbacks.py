"""A small Conv2D classifier as Keras tutorials train it: Conv2D, BatchNormalization and
Dropout (the learning phase during fit), MaxPooling2D, Flatten; fit with validation_split and
EarlyStopping, ReduceLROnPlateau and LearningRateScheduler (verbose), the history, the
learning rate after training, the batch-norm moving statistics, evaluate / predict."""

import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(2)
K = tf.keras
L = K.layers

rs = np.random.RandomState(0)
X = rs.rand(40, 8, 8, 1).astype(np.float32)
Y = K.utils.to_categorical((X.sum(axis=(1, 2, 3)) > 32).astype(int), 2)

model = K.Sequential([
    L.Conv2D(4, 3, padding="same", input_shape=(8, 8, 1),
             kernel_initializer=K.initializers.he_normal(seed=1)),
    L.BatchNormalization(momentum=0.9),
    L.Activation("relu"),
    L.MaxPooling2D(2),
    L.Dropout(0.25, seed=3),
    L.Conv2D(6, 3, strides=2, kernel_initializer=K.initializers.glorot_uniform(seed=2)),
    L.Flatten(),
    L.Dense(2, activation="softmax", kernel_initializer=K.initializers.glorot_uniform(seed=4)),
])
model.compile(optimizer=K.optimizers.SGD(lr=0.1, momentum=0.9),
              loss="categorical_crossentropy", metrics=["accuracy"])
model.summary()


def schedule(epoch, lr):
    return lr * 0.5 if epoch >= 2 else lr


cbs = [K.callbacks.EarlyStopping(monitor="val_loss", patience=2, verbose=1),
       K.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.2, patience=1,
                                     min_lr=1e-4, verbose=1),
       K.callbacks.LearningRateScheduler(schedule, verbose=1)]
hist = model.fit(X, Y, batch_size=8, epochs=6, validation_split=0.25, shuffle=False,
                 callbacks=cbs, verbose=0)
print(hist.epoch, sorted(hist.params.items()))
for k in sorted(hist.history):
    print(k, [round(float(v), 5) for v in hist.history[k]])
print("lr", repr(float(K.backend.get_value(model.optimizer.lr))))
bn = model.layers[1]
print([w.name for w in bn.weights])
print(np.round(bn.get_weights()[2], 5).tolist(), np.round(bn.get_weights()[3], 5).tolist())
print("eval", [round(float(v), 5) for v in model.evaluate(X, Y, verbose=0)])
print(np.round(model.predict(X[:3]), 5).tolist())
print(len(model.updates), sorted(u.op.type if hasattr(u, "op") else type(u).__name__
                                  for u in model.updates))
print(K.backend.learning_phase().name)

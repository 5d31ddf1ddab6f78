"""BatchNormalization (momentum, center/scale off) and seeded Dropout inside fit, where the
learning phase switches them; EarlyStopping with restore_best_weights and baseline,
ReduceLROnPlateau on val_acc (mode max, cooldown, min_lr), LearningRateScheduler with the
epoch, a custom Callback subclass recording batch logs and the model's learning rate;
moving statistics after fit, evaluate against predict in inference mode."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(71)
K = tf.keras
rs = np.random.RandomState(15)
X = (rs.randn(60, 5) * [1, 2, 3, 0.5, 4] + [0, 1, -2, 3, 0]).astype(np.float32)
Y = (X[:, 0] * X[:, 1] > 0).astype(np.int64)
m = K.Sequential([
    K.layers.Dense(6, input_shape=(5,)),
    K.layers.BatchNormalization(momentum=0.8),
    K.layers.Activation("relu"),
    K.layers.Dropout(0.3, seed=11),
    K.layers.Dense(4, activation="tanh"),
    K.layers.BatchNormalization(center=False, scale=False, epsilon=0.01),
    K.layers.Dense(2, activation="softmax"),
])
m.compile(K.optimizers.SGD(0.2, momentum=0.9), "sparse_categorical_crossentropy",
          metrics=["acc"])


class Recorder(K.callbacks.Callback):
    def on_train_begin(self, logs=None):
        self.rows = []

    def on_batch_end(self, batch, logs=None):
        self.rows.append((batch, int(logs["size"]), repr(float(logs["loss"]))))

    def on_epoch_end(self, epoch, logs=None):
        lr = K.backend.get_value(self.model.optimizer.lr)
        self.rows.append(("epoch", epoch, repr(float(lr))))


rec = Recorder()
cbs = [rec,
       K.callbacks.LearningRateScheduler(lambda e: 0.2 / (1 + e)),
       K.callbacks.ReduceLROnPlateau(monitor="val_acc", mode="max", factor=0.5, patience=1,
                                     cooldown=1, min_lr=0.01),
       K.callbacks.EarlyStopping(monitor="acc", patience=2, mode="max",
                                 restore_best_weights=True, baseline=0.3)]
h = m.fit(X, Y, batch_size=16, epochs=6, validation_split=0.2, shuffle=False, callbacks=cbs,
          verbose=0)
print(h.epoch)
for k in sorted(h.history):
    if k != "val_loss":
        print(k, [repr(float(x)) for x in h.history[k]])
for r in rec.rows:
    print(r)
print(cbs[-1].stopped_epoch, repr(float(cbs[-1].best)))
for w in m.weights:
    print(w.name, H(K.backend.get_value(w)))
print([repr(float(x)) for x in m.evaluate(X, Y, batch_size=60, verbose=0)])
p = m.predict(X, batch_size=60)
print(H(p))
f = K.backend.function([m.input, K.backend.learning_phase()], [m.output])
print(H(f([X, 0])[0]), H(f([X, 1])[0]))
print(len(tf.get_default_graph().get_operations()))

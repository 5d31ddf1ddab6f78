"""Keras training from Python generators and a keras.utils.Sequence (fit_generator with
validation_data from a generator, evaluate_generator, predict_generator, steps), a
stateful SimpleRNN trained batch by batch with reset_states, and fit with shuffle="batch"
under a NumPy seed."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


np.random.seed(37)
tf.set_random_seed(37)
K = tf.keras
rs = np.random.RandomState(38)
X = rs.randn(36, 4).astype(np.float32)
Y = (X @ np.array([1.0, -1.0, 0.5, 0.0], np.float32))[:, None].astype(np.float32)


def gen(bs):
    while True:
        for i in range(0, 36, bs):
            yield X[i:i + bs], Y[i:i + bs]


class Seq(K.utils.Sequence):
    def __len__(self):
        return 4

    def __getitem__(self, i):
        return X[9 * i:9 * i + 9], Y[9 * i:9 * i + 9]


m = K.Sequential([K.layers.Dense(6, activation="relu", input_shape=(4,)), K.layers.Dense(1)])
m.compile(K.optimizers.SGD(0.05, momentum=0.5), "mse", metrics=["mae"])
h = m.fit_generator(gen(6), steps_per_epoch=6, epochs=2, validation_data=gen(12),
                    validation_steps=3, verbose=0, shuffle=False, workers=0)
for k in sorted(h.history):
    print(k, [repr(float(x)) for x in h.history[k]])
h = m.fit_generator(Seq(), epochs=2, verbose=0, shuffle=False, workers=0)
print([repr(float(x)) for x in h.history["loss"]])
print([repr(float(x)) for x in m.evaluate_generator(Seq(), workers=0)])
pg = m.predict_generator(gen(9), steps=2, workers=0)
print(H(pg), H(m.predict(X[:18])), [repr(float(v)) for v in pg[:3, 0]])
h = m.fit(X, Y, batch_size=6, epochs=2, shuffle="batch", verbose=0)
print([repr(float(x)) for x in h.history["loss"]])
r = K.Sequential([K.layers.SimpleRNN(3, stateful=True, batch_input_shape=(2, 3, 2)),
                  K.layers.Dense(1)])
r.compile(K.optimizers.SGD(0.1), "mse")
S = rs.randn(2, 12, 2).astype(np.float32)
T = rs.randn(2, 1).astype(np.float32)
for i in range(4):
    print(i, repr(float(r.train_on_batch(S[:, 3 * i:3 * i + 3], T))))
    if i == 1:
        r.reset_states()
print(H(r.predict(S[:, :3], batch_size=2)), H(K.backend.get_value(r.layers[0].states[0])))
print(len(tf.get_default_graph().get_operations()))

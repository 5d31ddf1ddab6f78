"""sequence.TimeseriesGenerator in its variants (length, sampling_rate, stride,
start_index / end_index, reverse, shuffle with NumPy's global seed, batch_size, targets
of another shape, the errors), then a seeded GRU -> Dense forecaster trained with
fit_generator on it (a Sequence: batch order shuffled with Python's seeded random by
one worker thread, each epoch's order a shuffle of the last), a TimeseriesGenerator as
validation_data with validation_steps, evaluate_generator / predict_generator, and
the batches a callback sees."""

import hashlib
import random

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


K = tf.keras
TG = K.preprocessing.sequence.TimeseriesGenerator
data = np.arange(40, dtype="float32").reshape(20, 2)
targets = np.arange(20, dtype="int64") * 10
np.random.seed(12)
for kw in (dict(length=3), dict(length=4, sampling_rate=2, batch_size=3),
           dict(length=2, stride=3, batch_size=4), dict(length=3, start_index=5, end_index=14),
           dict(length=5, reverse=True, batch_size=2),
           dict(length=3, shuffle=True, batch_size=5),
           dict(length=6, sampling_rate=3, stride=2, shuffle=True, batch_size=2)):
    g = TG(data, targets, **kw)
    x0, y0 = g[0]
    xl, yl = g[len(g) - 1]
    print(sorted(kw.items()), len(g), x0.shape, x0[0].tolist(), y0.tolist(), xl.shape,
          yl.tolist())
try:
    TG(data, targets, length=30)
    print("no error")
except ValueError as e:
    print("ValueError", e)
try:
    TG(data, targets[:10], length=3)
    print("no error")
except ValueError as e:
    print("ValueError", e)

tf.set_random_seed(33)
np.random.seed(3)
# a random walk (no np.sin: NumPy 2's float32 SIMD sin differs from 1.16's in last bits)
walk = np.cumsum(np.random.RandomState(8).uniform(-0.25, 0.25, (120, 2)), axis=0)
series = (walk - walk.mean(0)).astype("float32")
nxt = (series[:, :1] * 0.5 + series[:, 1:] * 0.25).astype("float32")
train = TG(series, nxt, length=8, sampling_rate=1, stride=2, end_index=89, batch_size=8)
valid = TG(series, nxt, length=8, start_index=90, batch_size=10)
print(len(train), len(valid), H(train[1][0]), H(valid[0][1]))
model = K.Sequential([
    K.layers.GRU(6, input_shape=(8, 2),
                 kernel_initializer=K.initializers.glorot_uniform(seed=1),
                 recurrent_initializer=K.initializers.orthogonal(seed=2)),
    K.layers.Dense(1, kernel_initializer=K.initializers.glorot_uniform(seed=3))])
model.compile(K.optimizers.Adam(0.02), "mse", metrics=["mae"])
seen = []
cb = K.callbacks.LambdaCallback(
    on_batch_end=lambda b, logs: seen.append((b, int(logs["size"]), repr(float(logs["loss"])))))
random.seed(5)   # TF's OrderedEnqueuer shuffles the batch order with Python's random
h = model.fit_generator(train, epochs=3, shuffle=True, workers=1, max_queue_size=3,
                        validation_data=valid, validation_steps=2, callbacks=[cb], verbose=0)
print(seen)
for k in sorted(h.history):
    print(k, [repr(float(v)) for v in h.history[k]])
print([repr(float(v)) for v in model.evaluate_generator(valid, steps=2)])
p = model.predict_generator(valid)
print(H(p), [repr(float(v)) for v in p.ravel()[:4]])
print([H(w) for w in model.get_weights()])
print(len(tf.get_default_graph().get_operations()))

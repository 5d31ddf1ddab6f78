"""A time-series LSTM regressor as forecasting repositories write it: stacked LSTM with
dropout / recurrent_dropout, TimeDistributed Dense then a Lambda slicing the last step,
BatchNormalization in a Sequential, Adam with clipnorm, a per-batch loss history from a
LambdaCallback, train_on_batch / test_on_batch losses, predict_on_batch and the
Keras-raised errors for bad input shapes."""

import numpy as np
import tensorflow as tf

np.random.seed(4)
tf.set_random_seed(4)
K = tf.keras
L = K.layers

t = np.arange(0, 64, dtype=np.float32)
series = np.sin(t * 0.3) + 0.1 * np.random.RandomState(2).randn(64).astype(np.float32)
X = np.stack([series[i:i + 8] for i in range(48)])[..., None].astype(np.float32)
Y = series[8:56][:, None].astype(np.float32)

model = K.Sequential([
    L.LSTM(6, return_sequences=True, dropout=0.1, recurrent_dropout=0.1,
           input_shape=(8, 1), kernel_initializer=K.initializers.glorot_uniform(seed=1),
           recurrent_initializer=K.initializers.orthogonal(seed=2)),
    L.BatchNormalization(),
    L.LSTM(4, return_sequences=True, kernel_initializer=K.initializers.glorot_uniform(seed=3),
           recurrent_initializer=K.initializers.orthogonal(seed=4), unit_forget_bias=False),
    L.TimeDistributed(L.Dense(1, kernel_initializer=K.initializers.glorot_uniform(seed=5))),
    L.Lambda(lambda z: z[:, -1, :]),
])
model.compile(K.optimizers.Adam(lr=0.02, clipnorm=1.0), "mse", metrics=["mae", "mse"])
losses = []
cb = K.callbacks.LambdaCallback(on_batch_end=lambda b, logs: losses.append(logs["loss"]))
hist = model.fit(X, Y, batch_size=16, epochs=2, shuffle=False, verbose=0, callbacks=[cb])
print([round(float(v), 5) for v in losses])
print({k: [round(float(x), 5) for x in v] for k, v in sorted(hist.history.items())})
for i in range(3):
    print("tob", [round(float(v), 5) for v in model.train_on_batch(X[:8], Y[:8])])
print("test", [round(float(v), 5) for v in model.test_on_batch(X[8:16], Y[8:16])])
print(np.round(model.predict_on_batch(X[:3]), 5).tolist())
print(model.output_shape, [ly.__class__.__name__ for ly in model.layers])
print(np.round(model.layers[1].get_weights()[3], 5).tolist())
try:
    model.predict(np.zeros((2, 8, 2), np.float32))
except ValueError as e:
    print("ValueError", e)
try:
    model.fit(X, Y[:10], verbose=0)
except ValueError as e:
    print("ValueError", e)
try:
    model.evaluate(X[:, :, 0], Y, verbose=0)
except ValueError as e:
    print("ValueError", e)

"""A functional two-input / two-output model as multi-task repositories build it: Conv1D
over a sequence, a dense side input, concatenate, two heads; compile with a dict of losses,
loss_weights and per-output metrics; metrics_names, fit history, evaluate lists, predict,
get_weights / set_weights round trip and the errors Keras raises for bad loss keys and
set_weights shapes."""

import numpy as np
import tensorflow as tf

np.random.seed(5)
tf.set_random_seed(9)
K = tf.keras
L = K.layers

rs = np.random.RandomState(8)
S = rs.randn(30, 10, 3).astype(np.float32)
D = rs.randn(30, 4).astype(np.float32)
YR = (S.mean(axis=(1, 2)) + D[:, 0]).astype(np.float32)[:, None]
YC = (D[:, 1] > 0).astype(np.float32)[:, None]

seq = L.Input((10, 3), name="seq")
side = L.Input((4,), name="side")
c = L.Conv1D(5, 3, padding="causal", dilation_rate=2, activation="relu",
             kernel_initializer=K.initializers.glorot_uniform(seed=1), name="conv")(seq)
c = L.Conv1D(4, 2, strides=2, kernel_initializer=K.initializers.he_normal(seed=2))(c)
c = L.GlobalMaxPooling1D()(c)
z = L.concatenate([c, L.Dense(4, kernel_initializer=K.initializers.orthogonal(seed=3))(side)])
reg = L.Dense(1, name="reg", kernel_initializer=K.initializers.glorot_uniform(seed=4))(z)
cls = L.Dense(1, activation="sigmoid", name="cls",
              kernel_initializer=K.initializers.glorot_uniform(seed=5))(z)
model = K.Model([seq, side], [reg, cls])
model.compile(K.optimizers.RMSprop(0.005),
              loss={"reg": "mse", "cls": "binary_crossentropy"},
              loss_weights={"reg": 0.3, "cls": 1.0},
              metrics={"reg": ["mae"], "cls": ["accuracy"]})
print(model.metrics_names)
print(model.output_names, model.input_names)
model.summary(line_length=90)
hist = model.fit({"seq": S, "side": D}, {"reg": YR, "cls": YC}, batch_size=10, epochs=3,
                 shuffle=False, verbose=0, validation_split=0.2)
for k in sorted(hist.history):
    print(k, [round(float(v), 5) for v in hist.history[k]])
ev = model.evaluate([S, D], [YR, YC], verbose=0)
print("eval", [round(float(v), 5) for v in ev])
pr, pc = model.predict([S[:2], D[:2]])
print(pr.shape, pc.shape, np.round(pr, 5).tolist(), np.round(pc, 5).tolist())
w = model.get_weights()
print([x.shape for x in w])
print(np.round(w[0][0], 5).tolist())
model.set_weights([np.zeros_like(x) for x in w])
print(np.round(model.predict([S[:2], D[:2]])[1], 5).tolist())
model.set_weights(w)
print(np.round(model.predict([S[:2], D[:2]])[0], 5).tolist())
try:
    model.set_weights(w[:-1])
except ValueError as e:
    print("ValueError", str(e)[:200])
try:
    model.get_layer("reg").set_weights([np.zeros((3, 1)), np.zeros(1)])
except ValueError as e:
    print("ValueError", e)
m2 = K.Model([seq, side], [reg, cls])
try:
    m2.compile("sgd", loss={"regr": "mse", "cls": "mse"})
except ValueError as e:
    print("ValueError", e)
try:
    m2.compile("sgd", loss=["mse"])
except ValueError as e:
    print("ValueError", e)
try:
    model.fit([S, D[:, :3]], [YR, YC], verbose=0)
except ValueError as e:
    print("ValueError", e)

"""Less travelled tf.keras graph-mode paths repositories hit: Masking before an LSTM with
return_state, GRU(reset_after=True), Bidirectional with merge_mode None and return_state,
TimeDistributed(Conv1D), compute_mask of layers, a Lambda with a mask argument and
output_shape, the learning-phase flag fed by hand through K.function, Dropout in and out of
training, BatchNormalization called with training=True, loss_weights as a list, a metric
function by name and as callable, and summary() of a nested model."""

import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(3)
K = tf.keras
L = K.layers
B = K.backend

rs = np.random.RandomState(6)
X = rs.randn(6, 5, 3).astype(np.float32)
X[1, 3:] = 0.0
X[4, 1:] = 0.0

inp = L.Input((5, 3))
m = L.Masking(0.0)(inp)
print("mask", m._keras_mask.op.type, m._keras_mask.shape)
seq, h, c = L.LSTM(4, return_sequences=True, return_state=True,
                   kernel_initializer=K.initializers.glorot_uniform(seed=1),
                   recurrent_initializer=K.initializers.orthogonal(seed=2))(m)
print(seq.shape, h.shape, c.shape, getattr(seq, "_keras_mask", None) is not None)
g = L.GRU(3, reset_after=True, return_sequences=True,
          kernel_initializer=K.initializers.glorot_uniform(seed=3),
          recurrent_initializer=K.initializers.orthogonal(seed=4))(seq)
bi = L.Bidirectional(L.GRU(2, return_state=True,
                           kernel_initializer=K.initializers.glorot_uniform(seed=5),
                           recurrent_initializer=K.initializers.orthogonal(seed=6)),
                     merge_mode=None)(g)
print(len(bi), [t.shape.as_list() for t in bi])
td = L.TimeDistributed(L.Conv1D(2, 2, kernel_initializer=K.initializers.he_normal(seed=7)))
try:
    L.Reshape((5, 3, 1))(g)
except TypeError as e:
    print("TypeError", e)
r = L.Reshape((5, 4, 1))(L.RepeatVector(5)(h))
print(getattr(r, "_keras_mask", None))
tdo = td(r)
print(tdo.shape, td.compute_output_shape((None, 5, 4, 1)))
lam = L.Lambda(lambda t, mask=None: t * 3.0, output_shape=lambda s: s, mask=lambda t, m: m)
lo = lam(seq)
print(lo._keras_mask is not None)
d = L.Dropout(0.5, seed=9)
do = d(h)
bn = L.BatchNormalization()
bo = bn(c, training=True)
f = B.function([inp, B.learning_phase()], [do, bo, bi[0], tdo])
for phase in (0, 1):
    a, b, e, t = f([X, phase])
    print(phase, np.round(a[0], 5).tolist(), np.round(b[0], 5).tolist())
print(np.round(e[:2], 5).tolist(), np.round(t[0, 0], 5).tolist())
print([w.name for w in bn.weights], len(bn.updates))
gl = [ly for ly in K.Model(inp, g).layers if isinstance(ly, L.GRU)][0]
print([w.shape.as_list() for w in gl.weights])

out1 = L.Dense(1, name="o1", kernel_initializer=K.initializers.glorot_uniform(seed=10))(h)
out2 = L.Dense(2, activation="softmax", name="o2",
               kernel_initializer=K.initializers.glorot_uniform(seed=11))(bi[0])


def rmse(y_true, y_pred):
    return B.sqrt(B.mean(B.square(y_pred - y_true), axis=-1))


model = K.Model(inp, [out1, out2])
model.compile(K.optimizers.Adagrad(0.1), ["mae", "categorical_crossentropy"],
              loss_weights=[0.5, 2.0], metrics=[rmse, "categorical_accuracy"])
print(model.metrics_names)
Y1 = rs.randn(6, 1).astype(np.float32)
Y2 = K.utils.to_categorical(rs.randint(0, 2, 6), 2)
try:
    model.fit(X, [Y1, Y2], batch_size=3, epochs=2, shuffle=False, verbose=0)
except ValueError as e:
    print("ValueError", e)
out2 = L.Dense(2, activation="softmax", name="o2b",
               kernel_initializer=K.initializers.glorot_uniform(seed=12))(
                   L.concatenate([bi[0], bi[1]]))
model = K.Model(inp, [out1, out2])
model.compile(K.optimizers.Adagrad(0.1), ["mae", "categorical_crossentropy"],
              loss_weights=[0.5, 2.0], metrics=[rmse, "categorical_accuracy"])
print(model.metrics_names)
hist = model.fit(X, [Y1, Y2], batch_size=3, epochs=2, shuffle=False, verbose=0)
for k in sorted(hist.history):
    print(k, [round(float(v), 5) for v in hist.history[k]])
outer_in = L.Input((5, 3))
nested = K.Model(outer_in, L.Dense(2, name="head")(model(outer_in)[0]))
nested.summary()
print([ly.name for ly in nested.layers], nested.count_params())
print(np.round(nested.predict(X[:2]), 5).tolist())

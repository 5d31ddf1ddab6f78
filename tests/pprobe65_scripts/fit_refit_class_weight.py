"""Keras fit as repositories run it twice: Embedding(mask_zero=True) into
GlobalAveragePooling1D (the mask consumed) and the TypeErrors of layers that do not support
masking; EarlyStopping on val_acc (mode max, min_delta, baseline, restore_best_weights) and
ReduceLROnPlateau with cooldown, class_weight and initial_epoch in a first fit; then fits
without weights: TF 1.14 reuses the train function made with the sample-weight placeholder
and feeds the learning phase's True to it (Keras's unchecked feed), so the loss's
assert_broadcastable fails at run time; the fit errors, summary(print_fn, positions),
evaluate."""

import numpy as np
import tensorflow as tf
np.random.seed(2)
tf.set_random_seed(3)
K = tf.keras
L = K.layers
rs = np.random.RandomState(1)
X = rs.randint(0, 10, (20, 6))
X[:, 4:] = 0
Y = (X.sum(1) > 20).astype(np.float32)
inp = L.Input((6,))
e = L.Embedding(10, 4, mask_zero=True,
                embeddings_initializer=K.initializers.RandomNormal(seed=1))(inp)
a = L.GlobalAveragePooling1D()(e)
print(getattr(a, "_keras_mask", None))
try:
    L.Conv1D(2, 2)(e)
except TypeError as ex:
    print("TypeError", ex)
try:
    L.Flatten()(e)
except TypeError as ex:
    print("TypeError", ex)
o = L.Dense(1, activation="sigmoid",
            kernel_initializer=K.initializers.glorot_uniform(seed=2))(a)
m = K.Model(inp, o)
m.compile("adam", "binary_crossentropy", metrics=["acc", "binary_accuracy"])
es = K.callbacks.EarlyStopping(monitor="val_acc", mode="max", patience=1, min_delta=0.01,
                               baseline=0.2, restore_best_weights=True, verbose=1)
rl = K.callbacks.ReduceLROnPlateau(monitor="loss", factor=0.5, patience=0, cooldown=1,
                                   min_delta=0.5, verbose=1)
h = m.fit(X, Y, batch_size=5, epochs=6, validation_data=(X[:6], Y[:6]), callbacks=[es, rl],
          class_weight={0: 1.0, 1: 3.0}, initial_epoch=1, verbose=0, shuffle=False)
print(h.epoch, {k: [round(float(v), 5) for v in vv] for k, vv in sorted(h.history.items())})
print(es.stopped_epoch, es.best, es.wait)
for kw in [dict(validation_split=0.3), {}]:
    try:
        m.fit(X, Y, batch_size=5, epochs=2, verbose=0, shuffle=False, **kw)
    except tf.errors.InvalidArgumentError as ex:
        print(type(ex).__name__, ex)
print([round(float(v), 5) for v in m.evaluate(X, Y, batch_size=7, verbose=0)])
h = m.fit(X, Y, batch_size=5, epochs=2, validation_split=0.3, verbose=0, shuffle=False,
          sample_weight=np.linspace(0.5, 1.5, 20))
print(h.epoch, {k: [round(float(v), 5) for v in vv] for k, vv in sorted(h.history.items())})
try:
    m.fit(X, Y, steps_per_epoch=2, batch_size=4, verbose=0)
except ValueError as ex:
    print("ValueError", ex)
try:
    m.fit(X, Y, validation_split=1.5, verbose=0)
except ValueError as ex:
    print("ValueError", ex)
print(m.predict(X[:2], batch_size=1).round(5).tolist())
lines = []
m.summary(print_fn=lines.append, positions=[0.4, 0.7, 0.9, 1.0], line_length=70)
print("\n".join(lines))
print([round(float(v), 5) for v in m.evaluate(X, Y, batch_size=7, verbose=0)])
print(K.backend.get_value(m.optimizer.lr))

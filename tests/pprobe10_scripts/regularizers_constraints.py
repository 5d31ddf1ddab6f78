"""keras.regularizers and keras.constraints in training: kernel l1_l2, bias l2, activity
regularizer, MaxNorm (axis 0), MinMaxNorm with rate, UnitNorm on a Dense's kernel,
NonNeg on a bias; the regularization losses' values before and after fit, the constrained
weights' norms, and model.evaluate including the penalties."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(61)
K = tf.keras
R, C = K.regularizers, K.constraints
m = K.Sequential([
    K.layers.Dense(6, activation="relu", input_shape=(4,),
                   kernel_regularizer=R.l1_l2(l1=0.01, l2=0.02),
                   bias_regularizer=R.l2(0.05),
                   activity_regularizer=R.l1(0.001),
                   kernel_constraint=C.MaxNorm(0.8, axis=0),
                   bias_constraint=C.NonNeg()),
    K.layers.Dense(5, activation="tanh",
                   kernel_constraint=C.MinMaxNorm(0.2, 0.9, rate=0.5),
                   kernel_regularizer=R.l2(0.03)),
    K.layers.Dense(2, kernel_constraint=C.UnitNorm(axis=0)),
])
m.compile(K.optimizers.SGD(0.2, momentum=0.7), "mse", metrics=["mae"])
print(len(m.losses))
rs = np.random.RandomState(14)
X = rs.randn(30, 4).astype(np.float32)
Y = np.stack([X[:, 0] - X[:, 1], X[:, 2] * 0.5], 1).astype(np.float32)
sess = K.backend.get_session()
print([repr(float(v)) for v in sess.run(m.losses, {m.input: X})])
h = m.fit(X, Y, batch_size=6, epochs=3, shuffle=False, verbose=0)
print([repr(float(x)) for x in h.history["loss"]],
      [repr(float(x)) for x in h.history["mean_absolute_error"]])
print([repr(float(v)) for v in sess.run(m.losses, {m.input: X})])
for w in m.get_weights():
    print(H(w))
W = m.get_weights()
print([repr(float(v)) for v in np.sqrt(np.sum(np.square(W[0].astype(np.float64)), 0))])
print([repr(float(v)) for v in np.sqrt(np.sum(np.square(W[2].astype(np.float64)), 0))])
print([repr(float(v)) for v in np.sqrt(np.sum(np.square(W[4].astype(np.float64)), 0))])
print(bool((W[1] >= 0).all()))
print([repr(float(x)) for x in m.evaluate(X, Y, batch_size=30, verbose=0)])
print(len(tf.get_default_graph().get_operations()))

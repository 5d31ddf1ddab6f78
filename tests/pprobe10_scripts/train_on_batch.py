"""Keras functional model trained by hand with train_on_batch (class_weight and sample_weight),
test_on_batch and predict_on_batch; metrics_names; SGD with Nesterov momentum; reset_metrics is
absent in 1.14 so the running values are per batch."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(17)
K = tf.keras
rs = np.random.RandomState(8)
inp = K.layers.Input((7,))
h = K.layers.Dense(12, activation="elu", kernel_initializer="glorot_normal")(inp)
h = K.layers.Dense(6, activation="softplus")(h)
out = K.layers.Dense(4, activation="softmax", name="probs")(h)
m = K.Model(inp, out)
m.compile(K.optimizers.SGD(0.05, momentum=0.5, nesterov=True), "categorical_crossentropy",
          metrics=["categorical_accuracy", "top_k_categorical_accuracy"])
print(m.metrics_names)
X = rs.randn(30, 7).astype(np.float32)
lab = rs.randint(0, 4, 30)
Y = np.eye(4, dtype=np.float32)[lab]
for step in range(6):
    i = slice(5 * step, 5 * step + 5)
    if step % 3 == 0:
        r = m.train_on_batch(X[i], Y[i], class_weight={0: 2.0, 1: 1.0, 2: 0.5, 3: 1.5})
    elif step % 3 == 1:
        r = m.train_on_batch(X[i], Y[i], sample_weight=np.arange(1, 6, dtype=np.float32))
    else:
        r = m.train_on_batch(X[i], Y[i])
    print(step, [repr(float(v)) for v in r])
print([repr(float(v)) for v in m.test_on_batch(X[:10], Y[:10])])
print([repr(float(v)) for v in m.test_on_batch(X[:10], Y[:10],
                                                sample_weight=np.linspace(0, 1, 10))])
p = m.predict_on_batch(X[:3])
print(p.dtype, p.shape, [repr(float(v)) for v in p.ravel()])
print(len(tf.get_default_graph().get_operations()))

"""A custom Layer subclass with add_weight (initializer, regularizer, constraint, a
non-trainable weight updated by add_update), a Lambda layer with output_shape and arguments,
shared layers applied to two inputs (siamese distance), model.losses and the total loss,
trainable/non_trainable weights, fit with SGD; get_config of the custom layer."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(51)
K = tf.keras


class Scaled(K.layers.Layer):
    def __init__(self, units, **kw):
        super(Scaled, self).__init__(**kw)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight("w", shape=(int(input_shape[-1]), self.units),
                                 initializer=K.initializers.RandomNormal(0.0, 0.3, seed=3),
                                 regularizer=K.regularizers.l2(0.01),
                                 constraint=K.constraints.NonNeg())
        self.s = self.add_weight("s", shape=(self.units,), initializer="ones",
                                 regularizer=K.regularizers.l1(0.001))
        self.count = self.add_weight("count", shape=(), initializer="zeros", trainable=False)
        super(Scaled, self).build(input_shape)

    def call(self, x):
        self.add_update(K.backend.update_add(self.count, 1.0), inputs=x)
        return tf.nn.relu(tf.matmul(x, self.w)) * self.s

    def compute_output_shape(self, input_shape):
        return input_shape[:-1].concatenate(self.units)

    def get_config(self):
        c = super(Scaled, self).get_config()
        c["units"] = self.units
        return c


shared = Scaled(4, name="scaled")
dense = K.layers.Dense(3, activation="tanh", name="shared_dense")
a = K.layers.Input((5,), name="left")
b = K.layers.Input((5,), name="right")
ea = dense(shared(a))
eb = dense(shared(b))
dist = K.layers.Lambda(lambda t, p: tf.reduce_sum(tf.abs(t[0] - t[1]) ** p, 1, keepdims=True),
                       output_shape=(1,), arguments={"p": 2.0}, name="dist")([ea, eb])
out = K.layers.Dense(1, activation="sigmoid")(dist)
m = K.Model([a, b], out)
print(sorted(shared.get_config().items()))
print([w.name for w in m.trainable_weights], [w.name for w in m.non_trainable_weights])
print(len(m.losses), len(m.updates), len(shared._inbound_nodes))
m.compile(K.optimizers.SGD(0.1), "binary_crossentropy", metrics=["accuracy"])
rs = np.random.RandomState(9)
A = rs.randn(32, 5).astype(np.float32)
B = (A + rs.randn(32, 5) * np.repeat([0.1, 2.0], 16)[:, None]).astype(np.float32)
Y = np.repeat([1.0, 0.0], 16).astype(np.float32)
h = m.fit([A, B], Y, batch_size=8, epochs=3, shuffle=False, verbose=0)
print([repr(float(x)) for x in h.history["loss"]], [repr(float(x)) for x in h.history["acc"]])
sess = K.backend.get_session()
print([repr(float(v)) for v in sess.run(m.losses)])
print(repr(float(K.backend.get_value(shared.count))))
for w in m.weights:
    print(w.name, H(K.backend.get_value(w)))
print(float(K.backend.get_value(shared.w).min()) >= 0.0)
print(H(m.predict([A, B])))
print(len(tf.get_default_graph().get_operations()))

"""Seeded keras initializers printed as repositories check them: glorot_uniform / normal,
he_normal / uniform, lecun_normal, orthogonal with a gain, VarianceScaling variants,
TruncatedNormal, RandomNormal, Identity, Constant in Dense / Conv / GRU layers; the values,
the variable op names and the summary of a Sequential model with a custom Lambda layer."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(0)
np.random.seed(0)
K = tf.keras
INIT = K.initializers
L = K.layers

inits = [INIT.glorot_uniform(seed=1), INIT.glorot_normal(seed=2), INIT.he_normal(seed=3),
         INIT.he_uniform(seed=4), INIT.lecun_normal(seed=5), INIT.lecun_uniform(seed=6),
         INIT.orthogonal(gain=1.5, seed=7),
         INIT.VarianceScaling(2.0, "fan_out", "uniform", seed=8),
         INIT.VarianceScaling(1.0, "fan_avg", "normal", seed=9),
         INIT.TruncatedNormal(0.0, 0.1, seed=10), INIT.RandomNormal(1.0, 0.2, seed=11),
         INIT.RandomUniform(-1, 1, seed=12), INIT.Identity(gain=2.0), INIT.Constant(0.3)]
with tf.Session() as sess:
    vals = sess.run([init((3, 4)) for init in inits])
    for init, v in zip(inits, vals):
        print(type(init).__name__, v.dtype, np.round(v[0], 6).tolist())
    o = sess.run(INIT.orthogonal(seed=3)((6, 2)))
    print(np.round(o.T.dot(o), 5).tolist())
    c = sess.run(INIT.glorot_uniform(seed=1)((3, 3, 2, 4)))
    print(c.shape, np.round(c[0, 0, 0], 6).tolist())
print(sorted(INIT.get("glorot_uniform").get_config().items()))
print(sorted(INIT.he_normal(seed=3).get_config().items()))

model = K.Sequential(name="toy")
model.add(L.Reshape((4, 3), input_shape=(12,)))
model.add(L.GRU(5, kernel_initializer=INIT.glorot_uniform(seed=21),
                recurrent_initializer=INIT.orthogonal(seed=22), return_sequences=True))
model.add(L.Lambda(lambda t: tf.reduce_max(t, axis=1), name="pool_max"))
model.add(L.Dense(3, kernel_initializer=INIT.he_normal(seed=23), bias_initializer="ones"))
model.summary()
for w in model.weights:
    print(w.name, w.shape.as_list())
ws = model.get_weights()
print(np.round(ws[0][0], 6).tolist())
print(np.round(ws[1][0], 6).tolist())
print(np.round(ws[3][0], 6).tolist(), ws[4].tolist())
x = np.linspace(-1, 1, 24).reshape(2, 12).astype(np.float32)
print(np.round(model.predict(x), 5).tolist())
print(model.layers[2].output_shape, model.layers[1].output_shape)
print(len(tf.get_default_graph().get_operations()))

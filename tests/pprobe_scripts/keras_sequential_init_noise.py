"""A keras Sequential model under a graph seed: string, VarianceScaling, RandomNormal,
Orthogonal, RandomUniform and TruncatedNormal initializers, GaussianNoise, AlphaDropout and
Dropout layers; fit for three epochs, predict, and a training-mode call run twice."""
import hashlib
import numpy as np

import tensorflow as tf

np.random.seed(1234)  # keras' unseeded noise layers draw their op seed from NumPy


def H(a):
    a = np.asarray(a)
    return (
        a.dtype.name,
        a.shape,
        hashlib.md5(a.tobytes()).hexdigest()[:12],
        repr(a.ravel()[-1].item()),
    )


tf.set_random_seed(43)
g = tf.get_default_graph()
K = tf.keras
m = K.Sequential(
    [
        K.layers.Dense(6, activation="relu", input_shape=(4,), kernel_initializer="he_uniform"),
        K.layers.Dense(
            5,
            kernel_initializer=K.initializers.VarianceScaling(
                2.0, mode="fan_out", distribution="normal"
            ),
            bias_initializer=K.initializers.RandomNormal(0.1, 0.2),
        ),
        K.layers.GaussianNoise(0.3),
        K.layers.AlphaDropout(0.2),
        K.layers.Dense(
            3,
            kernel_initializer=K.initializers.Orthogonal(),
            bias_initializer=K.initializers.RandomUniform(-0.1, 0.1, seed=5),
        ),
        K.layers.Dropout(0.4),
        K.layers.Dense(
            2, kernel_initializer=K.initializers.TruncatedNormal(stddev=0.5), use_bias=False
        ),
    ]
)
print(len(g.get_operations()))
x = np.random.RandomState(5).rand(8, 4).astype(np.float32)
y = np.random.RandomState(6).rand(8, 2).astype(np.float32)
m.compile(K.optimizers.SGD(0.05), "mse")
print(len(g.get_operations()))
sess = K.backend.get_session()
for w in m.get_weights():
    print(H(w))
h = m.fit(x, y, epochs=3, batch_size=4, shuffle=False, verbose=0)
print([repr(v) for v in h.history["loss"]])
print(H(m.predict(x)))
inp = tf.constant(x)
out = m(inp, training=True)
print(len(g.get_operations()))
print(H(sess.run(out)), H(sess.run(out)))

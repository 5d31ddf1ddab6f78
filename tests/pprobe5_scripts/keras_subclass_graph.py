"""tf.keras Model subclassing in graph mode: a residual MLP with a custom call, trained with a
tf.train optimizer on the model's output tensor and its trainable_weights."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(21)
rs = np.random.RandomState(22)


class Res(tf.keras.Model):
    def __init__(self):
        super(Res, self).__init__()
        self.d1 = tf.keras.layers.Dense(8, activation="relu")
        self.d2 = tf.keras.layers.Dense(8)
        self.bn = tf.keras.layers.BatchNormalization()
        self.out = tf.keras.layers.Dense(2)

    def call(self, x, training=None):
        h = self.d1(x)
        h = h + self.d2(h)
        h = self.bn(h, training=training)
        return self.out(tf.nn.relu(h))


x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.float32, [None, 2])
m = Res()
out = m(x, training=True)
loss = tf.reduce_mean(tf.square(out - y))
ups = m.updates
with tf.control_dependencies(ups):
    train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss, var_list=m.trainable_weights)
ev = m(x, training=False)
print(len(tf.get_default_graph().get_operations()), len(m.weights), len(ups))
X = rs.randn(10, 4).astype(np.float32)
Y = rs.randn(10, 2).astype(np.float32)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(5):
        lv, _ = s.run([loss, train], {x: X, y: Y})
        print(i, repr(float(lv)))
    print(H(s.run(ev, {x: X})))
    for w in m.weights:
        print(w.name, H(s.run(w)))

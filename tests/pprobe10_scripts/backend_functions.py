"""keras.backend as tutorials use it in TF1 graph mode: K.placeholder/K.variable/K.constant,
K.function with updates and the learning phase, K.gradients of a model's output with
respect to its input (saliency) and weights, K.batch_dot, K.dot, K.softmax, K.categorical_
crossentropy, K.switch, K.in_train_phase, K.rnn over a step function, K.eval, K.set_value,
K.get_session, K.int_shape, K.ndim, K.dtype."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def F(a):
    return [repr(float(v)) for v in np.asarray(a, np.float64).ravel()]


tf.set_random_seed(91)
K = tf.keras.backend
x = K.placeholder(shape=(None, 3), name="xin")
v = K.variable(np.arange(6, dtype=np.float32).reshape(3, 2) / 10.0, name="kv")
c = K.constant([[1.0, -1.0]])
print(K.int_shape(x), K.ndim(v), K.dtype(v), v.name)
y = K.dot(x, v) + c
s = K.softmax(y)
f = K.function([x], [y, s], updates=[(v, v + 0.01)])
X = np.array([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.25]], np.float32)
for _ in range(2):
    a, b = f([X])
    print(F(a), F(b))
print(F(K.eval(v)))
K.set_value(v, np.ones((3, 2), np.float32))
print(F(K.get_value(v)))
t = K.placeholder(shape=(None, 2))
ce = K.categorical_crossentropy(t, s)
g = K.gradients(K.sum(ce), [x, v])
fg = K.function([x, t], g)
for r in fg([X, np.array([[1, 0], [0, 1]], np.float32)]):
    print(F(r))
lp = K.learning_phase()
sw = K.switch(K.greater(K.sum(x), 0), x * 2, x - 1)
it = K.in_train_phase(x * 10, x, training=lp)
fs = K.function([x, lp], [sw, it])
print([F(r) for r in fs([X, 1])], [F(r) for r in fs([-X, 0])])
A = K.placeholder(shape=(None, 2, 3))
B = K.placeholder(shape=(None, 3, 4))
bd = K.batch_dot(A, B, axes=(2, 1))
print(K.int_shape(bd))
rs = np.random.RandomState(4)
Av = rs.randn(2, 2, 3).astype(np.float32)
Bv = rs.randn(2, 3, 4).astype(np.float32)
print(F(K.function([A, B], [bd])([Av, Bv])[0]))
seq = K.placeholder(shape=(2, 4, 3))
W = K.constant(rs.randn(3, 3).astype(np.float32) * 0.5)


def step(inp, states):
    o = K.tanh(K.dot(inp, W) + states[0])
    return o, [o]


last, outs, st = K.rnn(step, seq, [K.zeros((2, 3))])
Sv = rs.randn(2, 4, 3).astype(np.float32)
for r in K.function([seq], [last, outs, st[0]])([Sv]):
    print(H(r))
model = tf.keras.Sequential([tf.keras.layers.Dense(4, activation="relu", input_shape=(3,)),
                             tf.keras.layers.Dense(2, activation="softmax")])
sess = K.get_session()
sal = K.gradients(model.output[:, 0], model.input)[0]
print(F(sess.run(sal, {model.input: X})))
gw = K.gradients(K.mean(model.output), model.trainable_weights)
print([H(r) for r in sess.run(gw, {model.input: X})])
print(len(tf.get_default_graph().get_operations()))

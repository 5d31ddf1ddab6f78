"""The edges of gradient plumbing: tf.RegisterGradient twice or for a built-in op
(KeyError), tf.NotDifferentiable twice or for an op with a gradient (KeyError), a custom
gradient returning None for one input and a wrong count (the ops the failed call leaves),
second derivatives through a custom gradient and through an override, tf.gradients of a
list target with a partial grad_ys, an int target, a grad_ys of the wrong shape and dtype,
and the names of the ops tf.gradients makes under a name scope."""
import numpy as np
import tensorflow as tf

np.random.seed(4)
tf.set_random_seed(7)


@tf.RegisterGradient("Twice68")
def _twice(op, grad):
    return grad * 2.0


try:
    tf.RegisterGradient("Twice68")(lambda op, grad: grad)
except KeyError as err:
    print("KeyError", str(err).split("!")[0])
tf.NotDifferentiable("Twice68NoGrad")
for name in ["Twice68NoGrad", "Add", "Shape"]:
    try:
        tf.NotDifferentiable(name)
    except KeyError as err:
        print("KeyError", str(err).split("!")[0])
try:
    tf.RegisterGradient("Relu")(lambda op, grad: grad)
except KeyError as err:
    print("KeyError", str(err).split("!")[0])


@tf.custom_gradient
def two_in(x, y):
    def grad(dy):
        return dy * y, None
    return x * y, grad


@tf.custom_gradient
def bad_count(x, y):
    def grad(dy):
        return [dy]
    return x + y, grad


@tf.custom_gradient
def square_cg(x):
    def grad(dy):
        return dy * 2.0 * x
    return x * x, grad


x = tf.constant([1.0, 2.0, 3.0])
y = tf.constant([4.0, 5.0, 6.0])
g = tf.gradients(two_in(x, y), [x, y])
print(g[1], g[0].op.type)
try:
    tf.gradients(bad_count(x, y), [x, y])
except Exception as err:
    print(type(err).__name__, str(err).split("\n")[0], str(err).split("\n")[-1])
s = square_cg(x)
g1 = tf.gradients(s, x)[0]
g2 = tf.gradients(g1, x)
print(g2)
with tf.get_default_graph().gradient_override_map({"Square": "Twice68"}):
    sq = tf.square(x)
h1 = tf.gradients(sq, x)[0]
h2 = tf.gradients(h1, x)
print(h1.op.type, h2)
with tf.name_scope("outer"):
    gl = tf.gradients([x * 2.0, y * 3.0, x * y], [x, y], grad_ys=[None, tf.ones([3]) * 5.0, None],
                      name="mygrads")
print([t.name for t in gl])
try:
    tf.gradients(x * 2.0, x, grad_ys=tf.ones([4]))
except ValueError as err:
    print("ValueError", err)
try:
    tf.gradients(x * 2.0, x, grad_ys=tf.ones([3], tf.int32))
except TypeError as err:
    print("TypeError", err)
try:
    tf.gradients([x, y], x, grad_ys=[tf.ones([3])])
except ValueError as err:
    print("ValueError", err)
i = tf.constant([1, 2])
print(tf.gradients(i * 2, i), tf.gradients(tf.cast(i, tf.float32), i))
try:
    tf.gradients(tf.cast(i, tf.float32) * 2.0, i, grad_ys=tf.constant([1, 1]))
except Exception as err:
    print(type(err).__name__, err)
with tf.Session() as sess:
    print(sess.run(g[0]).tolist(), sess.run(g2)[0].tolist(), sess.run(h1).tolist())
    print([v.tolist() for v in sess.run(gl)])
print(len(tf.get_default_graph().get_operations()))

"""tf.py_func and tf.numpy_function given a gradient through a registered gradient and
gradient_override_map("PyFunc"), as TF1 repositories wrap NumPy code: the forward values,
gradients, a short training loop through a py_func, op types, stateful flags, and the
LookupError of a py_func without a gradient."""
import numpy as np
import tensorflow as tf

np.random.seed(0)
tf.set_random_seed(6)


def np_cube(x):
    return (x ** 3).astype(np.float32)


def np_cube_grad(x, dy):
    return (3.0 * x * x * dy).astype(np.float32)


@tf.RegisterGradient("PyCube68")
def _py_cube_grad(op, grad):
    x = op.inputs[0]
    return tf.py_func(np_cube_grad, [x, grad], tf.float32, stateful=False)


def py_cube(x, name=None):
    g = tf.get_default_graph()
    with g.gradient_override_map({"PyFunc": "PyCube68", "PyFuncStateless": "PyCube68"}):
        y = tf.py_func(np_cube, [x], tf.float32, stateful=False, name=name)
    y.set_shape(x.get_shape())
    return y


x = tf.constant([[0.5, -1.0, 2.0]], dtype=tf.float32)
y = py_cube(x, name="cube")
gx = tf.gradients(tf.reduce_sum(y), x)[0]
ggx = tf.gradients(tf.reduce_sum(y), x, grad_ys=tf.constant(2.0))
print(y.op.type, y.op.name, y.get_shape(), gx.op.type, y.op.get_attr("_gradient_op_type"))
n = tf.numpy_function(lambda a: (a * 2).astype(np.float32), [x], tf.float32)
print(n.op.type, n.get_shape(), tf.py_func(np_cube, [x], tf.float32).op.type)
try:
    tf.gradients(tf.reduce_sum(n), x)
except LookupError as e:
    print("LookupError", e)
with tf.Session() as sess:
    print(sess.run([y, gx]), sess.run(ggx)[0].tolist(), sess.run(n).tolist())

with tf.Graph().as_default():
    tf.set_random_seed(3)
    rs = np.random.RandomState(4)
    X = rs.randn(10, 2).astype(np.float32)
    T = (X[:, :1] * 0.5) ** 3
    xin = tf.placeholder(tf.float32, [None, 2])
    w = tf.Variable(tf.random_normal([2, 1], stddev=0.3, seed=7))
    z = py_cube(tf.matmul(xin, w))
    loss = tf.reduce_mean(tf.square(z - T))
    opt = tf.train.GradientDescentOptimizer(0.2)
    gvs = opt.compute_gradients(loss, [w])
    train = opt.apply_gradients(gvs)
    print([op.type for op in tf.get_default_graph().get_operations() if "Py" in op.type])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(4):
            lv, _ = sess.run([loss, train], {xin: X})
            print(step, repr(float(lv)))
        print(sess.run(w).ravel().tolist())

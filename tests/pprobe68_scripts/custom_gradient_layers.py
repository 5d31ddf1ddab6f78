"""tf.custom_gradient as TF1 research code uses it: a clipped-gradient identity, a
numerically stable log1pexp with its own gradient, a layer that captures a variable
(grad_fn with variables=), grad_ys fed through tf.gradients, and a nested custom gradient,
trained for a few steps: losses, gradients and op names."""
import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(11)
rs = np.random.RandomState(5)
X = rs.randn(8, 4).astype(np.float32)
Y = rs.randn(8, 1).astype(np.float32)


@tf.custom_gradient
def clip_grad_identity(x):
    def grad(dy):
        return tf.clip_by_value(dy, -0.1, 0.1)
    return tf.identity(x), grad


@tf.custom_gradient
def log1pexp(x):
    e = tf.exp(x)

    def grad(dy):
        return dy * (1 - 1 / (1 + e))
    return tf.log(1 + e), grad


@tf.custom_gradient
def scaled_dense(x):
    w = tf.get_variable("w", [4, 1], initializer=tf.random_normal_initializer(seed=2))
    out = tf.matmul(x, w)

    def grad(dy, variables=None):
        gx = tf.matmul(dy, w, transpose_b=True)
        gw = [0.5 * tf.matmul(x, dy, transpose_a=True) for _ in variables]
        return gx, gw
    return out, grad


@tf.custom_gradient
def outer(x):
    y = clip_grad_identity(x * 2.0)

    def grad(dy):
        return dy * 3.0
    return y, grad


x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.float32, [None, 1])
with tf.variable_scope("layer", use_resource=True):
    h = scaled_dense(clip_grad_identity(x))
pred = log1pexp(h)
loss = tf.reduce_mean(tf.square(pred - y))
opt = tf.train.GradientDescentOptimizer(0.1)
gvs = opt.compute_gradients(loss)
print([(g.op.type if g is not None else None, v.op.name) for g, v in gvs])
train = opt.apply_gradients(gvs)
names = [op.name for op in tf.get_default_graph().get_operations()]
print(len(names), [n for n in names if "IdentityN" in n])
print(sorted(set(op.type for op in tf.get_default_graph().get_operations()))[:20])

z = tf.constant([1.0, -2.0, 30.0, 90.0])
gz = tf.gradients(log1pexp(z), z, grad_ys=tf.constant([1.0, 2.0, 3.0, 4.0]))
q = tf.constant([0.5, -1.5])
gq = tf.gradients(outer(q), q, grad_ys=[tf.constant([1.0, -1.0])])
gq2 = tf.gradients(tf.reduce_sum(outer(q) * 100.0), q)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        lv, _ = sess.run([loss, train], {x: X, y: Y})
        print(step, repr(float(lv)))
    print(sess.run(tf.trainable_variables()[0]).ravel().tolist())
    print(sess.run(gz)[0].tolist(), sess.run(gq)[0].tolist(), sess.run(gq2)[0].tolist())
    print(sess.run(log1pexp(z)).tolist())

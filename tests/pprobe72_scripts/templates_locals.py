"""tf.make_template with seeded initializers (create_scope_now_, unique_name_), variables
shared across calls, tf.get_local_variable and the collections, tf.Variable with
constraint / validate_shape=False / caching_device / use_resource, and the initialization
checks: report_uninitialized_variables, assert_variables_initialized, variables_initializer
and the FailedPreconditionError of an uninitialized read."""
import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(8)
rs = np.random.RandomState(5)
X = rs.randn(5, 3).astype(np.float32)
Y = rs.randn(5, 2).astype(np.float32)


def linear(x, units):
    w = tf.get_variable("w", [x.get_shape()[1], units],
                        initializer=tf.random_normal_initializer(seed=3))
    b = tf.get_variable("b", [units], initializer=tf.constant_initializer(0.1))
    return tf.matmul(x, w) + b


lin = tf.make_template("lin", linear, units=2)
x = tf.placeholder(tf.float32, [None, 3], name="x")
y = tf.placeholder(tf.float32, [None, 2], name="y")
o1 = lin(x)
o2 = lin(x * 2.0)
print(lin.name, lin.variable_scope.name, o1.name, o2.name, [v.name for v in lin.variables])
lin2 = tf.make_template("lin", linear, create_scope_now_=True, units=2)
lin3 = tf.make_template("lin", linear, unique_name_="lin_shared", units=2)
o3 = lin2(x)
o4 = lin3(x)
print(lin2.variable_scope.name, o3.name, o4.name)
print([v.name for v in tf.trainable_variables()])
loss = tf.reduce_mean(tf.square(o1 - y)) + tf.reduce_mean(tf.square(o2 - y))

cnt = tf.get_local_variable("count", [], tf.int32, initializer=tf.zeros_initializer())
with tf.variable_scope("m"):
    acc = tf.get_local_variable("acc", [2], initializer=tf.zeros_initializer())
print(cnt.name, acc.name, [v.name for v in tf.local_variables()],
      len(tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)))
upd = tf.group(cnt.assign_add(1), acc.assign_add(tf.reduce_mean(o1, 0)))

c = tf.Variable([3.0, -2.0, 0.5], constraint=lambda t: tf.clip_by_value(t, -1.0, 1.0), name="c")
dyn = tf.Variable(tf.zeros([2, 2]), validate_shape=False, name="dyn")
cached = tf.Variable([1.0, 2.0], caching_device="/cpu:0", name="cached")
res = tf.Variable([4.0, 5.0], use_resource=True, name="res")
print(c.constraint is not None, dyn.get_shape(), cached.name, type(res).__name__, res.op.type,
      c.op.type)
closs = tf.reduce_sum(tf.square(c - 5.0)) + tf.reduce_sum(res * cached)
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss + closs)

uninit = tf.report_uninitialized_variables()
print(uninit.name, uninit.dtype, len(tf.get_default_graph().get_operations()))
first = tf.variables_initializer([c, cached])
print(first.name, first.type)
with tf.Session() as sess:
    print(sess.run(uninit).tolist())
    sess.run(first)
    print(sess.run(uninit).tolist())
    try:
        sess.run(res.read_value())
    except tf.errors.FailedPreconditionError as e:
        print(type(e).__name__, e.message.splitlines()[0])
    try:
        sess.run(tf.reduce_sum(lin.variables[0]) * 2.0)   # (one uninitialized read: TF names it)
    except tf.errors.FailedPreconditionError as e:
        print(type(e).__name__, e.message.splitlines()[0])
    sess.run(tf.global_variables_initializer())
    try:
        sess.run(tf.assert_variables_initialized([cnt, c]))   # (one uninitialized)
        print("all")
    except tf.errors.FailedPreconditionError as e:
        print(type(e).__name__, e.message.splitlines()[0])
    sess.run(tf.local_variables_initializer())
    print(sess.run(uninit).tolist(), sess.run(dyn).shape)
    for i in range(4):
        lv, _, _ = sess.run([loss, train, upd], {x: X, y: Y})
        print(i, "%.9g" % lv, sess.run(c).tolist())
    print(sess.run([cnt, acc, res]))
    sess.run(tf.assign(dyn, tf.ones([3]), validate_shape=False))
    print(sess.run(dyn).tolist())

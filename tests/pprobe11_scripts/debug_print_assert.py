"""A beginner's debugging script: tf.Print with message, first_n and summarize on a small
training loop (its stderr lines captured from file descriptor 2 and printed as TF writes
them), tf.Assert and tf.debugging asserts under control_dependencies passing and failing
(the InvalidArgumentError's first message line), tf.check_numerics on a NaN and
tf.verify_tensor_all_finite."""

import os
import sys
import tempfile

import numpy as np
import tensorflow as tf

tf.set_random_seed(1161)
rs = np.random.RandomState(1162)


class Stderr(object):
    """Captures what is written to file descriptor 2 (where TF's kernels print)."""

    def __enter__(self):
        sys.stderr.flush()
        self.f = tempfile.TemporaryFile()
        self.saved = os.dup(2)
        os.dup2(self.f.fileno(), 2)
        return self

    def __exit__(self, *exc):
        sys.stderr.flush()
        os.dup2(self.saved, 2)
        os.close(self.saved)
        self.f.seek(0)
        self.text = self.f.read().decode()
        self.f.close()


x_data = rs.randn(10, 3).astype(np.float32)
y_data = x_data.dot(np.array([[1.0], [-2.0], [0.5]], np.float32)) + 0.1
x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
W = tf.Variable(tf.random_normal([3, 1], seed=1), name='W')
b = tf.Variable(tf.zeros([1]), name='b')
W_p = tf.Print(W, [W, b], message="W, b: ", summarize=2)
pred = tf.matmul(x, W_p) + b
err = tf.reduce_mean(tf.square(pred - y))
err = tf.Print(err, [err, tf.shape(pred)], message="loss and shape = ", first_n=3)
train = tf.train.GradientDescentOptimizer(0.1).minimize(err)
ints = tf.Print(tf.range(12), [tf.range(12), tf.constant(["a", "b"]), tf.constant(True),
                               tf.reshape(tf.range(24.0), [2, 3, 4])], summarize=5)

pos_check = tf.Assert(tf.reduce_all(tf.greater_equal(x, -10.0)), [x], summarize=4,
                      name="range_check")
with tf.control_dependencies([pos_check]):
    checked = tf.identity(x)
neg = tf.placeholder(tf.float32, [None])
a1 = tf.debugging.assert_positive(neg, message="need positive", summarize=3)
a2 = tf.assert_equal(tf.shape(neg)[0], 4, message="four entries")
a3 = tf.assert_less(neg, 5.0)
with tf.control_dependencies([a1, a2, a3]):
    total = tf.reduce_sum(neg)
cn = tf.check_numerics(tf.log(neg), "log of neg")
vf = tf.verify_tensor_all_finite(neg / 0.0, "div by zero")
print("ops", len(tf.get_default_graph().get_operations()))
print(pos_check.name, a1.name, a2.name, a3.name, cn.op.type, vf.name)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    with Stderr() as cap:
        for i in range(5):
            _, e = sess.run([train, err], {x: x_data, y: y_data})
            print(i, repr(float(e)))
        print(sess.run(ints).tolist())
        print(sess.run(checked, {x: x_data[:2]}).shape)
        print(repr(float(sess.run(total, {neg: [1., 2., 3., 4.]}))))
    print("stderr:")
    print(cap.text)
    for feed in ([1., -2., 3., 4.], [1., 2., 3.], [1., 2., 3., 6.], [1.0] * 9):
        try:
            sess.run(total, {neg: feed})
        except tf.errors.InvalidArgumentError as e:
            print(type(e).__name__, e.message.split("\n")[0])
    try:
        sess.run(checked, {x: x_data - 20})
    except tf.errors.InvalidArgumentError as e:
        print(type(e).__name__, e.message.split("\n")[0])
    for t, feed in ((cn, [1.0, -1.0]), (vf, [1.0, 0.0])):
        try:
            sess.run(t, {neg: feed})
        except tf.errors.InvalidArgumentError as e:
            print(type(e).__name__, e.message.split("\n")[0])

"""A kernel SVM in the style of nfmcclure's TensorFlow Cookbook (ch. 4): an RBF Gram matrix
from pairwise squared distances, the dual objective sum(b) - sum(b b^T * y y^T * K) trained
with tf.train.GradientDescentOptimizer; a prediction kernel between training and grid points,
sign predictions and accuracy; then a primal linear SVM with the hinge loss
(tf.losses.hinge_loss and by hand) and an L2 penalty trained with Adam."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(2411)
tf.set_random_seed(2412)
n = 60
r = np.where(np.arange(n) % 2 == 0, 1.0, 3.0) + rs.randn(n) * 0.2
d = rs.randn(n, 2)   # directions (no np.cos / np.sin: their last bits vary across builds)
x_vals = (d * (r / np.sqrt((d * d).sum(1)))[:, None]).astype(np.float32)
y_vals = np.where(np.arange(n) % 2 == 0, 1.0, -1.0).astype(np.float32)

x_data = tf.placeholder(tf.float32, [None, 2])
y_target = tf.placeholder(tf.float32, [None, 1])
grid = tf.placeholder(tf.float32, [None, 2])
b = tf.Variable(tf.random_normal(shape=[1, n], seed=3))

gamma = tf.constant(-1.0)
dist = tf.reduce_sum(tf.square(x_data), 1)
dist = tf.reshape(dist, [-1, 1])
sq_dists = tf.add(tf.subtract(dist, tf.multiply(2., tf.matmul(x_data, tf.transpose(x_data)))),
                  tf.transpose(dist))
my_kernel = tf.exp(tf.multiply(gamma, tf.abs(sq_dists)))

first_term = tf.reduce_sum(b)
b_vec_cross = tf.matmul(tf.transpose(b), b)
y_target_cross = tf.matmul(y_target, tf.transpose(y_target))
second_term = tf.reduce_sum(tf.multiply(my_kernel, tf.multiply(b_vec_cross, y_target_cross)))
loss = tf.negative(tf.subtract(first_term, second_term))

rA = tf.reshape(tf.reduce_sum(tf.square(x_data), 1), [-1, 1])
rB = tf.reshape(tf.reduce_sum(tf.square(grid), 1), [-1, 1])
pred_sq_dist = tf.add(tf.subtract(rA, tf.multiply(2., tf.matmul(x_data, tf.transpose(grid)))),
                      tf.transpose(rB))
pred_kernel = tf.exp(tf.multiply(gamma, tf.abs(pred_sq_dist)))
prediction_output = tf.matmul(tf.multiply(tf.transpose(y_target), b), pred_kernel)
prediction = tf.sign(prediction_output - tf.reduce_mean(prediction_output))
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.squeeze(prediction), tf.squeeze(y_target)),
                                  tf.float32))
train_step = tf.train.GradientDescentOptimizer(0.002).minimize(loss)

# primal linear SVM on a lifted feature (r^2) with the hinge loss
feat = tf.concat([x_data, tf.reduce_sum(tf.square(x_data), 1, keepdims=True)], 1)
W = tf.Variable(tf.truncated_normal([3, 1], stddev=0.1, seed=5))
c = tf.Variable(tf.zeros([1]))
margin = tf.matmul(feat, W) + c
labels01 = (y_target + 1.0) / 2.0
hinge_tf = tf.losses.hinge_loss(labels01, margin)
hinge_hand = tf.reduce_mean(tf.maximum(0., 1. - y_target * margin))
primal = hinge_hand + 0.01 * tf.nn.l2_loss(W)
adam = tf.train.AdamOptimizer(0.05).minimize(primal)
primal_acc = tf.reduce_mean(tf.cast(tf.equal(tf.sign(margin), y_target), tf.float32))

Y = y_vals.reshape(-1, 1)
gx = np.stack(np.meshgrid(np.linspace(-3, 3, 4), np.linspace(-3, 3, 4)), -1)
gx = gx.reshape(-1, 2).astype(np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(40):
        idx = rs.choice(n, 20, replace=False)
        sess.run(train_step, {x_data: x_vals, y_target: Y})
        if step % 10 == 9:
            lv, acc = sess.run([loss, accuracy], {x_data: x_vals, y_target: Y, grid: x_vals})
            print(step, repr(float(lv)), repr(float(acc)))
    print("b", H(sess.run(b)))
    print("kernel", H(sess.run(my_kernel, {x_data: x_vals})))
    po, pr = sess.run([prediction_output, prediction], {x_data: x_vals, y_target: Y, grid: gx})
    print("grid", H(po), pr.astype(int).tolist())
    for step in range(30):
        idx = rs.choice(n, 20, replace=False)
        _, hv, hh = sess.run([adam, hinge_tf, hinge_hand], {x_data: x_vals[idx],
                                                             y_target: Y[idx]})
        if step % 10 == 0:
            print("primal", step, repr(float(hv)), repr(float(hh)))
    print("W", sess.run(W).ravel().tolist(), sess.run(c).tolist())
    print("primal acc", repr(float(sess.run(primal_acc, {x_data: x_vals, y_target: Y}))))
g = tf.get_default_graph()
print("ops", len(g.get_operations()))
print([o.name for o in g.get_operations() if o.name.startswith("hinge_loss")])

"""A TF 1.x classifier written the tutorial way: seeded initializers, a keras l2 regularizer,
tf.losses.sparse_softmax_cross_entropy + get_total_loss, and tf.metrics (accuracy,
mean_iou, auc, precision/recall) evaluated with tf.local_variables_initializer.
Runs unchanged under TensorFlow 1.14 and `flowgrad run`."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(1234)
rng = np.random.RandomState(0)
centers = np.array([[2.0, 0.0], [-1.0, 1.5], [-1.0, -1.5]], np.float32)
labels_np = rng.randint(0, 3, 300).astype(np.int64)
x_np = (centers[labels_np] + rng.randn(300, 2).astype(np.float32) * 0.8)

x = tf.placeholder(tf.float32, [None, 2], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
reg = tf.keras.regularizers.l2(0.005)
w1 = tf.get_variable("w1", [2, 16], initializer=tf.glorot_uniform_initializer(),
                     regularizer=reg)
b1 = tf.get_variable("b1", [16], initializer=tf.zeros_initializer())
w2 = tf.get_variable("w2", [16, 3], initializer=tf.variance_scaling_initializer(2.0),
                     regularizer=reg)
b2 = tf.get_variable("b2", [3], initializer=tf.constant_initializer(0.1))
logits = tf.matmul(tf.nn.relu(tf.matmul(x, w1) + b1), w2) + b2
tf.losses.sparse_softmax_cross_entropy(y, logits)
total = tf.losses.get_total_loss()
train = tf.train.GradientDescentOptimizer(0.2).minimize(total)

pred = tf.argmax(logits, 1)
prob0 = tf.nn.softmax(logits)[:, 0]
acc, acc_up = tf.metrics.accuracy(y, pred)
iou, iou_up = tf.metrics.mean_iou(y, pred, 3)
auc, auc_up = tf.metrics.auc(tf.equal(y, 0), prob0)
prec, prec_up = tf.metrics.precision(tf.equal(y, 0), tf.equal(pred, 0))
rec, rec_up = tf.metrics.recall(tf.equal(y, 0), tf.equal(pred, 0))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(201):
        _, loss = sess.run([train, total], {x: x_np, y: labels_np})
        if step % 50 == 0:
            print("step %d loss %.4f" % (step, loss))
    sess.run(tf.local_variables_initializer())
    for i in range(0, 300, 100):
        sess.run([acc_up, iou_up, auc_up, prec_up, rec_up],
                 {x: x_np[i:i + 100], y: labels_np[i:i + 100]})
    print("accuracy %.4f mean_iou %.4f auc %.4f precision %.4f recall %.4f"
          % tuple(sess.run([acc, iou, auc, prec, rec])))
    print("losses:", [t.name for t in tf.losses.get_losses()])
    print("regularization:", [t.name for t in tf.losses.get_regularization_losses()])
    print("metric variables:", len(tf.get_collection(tf.GraphKeys.METRIC_VARIABLES)))

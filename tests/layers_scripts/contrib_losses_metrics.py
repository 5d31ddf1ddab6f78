"""contrib.layers conv + dilated separable conv, tf.contrib.losses, tf.metrics, trained
with Momentum; initial weights from the graph-level seed only."""
import numpy as np
import tensorflow as tf

layers = tf.contrib.layers
tf.set_random_seed(3)
rng = np.random.RandomState(5)
images = rng.rand(6, 10, 10, 2).astype(np.float32)
labels = rng.randint(0, 4, size=6)

x = tf.placeholder(tf.float32, [6, 10, 10, 2])
y = tf.placeholder(tf.int64, [6])
net = layers.conv2d(x, 4, 3, weights_regularizer=layers.l2_regularizer(0.01))
net = layers.separable_conv2d(net, 6, 3, depth_multiplier=2, rate=2)
net = tf.nn.depthwise_conv2d(net, tf.get_variable("dw", [2, 2, 6, 1]), [1, 1, 1, 1],
                             "VALID", rate=[2, 2])
net = layers.flatten(net)
logits = layers.fully_connected(net, 4, activation_fn=None)
onehot = tf.one_hot(y, 4)
xent = tf.contrib.losses.softmax_cross_entropy(logits, onehot, label_smoothing=0.1)
hinge = tf.reduce_mean(tf.contrib.losses.hinge_loss(logits, onehot))
total = tf.contrib.losses.get_total_loss()
train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(total)
pred = tf.argmax(logits, 1)
acc, acc_up = tf.metrics.accuracy(y, pred)
miou, miou_up = tf.metrics.mean_iou(y, pred, 4)
probs = tf.nn.softmax(logits)
auc, auc_up = tf.metrics.auc(onehot, probs, num_thresholds=50)
with tf.Session() as sess:
    print(sess.run(tf.report_uninitialized_variables())[:3])
    sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    print(len(sess.run(tf.report_uninitialized_variables())))
    for step in range(4):
        _, t, xe, h = sess.run([train, total, xent, hinge], {x: images, y: labels})
        print("step %d total %.5f xent %.5f hinge %.5f" % (step, t, xe, h))
    sess.run([acc_up, miou_up, auc_up], {x: images, y: labels})
    print("accuracy %.4f mean_iou %.4f auc %.4f" % tuple(sess.run([acc, miou, auc])))
    print([v.op.name for v in tf.get_collection(tf.GraphKeys.LOSSES)])
    print(len(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)))

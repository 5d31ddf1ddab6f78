"""aymericdamien's random forest: tf.contrib.tensor_forest's ForestHParams, RandomForestGraphs'
training_graph/training_loss/inference_graph and the resource initializers, trained on
synthetic seeded 4-class data; accuracy on the training and held-out points."""

import numpy as np
import tensorflow as tf
from tensorflow.contrib.tensor_forest.python import tensor_forest
from tensorflow.python.ops import resources

tf.set_random_seed(1171)
rs = np.random.RandomState(1172)
num_features, num_classes = 6, 4
centers = rs.randn(num_classes, num_features).astype(np.float32) * 2
ytr = rs.randint(0, num_classes, 200)
xtr = (centers[ytr] + rs.randn(200, num_features)).astype(np.float32)
yte = rs.randint(0, num_classes, 60)
xte = (centers[yte] + rs.randn(60, num_features)).astype(np.float32)

X = tf.placeholder(tf.float32, shape=[None, num_features])
Y = tf.placeholder(tf.int32, shape=[None])
hparams = tensor_forest.ForestHParams(num_classes=num_classes, num_features=num_features,
                                      num_trees=4, max_nodes=100, seed=7).fill()
forest_graph = tensor_forest.RandomForestGraphs(hparams)
train_op = forest_graph.training_graph(X, Y)
loss_op = forest_graph.training_loss(X, Y)
infer_op, _, _ = forest_graph.inference_graph(X)
correct_prediction = tf.equal(tf.argmax(infer_op, 1), tf.cast(Y, tf.int64))
accuracy_op = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
init_vars = tf.group(tf.global_variables_initializer(),
                     resources.initialize_resources(resources.shared_resources()))
print("ops", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(init_vars)
    for i in range(1, 6):
        _, lv = sess.run([train_op, loss_op], feed_dict={X: xtr, Y: ytr})
        acc = sess.run(accuracy_op, feed_dict={X: xtr, Y: ytr})
        print('Step %i, Loss: %r, Acc: %r' % (i, float(lv), float(acc)))
    print("Test Accuracy:", repr(float(sess.run(accuracy_op, feed_dict={X: xte, Y: yte}))))

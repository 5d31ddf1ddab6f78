"""Hvass-Labs' convolutional network without prettytensor: tf.layers conv2d/max_pooling2d/
flatten/dense on synthetic 12x12 "digits", Adam, accuracy printouts, tf.confusion_matrix
(also with weights and num_classes) and the tutorial's NumPy-side confusion matrix and
misclassified-example listing."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1121)
rs = np.random.RandomState(1122)
num_classes = 4
protos = rs.rand(num_classes, 12, 12).astype(np.float32)
ytr = rs.randint(0, num_classes, 96)
xtr = (protos[ytr] + 0.6 * rs.randn(96, 12, 12)).astype(np.float32).reshape(96, 144)
yte = rs.randint(0, num_classes, 40)
xte = (protos[yte] + 0.6 * rs.randn(40, 12, 12)).astype(np.float32).reshape(40, 144)

x = tf.placeholder(tf.float32, shape=[None, 144], name='x')
x_image = tf.reshape(x, [-1, 12, 12, 1])
y_true = tf.placeholder(tf.float32, shape=[None, num_classes], name='y_true')
y_true_cls = tf.argmax(y_true, axis=1)

net = tf.layers.conv2d(inputs=x_image, name='layer_conv1', padding='same',
                       filters=6, kernel_size=3, activation=tf.nn.relu)
net = tf.layers.max_pooling2d(inputs=net, pool_size=2, strides=2)
net = tf.layers.conv2d(inputs=net, name='layer_conv2', padding='same',
                       filters=8, kernel_size=3, activation=tf.nn.relu)
net = tf.layers.max_pooling2d(inputs=net, pool_size=2, strides=2)
net = tf.layers.flatten(net)
net = tf.layers.dense(inputs=net, name='layer_fc1', units=32, activation=tf.nn.relu)
logits = tf.layers.dense(inputs=net, name='layer_fc_out', units=num_classes, activation=None)
y_pred = tf.nn.softmax(logits=logits)
y_pred_cls = tf.argmax(y_pred, axis=1)
cross_entropy = tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_true, logits=logits)
loss = tf.reduce_mean(cross_entropy)
optimizer = tf.train.AdamOptimizer(learning_rate=3e-3).minimize(loss)
correct_prediction = tf.equal(y_pred_cls, y_true_cls)
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
cm = tf.confusion_matrix(labels=y_true_cls, predictions=y_pred_cls, num_classes=num_classes)
w = tf.placeholder(tf.float64, [None])
cm_w = tf.confusion_matrix(y_true_cls, y_pred_cls, num_classes=num_classes + 1, weights=w,
                           dtype=tf.float64)
cm_infer = tf.math.confusion_matrix(tf.constant([0, 2, 2, 1]), tf.constant([1, 2, 0, 1]))

print("ops", len(tf.get_default_graph().get_operations()))
print([v.name for v in tf.trainable_variables()])
print(cm.name, cm_w.name, cm.dtype, cm_w.dtype, cm.shape, cm_infer.shape)
onehot_tr = np.eye(num_classes, dtype=np.float32)[ytr]
onehot_te = np.eye(num_classes, dtype=np.float32)[yte]
with tf.Session() as session:
    session.run(tf.global_variables_initializer())
    for i in range(12):
        idx = rs.choice(96, 32, replace=False)
        feed = {x: xtr[idx], y_true: onehot_tr[idx]}
        _, lv = session.run([optimizer, loss], feed_dict=feed)
        if i % 3 == 0:
            acc = session.run(accuracy, feed_dict=feed)
            print("Optimization Iteration: {0:>6}, Training Accuracy: {1:>6.1%}".format(i + 1, acc),
                  repr(float(lv)))
    feed_test = {x: xte, y_true: onehot_te, w: np.linspace(0.5, 2.0, 40)}
    cls_pred, acc, m, mw, mi, lg = session.run([y_pred_cls, accuracy, cm, cm_w, cm_infer, logits],
                                               feed_dict=feed_test)
    print("Accuracy on Test-Set: {0:.1%}".format(acc), repr(float(acc)))
    print(m)
    print(mw.tolist())
    print(mi)
    print(H(lg))
    correct = (cls_pred == yte)
    print("Example errors:", np.nonzero(~correct)[0].tolist())
    for i in range(num_classes):
        class_name = "({}) {}".format(i, i)
        print(m[i, :], class_name)
    print(" ".join(" ({0})".format(i) for i in range(num_classes)))
    print([H(v) for v in session.run(tf.trainable_variables())])

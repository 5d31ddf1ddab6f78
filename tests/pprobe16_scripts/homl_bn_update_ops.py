"""Hands-On ML (1st ed.) ch. 11: a DNN built in tf.name_scope("dnn") with tf.layers.dense,
tf.layers.batch_normalization(training=training, momentum=0.9) and ELU, the loss and
optimizer in their own name scopes, training run under tf.control_dependencies on the
UPDATE_OPS collection (the book runs them in the same sess.run); accuracy with
tf.nn.in_top_k; seeded data; op counts, losses and moving statistics at full precision."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1601)
rs = np.random.RandomState(1602)
n_inputs, n_hidden1, n_hidden2, n_outputs = 10, 12, 8, 3
Xd = rs.randn(96, n_inputs).astype(np.float32)
yd = (np.argmax(Xd[:, :3] + 0.3 * rs.randn(96, 3), axis=1)).astype(np.int64)

X = tf.placeholder(tf.float32, shape=(None, n_inputs), name="X")
y = tf.placeholder(tf.int64, shape=(None), name="y")
training = tf.placeholder_with_default(False, shape=(), name="training")

with tf.name_scope("dnn"):
    he_init = tf.contrib.layers.variance_scaling_initializer(seed=1603)
    hidden1 = tf.layers.dense(X, n_hidden1, name="hidden1", kernel_initializer=he_init)
    bn1 = tf.layers.batch_normalization(hidden1, training=training, momentum=0.9)
    bn1_act = tf.nn.elu(bn1)
    hidden2 = tf.layers.dense(bn1_act, n_hidden2, name="hidden2", kernel_initializer=he_init)
    bn2 = tf.layers.batch_normalization(hidden2, training=training, momentum=0.9)
    bn2_act = tf.nn.elu(bn2)
    logits_before_bn = tf.layers.dense(bn2_act, n_outputs, name="outputs")
    logits = tf.layers.batch_normalization(logits_before_bn, training=training, momentum=0.9)

with tf.name_scope("loss"):
    xentropy = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)
    loss = tf.reduce_mean(xentropy, name="loss")

with tf.name_scope("train"):
    optimizer = tf.train.MomentumOptimizer(0.05, momentum=0.9)
    extra_update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(extra_update_ops):
        training_op = optimizer.minimize(loss)

with tf.name_scope("eval"):
    correct = tf.nn.in_top_k(logits, y, 1)
    accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))

g = tf.get_default_graph()
print(len(g.get_operations()), len(extra_update_ops), [op.name for op in extra_update_ops])
print([v.name for v in tf.global_variables()])
print(training_op.name, sorted(i.name for i in training_op.control_inputs)[:3])

init = tf.global_variables_initializer()
with tf.Session() as sess:
    init.run()
    for epoch in range(4):
        for i in range(0, 96, 24):
            sess.run(training_op, feed_dict={training: True, X: Xd[i:i + 24], y: yd[i:i + 24]})
        acc, lv = sess.run([accuracy, loss], feed_dict={X: Xd, y: yd})
        print(epoch, repr(float(acc)), repr(float(lv)))
    mm = [v for v in tf.global_variables() if "moving_" in v.name]
    for v in mm:
        print(v.name, H(sess.run(v)))
    print(sess.run(mm[0]).tolist())
    print(H(sess.run(logits, feed_dict={X: Xd[:5], training: True})),
          H(sess.run(logits, feed_dict={X: Xd[:5]})))

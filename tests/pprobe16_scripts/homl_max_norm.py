"""Hands-On ML (1st ed.) ch. 11: max-norm regularization as in the book: a max_norm_regularizer
function that builds tf.clip_by_norm(weights, clip_norm=threshold, axes=1), a tf.assign,
and adds the assign to a "max_norm" collection; tf.layers.dense(kernel_regularizer=...)
so the regularizer returns None; after each training step the clip ops run; an l1
regularizer on a second layer collected through REGULARIZATION_LOSSES; op counts, row
norms and values at full precision."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def max_norm_regularizer(threshold, axes=1, name="max_norm", collection="max_norm"):
    def max_norm(weights):
        clipped = tf.clip_by_norm(weights, clip_norm=threshold, axes=axes)
        clip_weights = tf.assign(weights, clipped, name=name)
        tf.add_to_collection(collection, clip_weights)
        return None
    return max_norm


tf.set_random_seed(1631)
rs = np.random.RandomState(1632)
Xd = rs.randn(80, 9).astype(np.float32) * 2.0
yd = rs.randint(0, 5, 80).astype(np.int64)
X = tf.placeholder(tf.float32, shape=(None, 9), name="X")
y = tf.placeholder(tf.int64, shape=(None), name="y")
max_norm_reg = max_norm_regularizer(threshold=0.6)
init = tf.variance_scaling_initializer(seed=1633)
with tf.name_scope("dnn"):
    hidden1 = tf.layers.dense(X, 14, activation=tf.nn.relu, kernel_regularizer=max_norm_reg,
                              kernel_initializer=init, name="hidden1")
    hidden2 = tf.layers.dense(hidden1, 10, activation=tf.nn.relu,
                              kernel_regularizer=tf.contrib.layers.l1_regularizer(0.001),
                              kernel_initializer=init, name="hidden2")
    logits = tf.layers.dense(hidden2, 5, kernel_regularizer=max_norm_reg,
                             kernel_initializer=init, name="outputs")
with tf.name_scope("loss"):
    base_loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=y, logits=logits), name="avg_xentropy")
    reg_losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    loss = tf.add_n([base_loss] + reg_losses, name="loss")
with tf.name_scope("train"):
    training_op = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
clip_all_weights = tf.get_collection("max_norm")
g = tf.get_default_graph()
print(len(g.get_operations()), [c.name for c in clip_all_weights], [r.name for r in reg_losses])

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(5):
        for i in range(0, 80, 20):
            sess.run(training_op, feed_dict={X: Xd[i:i + 20], y: yd[i:i + 20]})
            sess.run(clip_all_weights)
        print(epoch, repr(float(sess.run(loss, feed_dict={X: Xd, y: yd}))))
    k1 = sess.run(g.get_tensor_by_name("hidden1/kernel:0"))
    print(np.sqrt((k1 ** 2).sum(axis=1)).tolist())
    print([H(v) for v in sess.run(tf.trainable_variables())])

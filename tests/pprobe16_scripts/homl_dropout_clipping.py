"""Hands-On ML (1st ed.) ch. 11: dropout with tf.layers.dropout(rate, training=training)
on a placeholder_with_default, gradient clipping written as in the book
(optimizer.compute_gradients, tf.clip_by_value on each gradient, apply_gradients), and the
clip_by_global_norm variant with the norm fetched; seeded data, op seeds; op counts, names
and values at full precision."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1611)
rs = np.random.RandomState(1612)
Xd = rs.randn(64, 8).astype(np.float32)
yd = rs.randint(0, 4, 64).astype(np.int32)

X = tf.placeholder(tf.float32, shape=(None, 8), name="X")
y = tf.placeholder(tf.int32, shape=(None), name="y")
training = tf.placeholder_with_default(False, shape=(), name="training")
dropout_rate = 0.5
X_drop = tf.layers.dropout(X, dropout_rate, training=training, seed=1613)
with tf.name_scope("dnn"):
    hidden1 = tf.layers.dense(X_drop, 16, activation=tf.nn.relu, name="hidden1",
                              kernel_initializer=tf.glorot_uniform_initializer(seed=1614))
    hidden1_drop = tf.layers.dropout(hidden1, dropout_rate, training=training, seed=1615)
    logits = tf.layers.dense(hidden1_drop, 4, name="outputs",
                             kernel_initializer=tf.glorot_uniform_initializer(seed=1616))
with tf.name_scope("loss"):
    xentropy = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits)
    loss = tf.reduce_mean(xentropy, name="loss")

threshold = 1.0
with tf.name_scope("train"):
    optimizer = tf.train.GradientDescentOptimizer(0.5)
    grads_and_vars = optimizer.compute_gradients(loss)
    capped_gvs = [(tf.clip_by_value(grad, -threshold, threshold), var)
                  for grad, var in grads_and_vars]
    training_op = optimizer.apply_gradients(capped_gvs)
with tf.name_scope("train2"):
    opt2 = tf.train.AdamOptimizer(0.01)
    grads, variables = zip(*opt2.compute_gradients(loss))
    clipped, gnorm = tf.clip_by_global_norm(grads, 0.5)
    training_op2 = opt2.apply_gradients(zip(clipped, variables))

g = tf.get_default_graph()
print(len(g.get_operations()), X_drop.name, hidden1_drop.op.name, gnorm.name)
print([c.name for c, _ in capped_gvs], training_op.name, training_op2.name)
print(sorted({op.type for op in g.get_operations()}))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(H(sess.run(X_drop, feed_dict={X: Xd[:4], training: True})),
          H(sess.run(X_drop, feed_dict={X: Xd[:4]})))
    for i in range(6):
        _, lv = sess.run([training_op, loss], feed_dict={X: Xd, y: yd, training: True})
        print("sgd", i, repr(float(lv)))
    for i in range(6):
        _, lv, gn = sess.run([training_op2, loss, gnorm], feed_dict={X: Xd, y: yd, training: True})
        print("adam", i, repr(float(lv)), repr(float(gn)))
    print(repr(float(sess.run(loss, feed_dict={X: Xd, y: yd}))))
    print([H(v) for v in sess.run(tf.trainable_variables())])

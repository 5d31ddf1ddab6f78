"""Hands-On ML (1st ed.) ch. 11: reusing a pretrained model's lower layers: train a
three-layer net and save it; in a fresh graph build a new net, restore only hidden1 and
hidden2 with a tf.train.Saver on a var_list dict ({var.op.name: var} from
tf.get_collection(TRAINABLE_VARIABLES, scope=...)), freeze them by passing only the upper
layers' variables to minimize (and by tf.stop_gradient in a second variant), then cache
the frozen layer's outputs; checkpoints to a temporary folder; op counts and values at
full precision."""
import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


rs = np.random.RandomState(1622)
Xd = rs.randn(48, 6).astype(np.float32)
yd = rs.randint(0, 3, 48).astype(np.int64)
tmp = tempfile.mkdtemp()
path = os.path.join(tmp, "my_model_final.ckpt")


def build(n_out, seed, frozen=False):
    X = tf.placeholder(tf.float32, shape=(None, 6), name="X")
    y = tf.placeholder(tf.int64, shape=(None), name="y")
    with tf.name_scope("dnn"):
        init = tf.glorot_uniform_initializer(seed=seed)
        hidden1 = tf.layers.dense(X, 10, activation=tf.nn.relu, name="hidden1",
                                  kernel_initializer=init)
        hidden2 = tf.layers.dense(hidden1, 7, activation=tf.nn.relu, name="hidden2",
                                  kernel_initializer=init)
        if frozen:
            hidden2 = tf.stop_gradient(hidden2)
        hidden3 = tf.layers.dense(hidden2, 5, activation=tf.nn.relu, name="hidden3",
                                  kernel_initializer=init)
        logits = tf.layers.dense(hidden3, n_out, name="outputs", kernel_initializer=init)
    with tf.name_scope("loss"):
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=y, logits=logits), name="loss")
    return X, y, hidden2, loss


with tf.Graph().as_default() as g1:
    tf.set_random_seed(1621)
    X, y, _, loss = build(3, 1623)
    training_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(10):
            sess.run(training_op, feed_dict={X: Xd, y: yd})
        print("pre", repr(float(sess.run(loss, feed_dict={X: Xd, y: yd}))))
        pre = {v.op.name: sess.run(v) for v in tf.trainable_variables()}
        saver.save(sess, path)
    print(len(g1.get_operations()))

for frozen in (False, True):
    with tf.Graph().as_default() as g2:
        tf.set_random_seed(1624)
        X, y, hidden2, loss = build(3, 1625, frozen)
        reuse_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES,
                                       scope="hidden[12]")
        reuse_vars_dict = dict([(var.op.name, var) for var in reuse_vars])
        restore_saver = tf.train.Saver(reuse_vars_dict)
        train_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES,
                                       scope="hidden[34]|outputs")
        with tf.name_scope("train"):
            optimizer = tf.train.GradientDescentOptimizer(0.1)
            training_op = optimizer.minimize(loss, var_list=None if frozen else train_vars)
        print(frozen, len(g2.get_operations()), sorted(reuse_vars_dict),
              [v.op.name for v in train_vars])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            restore_saver.restore(sess, path)
            print([bool(np.array_equal(sess.run(v), pre[v.op.name])) for v in reuse_vars])
            h2_cache = sess.run(hidden2, feed_dict={X: Xd})
            for i in range(8):
                sess.run(training_op, feed_dict={hidden2: h2_cache, y: yd})
            print(repr(float(sess.run(loss, feed_dict={X: Xd, y: yd}))))
            print([bool(np.array_equal(sess.run(v), pre[v.op.name])) for v in reuse_vars])
            print([H(sess.run(v)) for v in train_vars])
print(sorted(os.listdir(tmp)))
shutil.rmtree(tmp)

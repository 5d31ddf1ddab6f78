"""A tf.train.Supervisor training loop (the TF 1.x tutorials' style): train, save, restart
from the logdir and continue (a flowgrad run tutorial)."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

rng = np.random.RandomState(1)
data_x = rng.rand(64, 4).astype(np.float32)
data_y = (data_x.sum(axis=1) > 2.0).astype(np.int64)
logdir = tempfile.mkdtemp()


def build():
    x = tf.placeholder(tf.float32, [None, 4])
    y = tf.placeholder(tf.int64, [None])
    w0 = 0.1 * np.array([[1, -1], [2, -2], [3, -3], [4, -4]], np.float32)
    w = tf.Variable(w0, name="w")
    b = tf.Variable(tf.zeros([2]), name="b")
    logits = tf.matmul(x, w) + b
    loss = tf.losses.sparse_softmax_cross_entropy(labels=y, logits=logits)
    step = tf.train.get_or_create_global_step()
    train = tf.train.MomentumOptimizer(0.5, 0.9).minimize(loss, global_step=step)
    acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
    return x, y, loss, step, train, acc


for rounds in (6, 4):
    tf.reset_default_graph()
    x, y, loss, step, train, acc = build()
    sv = tf.train.Supervisor(logdir=logdir, save_model_secs=0, save_summaries_secs=0)
    with sv.managed_session() as sess:
        print("resuming at step", sess.run(step))
        for _ in range(rounds):
            if sv.should_stop():
                break
            for i in range(0, 64, 16):
                _, loss_value = sess.run([train, loss],
                                         {x: data_x[i:i + 16], y: data_y[i:i + 16]})
            print("step %d loss %.5f" % (sess.run(step), loss_value))
        print("accuracy %.4f" % sess.run(acc, {x: data_x, y: data_y}))
        path = sv.saver.save(sess, sv.save_path, global_step=step)
        print("saved", os.path.basename(path))
shutil.rmtree(logdir)

"""Save and restore with tf.train.Saver: train, save, rebuild the graph, restore,
check the values; then restore from the meta graph alone.
"""
from __future__ import print_function

import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

ckpt_dir = tempfile.mkdtemp()
ckpt_prefix = os.path.join(ckpt_dir, 'model')


def build():
    x = tf.placeholder(tf.float32, [None, 3], name='x')
    w = tf.get_variable('w', [3, 1], initializer=tf.constant_initializer(0.5))
    b = tf.get_variable('b', [1], initializer=tf.zeros_initializer())
    y = tf.add(tf.matmul(x, w), b, name='y')
    step = tf.train.get_or_create_global_step()
    return x, y, w, b, step


data = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], np.float32)
target = np.array([[1.0], [2.0]], np.float32)

x, y, w, b, step = build()
loss = tf.reduce_mean(tf.square(y - target))
train = tf.train.GradientDescentOptimizer(0.01).minimize(loss, global_step=step)
saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(10):
        sess.run(train, {x: data})
    saved_w, saved_y = sess.run([w, y], {x: data})
    path = saver.save(sess, ckpt_prefix, global_step=step)
print('saved to', os.path.relpath(path, ckpt_dir))
print('latest checkpoint:', os.path.relpath(tf.train.latest_checkpoint(ckpt_dir), ckpt_dir))

tf.reset_default_graph()
x, y, w, b, step = build()
saver = tf.train.Saver()
with tf.Session() as sess:
    saver.restore(sess, tf.train.latest_checkpoint(ckpt_dir))
    print('restored step', sess.run(step))
    print('w equal after restore:', np.array_equal(sess.run(w), saved_w))
    print('y equal after restore:', np.array_equal(sess.run(y, {x: data}), saved_y))

tf.reset_default_graph()
with tf.Session() as sess:
    loader = tf.train.import_meta_graph(path + '.meta')
    loader.restore(sess, path)
    graph = tf.get_default_graph()
    y_t = graph.get_tensor_by_name('y:0')
    x_t = graph.get_tensor_by_name('x:0')
    print('y from the meta graph equal:', np.array_equal(sess.run(y_t, {x_t: data}), saved_y))
    print('y = %s' % ', '.join('%.4f' % v for v in sess.run(y_t, {x_t: data}).ravel()))

shutil.rmtree(ckpt_dir)

"""A small tf.contrib.slim.nets.resnet_v2 from resnet_v2_block (two blocks of bottleneck
units, base depths 4 and 8) at 16x16 with 3 classes and is_training=True (batch norm
update ops), seeded with tf.set_random_seed: op count and a hash of the sorted op names
and types, tf.losses.softmax_cross_entropy plus the weight decay, then
slim.learning.create_train_op with a MomentumOptimizer and two steps; the losses, the
logits and a variable and moving mean after, as values at full precision or hashes."""

import hashlib

import numpy as np
import tensorflow as tf
from tensorflow.contrib.slim import nets


def h(a):
    a = np.ascontiguousarray(a)
    return str(a.dtype) + str(a.shape) + ":" + hashlib.sha1(a.tobytes()).hexdigest()[:16]


def hs(strings):
    return hashlib.sha1("\n".join(strings).encode()).hexdigest()[:16]


def ops_summary(g):
    ops = g.get_operations()
    return len(ops), hs(sorted(op.name + ":" + op.type for op in ops))


slim = tf.contrib.slim
resnet_v2 = nets.resnet_v2
tf.set_random_seed(2851)
rs = np.random.RandomState(2852)
xs = rs.uniform(-1.0, 1.0, size=(4, 16, 16, 3)).astype(np.float32)
ys = np.eye(3, dtype=np.float32)[rs.randint(0, 3, size=(4,))]

x = tf.placeholder(tf.float32, [4, 16, 16, 3])
y = tf.placeholder(tf.float32, [4, 3])
blocks = [resnet_v2.resnet_v2_block("block1", base_depth=4, num_units=2, stride=2),
          resnet_v2.resnet_v2_block("block2", base_depth=8, num_units=1, stride=1)]
with slim.arg_scope(resnet_v2.resnet_arg_scope(weight_decay=1e-3)):
    logits, ends = resnet_v2.resnet_v2(x, blocks, num_classes=3, is_training=True,
                                       global_pool=True,
                                       scope="tiny")
logits = tf.squeeze(logits, [1, 2])
g = tf.get_default_graph()
print("net ops", ops_summary(g), logits.name, logits.shape)
print("end points", sorted(ends))
print("update ops", len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))
tf.losses.softmax_cross_entropy(y, logits)
total = tf.losses.get_total_loss()
opt = tf.train.MomentumOptimizer(0.1, 0.9)
train_op = slim.learning.create_train_op(total, opt)
print("train ops", ops_summary(g), train_op.name)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(2):
        print("step", step, repr(float(sess.run(train_op, {x: xs, y: ys}))))
    out = sess.run(logits, {x: xs})
    print("logits", h(out), repr(out.tolist()))
    w = [v for v in tf.global_variables() if v.name == "tiny/conv1/weights:0"][0]
    mm = [v for v in tf.global_variables() if "moving_mean" in v.name][0]
    print(w.name, h(sess.run(w)))
    print(mm.name, h(sess.run(mm)), repr(sess.run(mm)[:3].tolist()))

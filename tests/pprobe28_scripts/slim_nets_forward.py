"""tf.contrib.slim.nets: resnet_v2_50 at 32x32 with 5 classes (is_training=False, graph
only), its end points, variables, regularization losses, op count and the hash of its
sorted op names and types; inception_v1_base at 64x64 up to Mixed_3c with its seeded
forward pass; vgg_a (graph only) with 7 classes; each in its own graph seeded with
tf.set_random_seed, values as hashes of bytes."""

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

rs = np.random.RandomState(2841)

g = tf.Graph()
with g.as_default():
    tf.set_random_seed(2842)
    x = tf.placeholder(tf.float32, [None, 32, 32, 3])
    with slim.arg_scope(nets.resnet_v2.resnet_arg_scope()):
        logits, ends = nets.resnet_v2.resnet_v2_50(x, num_classes=5, is_training=False)
    print("resnet_v2_50 ops", ops_summary(g), logits.name, logits.shape)
    print("end points", len(ends), hs(sorted(ends)), hs([ends[k].name for k in sorted(ends)]))
    print("variables", len(tf.global_variables()), len(tf.trainable_variables()),
          hs([v.name for v in tf.global_variables()]))
    print("losses", len(tf.losses.get_regularization_losses()))

g = tf.Graph()
with g.as_default():
    tf.set_random_seed(2843)
    x = tf.placeholder(tf.float32, [1, 64, 64, 3])
    net, ends = nets.inception.inception_v1_base(x, final_endpoint="Mixed_3c")
    print("inception_v1_base ops", ops_summary(g), net.name, net.shape)
    print("end points", sorted(ends))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        xs = rs.uniform(-1.0, 1.0, size=(1, 64, 64, 3)).astype(np.float32)
        out = sess.run(net, {x: xs})
        print("Mixed_3c", h(out), repr(out.ravel()[:4].tolist()))

g = tf.Graph()
with g.as_default():
    tf.set_random_seed(2844)
    x = tf.placeholder(tf.float32, [1, 224, 224, 3])
    with slim.arg_scope(nets.vgg.vgg_arg_scope()):
        logits, ends = nets.vgg.vgg_a(x, num_classes=7, is_training=True)
    print("vgg_a ops", ops_summary(g), logits.name, logits.shape)
    print("end points", hs(sorted(ends)), len(ends))
    print("variables", hs([v.name + str(v.shape) for v in tf.global_variables()]))

"""Train a small conv net with tf.layers.batch_normalization (fused) and dropout under a
training flag, freeze it with tf.graph_util.convert_variables_to_constants, cut it with
extract_sub_graph and remove_training_nodes, then optimize_for_inference (batch norm folded
into the Conv2D) and run every stage by tensor name in a fresh graph; then the same net rebuilt
with training=False, restored from a checkpoint, frozen and optimized (FusedBatchNorm folded
into the Conv2D's weights and a BiasAdd)."""
import hashlib
import os
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow.python.tools import optimize_for_inference_lib


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def ops(gd):
    c = {}
    for n in gd.node:
        c[n.op] = c.get(n.op, 0) + 1
    return sorted(c.items())


def net(x, training):
    c = tf.layers.conv2d(x, 4, 3, padding="same", use_bias=False, name="conv",
                         kernel_initializer=tf.glorot_uniform_initializer(seed=1))
    b = tf.layers.batch_normalization(c, training=training, fused=True, name="bn")
    r = tf.nn.relu(b)
    f = tf.layers.flatten(r)
    d = tf.layers.dropout(f, 0.3, training=training, seed=3)
    return tf.layers.dense(d, 3, name="logits",
                           kernel_initializer=tf.glorot_uniform_initializer(seed=2))


tf.set_random_seed(25)
rs = np.random.RandomState(250)
X = rs.rand(6, 5, 5, 2).astype(np.float32)
Y = rs.randint(0, 3, 6).astype(np.int32)
x = tf.placeholder(tf.float32, [None, 5, 5, 2], name="input")
y = tf.placeholder(tf.int32, [None], name="labels")
training = tf.placeholder_with_default(False, [], name="training")
logits = net(x, training)
probs = tf.nn.softmax(logits, name="probs")
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
    train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        lv, _ = s.run([loss, train], {x: X, y: Y, training: True})
        print("step", i, repr(float(lv)))
    ref = s.run(probs, {x: X})
    print("ref", H(ref), repr(float(ref[0, 0])))
    gd = s.graph.as_graph_def()
    print("full nodes", len(gd.node))
    frozen = tf.graph_util.convert_variables_to_constants(s, gd, ["probs"])
    ckpt = tf.train.Saver().save(s, os.path.join(tempfile.mkdtemp(), "m"))
print("frozen", len(frozen.node), ops(frozen))
sub = tf.graph_util.extract_sub_graph(frozen, ["probs"])
print("sub", len(sub.node), [n.name for n in sub.node][:12])
noid = tf.graph_util.remove_training_nodes(sub, protected_nodes=["probs"])
print("untrained", len(noid.node), ops(noid))
opt = optimize_for_inference_lib.optimize_for_inference(
    noid, ["input"], ["probs"], tf.float32.as_datatype_enum)
print("optimized", len(opt.node), ops(opt))
print("names", [n.name for n in opt.node])
for label, g_def in [("frozen", frozen), ("sub", sub), ("untrained", noid), ("opt", opt)]:
    with tf.Graph().as_default() as g:
        tf.import_graph_def(g_def, name="")
        with tf.Session() as s:
            v = s.run("probs:0", {"input:0": X})
    print(label, H(v), bool(np.array_equal(v, ref)), float(np.abs(v - ref).max()) < 1e-5)

with tf.Graph().as_default() as g:
    x2 = tf.placeholder(tf.float32, [None, 5, 5, 2], name="input")
    tf.nn.softmax(net(x2, False), name="probs")
    with tf.Session() as s:
        tf.train.Saver().restore(s, ckpt)
        ref2 = s.run("probs:0", {x2: X})
        inf = tf.graph_util.convert_variables_to_constants(s, g.as_graph_def(), ["probs"])
print("ref2", H(ref2), bool(np.array_equal(ref2, ref)))
print("inference", len(inf.node), ops(inf))
opt2 = optimize_for_inference_lib.optimize_for_inference(
    inf, ["input"], ["probs"], tf.float32.as_datatype_enum)
print("optimized2", len(opt2.node), ops(opt2))
print("names2", [(n.name, n.op, list(n.input)) for n in opt2.node])
consts = [n for n in opt2.node if n.op == "Const"]
for n in consts:
    print(n.name, H(tf.make_ndarray(n.attr["value"].tensor)))
with tf.Graph().as_default():
    tf.import_graph_def(opt2, name="")
    with tf.Session() as s:
        v = s.run("probs:0", {"input:0": X})
print("opt2", H(v), float(np.abs(v - ref2).max()) < 1e-5)

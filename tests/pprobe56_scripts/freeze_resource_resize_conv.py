"""Deploying a tiny conv net built with resource variables (use_resource=True): trained a few
steps, frozen with tf.graph_util.convert_variables_to_constants (VarHandleOp -> Const,
ReadVariableOp -> Identity), cut with extract_sub_graph to two outputs, remove_training_nodes
with protected_nodes, optimize_for_inference fusing ResizeBilinear+MirrorPad+Conv2D into
FusedResizeAndPadConv2D, strip_unused_lib.strip_unused on a mid-graph input with a new
placeholder type, then every stage re-imported and run; node lists (names, ops) and values."""
import hashlib

import numpy as np
import tensorflow as tf
from tensorflow.python.tools import optimize_for_inference_lib
from tensorflow.python.tools import strip_unused_lib

np.random.seed(0)
tf.set_random_seed(1)
rng = np.random.RandomState(5)
X = rng.rand(4, 3, 3, 2).astype(np.float32)
Y = rng.rand(4, 1).astype(np.float32)


def H(a):
    return hashlib.md5(np.ascontiguousarray(a).tobytes()).hexdigest()


def show(gd, title):
    print(title, len(gd.node))
    for n in sorted(gd.node, key=lambda n: n.name):
        print("  ", n.name, n.op, list(n.input))


g = tf.Graph()
with g.as_default():
    x = tf.placeholder(tf.float32, [None, 3, 3, 2], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    with tf.variable_scope("net", use_resource=True):
        r = tf.image.resize_bilinear(x, [5, 5], name="up")
        p = tf.pad(r, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="REFLECT", name="pad")
        w = tf.get_variable("w", [3, 3, 2, 3],
                            initializer=tf.truncated_normal_initializer(stddev=0.3, seed=2))
        c = tf.nn.conv2d(p, w, [1, 1, 1, 1], "VALID", name="conv")
        h = tf.nn.relu(c, name="relu")
        h = tf.identity(h, name="feat")
        flat = tf.reshape(h, [-1, 75], name="flat")
        d = tf.layers.dense(flat, 1, name="out",
                            kernel_initializer=tf.glorot_uniform_initializer(seed=3))
    pred = tf.identity(d, name="pred")
    aux = tf.reduce_mean(h, axis=[1, 2], name="aux")
    loss = tf.reduce_mean(tf.square(pred - y))
    train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for i in range(3):
            print("loss", i, repr(float(s.run([loss, train], {x: X, y: Y})[0])))
        ref_pred, ref_aux = s.run([pred, aux], {x: X})
        print("pred", H(ref_pred), ref_pred.ravel().tolist())
        print("aux", H(ref_aux))
        gdef = g.as_graph_def()
        frozen = tf.graph_util.convert_variables_to_constants(s, gdef, ["pred", "aux"])

show(frozen, "frozen")
sub = tf.graph_util.extract_sub_graph(frozen, ["aux"])
print("sub", sorted(n.name for n in sub.node))
rt = tf.graph_util.remove_training_nodes(frozen, protected_nodes=["net/feat", "pred"])
show(rt, "removed")
rt2 = tf.graph_util.remove_training_nodes(frozen)
print("removed unprotected", sorted(n.name for n in rt2.node))
opt = optimize_for_inference_lib.optimize_for_inference(
    frozen, ["x"], ["pred", "aux"], tf.float32.as_datatype_enum)
show(opt, "optimized")
for n in opt.node:
    if n.op == "FusedResizeAndPadConv2D":
        print("fused attrs", n.attr["mode"].s, n.attr["resize_align_corners"].b,
              list(n.attr["strides"].list.i), n.attr["padding"].s)
st = strip_unused_lib.strip_unused(frozen, ["net/feat"], ["pred"], tf.float32.as_datatype_enum)
show(st, "stripped")
for n in st.node:
    if n.op == "Placeholder":
        print("placeholder", n.name, n.attr["dtype"].type, n.attr["shape"])

for name, gd, feeds, fetch in [("frozen", frozen, {"x:0": X}, ["pred:0", "aux:0"]),
                               ("removed", rt, {"x:0": X}, ["pred:0", "aux:0"]),
                               ("optimized", opt, {"x:0": X}, ["pred:0", "aux:0"])]:
    with tf.Graph().as_default() as g2:
        tf.import_graph_def(gd, name="")
        with tf.Session() as s:
            a, b = s.run(fetch, feeds)
            print(name, H(a), H(b), bool(np.allclose(a, ref_pred, atol=1e-5)),
                  bool(np.allclose(b, ref_aux, atol=1e-5)))
with tf.Graph().as_default() as g3:
    feat_in = np.maximum(rng.randn(2, 5, 5, 3), 0).astype(np.float32)
    tf.import_graph_def(st, name="m")
    with tf.Session() as s:
        v = s.run("m/pred:0", {"m/net/feat:0": feat_in})
        print("stripped run", H(v), v.ravel().tolist())
    print("ops", len(g3.get_operations()))

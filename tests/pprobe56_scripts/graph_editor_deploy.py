"""Deployment surgery with tf.contrib.graph_editor on a trained, frozen MLP with dropout
imported by tf.import_graph_def(name=""): ge.reroute_ts bypassing the dropout (its consumers
read the dropout's input), ge.graph_replace re-wiring the prediction onto a new input
pipeline, ge.copy_with_input_replacements into a scope, ge.swap_ts between two branches,
then the node lists (names, ops, inputs) and the values a Session computes."""
import hashlib

import numpy as np
import tensorflow as tf
from tensorflow.contrib import graph_editor as ge

np.random.seed(0)
tf.set_random_seed(3)
rng = np.random.RandomState(21)
X = rng.rand(5, 3).astype(np.float32)
Y = rng.rand(5, 2).astype(np.float32)


def H(a):
    return hashlib.md5(np.ascontiguousarray(a).tobytes()).hexdigest()


g = tf.Graph()
with g.as_default():
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.placeholder(tf.float32, [None, 2], name="y")
    h = tf.layers.dense(x, 4, tf.nn.relu, name="h",
                        kernel_initializer=tf.random_normal_initializer(seed=4))
    d = tf.nn.dropout(h, rate=0.5, seed=5, name="drop")
    o = tf.layers.dense(d, 2, name="o", kernel_initializer=tf.random_normal_initializer(seed=6))
    pred = tf.identity(o, name="pred")
    alt = tf.identity(tf.nn.relu(o), name="alt")
    loss = tf.losses.mean_squared_error(y, pred)
    train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for i in range(3):
            print("loss", i, repr(float(s.run([loss, train], {x: X, y: Y})[0])))
        frozen = tf.graph_util.convert_variables_to_constants(s, g.as_graph_def(), ["pred", "alt"])
print("frozen", sorted((n.name, n.op) for n in frozen.node))

with tf.Graph().as_default() as g2:
    tf.import_graph_def(frozen, name="")
    drop_out = g2.get_tensor_by_name("drop/mul_1:0")
    relu_out = g2.get_tensor_by_name("h/Relu:0")
    print("drop consumers", sorted(op.name for op in drop_out.consumers()))
    n = ge.reroute_ts([relu_out], [drop_out])
    print("rerouted", n)
    print("o/MatMul inputs", [t.name for t in g2.get_operation_by_name("o/MatMul").inputs])
    print("drop consumers after", sorted(op.name for op in drop_out.consumers()))
    with tf.Session() as s:
        p1 = s.run("pred:0", {"x:0": X})
        p2 = s.run("pred:0", {"x:0": X})
        print("pred", p1.ravel().tolist(), bool(np.array_equal(p1, p2)))
        new_x = tf.constant(X[::-1].copy(), name="new_x")
        rep = ge.graph_replace(g2.get_tensor_by_name("pred:0"),
                               {g2.get_tensor_by_name("x:0"): new_x})
        print("replaced", rep.name, rep.op.type)
        r = s.run(rep)
        print("rep equal reversed", bool(np.array_equal(r, p1[::-1])), H(r))
    sgv = ge.sgv(g2.get_operation_by_name("o/MatMul"), g2.get_operation_by_name("o/BiasAdd"))
    print("sgv inputs", [t.name for t in sgv.inputs], "outputs", [t.name for t in sgv.outputs])
    z = tf.zeros([5, 4], name="z")
    copy, info = ge.copy_with_input_replacements(sgv, {relu_out: z}, dst_scope="c")
    print("copy ops", sorted(op.name for op in copy.ops))
    print("copy inputs", [t.name for t in copy.inputs])
    print("mapped", info.transformed(g2.get_operation_by_name("o/BiasAdd")).name)
    ge.swap_ts([g2.get_tensor_by_name("pred:0")], [g2.get_tensor_by_name("alt:0")])
    with tf.Session() as s:
        c = s.run(copy.outputs[0])
        print("copy value", c.ravel().tolist())
        a2, b2 = s.run(["pred:0", "alt:0"], {"x:0": X})
        print("after swap pred", H(a2), "alt", H(b2))
    print("ops", len(g2.get_operations()))
    print("types", sorted({op.type for op in g2.get_operations()}))

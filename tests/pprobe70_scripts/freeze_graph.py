"""Freezing a trained model as TF1 deployment code does: convert_variables_to_constants,
extract_sub_graph, remove_training_nodes, writing the GraphDef with tf.train.write_graph
and importing it with tf.import_graph_def (input_map, return_elements, name)."""
import os
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow.python.framework import graph_util

np.random.seed(4)
tf.set_random_seed(5)
X = np.random.RandomState(9).randn(8, 4).astype(np.float32)
d = tempfile.mkdtemp()
with tf.Graph().as_default() as g:
    x = tf.placeholder(tf.float32, [None, 4], name="input")
    h = tf.layers.dense(x, 6, activation=tf.nn.tanh, name="fc1",
                        kernel_initializer=tf.random_normal_initializer(seed=3))
    h = tf.identity(h, name="feat")
    logits = tf.layers.dense(h, 3, name="fc2",
                             kernel_initializer=tf.random_normal_initializer(seed=4))
    probs = tf.nn.softmax(logits, name="probs")
    loss = tf.reduce_mean(tf.square(logits))
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(3):
            print(i, repr(float(sess.run([train, loss], {x: X})[1])))
        ref = sess.run(probs, {x: X})
        gd = g.as_graph_def()
        print(len(gd.node))
        frozen = graph_util.convert_variables_to_constants(sess, gd, ["probs"])
        part = graph_util.convert_variables_to_constants(
            sess, gd, ["probs"], variable_names_blacklist=["fc2/kernel"])
        only = graph_util.convert_variables_to_constants(
            sess, gd, ["feat"], variable_names_whitelist=["fc1/bias"])
print(sorted((n.name, n.op) for n in part.node if n.name.startswith("fc2/")))
print(sorted((n.name, n.op) for n in only.node if n.op != "Identity"))
print(len(frozen.node), sorted(set(n.op for n in frozen.node)))
print([n.name for n in frozen.node])
sub = graph_util.extract_sub_graph(gd, ["feat"])
print(len(sub.node), [n.name for n in sub.node][:6])
clean = graph_util.remove_training_nodes(frozen, protected_nodes=None)
print(len(clean.node), [n.name for n in clean.node if n.op == "Identity"])
tf.train.write_graph(frozen, d, "frozen.pb", as_text=False)
tf.train.write_graph(frozen, d, "frozen.pbtxt")
gd2 = tf.GraphDef()
with tf.gfile.GFile(os.path.join(d, "frozen.pb"), "rb") as f:
    gd2.ParseFromString(f.read())
print(gd2 == frozen, sorted(os.listdir(d)))
with tf.Graph().as_default() as g2:
    inp = tf.placeholder(tf.float32, [None, 4], name="new_in")
    out, feat = tf.import_graph_def(gd2, input_map={"input:0": inp},
                                    return_elements=["probs:0", "feat"], name="frz")
    print(out.name, feat.name, feat.type, len(g2.get_operations()))
    with tf.Session() as sess:
        p = sess.run(out, {inp: X})
        print(bool(np.allclose(p, ref, atol=1e-6)), p[0].tolist())
with tf.Graph().as_default() as g3:
    r = tf.import_graph_def(clean, return_elements=["probs:0"], name="")
    print(r[0].name, len(g3.get_operations()))
    with tf.Session() as sess:
        print(bool(np.allclose(sess.run(r[0], {"input:0": X}), ref, atol=1e-6)))
for bad in [lambda: graph_util.extract_sub_graph(gd, ["nope"]),
            lambda: tf.import_graph_def(frozen, return_elements=["zzz:0"]),
            lambda: tf.import_graph_def(frozen, input_map={"missing:0": tf.constant(1.0)})]:
    with tf.Graph().as_default():
        try:
            bad()
            print("no error")
        except Exception as ex:
            print(type(ex).__name__, ex)
with tf.Graph().as_default() as g6:
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    rv = tf.get_variable("rv", [2, 2], use_resource=True,
                         initializer=tf.constant_initializer([[1.0, 2.0], [3.0, 4.0]]))
    y = tf.matmul(tf.check_numerics(tf.stop_gradient(x), "bad"), rv)
    out = tf.identity(y, name="out")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        fr = graph_util.convert_variables_to_constants(sess, g6.as_graph_def(), ["out"])
    print([(n.name, n.op) for n in fr.node])
    tr = graph_util.remove_training_nodes(fr)
    print([(n.name, n.op) for n in tr.node])
    tr2 = graph_util.remove_training_nodes(fr, protected_nodes=["out"])
    print([(n.name, n.op) for n in tr2.node])
with tf.Graph().as_default() as g7:
    tf.placeholder(tf.float32, name="input")
    r = tf.import_graph_def(frozen, return_elements=["probs"], input_map={
        "input": tf.placeholder(tf.float32, [None, 4], name="feed")})
    print(r[0].name, r[0].type, sorted(set(o.name.split("/")[0] for o in g7.get_operations())))
    tf.import_graph_def(frozen)
    print(len(g7.get_operations()), g7.get_operations()[-1].name)

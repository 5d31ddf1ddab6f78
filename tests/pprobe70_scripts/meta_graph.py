"""export_meta_graph / import_meta_graph as TF1 projects resume training: the graph and
its Saver written with the checkpoint, re-imported into a fresh graph (clear_devices,
import_scope, as_text), tensors fetched back by name from collections, training
continued from the restored values."""
import os
import tempfile

import numpy as np
import tensorflow as tf

np.random.seed(3)
tf.set_random_seed(4)
X = np.random.RandomState(7).randn(10, 3).astype(np.float32)
Y = (X.sum(1, keepdims=True) > 0).astype(np.float32)
d = tempfile.mkdtemp()
with tf.Graph().as_default() as g:
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    with tf.device("/cpu:0"):
        h = tf.layers.dense(x, 5, activation=tf.nn.relu, name="h",
                            kernel_initializer=tf.glorot_uniform_initializer(seed=1))
    logits = tf.layers.dense(h, 1, name="out",
                             kernel_initializer=tf.glorot_uniform_initializer(seed=2))
    loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits),
                          name="loss")
    train = tf.train.GradientDescentOptimizer(0.5).minimize(loss, name="train")
    tf.add_to_collection("train_op", train)
    tf.add_to_collection("inputs", x)
    tf.add_to_collection("inputs", y)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(3):
            print(i, repr(float(sess.run([train, loss], {x: X, y: Y})[1])))
        saver.save(sess, os.path.join(d, "m"), global_step=3)
    nops = len(g.get_operations())
    mg = tf.train.export_meta_graph(os.path.join(d, "copy.meta"), as_text=True)
    print(nops, len(mg.graph_def.node), sorted(mg.collection_def.keys()))
print(sorted(f for f in os.listdir(d) if f != "checkpoint"))
with tf.Graph().as_default() as g2:
    saver = tf.train.import_meta_graph(os.path.join(d, "m-3.meta"), clear_devices=True)
    print(len(g2.get_operations()) == nops, g2.get_operation_by_name("h/MatMul").device)
    x, y = tf.get_collection("inputs")
    train = tf.get_collection("train_op")[0]
    loss = g2.get_tensor_by_name("loss:0")
    print(x.name, y.name, train.name, loss.name, loss.shape)
    with tf.Session() as sess:
        saver.restore(sess, tf.train.latest_checkpoint(d))
        for i in range(3):
            print("resume", i, repr(float(sess.run([train, loss], {x: X, y: Y})[1])))
with tf.Graph().as_default() as g3:
    saver = tf.train.import_meta_graph(os.path.join(d, "copy.meta"), import_scope="net")
    print(sorted(v.op.name for v in tf.global_variables()))
    print(g3.get_operation_by_name("net/h/MatMul").device,
          [t.name for t in tf.get_collection("inputs")])
    with tf.Session() as sess:
        try:
            saver.restore(sess, os.path.join(d, "m-3"))
        except tf.errors.NotFoundError as ex:
            print(type(ex).__name__, str(ex).split("\n")[0][:60])
        named = tf.train.Saver({v.op.name[4:]: v for v in tf.global_variables()})
        named.restore(sess, os.path.join(d, "m-3"))
        print(repr(float(sess.run("net/loss:0", {"net/x:0": X, "net/y:0": Y}))))
with tf.Graph().as_default():
    try:
        tf.train.import_meta_graph(os.path.join(d, "missing.meta"))
    except Exception as ex:
        print(type(ex).__name__, str(ex).replace(d, "DIR"))

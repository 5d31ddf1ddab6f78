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
            print(type(ex).__name__, [ln for ln in str(ex).split("\n") if ln][1])
        named = tf.train.Saver({v.op.name[4:]: v for v in tf.global_variables()})
        named.restore(sess, os.path.join(d, "m-3"))
        print(repr(float(sess.run("net/loss:0", {"net/x:0": X, "net/y:0": Y}))))
with tf.Graph().as_default():
    try:
        tf.train.import_meta_graph(os.path.join(d, "missing.meta"))
    except Exception as ex:
        print(type(ex).__name__, str(ex).replace(d, "DIR"))
with tf.Graph().as_default() as g4:
    z = tf.placeholder(tf.float32, [None, 3], name="z")
    saver, = [tf.train.import_meta_graph(os.path.join(d, "m-3.meta"), input_map={"x:0": z},
                                         import_scope="imp")]
    print(saver.saver_def.restore_op_name, saver.saver_def.filename_tensor_name)
    print([i.name for i in g4.get_operation_by_name("imp/h/MatMul").inputs])
    sub = tf.train.export_meta_graph(export_scope="imp", clear_devices=True,
                                     strip_default_attrs=True)
    print(len(sub.graph_def.node), sub.graph_def.node[0].name,
          sorted(sub.collection_def.keys()), sub.HasField("saver_def"))
with tf.Graph().as_default() as g5:
    v = tf.Variable(tf.zeros([2]), name="v")
    s = tf.train.Saver(defer_build=True, name="late")
    print(s.saver_def)
    tf.Variable(tf.ones([1]), name="u")
    s.build()
    print(s.saver_def.save_tensor_name, s.saver_def.restore_op_name)
    step = tf.train.get_or_create_global_step()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(tf.assign(step, 41))
        p = s.save(sess, os.path.join(d, "late"), global_step=step, meta_graph_suffix="mg",
                   write_state=False)
        print(os.path.basename(p), sorted(f for f in os.listdir(d) if f.startswith("late")))
        print(tf.train.get_checkpoint_state(d).model_checkpoint_path.endswith("m-3"))
        mg = tf.train.export_meta_graph(os.path.join(d, "late.json"), saver_def=s.saver_def)
        print(mg.saver_def.restore_op_name, len(mg.graph_def.node))

"""tf.train.export_meta_graph(clear_devices=True) of a trained model (to a file and to a
MetaGraphDef, as text too, collection_list limited) and tf.train.import_meta_graph with
import_scope into a graph that already holds a model, twice; the scoped Saver restoring a
checkpoint (its keys are not scoped: NotFoundError) and a Saver mapping the checkpoint's
names to the scoped variables, collections and variables renamed under the scope, devices
cleared, and running the imported train op by scoped names; an export of one scope with
export_scope ("b" also keeps the node "base": TF's scope is a name prefix)."""
import hashlib
import os
import tempfile

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(61)
rs = np.random.RandomState(610)
X = rs.randn(8, 3).astype(np.float32)
Y = rs.randn(8, 1).astype(np.float32)
d = tempfile.mkdtemp()
with tf.Graph().as_default() as g:
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    with tf.device("/cpu:0"):
        w = tf.get_variable("w", [3, 1], initializer=tf.random_normal_initializer(seed=1))
        bias = tf.get_variable("bias", [1], initializer=tf.zeros_initializer())
    pred = tf.add(tf.matmul(x, w), bias, name="pred")
    loss = tf.reduce_mean(tf.square(pred - y), name="loss")
    gs = tf.train.get_or_create_global_step()
    train = tf.train.RMSPropOptimizer(0.05).minimize(loss, global_step=gs, name="train")
    tf.add_to_collection("train_op", train)
    tf.add_to_collection("io", x)
    tf.add_to_collection("io", pred)
    saver = tf.train.Saver()
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for _ in range(3):
            s.run(train, {x: X, y: Y})
        ref = s.run(loss, {x: X, y: Y})
        ckpt = saver.save(s, os.path.join(d, "m"), global_step=gs)
    print("ref", repr(float(ref)), os.path.basename(ckpt), pred.device, w.device)
    mg = tf.train.export_meta_graph(os.path.join(d, "cleared.meta"), clear_devices=True)
    mg_txt = tf.train.export_meta_graph(os.path.join(d, "c.pbtxt"), as_text=True,
                                        collection_list=["io", "train_op"])
    n_ops = len(g.get_operations())
print("meta", n_ops, len(mg.graph_def.node), sorted(mg.collection_def),
      sorted(mg_txt.collection_def), mg.meta_info_def.stripped_op_list.op[0].name,
      len(mg.meta_info_def.stripped_op_list.op))
print("devices", sorted({n.device for n in mg.graph_def.node}),
      sorted({n.device for n in mg_txt.graph_def.node}))
print("saver_def", mg.saver_def.filename_tensor_name, mg.saver_def.save_tensor_name,
      mg.saver_def.restore_op_name, mg.saver_def.version)
print("io", list(mg.collection_def["io"].node_list.value),
      list(mg.collection_def["trainable_variables"].bytes_list.value) != [])

with tf.Graph().as_default() as g2:
    base = tf.Variable(tf.ones([2]), name="base")
    s_a = tf.train.import_meta_graph(os.path.join(d, "cleared.meta"), import_scope="a")
    s_b = tf.train.import_meta_graph(mg, import_scope="b", clear_devices=True)
    print("ops", len(g2.get_operations()), [o.name for o in g2.get_operations()][:6])
    print("vars", [v.name for v in tf.global_variables()])
    print("trainable", [v.name for v in tf.trainable_variables()])
    print("io", [t.name for t in tf.get_collection("io")])
    print("train", [t.name for t in tf.get_collection("train_op")],
          [t.name for t in tf.get_collection("train_op", scope="b")])
    print("gs", [v.name for v in tf.get_collection(tf.GraphKeys.GLOBAL_STEP)])
    print("savers", s_a.saver_def.restore_op_name, s_b.saver_def.filename_tensor_name,
          g2.get_tensor_by_name("a/pred:0").device, g2.get_tensor_by_name("b/w:0").device)
    with tf.Session() as s:
        s.run(base.initializer)
        try:
            s_a.restore(s, ckpt)
        except tf.errors.NotFoundError as e:
            print(type(e).__name__, str(e).splitlines()[2])
        for scope in ("a/", "b/"):
            tf.train.Saver({v.op.name[2:]: v for v in tf.global_variables(scope)}).restore(
                s, ckpt)
        la = s.run("a/loss:0", {"a/x:0": X, "a/y:0": Y})
        print("restored", repr(float(la)), bool(la == ref))
        for _ in range(2):
            s.run("a/train", {"a/x:0": X, "a/y:0": Y})
        la2, lb2, ga, gb = s.run(["a/loss:0", "b/loss:0", "a/global_step:0",
                                  "b/global_step:0"], {"a/x:0": X, "a/y:0": Y,
                                                      "b/x:0": X, "b/y:0": Y})
        print("trained", repr(float(la2)), repr(float(lb2)), ga, gb)
        w_b = s.run("b/w:0")
    print("w_b", H(w_b))
    scoped = tf.train.export_meta_graph(export_scope="b", clear_devices=True)
    print("scoped", len(scoped.graph_def.node), [n.name for n in scoped.graph_def.node][:5],
          sorted(scoped.collection_def))

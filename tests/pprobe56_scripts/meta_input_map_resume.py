"""A trained model exported with tf.train.export_meta_graph(clear_devices=True) from
device-pinned ops, re-imported with tf.train.import_meta_graph(input_map=...) replacing its
input Placeholder by a new tensor (a normalising op in the new graph), the Saver it returns
restoring the checkpoint, training resumed by the train op's name; the frozen GraphDef
imported twice by tf.import_graph_def (name=None -> "import", "import_1"), input_map with an
intermediate tensor and a control input ("^name"), return_elements mixing op and tensor
names (the versionless GraphDef lowers the graph's producer: a scalar placeholder made
after it has an unknown shape); node lists, devices and values."""
import hashlib
import os
import tempfile

import numpy as np
import tensorflow as tf

np.random.seed(0)
tf.set_random_seed(7)
rng = np.random.RandomState(11)
X = rng.rand(6, 4).astype(np.float32)
Y = (X.sum(1, keepdims=True) > 2.0).astype(np.float32)
tmp = tempfile.mkdtemp()
ckpt = os.path.join(tmp, "m.ckpt")


def H(a):
    return hashlib.md5(np.ascontiguousarray(a).tobytes()).hexdigest()


g = tf.Graph()
with g.as_default():
    with tf.device("/cpu:0"):
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        y = tf.placeholder(tf.float32, [None, 1], name="y")
        h = tf.layers.dense(x, 3, tf.nn.tanh, name="h",
                            kernel_initializer=tf.glorot_normal_initializer(seed=1))
        logit = tf.layers.dense(h, 1, name="o",
                                kernel_initializer=tf.glorot_normal_initializer(seed=2))
        prob = tf.nn.sigmoid(logit, name="prob")
        loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logit),
                              name="loss")
        step = tf.train.get_or_create_global_step()
        train = tf.train.AdamOptimizer(0.1).minimize(loss, global_step=step, name="train")
    saver = tf.train.Saver()
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for i in range(4):
            print("loss", i, repr(float(s.run([loss, train], {x: X, y: Y})[0])))
        saver.save(s, ckpt, global_step=step)
        ref = s.run(prob, {x: X})
        print("prob", ref.ravel().tolist())
        frozen = tf.graph_util.convert_variables_to_constants(s, g.as_graph_def(), ["prob"])
    meta = tf.train.export_meta_graph(clear_devices=True)
    print("devices in graph", sorted({op.device for op in g.get_operations()}))
print("meta devices", sorted({n.device for n in meta.graph_def.node}))
print("meta collections", sorted(meta.collection_def.keys()))
print("meta nodes", len(meta.graph_def.node))
last = tf.train.latest_checkpoint(tmp)
print("latest", os.path.basename(last))

with tf.Graph().as_default() as g2:
    raw = tf.placeholder(tf.float32, [None, 4], name="raw")
    norm = tf.identity(raw * 2.0 - 1.0, name="norm")
    sv = tf.train.import_meta_graph(meta, input_map={"x:0": (norm + 1.0) / 2.0})
    print("imported x consumers", sorted(c.name for c in g2.get_tensor_by_name("x:0").consumers()))
    print("h input", g2.get_operation_by_name("h/MatMul").inputs[0].name)
    with tf.Session() as s:
        sv.restore(s, last)
        print("step", s.run("global_step:0"))
        p = s.run("prob:0", {raw: X})
        print("restored prob", H(p), bool(np.array_equal(p, ref)))
        for i in range(2):
            lv, _ = s.run(["loss:0", "train"], {raw: X, "y:0": Y})
            print("resumed loss", i, repr(float(lv)))
        print("step", s.run("global_step:0"))
    print("g2 ops", len(g2.get_operations()))

with tf.Graph().as_default() as g3:
    a = tf.import_graph_def(frozen, return_elements=["prob:0"])
    b = tf.import_graph_def(frozen, return_elements=["prob:0"])
    print("names", a[0].name, b[0].name)
    # (the frozen GraphDef has no versions: the import lowered the graph's producer to 0,
    # so a scalar placeholder made now has an unknown shape, TF's legacy Placeholder rule)
    late = tf.placeholder(tf.int32, [], name="late")
    print("producer", g3.graph_def_versions.producer, "late", late.shape,
          tf.placeholder(tf.int32, [2]).shape)
    hv = tf.placeholder(tf.float32, [None, 3], name="hv")
    gate = tf.constant(0.0, name="gate")
    op, t, w = tf.import_graph_def(
        frozen, input_map={"h/Tanh:0": hv, "^h/MatMul": gate},
        return_elements=["o/BiasAdd", "prob:0", "o/kernel:0"], name="cut")
    print("returned", type(op).__name__, op.name, t.name, w.name)
    print("cut o/MatMul inputs", [i.name for i in g3.get_operation_by_name("cut/o/MatMul").inputs])
    print("cut h/MatMul control",
          [c.name for c in g3.get_operation_by_name("cut/h/MatMul").control_inputs])
    with tf.Session() as s:
        hval = (np.arange(12, dtype=np.float32).reshape(4, 3) / 6.0 - 1.0).astype(np.float32)
        print("a", H(s.run(a[0], {"import/x:0": X})))
        r = s.run(t, {hv: hval})
        print("cut prob", r.ravel().tolist())
        print("kernel", s.run(w).ravel().tolist())
    print("g3 ops", sorted(o.name for o in g3.get_operations() if o.name.startswith("cut/")))
    try:
        tf.import_graph_def(frozen, input_map={"nope:0": hv})
    except ValueError as e:
        print("ValueError", e)
    try:
        tf.import_graph_def(frozen, return_elements=["nope"])
    except ValueError as e:
        print("ValueError", e)

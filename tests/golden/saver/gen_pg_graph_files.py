"""Graphs as TF 1.14 writes them around training (probe pg; tests/test_pg_train_io.py runs
the same case functions with flowgrad): the TensorProto of constants a scalar fills
(float_val: 0.0, not tensor_content), the `_class` of variables' initializer ops,
variable ops, slots and gradient tuples, floats in text-format graph files (write_graph,
str(op), export_meta_graph) and graph.pbtxt of MonitoredTrainingSession (with shapes)."""
import os
import re
import shutil
import tempfile

import numpy as np


def _tensor_fields(t):
    """The fields a TensorProto sets, as plain values (the same under every protobuf)."""
    out = {}
    for fd, v in t.ListFields():
        if fd.name == "tensor_shape":
            out["shape"] = [d.size for d in v.dim]
        elif fd.name == "dtype":
            out["dtype"] = int(v)
        elif fd.name == "tensor_content":
            out["tensor_content"] = bytes(v)
        else:
            out[fd.name] = list(v)   # the repeated *_val fields
    return out


def _const_protos(gd):
    return {n.name: _tensor_fields(n.attr["value"].tensor) for n in gd.node if n.op == "Const"}


def consts(tf):
    """Const nodes of zeros/ones/fills/short lists/initializers."""
    with tf.Graph().as_default() as g:
        tf.zeros([3, 1], name="z")
        tf.ones([2], tf.int64, name="o")
        tf.zeros([2, 2], tf.bool, name="zb")
        tf.zeros([2], tf.string, name="zs")
        tf.constant(2.5, shape=[2, 3], name="c")
        tf.constant([1, 2], shape=[4], name="short")
        tf.constant([1.0, 2.0], name="full")
        tf.constant(np.zeros([2, 2], np.float32), name="np_zeros")
        tf.zeros([0, 3], name="empty")
        tf.zeros([40, 40], name="big")   # >= 1000 elements: Fill
        tf.zeros_initializer()([2, 2])
        tf.constant_initializer(0.5)([3])
        tf.ones([2], tf.complex64, name="oc")
        return _const_protos(g.as_graph_def())


def const_round_trip(tf):
    """A GraphDef's filled constants imported and written again; their values run."""
    with tf.Graph().as_default() as g:
        tf.zeros([3, 1], name="z")
        tf.constant([1, 2], shape=[4], name="short")
        gd = g.as_graph_def()
    with tf.Graph().as_default() as g2:
        tf.import_graph_def(gd, name="")
        with tf.Session() as sess:
            values = sess.run(["z:0", "short:0"])
        return {"protos": _const_protos(g2.as_graph_def()), "values": values,
                "get_attr": tf.make_ndarray(
                    g2.get_operation_by_name("short").get_attr("value")).tolist()}


def classes(tf):
    """{node: its _class} of a model with variables of each kind and Adam."""
    with tf.Graph().as_default() as g:
        x = tf.constant([[1.0, 2.0]], name="x")
        w = tf.get_variable("w", [2, 1], initializer=tf.zeros_initializer())
        b = tf.Variable(lambda: tf.ones([1]), name="b")
        c = tf.Variable([3.0], name="c")
        r = tf.get_variable("r", [1], initializer=tf.ones_initializer(), use_resource=True)
        gs = tf.train.get_or_create_global_step()
        y = tf.matmul(x, w) + b + c * r.read_value()
        loss = tf.reduce_sum(tf.square(y))
        tf.train.AdamOptimizer(0.1).minimize(loss, global_step=gs)
        return {n.name: [s.decode() for s in n.attr["_class"].list.s]
                for n in g.as_graph_def().node}


def _float_lines(text):
    return re.findall(r"(?:float_val|double_val|\bf): \S+", text)


def text_floats(tf, tmp):
    """Float fields in write_graph's text, str(op) and export_meta_graph(as_text=True)."""
    with tf.Graph().as_default() as g:
        a = tf.constant(0.1, name="a")
        tf.constant([0.3, 1e-8], name="b")
        tf.constant(0.1, tf.float64, name="d")
        tf.constant(1e20, name="e")
        lr = tf.nn.leaky_relu(a, alpha=0.3)
        path = tf.train.write_graph(g, tmp, "g.pbtxt")
        with open(path) as f:
            written = _float_lines(f.read())
        meta = os.path.join(tmp, "m.pbtxt")
        tf.train.export_meta_graph(meta, as_text=True)
        with open(meta) as f:
            exported = _float_lines(f.read())
        return {"write_graph": written, "str_op": _float_lines(str(a.op) + str(lr.op)),
                "export_meta_graph": exported}


def hook_graph(tf, tmp):
    """graph.pbtxt of MonitoredTrainingSession(checkpoint_dir=...): written with shapes."""
    from google.protobuf import text_format
    logdir = os.path.join(tmp, "mts")
    with tf.Graph().as_default():
        w = tf.get_variable("w", [2, 1], initializer=tf.zeros_initializer())
        loss = tf.reduce_sum(tf.square(tf.matmul(tf.constant([[1.0, 2.0]]), w) - 1.0),
                             name="loss")
        gs = tf.train.get_or_create_global_step()
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=gs)
        with tf.train.MonitoredTrainingSession(checkpoint_dir=logdir,
                                               save_summaries_steps=None) as sess:
            sess.run(train)
    with open(os.path.join(logdir, "graph.pbtxt")) as f:
        gd = text_format.Parse(f.read(), tf.GraphDef())
    shapes = {n.name: [[d.size for d in s.dim] for s in n.attr["_output_shapes"].list.shape]
              for n in gd.node if n.name in ("w", "loss", "MatMul")}
    return {"all_shaped": all("_output_shapes" in n.attr for n in gd.node), "shapes": shapes}


def cpu_pinning(tf):
    """tf.graph_util.must_run_on_cpu of each op (as an Operation, as a NodeDef, pinned)."""
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [2], name="x")
        i = tf.constant([1, 2], name="i")
        tf.constant("s", name="s")
        tf.constant(1.0, name="f")
        tf.cast(i, tf.float32, name="cast_i")
        tf.cast(x, tf.int32, name="cast_f")
        tf.dynamic_stitch([tf.constant([0]), tf.constant([1])], [i[:1], i[1:]], name="stitch")
        v = tf.Variable([1.0, 2.0], name="v")
        tf.assign_add(v, x, name="add")
        nodes = {n.name: n for n in g.as_graph_def().node}
        must = tf.graph_util.must_run_on_cpu
        return {op.name: [must(op), must(nodes[op.name]), must(op, pin_variables_on_cpu=True)]
                for op in g.get_operations()}


def cases(tf):
    tmp = tempfile.mkdtemp()
    try:
        return {"consts": consts(tf), "const_round_trip": const_round_trip(tf),
                "classes": classes(tf), "text_floats": text_floats(tf, tmp),
                "hook_graph": hook_graph(tf, tmp), "cpu_pinning": cpu_pinning(tf)}
    finally:
        shutil.rmtree(tmp)

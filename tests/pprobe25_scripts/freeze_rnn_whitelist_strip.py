"""Deploying a GRU model (tf.nn.dynamic_rnn: a while loop): convert_variables_to_constants
with variable_names_whitelist / blacklist (the rest stay VariableV2 nodes, assigned
from the checkpoint through tf.train.load_variable), strip_unused_lib.strip_unused with
a new placeholder type, and a SavedModel loaded with loader.load(import_scope=...) whose
signature tensors are found with tf.saved_model.utils.get_tensor_from_tensor_info."""
import hashlib
import os
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow.python.tools import strip_unused_lib


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def ops(gd):
    c = {}
    for n in gd.node:
        c[n.op] = c.get(n.op, 0) + 1
    return sorted(c.items())


tf.set_random_seed(71)
rs = np.random.RandomState(710)
X = rs.randn(2, 5, 3).astype(np.float32)
d = tempfile.mkdtemp()
with tf.Graph().as_default() as g:
    x = tf.placeholder(tf.float32, [None, 5, 3], name="seq")
    cell = tf.nn.rnn_cell.GRUCell(4, kernel_initializer=tf.glorot_uniform_initializer(seed=5))
    outs, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    dense = tf.layers.Dense(2, name="head",
                            kernel_initializer=tf.glorot_uniform_initializer(seed=6))
    y = tf.identity(dense(state), name="y")
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        ref = s.run(y, {x: X})
        gd = g.as_graph_def()
        names = sorted(v.op.name for v in tf.global_variables())
        print("vars", names)
        white = tf.graph_util.convert_variables_to_constants(
            s, gd, ["y"], variable_names_whitelist=["head/kernel", "head/bias"])
        black = tf.graph_util.convert_variables_to_constants(
            s, gd, ["y"], variable_names_blacklist=["head/bias"])
        full = tf.graph_util.convert_variables_to_constants(s, gd, ["y"])
        ckpt = tf.train.Saver().save(s, os.path.join(d, "m"))
        tf.saved_model.simple_save(s, os.path.join(d, "sm"), {"seq": x}, {"y": y})
print("ref", H(ref))
for label, gdef in [("white", white), ("black", black), ("full", full)]:
    print(label, len(gdef.node), [(n.name, n.op) for n in gdef.node
                                  if n.op in ("VariableV2", "Const") and "/" in n.name
                                  and ("kernel" in n.name or "bias" in n.name)])
with tf.Graph().as_default():
    tf.import_graph_def(black, name="")
    with tf.Session() as s:
        bias = tf.get_default_graph().get_tensor_by_name("head/bias:0")
        print("bias", bias.dtype, tf.train.load_variable(ckpt, "head/bias").tolist())
        s.run(tf.assign(bias, tf.train.load_variable(ckpt, "head/bias")))
        v = s.run("y:0", {"seq:0": X})
print("black run", H(v), float(np.abs(v - ref).max()) < 1e-6)
stripped = strip_unused_lib.strip_unused(full, ["seq"], ["y"], tf.float32.as_datatype_enum)
print("stripped", len(stripped.node), ops(stripped)[:8])
print("seq attrs", sorted(stripped.node[0].attr) if stripped.node[0].name == "seq" else
      [n.name for n in stripped.node if n.op == "Placeholder"])
with tf.Graph().as_default():
    y2, = tf.import_graph_def(stripped, return_elements=["y:0"], name="frozen")
    with tf.Session() as s:
        v = s.run(y2, {"frozen/seq:0": X})
print("stripped run", H(v), bool(np.array_equal(v, ref)))
with tf.Graph().as_default() as g3:
    with tf.Session() as s:
        mg = tf.saved_model.loader.load(s, ["serve"], os.path.join(d, "sm"),
                                        import_scope="served")
        sd = mg.signature_def["serving_default"]
        tin = tf.saved_model.utils.get_tensor_from_tensor_info(sd.inputs["seq"],
                                                               import_scope="served")
        tout = tf.saved_model.utils.get_tensor_from_tensor_info(sd.outputs["y"], g3,
                                                                "served")
        print("served", tin.name, tout.name, sd.outputs["y"].name,
              len(g3.get_operations()), len(tf.global_variables()))
        v = s.run(tout, {tin: X})
print("served run", H(v), bool(np.array_equal(v, ref)))

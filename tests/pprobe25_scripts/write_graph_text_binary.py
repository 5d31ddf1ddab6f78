"""tf.train.write_graph of a frozen model as text (.pbtxt) and binary (.pb), read back
with google.protobuf.text_format.Merge / Parse and GraphDef.ParseFromString (also through
tf.gfile.GFile), compared node by node and by the bytes' hashes, then imported and run;
tf.io.write_graph from a Graph and as_graph_def(add_shapes=True)."""
import hashlib
import os
import tempfile

import numpy as np
import tensorflow as tf
from google.protobuf import text_format


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def md5(b):
    return hashlib.md5(b).hexdigest()[:12]


tf.set_random_seed(51)
rs = np.random.RandomState(510)
X = rs.rand(3, 6).astype(np.float32)
d = tempfile.mkdtemp()
with tf.Graph().as_default() as g:
    x = tf.placeholder(tf.float32, [None, 6], name="x")
    w = tf.get_variable("w", [6, 2], initializer=tf.truncated_normal_initializer(seed=3))
    bvar = tf.get_variable("b", [2], initializer=tf.constant_initializer([0.5, -0.25]))
    ids = tf.constant([[1, 0], [0, 1]], tf.int64, name="ids")
    y = tf.add(tf.matmul(x, w), bvar, name="logits")
    z = tf.nn.l2_normalize(y, axis=1, name="norm")
    out = tf.identity(tf.matmul(z, tf.cast(ids, tf.float32)), name="out")
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        ref = s.run(out, {x: X})
        frozen = tf.graph_util.convert_variables_to_constants(s, g.as_graph_def(), ["out"])
    p_txt = tf.train.write_graph(frozen, d, "frozen.pbtxt")
    p_bin = tf.train.write_graph(frozen, d, "frozen.pb", as_text=False)
    p_g = tf.io.write_graph(g, d, "graph.pbtxt")
    shaped = g.as_graph_def(add_shapes=True)
print("ref", H(ref))
print("paths", [os.path.relpath(p, d) for p in (p_txt, p_bin, p_g)], sorted(os.listdir(d)))
print("frozen", len(frozen.node), [(n.name, n.op) for n in frozen.node])
raw = open(p_bin, "rb").read()
txt = open(p_txt).read()
# (the binary's bytes are not printed: TF 1.14 writes graph_def.SerializeToString(), whose
# map order, attrs here, C++ protobuf seeds per map from rdtsc: a different file each run)
print("bin", len(raw), len(frozen.SerializeToString()))
print("txt", len(txt), md5(txt.encode()), txt.splitlines()[:4])
g1 = tf.GraphDef()
g1.ParseFromString(raw)
g2 = text_format.Parse(txt, tf.GraphDef())
g3 = tf.GraphDef()
with tf.gfile.GFile(p_bin, "rb") as f:
    g3.ParseFromString(f.read())
g4 = tf.GraphDef()
with tf.gfile.GFile(p_g) as f:
    text_format.Merge(f.read(), g4)
print("equal", g1 == frozen, g2 == frozen, g3 == g1, g4 == g.as_graph_def())
print("graph.pbtxt", len(g4.node), g4.versions.producer > 0,
      sorted({n.op for n in g4.node}))
print("shapes", [(n.name, [str(sh.dim).count("size")
                           for sh in n.attr["_output_shapes"].list.shape])
                 for n in shaped.node][:6])
print("attrs", sorted(frozen.node[-1].attr), sorted(g1.node[3].attr))
for gd in (g1, g2):
    with tf.Graph().as_default():
        o, = tf.import_graph_def(gd, return_elements=["out:0"], name="")
        with tf.Session() as s:
            v = s.run(o, {"x:0": X})
    print("run", H(v), bool(np.array_equal(v, ref)))

"""TF 1.14 imports and runs flowgrad's GraphDefs of loop gradients in TF's walk order
(ploopgd_lowered/<name>.pb from make_ploopgd_lowered.py): the gradients' values, and the
node list (name, op) of TF 1.14's own graph of the same model (tests/test_ploopgd.py)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import make_ploopgd_lowered as m  # noqa: E402


def cases(tf):
    out = {}
    for name in m.GRAPHS:
        gd = tf.GraphDef()
        with open(os.path.join(HERE, "ploopgd_lowered", name + ".pb"), "rb") as f:
            gd.ParseFromString(f.read())
        with tf.Graph().as_default():
            tf.import_graph_def(gd, name="")
            with tf.Session() as s:
                s.run([n.name for n in gd.node if n.op == "Assign"])
                vals = s.run(m.FETCHES)
        with tf.Graph().as_default() as g:
            m.build(tf, name)
            nodes = [[n.name, n.op] for n in g.as_graph_def().node]
        out[name] = {"values": vals, "tf_nodes": nodes}
    return out

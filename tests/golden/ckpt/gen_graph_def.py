"""TF 1.14 imports flowgrad's GraphDefs (flowgrad_graphs/, from make_flowgrad_graphs.py)
and runs them; and TF's own GraphDef of the same model (graph_model.py), for the
attributes every node carries (tests/test_graph_def_canonical.py)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import graph_model  # noqa: E402


def _run(tf, g):
    with tf.Session(graph=g) as sess:
        sess.run(["w/Assign", "b/Assign"])
        return sess.run(["out:0", "s:0"], {"x:0": graph_model.X})


def cases(tf):
    from google.protobuf import text_format
    out = {}
    for name in ("forward.pbtxt", "forward.pb"):
        gd = tf.GraphDef()
        raw = open(os.path.join(HERE, "flowgrad_graphs", name), "rb").read()
        if name.endswith(".pbtxt"):
            text_format.Merge(raw.decode(), gd)
        else:
            gd.ParseFromString(raw)
        with tf.Graph().as_default() as g:
            tf.import_graph_def(gd, name="")
            out[name + "/ops"] = [[o.name, o.type] for o in g.get_operations()]
            out[name + "/run"] = _run(tf, g)
    with tf.Graph().as_default() as g:
        graph_model.build(tf)
        out["tf/attrs"] = {n.name: [n.op, sorted(n.attr)] for n in g.as_graph_def().node}
        out["tf/run"] = _run(tf, g)
    return out

"""TF 1.14 imports flowgrad's GraphDefs of ops TF lacks, written as TF's ops
(flowgrad_lowered/<name>.pb from make_flowgrad_lowered.py), and runs them: the op types
it sees and the values (tests/test_export_lowered.py); for the loop gradients, the node
names of TF 1.14's own graph of the same model; for lowered_model.TRAIN, the losses and
variable of two steps of flowgrad's training op run by TF."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import lowered_model  # noqa: E402


def cases(tf):
    out = {}
    for name in lowered_model.GRAPHS:
        gd = tf.GraphDef()
        with open(os.path.join(HERE, "flowgrad_lowered", name + ".pb"), "rb") as f:
            gd.ParseFromString(f.read())
        with tf.Graph().as_default():
            tf.import_graph_def(gd, name="")
            with tf.Session() as s:
                if name in lowered_model.INIT:
                    s.run(lowered_model.INIT[name])
                vals = s.run(lowered_model.FETCHES[name], lowered_model.feed(name))
                if name in lowered_model.TRAIN:   # flowgrad's training op, run by TF
                    train, loss, var = lowered_model.TRAIN[name]
                    trained = [s.run([loss, train], lowered_model.feed(name))[0]
                               for _ in range(2)] + [s.run(var)]
        out[name] = {"values": vals, "op_types": sorted({n.op for n in gd.node})}
        if name in lowered_model.TRAIN:
            out[name]["trained"] = trained
        if "_grad" in name:   # the node names TF 1.14 gives the same model
            with tf.Graph().as_default() as g:
                lowered_model.build(tf, name)
                out[name]["tf_names"] = sorted(n.name for n in g.as_graph_def().node)
    return out

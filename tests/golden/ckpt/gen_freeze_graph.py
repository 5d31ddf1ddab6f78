"""TF 1.14's freeze_graph against flowgrad's (tests/test_freeze_graph.py): TF freezes
flowgrad's forward.pbtxt + checkpoint (flowgrad_graphs/) from the GraphDef, from the binary
.meta and through the command line's main(), and flowgrad's SavedModel
(saved_model/flowgrad_saved_model); imports and runs each frozen graph; and
imports and runs flowgrad's own frozen graph (flowgrad_graphs/frozen.pb, from
make_flowgrad_frozen.py)."""
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import graph_model  # noqa: E402
import make_flowgrad_frozen  # noqa: E402

SRC = make_flowgrad_frozen.SRC
SAVED_MODEL = os.path.join(os.path.dirname(HERE), "saved_model", "flowgrad_saved_model")


def _run(tf, gd):
    with tf.Graph().as_default():
        out, s = tf.import_graph_def(gd, return_elements=["out:0", "s:0"], name="")
        with tf.Session() as sess:
            return sess.run([out, s], {"x:0": graph_model.X})


def _err(fn, root):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - recorded as TF's error
        return [type(e).__name__, str(e).replace(root, "D")]
    return None


def _pb(tf, path):
    """The file's GraphDef, serialized deterministically (TF writes its attr maps in
    any order)."""
    gd = tf.GraphDef()
    gd.ParseFromString(open(path, "rb").read())
    return gd.SerializeToString(deterministic=True)


def cases(tf):
    from tensorflow.python.tools import freeze_graph as fg
    out = {}
    root = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            gd = make_flowgrad_frozen.write(fg, os.path.join(root, "a.pb"))
        out["graph/pb"] = _pb(tf, os.path.join(root, "a.pb"))
        out["graph/ops"] = [[n.name, n.op] for n in gd.node]
        out["graph/run"] = _run(tf, gd)
        with tf.Graph().as_default():
            gd = fg.freeze_graph("", "", True, os.path.join(SRC, "model"), "out, s", "", "",
                                 os.path.join(root, "b.pb"), True, "",
                                 input_meta_graph=os.path.join(SRC, "model.meta"))
        out["meta/pb"] = _pb(tf, os.path.join(root, "b.pb"))
        out["meta/run"] = _run(tf, gd)
        with tf.Graph().as_default():
            gd = fg.freeze_graph(os.path.join(SRC, "forward.pbtxt"), "", False,
                                 os.path.join(SRC, "model"), "s", "", "", "", True, "",
                                 variable_names_blacklist="b")
        out["blacklist/ops"] = [[n.name, n.op] for n in gd.node]
        with tf.Graph().as_default():
            gd = fg.freeze_graph("", "", True, "", "y", "", "", "", True, "",
                                 input_saved_model_dir=SAVED_MODEL)
        out["saved_model/ops"] = [[n.name, n.op] for n in gd.node]
        mine = tf.GraphDef()
        mine.ParseFromString(open(os.path.join(SRC, "frozen.pb"), "rb").read())
        out["flowgrad_frozen/run"] = _run(tf, mine)
        with tf.Graph().as_default():
            out["error/no_checkpoint"] = _err(lambda: fg.freeze_graph(
                os.path.join(SRC, "forward.pbtxt"), "", False, os.path.join(root, "nope"),
                "out", "", "", "", True, ""), root)
            out["error/no_outputs"] = _err(lambda: fg.freeze_graph(
                os.path.join(SRC, "forward.pbtxt"), "", False, os.path.join(SRC, "model"),
                "", "", "", "", True, ""), root)
            out["error/no_graph"] = _err(lambda: fg.freeze_graph(
                os.path.join(root, "nope.pb"), "", False, os.path.join(SRC, "model"),
                "out", "", "", "", True, ""), root)
    finally:
        shutil.rmtree(root)
    return out

"""tf.import_graph_def and tf.graph_util under TF 1.14 (tests/test_import_graph_def.py):
TF's own GraphDef of graph_model.py frozen with convert_variables_to_constants (its bytes,
op list and outputs), and import_graph_def of it with input_map / return_elements / name."""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import graph_model  # noqa: E402


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - recorded
        return [type(e).__name__, str(e).split("\n")[0]]
    return None


def cases(tf):
    out = {}
    with tf.Graph().as_default() as g:
        graph_model.build(tf)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            frozen = tf.graph_util.convert_variables_to_constants(
                sess, g.as_graph_def(), ["out", "s"])
            out["run"] = sess.run(["out:0", "s:0"], {"x:0": graph_model.X})
    out["frozen/pb"] = frozen.SerializeToString()
    out["frozen/ops"] = [[n.name, n.op] for n in frozen.node]
    x2 = (graph_model.X * 2).astype(np.float32)
    with tf.Graph().as_default() as g:
        c = tf.constant(x2, name="c")
        got = tf.import_graph_def(frozen, input_map={"x": c}, return_elements=["out:0", "s"])
        tf.import_graph_def(frozen)
        tf.import_graph_def(frozen, name="")
        out["import/returned"] = [got[0].name, got[1].name, type(got[1]).__name__]
        out["import/ops"] = [o.name for o in g.get_operations()]
        with tf.Session() as sess:
            out["import/run"] = sess.run([got[0], "import_1/out:0"],
                                         {"import_1/x:0": graph_model.X})
        out["error/unmapped"] = _err(lambda: tf.import_graph_def(frozen, input_map={"zz": c}))
        out["error/not_graph_def"] = _err(lambda: tf.import_graph_def("nope"))
        out["error/bad_return"] = _err(lambda: tf.import_graph_def(
            frozen, return_elements=["nope:0"]))
    return out

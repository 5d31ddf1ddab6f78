"""GraphDefs holding function libraries (TF 1.14's, tests/golden/ckpt/gen_tf_functions.py):
flowgrad imports the FunctionDefs of tf.function's PartitionedCall /
StatefulPartitionedCall, tf.switch_case's Case and cond_v2's If as call ops of their
bodies and runs them to TF's values."""
import os
import sys

import numpy as np
import pytest

import flowgrad as tf
from goldens import load

pytest.importorskip("tensorboard")
from flowgrad.engine.framework.proto import pb  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "ckpt"))
import gen_tf_functions  # noqa: E402

G = load("ckpt", "tf_functions")
FEED_X = gen_tf_functions.FEED["x:0"]


def _graph_def(name):
    gd = pb().graph_pb2.GraphDef()
    gd.ParseFromString(G[name + "/pb"])
    return gd


def test_tfs_functions_import_and_run_as_in_tf():
    gd = _graph_def("calls")
    assert {"Case", "PartitionedCall", "StatefulPartitionedCall"} <= {n.op for n in gd.node}
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        assert g.get_operation_by_name("StatefulPartitionedCall").type == \
            "StatefulPartitionedCall"
        with tf.Session() as s:
            s.run("init")
            got = s.run(gen_tf_functions.FETCHES, gen_tf_functions.FEED)
    for a, b in zip(got, G["calls/values"]):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_tfs_functions_import_under_a_scope_and_reimport():
    """Imported bodies keep their FuncGraphs: the graph is written again with its library
    (a function TF calls from two places written once per call) and flowgrad reads its own
    copy to the same values."""
    with tf.Graph().as_default() as g:
        tf.import_graph_def(_graph_def("calls"), name="imp")
        again = g.as_graph_def()
    assert len(again.library.function) >= len(_graph_def("calls").library.function)
    with tf.Graph().as_default():
        tf.import_graph_def(again, name="")
        with tf.Session() as s:
            s.run("imp/init")
            got = s.run(["imp/" + f for f in gen_tf_functions.FETCHES],
                        {"imp/" + k: v for k, v in gen_tf_functions.FEED.items()})
    for a, b in zip(got, G["calls/values"]):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_cond_v2_if_in_function_imports_and_runs():
    # cond_v2 in a tf.function: an If op whose then/else branches are FunctionDefs; it runs
    # the taken one (a + 1 if sum(a) > 0 else a - 1: one float32 add, the same bits)
    gd = _graph_def("cond_in_function")
    assert "If" in {n.op for f in gd.library.function for n in f.node_def}
    with tf.Graph().as_default():
        tf.import_graph_def(gd, name="")
        with tf.Session() as s:
            for x in (FEED_X, -FEED_X):
                got = s.run("out:0", {"x:0": x})
                want = x + np.float32(1) if x.sum() > 0 else x - np.float32(1)
                np.testing.assert_array_equal(got, want)


def test_case_gradient_with_optional_ops_imports_and_runs():
    # its functions hold tf.data's Optional ops (registered when tf.data loads, which
    # importing them does): d/dx of switch_case(i, [2x, sin(x) y]) is 2, then cos(x) y
    x, y = gen_tf_functions.FEED["x:0"], gen_tf_functions.FEED["y:0"]
    with tf.Graph().as_default():
        tf.import_graph_def(_graph_def("case_gradient"), name="")
        with tf.Session() as s:
            got = [s.run("gx:0", {"x:0": x, "y:0": y, "i:0": i}) for i in (0, 1)]
    np.testing.assert_allclose(got[0], np.full(3, 2.0, np.float32))
    np.testing.assert_allclose(got[1], np.cos(x) * y, rtol=1e-6)

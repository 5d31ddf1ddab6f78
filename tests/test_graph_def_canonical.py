"""GraphDefs in TF 1.14's canonical form (engine/framework/graph_def.py), checked against
TF (tests/golden/ckpt/gen_graph_def.py): TF 1.14 imports and runs the GraphDef flowgrad
writes (text and binary, committed in tests/golden/ckpt/flowgrad_graphs/, which flowgrad
must still write byte for byte) to flowgrad's outputs, and every node carries the
attributes TF's own GraphDef of the same model carries."""
import os
import sys

import numpy as np
import pytest

import flowgrad as tf
from goldens import load

pytest.importorskip("tensorboard")
HERE = os.path.join(os.path.dirname(__file__), "golden", "ckpt")
sys.path.insert(0, HERE)

import graph_model  # noqa: E402
import make_flowgrad_graphs  # noqa: E402

G = load("ckpt", "graph_def")


def test_flowgrad_still_writes_the_committed_graph_defs(tmp_path):
    make_flowgrad_graphs.write(tf, str(tmp_path))
    for name in ("forward.pbtxt", "forward.pb"):
        assert (tmp_path / name).read_bytes() == \
            open(os.path.join(HERE, "flowgrad_graphs", name), "rb").read(), name


def test_tf_imported_and_ran_flowgrads_graph_def():
    with tf.Graph().as_default() as g:
        out, s = graph_model.build(tf)
        names = [[o.name, o.type] for o in g.get_operations()]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            mine = sess.run([out, s], {"x:0": graph_model.X})
    for name in ("forward.pbtxt", "forward.pb"):
        assert G[name + "/ops"] == names
        for got, want in zip(G[name + "/run"], mine):
            np.testing.assert_allclose(got, want, rtol=1e-6)
    for got, want in zip(G["tf/run"], mine):
        np.testing.assert_allclose(got, want, rtol=1e-6)


def test_every_node_carries_tfs_attributes():
    with tf.Graph().as_default() as g:
        graph_model.build(tf)
        gd = g.as_graph_def()
    want = G["tf/attrs"]
    same = 0
    for node in gd.node:
        if node.name in want and want[node.name][0] == node.op:
            # Private attrs (_class, flowgrad's _shapes) may differ; TF's own must all be there.
            assert sorted(k for k in node.attr if not k.startswith("_")) == \
                [k for k in want[node.name][1] if not k.startswith("_")], node.name
            same += 1
    assert same >= 0.9 * len(want)


def test_scalar_constants_are_written_as_values_larger_ones_as_content():
    with tf.Graph().as_default() as g:
        tf.constant(2.5, name="f")
        tf.constant([7], name="i")
        tf.constant(np.int64(3), name="l")
        tf.constant([1.0, 2.0], name="v")
        tf.constant(True, name="t")
        tf.constant(np.float16(1.5), name="h")
        nodes = {n.name: n.attr["value"].tensor for n in g.as_graph_def().node}
    assert list(nodes["f"].float_val) == [2.5] and not nodes["f"].tensor_content
    assert list(nodes["i"].int_val) == [7] and [d.size for d in nodes["i"].tensor_shape.dim] == [1]
    assert list(nodes["l"].int64_val) == [3]
    assert nodes["v"].tensor_content == np.array([1, 2], np.float32).tobytes()
    assert list(nodes["t"].bool_val) == [True]
    assert list(nodes["h"].half_val) == [int(np.float16(1.5).view(np.uint16))]

"""The freeze_graph tool (flowgrad/tools/freeze_graph.py) against TF 1.14's
(tests/golden/ckpt/gen_freeze_graph.py): the same frozen GraphDef from a GraphDef file,
a binary .meta, or the command line (python -m / flowgrad freeze); TF imports and runs
flowgrad's frozen graph (flowgrad_graphs/frozen.pb) to the same outputs; TF's errors."""
import os
import subprocess
import sys

import numpy as np
import pytest

import flowgrad as tf
from goldens import load

pytest.importorskip("tensorboard")
HERE = os.path.join(os.path.dirname(__file__), "golden", "ckpt")
sys.path.insert(0, HERE)

import graph_model  # noqa: E402
import make_flowgrad_frozen  # noqa: E402
from flowgrad.engine.framework.proto import pb  # noqa: E402
from flowgrad.tools import freeze_graph as fg  # noqa: E402

G = load("ckpt", "freeze_graph")
SRC = make_flowgrad_frozen.SRC


def _gd(data):
    gd = pb().graph_pb2.GraphDef()
    gd.ParseFromString(data)
    return gd


def _run(gd):
    with tf.Graph().as_default():
        out, s = tf.import_graph_def(gd, return_elements=["out:0", "s:0"], name="")
        with tf.Session() as sess:
            return sess.run([out, s], {"x:0": graph_model.X})


def _check_run(got, want):
    for a, b in zip(got, want):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_freezes_a_graph_def_file_as_tf(tmp_path):
    out = tmp_path / "frozen.pb"
    gd = make_flowgrad_frozen.write(fg, str(out))
    assert gd == _gd(G["graph/pb"])
    assert [[n.name, n.op] for n in gd.node] == G["graph/ops"]
    assert out.read_bytes() == open(os.path.join(SRC, "frozen.pb"), "rb").read()
    _check_run(_run(gd), G["graph/run"])
    _check_run(G["flowgrad_frozen/run"], G["graph/run"])  # TF ran flowgrad's frozen.pb


def test_freezes_a_binary_meta_graph_as_tf(tmp_path):
    gd = fg.freeze_graph("", "", True, os.path.join(SRC, "model"), "out, s", "", "",
                         str(tmp_path / "b.pb"), True, "",
                         input_meta_graph=os.path.join(SRC, "model.meta"))
    assert gd == _gd(G["meta/pb"])
    _check_run(_run(gd), G["meta/run"])


def test_freezes_a_saved_model_as_tf():
    d = os.path.join(os.path.dirname(__file__), "golden", "saved_model", "flowgrad_saved_model")
    gd = fg.freeze_graph("", "", True, "", "y", "", "", "", True, "",
                         input_saved_model_dir=d)
    assert [[n.name, n.op] for n in gd.node] == G["saved_model/ops"]


def test_blacklisted_variables_stay_variables():
    gd = fg.freeze_graph(os.path.join(SRC, "forward.pbtxt"), "", False,
                         os.path.join(SRC, "model"), "s", "", "", "", True, "",
                         variable_names_blacklist="b")
    assert [[n.name, n.op] for n in gd.node] == G["blacklist/ops"]


@pytest.mark.parametrize("cmd", [[sys.executable, "-m", "flowgrad.tools.freeze_graph"],
                                 [sys.executable, "-m", "flowgrad", "freeze"]])
def test_command_line(cmd, tmp_path):
    out = tmp_path / "f.pb"
    subprocess.run(cmd + ["--input_graph=" + os.path.join(SRC, "forward.pbtxt"),
                          "--input_checkpoint=" + os.path.join(SRC, "model"),
                          "--output_node_names=out,s", "--output_graph=" + str(out)],
                   check=True, capture_output=True)
    assert _gd(out.read_bytes()) == _gd(G["graph/pb"])


def test_errors_as_tf(tmp_path):
    pbtxt, ckpt = os.path.join(SRC, "forward.pbtxt"), os.path.join(SRC, "model")
    cases = {
        "no_checkpoint": (pbtxt, str(tmp_path / "nope"), "out"),
        "no_outputs": (pbtxt, ckpt, ""),
        "no_graph": (str(tmp_path / "nope.pb"), ckpt, "out"),
    }
    for case, (graph, checkpoint, outputs) in cases.items():
        cls, msg = G["error/" + case]
        with pytest.raises(Exception) as e:
            fg.freeze_graph(graph, "", False, checkpoint, outputs, "", "", "", True, "")
        assert type(e.value).__name__ == cls
        assert str(e.value).replace(str(tmp_path), "D") == msg


def test_resource_variables_are_read_and_gathered_as_tf():
    with tf.Graph().as_default() as g:
        v = tf.get_variable("v", initializer=np.arange(6, dtype=np.float32).reshape(3, 2),
                            use_resource=True)
        tf.identity(tf.nn.embedding_lookup(v, [2, 0]) + v.read_value()[0], name="y")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            frozen = tf.graph_util.convert_variables_to_constants(sess, g.as_graph_def(), ["y"])
    ops = {n.name: n.op for n in frozen.node}
    assert ops["v"] == "Const" and ops["embedding_lookup"] == "GatherV2"
    assert "ReadVariableOp" not in ops.values() and "ResourceGather" not in ops.values()
    with tf.Graph().as_default():
        (y,) = tf.import_graph_def(frozen, return_elements=["y:0"], name="")
        with tf.Session() as sess:
            np.testing.assert_array_equal(sess.run(y), [[4, 6], [0, 2]])


def test_bad_input_files(tmp_path):
    bad = tmp_path / "bad.pb"
    bad.write_bytes(b"\xff\xfe not a graph")
    from google.protobuf.message import DecodeError
    with pytest.raises(DecodeError, match="^Error parsing message with type "
                       "'tensorflow.GraphDef'$"):
        fg.freeze_graph(str(bad), "", True, os.path.join(SRC, "model"), "out", "", "", "",
                        True, "")
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(OSError, match="not a regular file"):
        fg.freeze_graph(str(tmp_path / "fifo"), "", True, os.path.join(SRC, "model"), "out",
                        "", "", "", True, "")

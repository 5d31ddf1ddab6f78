"""tf.import_graph_def and tf.graph_util against TF 1.14 (tests/golden/ckpt/
gen_import_graph_def.py): TF's frozen GraphDef (convert_variables_to_constants) imports
and runs in flowgrad with input_map, return_elements and name as TF's; flowgrad freezes
the same model to the same nodes."""
import os
import sys

import numpy as np
import pytest

import flowgrad as tf
from goldens import load

pytest.importorskip("tensorboard")
from flowgrad.engine.framework.proto import pb  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "ckpt"))
import graph_model  # noqa: E402

G = load("ckpt", "import_graph_def")


def _frozen():
    gd = pb().graph_pb2.GraphDef()
    gd.ParseFromString(G["frozen/pb"])
    return gd


def test_tfs_frozen_graph_imports_and_runs_as_in_tf():
    frozen = _frozen()
    x2 = (graph_model.X * 2).astype(np.float32)
    with tf.Graph().as_default() as g:
        c = tf.constant(x2, name="c")
        got = tf.import_graph_def(frozen, input_map={"x": c}, return_elements=["out:0", "s"])
        tf.import_graph_def(frozen)
        tf.import_graph_def(frozen, name="")
        assert [got[0].name, got[1].name, type(got[1]).__name__] == G["import/returned"]
        assert [o.name for o in g.get_operations()] == G["import/ops"]
        with tf.Session() as sess:
            run = sess.run([got[0], "import_1/out:0"], {"import_1/x:0": graph_model.X})
            mine = sess.run(["out:0", "s:0"], {"x:0": graph_model.X})
    for a, b in zip(run, G["import/run"]):
        np.testing.assert_allclose(a, b, rtol=1e-6)
    for a, b in zip(mine, G["run"]):
        np.testing.assert_allclose(a, b, rtol=1e-6)


@pytest.mark.parametrize("case", ["unmapped", "not_graph_def", "bad_return"])
def test_import_graph_def_errors(case):
    frozen = _frozen()
    with tf.Graph().as_default() as g:
        c = tf.constant(1.0, name="c")
        fn = {"unmapped": lambda: tf.import_graph_def(frozen, input_map={"zz": c}),
              "not_graph_def": lambda: tf.import_graph_def("nope"),
              "bad_return": lambda: tf.import_graph_def(frozen, return_elements=["nope:0"])}
        with pytest.raises(Exception) as e:
            fn[case]()
        assert [type(e.value).__name__, str(e.value).split("\n")[0]] == G["error/" + case]
        if case != "unmapped":   # TF imports, then names the unused input_map keys
            assert [o.name for o in g.get_operations()] == ["c"]  # nothing imported
        else:                    # (golden saver/pg_import, case missing_key)
            assert "import/x" in [o.name for o in g.get_operations()]


def test_convert_variables_to_constants_freezes_as_tf():
    with tf.Graph().as_default() as g:
        graph_model.build(tf)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            frozen = tf.graph_util.convert_variables_to_constants(
                sess, g.as_graph_def(), ["out", "s"])
    assert [[n.name, n.op] for n in frozen.node] == G["frozen/ops"]
    with tf.Graph().as_default():
        out, s = tf.import_graph_def(frozen, return_elements=["out:0", "s:0"], name="f")
        with tf.Session() as sess:
            got = sess.run([out, s], {"f/x:0": graph_model.X})
    for a, b in zip(got, G["run"]):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_extract_sub_graph_and_remove_training_nodes():
    with tf.Graph().as_default() as g:
        a = tf.placeholder(tf.float32, name="a")
        b = tf.identity(a, name="b")
        tf.multiply(b, 2.0, name="c")
        gd = g.as_graph_def()
    sub = tf.graph_util.extract_sub_graph(gd, ["c"])
    assert [n.name for n in sub.node] == ["a", "b", "c/y", "c"]
    trimmed = tf.graph_util.remove_training_nodes(gd)
    assert [n.name for n in trimmed.node] == ["a", "c/y", "c"]
    assert list(trimmed.node[2].input) == ["a", "c/y"]


def _versionless_const():
    """A GraphDef without versions (producer 0), as convert_variables_to_constants makes."""
    gd = tf.GraphDef()
    n = gd.node.add()
    n.name, n.op = "c", "Const"
    n.attr["dtype"].type = tf.float32.as_datatype_enum
    n.attr["value"].tensor.dtype = tf.float32.as_datatype_enum
    n.attr["value"].tensor.float_val.append(1.0)
    n.attr["value"].tensor.tensor_shape.SetInParent()
    return gd


@pytest.mark.parametrize("producer,scalar", [(None, None), (21, None), (22, ())])
def test_scalar_placeholder_shape_after_importing_an_old_graph_def(producer, scalar):
    # TF 1.14's Placeholder shape fn: where the graph's producer is <= 21 a scalar shape attr
    # reads as unknown (old GraphDefs could not tell them apart); the import lowers it
    gd = _versionless_const()
    if producer is not None:
        gd.versions.producer = producer
    with tf.Graph().as_default():
        before = tf.placeholder(tf.int32, [], name="a")
        tf.import_graph_def(gd, name="i")
        b = tf.placeholder(tf.int32, [], name="b")
        assert before.shape.as_tuple() == ()
        assert b.shape.as_tuple() == scalar
        assert tf.placeholder(tf.int32, [3]).shape.as_tuple() == (3,)
        assert tf.placeholder_with_default(3, []).shape.as_tuple() == ()
        assert tf.TensorShape(b.op.get_attr("shape")).as_list() == []   # the attr: a scalar


def test_imported_scalar_placeholder_of_a_versionless_graph_def_is_unknown():
    gd = _versionless_const()
    n = gd.node.add()
    n.name, n.op = "k", "Placeholder"
    n.attr["dtype"].type = tf.int32.as_datatype_enum
    n.attr["shape"].shape.SetInParent()
    with tf.Graph().as_default():
        k, = tf.import_graph_def(gd, return_elements=["k:0"], name="")
        assert k.shape.ndims is None

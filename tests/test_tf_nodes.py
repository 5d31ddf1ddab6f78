"""get_operations() lists TF 1.14's ops for graphs with tf.cond, tf.while_loop,
TensorArrays and the RNN drivers (issue 10 item 3; engine/framework/tf_nodes.py): the
names and types in TF's order, and for TF's Switch/Merge/Enter/Exit/NextIteration/LoopCond
nodes, which flowgrad lists as read-only views of its GraphDef, their inputs, control
inputs, output dtypes and shapes and attrs (tests/golden/opcounts/gen_tf_nodes.py)."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "tf_nodes")
WANT = goldens.load("opcounts", "tf_nodes")

# Calls whose GraphDef (and so get_operations()) still differs from TF's, with the reason.
# A listed call that starts matching fails test_known_different_still_differ.
KNOWN_DIFFERENT = {}


def _norm(x):
    if isinstance(x, (list, tuple)):
        return [_norm(y) for y in x]
    if isinstance(x, dict):
        return {k: _norm(v) for k, v in x.items()}
    return x


def _got(name):
    return _norm(GEN.describe(tf, dict(GEN.CALLS)[name]))


def test_goldens_cover_the_calls():
    assert sorted(WANT) == sorted(n for n, _ in GEN.CALLS)
    assert set(KNOWN_DIFFERENT) <= set(WANT)


@pytest.mark.parametrize("name", [n for n, _ in GEN.CALLS if n not in KNOWN_DIFFERENT])
def test_operations_equal_tf(name):
    got, want = _got(name), _norm(WANT[name])
    assert got["ops"] == want["ops"]
    for node, details in want["nodes"].items():
        assert got["nodes"][node] == details, node


@pytest.mark.parametrize("name", sorted(KNOWN_DIFFERENT))
def test_known_different_still_differ(name):
    assert _got(name) != _norm(WANT[name]), f"{name} now matches TF: take it off the list"


def _cond_graph():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [], name="x")
        r = tf.cond(x > 0, lambda: x * 2.0, lambda: x - 1.0)
    return g, x, r


def test_own_ops_are_listed_as_themselves():
    g, x, r = _cond_graph()
    ops = g.get_operations()
    assert ops[0] is x.op
    mul = g.get_operation_by_name("cond/mul")
    assert mul in ops and type(mul) is tf.Operation
    # the Merge TF lists is a view; the tensor tf.cond returned is flowgrad's, and runs
    merge = g.get_operation_by_name("cond/Merge")
    assert merge is r.op and g.get_tensor_by_name("cond/Merge:0") is r
    assert [o.type for o in ops if o.name == "cond/Merge"] == ["Merge"]
    with tf.Session(graph=g) as s:
        assert s.run(r, {x: 3.0}) == 6.0
        assert s.run(r, {x: -3.0}) == -4.0


def test_views_are_the_same_objects_while_the_graph_grows():
    g, x, r = _cond_graph()
    first = {o.name: o for o in g.get_operations()}
    assert all(a is b for a, b in zip(g.get_operations(), first.values()))
    with g.as_default():
        tf.cond(x < 1, lambda: x + 1.0, lambda: x)
    again = {o.name: o for o in g.get_operations()}
    assert again["cond/Switch"] is first["cond/Switch"]
    assert [o.type for o in again.values()].count("Merge") == 2


def test_a_view_reads_as_tf_operation():
    g, x, r = _cond_graph()
    sw = g.get_operation_by_name("cond/mul/Switch")
    assert (sw.type, sw.name, sw.graph) == ("Switch", "cond/mul/Switch", g)
    assert [t.name for t in sw.inputs] == ["x:0", "cond/pred_id:0"]
    assert sw.inputs[0] is x
    out = g.get_tensor_by_name("cond/mul/Switch:1")
    assert out is sw.outputs[1] and out.op is sw
    assert (out.dtype, out.shape.as_list()) == (tf.float32, [])
    assert sw.get_attr("T") == tf.float32
    with pytest.raises(ValueError, match="has no attr named 'frame_name'"):
        sw.get_attr("frame_name")
    node = sw.node_def
    assert (node.name, node.op, list(node.input)) == ("cond/mul/Switch", "Switch",
                                                      ["x", "cond/pred_id"])
    assert "_output_shapes" not in node.attr
    gd = {n.name: n for n in g.as_graph_def().node}
    assert node == gd["cond/mul/Switch"]
    assert str(sw).startswith('name: "cond/mul/Switch"\nop: "Switch"\n')
    pred = g.get_operation_by_name("cond/pred_id")
    assert sw.outputs[1].consumers() == [g.get_operation_by_name("cond/mul")]
    assert sw in pred.outputs[0].consumers()
    assert sw.values() == tuple(sw.outputs)


def test_views_are_not_run_or_built_on():
    g, x, r = _cond_graph()
    sw = g.get_tensor_by_name("cond/Switch:1")
    with tf.Session(graph=g) as s:
        with pytest.raises(NotImplementedError, match="Fetching 'cond/Switch'.*Switch node"):
            s.run(sw, {x: 1.0})
        with pytest.raises(NotImplementedError, match="Fetching 'cond/Switch'"):
            s.run("cond/Switch:0", {x: 1.0})
        with pytest.raises(NotImplementedError, match="Fetching 'cond/switch_t'"):
            s.run(g.get_operation_by_name("cond/switch_t"), {x: 1.0})
    n = len(g._flowgrad_operations())
    with g.as_default():
        with pytest.raises(NotImplementedError,
                           match="Building a Identity op on an output of 'cond/Switch'"):
            tf.identity(sw)
        with pytest.raises(NotImplementedError, match="Adding a control input to"):
            sw.op._add_control_inputs([x.op])
    assert len(g._flowgrad_operations()) == n   # nothing half-built


def test_a_graph_without_control_flow_lists_its_ops():
    g = tf.Graph()
    with g.as_default():
        a = tf.constant(1.0)
        b = a + 1.0
    ops = g.get_operations()
    assert ops[0] is a.op and ops[-1] is b.op and len(ops) == 3
    assert g._tf_view_cache is None


def test_while_loop_views_and_values():
    g = tf.Graph()
    with g.as_default():
        i = tf.constant(0)
        w = tf.while_loop(lambda i: i < 10, lambda i: i + 1, [i])
        ops = {o.name: o for o in g.get_operations()}
        assert ops["while/Enter"].get_attr("frame_name") == b"while/while_context"
        assert ops["while/Merge"].inputs[1].op is ops["while/NextIteration"]
        assert [t.dtype for t in ops["while/Merge"].outputs] == [tf.int32, tf.int32]
        assert ops["while/Exit"].type == "Exit" and g.get_tensor_by_name("while/Exit:0") is w
        with tf.Session() as s:
            assert s.run(w) == 10
        np.testing.assert_array_equal(
            [o.type for o in g.get_operations()].count("Enter"), 1)


BRANCH = goldens.generator("opcounts", "branch_control_inputs")
BRANCH_WANT = goldens.load("opcounts", "branch_control_inputs")


@pytest.mark.parametrize("name", [n for n, _ in BRANCH.CALLS])
def test_control_inputs_of_branch_ops_equal_tf(name):
    # TF gives an op of a cond branch with no inputs the branch's pivot (switch_t/_f) as
    # its control input, as the GraphDef writes it; flowgrad runs it as before
    assert _norm(BRANCH.describe(tf, dict(BRANCH.CALLS)[name])) == _norm(BRANCH_WANT[name])


def test_an_unwritable_graph_lists_flowgrads_ops_and_an_export_bug_surfaces(monkeypatch):
    # the export's own errors for a graph it cannot write (decode_image of int16: not
    # written as TF's ops) fall back to flowgrad's ops; any other error is a bug and raises
    import flowgrad.engine.framework.tf_nodes as tf_nodes
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.string, [], name="x")
        img = tf.image.decode_image(x, dtype=tf.int16)
        made = []
        tf.cond(tf.constant(True), lambda: made.append(tf.no_op()) or tf.constant(1),
                lambda: tf.constant(2))
    ops = g.get_operations()
    assert ops == g._flowgrad_operations() and img.op in ops
    assert made[0].control_inputs == []   # (TF's switch_t is not listed here)
    g2, _, _ = _cond_graph()

    def broken(graph, **kw):
        raise KeyError("a bug in the export")
    monkeypatch.setattr(tf_nodes, "graph_to_graph_def", broken)
    with pytest.raises(KeyError, match="a bug in the export"):
        g2.get_operations()

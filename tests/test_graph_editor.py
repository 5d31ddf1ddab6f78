"""tf.contrib.graph_editor's edits on flowgrad's graph: Operation._update_input and
_remove_all_control_inputs as TF 1.14 (errors, consumers, shapes, sessions), and what
flowgrad refuses (its own forms of TF's control flow). The whole API against TF's output:
tests/test_pgraphed_scripts.py."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.contrib import graph_editor as ge


@pytest.fixture(autouse=True)
def _graph():
    with tf.Graph().as_default() as g:
        yield g


def test_update_input_moves_the_consumer_and_keeps_the_shapes():
    a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    c = tf.add(a, a, name="c")
    v = tf.get_default_graph()._version
    assert ge.reroute_ts([b], [a]) == 2
    assert [t.name for t in c.op.inputs] == ["b:0", "b:0"]
    assert a.consumers() == [] and b.consumers() == [c.op, c.op]
    assert tf.get_default_graph()._version > v
    p = tf.placeholder(tf.float32, [None, 3])
    r = tf.placeholder(tf.float32, [2, 3])
    i = tf.identity(p)
    i.op._update_input(0, r)
    assert i.shape.as_list() == [None, 3]   # (TF does not infer the op's shapes again)


def test_update_input_errors_as_tf():
    a = tf.constant(1.0, name="a")
    c = tf.identity(a, name="c")
    with pytest.raises(TypeError, match="^tensor must be a Tensor: 3$"):
        c.op._update_input(0, 3)
    with tf.Graph().as_default():
        other = tf.constant(1.0, name="b")
    with pytest.raises(ValueError) as e:
        c.op._update_input(0, other)
    assert str(e.value).startswith('Tensor("b:0", shape=(), dtype=float32) must be from the '
                                   'same graph as name: "c"\nop: "Identity"\n')
    with pytest.raises(tf.errors.OutOfRangeError) as e:
        c.op._update_input(5, a)
    assert e.value.message == ("Cannot update edge. Input index [5] is greater than the "
                               "number of total inputs [1].")
    # TF's shape refiner merges an input's shape with each tensor it is given
    p = tf.placeholder(tf.float32, [None, 3])
    i = tf.identity(p)
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        i.op._update_input(0, tf.placeholder(tf.float32, [2, 4]))
    assert e.value.message == "Cannot update edge, incompatible shapes: [2,4] and [?,3]."
    i.op._update_input(0, tf.placeholder(tf.float32, [2, 3]))
    i.op._update_input(0, tf.placeholder(tf.float32))
    with pytest.raises(tf.errors.InvalidArgumentError) as e:
        i.op._update_input(0, tf.placeholder(tf.float32, [2]))
    assert e.value.message == "Cannot update edge, incompatible shapes: [2] and [2,3]."
    assert i.op.inputs[0].shape.ndims is None   # (the failed updates changed nothing)


def test_a_session_that_ran_keeps_its_plan_a_new_one_sees_the_edit():
    # TF 1.14: "was changed by updating input tensor after it was run by a session. This
    # mutation will have no effect"; a new session runs the edited graph
    a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    d = tf.identity(tf.add(a, a, name="c"), name="d")
    sess = tf.Session()
    assert sess.run(d) == 2.0
    ge.reroute_ts(b, a)
    assert sess.run(d) == 2.0
    assert tf.Session().run(d) == 4.0


def test_rerouting_to_a_later_op_runs_in_dependency_order():
    a = tf.constant(1.0, name="a")
    c = tf.multiply(a, 2.0, name="c")
    e = tf.identity(c, name="e")
    d = tf.constant(5.0, name="d")
    assert ge.reroute_ts(d, a) == 1
    node = [n for n in tf.get_default_graph().as_graph_def().node if n.name == "c"][0]
    assert list(node.input) == ["d", "c/y"]
    assert tf.Session().run(e) == 10.0


def test_control_inputs_removed_and_added():
    a = tf.constant(1.0, name="a")
    d = tf.constant(5.0, name="d")
    with tf.control_dependencies([d.op, a.op]):
        k = tf.identity(a, name="k")
    k.op._remove_all_control_inputs()
    assert k.op.control_inputs == [] and d.op._control_outputs == []
    ge.add_control_inputs(k.op, [a.op])
    assert [x.name for x in k.op.control_inputs] == ["a"]
    co = ge.ControlOutputs(tf.get_default_graph())
    assert co.get(a.op) == [k.op] and co.get(d.op) == ()
    with pytest.raises(ValueError, match="^a is already a control_input of k$"):
        ge.add_control_inputs(k.op, a.op)
    with pytest.raises(ValueError, match="^k is not a control_input of d$"):
        ge.remove_control_inputs(k.op, d.op)


def test_walks_and_copies_with_replacements_compute_tf_values():
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    w = tf.constant([[1.0, 2.0], [3.0, 4.0]], name="w")
    y = tf.nn.relu(tf.matmul(x, w), name="y")
    z = tf.reduce_sum(y, name="z")
    assert set(ge.get_forward_walk_ops(x.op)) == {x.op, y.op.inputs[0].op, y.op, z.op}
    c = tf.constant([[-1.0, 1.0]], name="c")
    (z2,) = ge.graph_replace([z], {x: c})
    assert z2.name == "z_1:0"
    assert tf.Session().run([z, z2], {x: [[1.0, 1.0]]}) == [10.0, 4.0]


def test_cond_forms_are_refused_naming_the_op():
    p = tf.placeholder(tf.bool, name="p")
    a = tf.constant(1.0, name="a")
    r = tf.cond(p, lambda: a + 1.0, lambda: a - 1.0)
    g = tf.get_default_graph()
    branch_op = [op for op in g._flowgrad_operations() if op in g._branch_of][0]
    with pytest.raises(NotImplementedError, match="tf.cond branch"):
        branch_op._update_input(0, a)
    switch = [op for op in g.get_operations() if op.type == "Switch"][0]
    with pytest.raises(NotImplementedError, match="Editing the inputs of 'cond/Switch'"):
        switch._update_input(0, p)
    n = len(g._ops)
    with pytest.raises(NotImplementedError, match="cannot copy"):
        ge.copy(ge.sgv(r.op))
    assert len(g._ops) == n   # (refused before anything is built)


def test_unsupported_arguments_name_the_symbol():
    a = tf.constant(1.0, name="a")
    t = ge.Transformer()
    t.transform_op_handler = lambda info, op, ins: ge.copy_op_handler(
        info, op, ins, nodedef_fn=lambda nd: nd)
    with pytest.raises(NotImplementedError, match="copy_op_handler: nodedef_fn"):
        t(ge.sgv(tf.identity(a).op), tf.get_default_graph(), "s")
    np.testing.assert_equal(ge.ph(tf.float32).name, "geph:0")

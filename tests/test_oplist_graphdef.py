"""The GraphDef of every call of tests/golden/opcounts/gen_opcounts.py lists TF 1.14's
nodes (names and op types, in TF's order): flowgrad's functional Cond/While ops are
written as TF's Switch/Merge/Enter/Exit frames, a variable guard's copies of
initialized_value() conds (an ExponentialMovingAverage's slot) as TF's, and the ops a
loop body builds but its results do not need with TF's Enters (tf.hessians' loop
gradient). `python tools/opcounts.py --graphdef -v` prints any difference."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("opcounts", "opcounts")
WANT = goldens.load("opcounts", "opcounts")


# Calls whose GraphDef still differs from TF's, with the difference. A listed call that
# starts matching fails test_known_different_still_differ: take it off the list.
KNOWN_DIFFERENT = {}


def _nodes(name):
    tf.reset_default_graph()
    dict(GEN.CALLS)[name](tf)
    return [[n.name, n.op] for n in tf.get_default_graph().as_graph_def().node]


@pytest.mark.parametrize("name", sorted(n for n in WANT if n not in KNOWN_DIFFERENT))
def test_graph_def_nodes_are_tfs(name):
    assert _nodes(name) == [list(x) for x in WANT[name]]


@pytest.mark.parametrize("name", sorted(KNOWN_DIFFERENT))
def test_known_different_still_differ(name):
    assert _nodes(name) != [list(x) for x in WANT[name]], \
        f"{name} now matches TF: remove it from KNOWN_DIFFERENT"


def test_graph_def_inputs_of_tensor_array_loops_are_tfs():
    # a loop reading a TensorArray from outside enters its handle, then its flow (TF's
    # TensorArrayReadV3/Enter and /Enter_1, read in that order)
    tf.reset_default_graph()
    dict(GEN.CALLS)["loops/map_fn"](tf)
    nodes = {n.name: n for n in tf.get_default_graph().as_graph_def().node}
    read = nodes["map/while/TensorArrayReadV3"]
    assert list(read.input) == ["map/while/TensorArrayReadV3/Enter", "map/while/Identity_1",
                                "map/while/TensorArrayReadV3/Enter_1"]
    assert nodes[read.input[0]].attr["T"].type == tf.resource.as_datatype_enum
    assert nodes[read.input[2]].attr["T"].type == tf.float32.as_datatype_enum


# Listed calls whose GraphDef holds TF's nodes (names and types, inputs below) in another
# order: TF's gradient frame writes its counters, stacks and accumulators as its gradient
# rules reach them, flowgrad's each in one block.
SAME_NODES = ["loops/map_fn_grad", "loops/foldl_grad", "loops/while_tensor_array_grad",
              "loops/nested_while_grad"]


@pytest.mark.parametrize("name", SAME_NODES)
def test_graph_def_nodes_are_tfs_in_another_order(name):
    assert sorted(_nodes(name)) == sorted(list(x) for x in WANT[name])


def test_tensor_array_gradient_nodes_are_tfs():
    # TF's TensorArray.grad: TensorArrayGradV3 (the forward handle entered into the
    # gradient frame by an Enter named after it), then gradient_flow, the flow read after
    # it; an accumulator of a known shape starts from a Const (b_acc), named after the
    # forward loop's Enter of the value
    tf.reset_default_graph()
    dict(GEN.CALLS)["loops/map_fn_grad"](tf)
    nodes = {n.name: n for n in tf.get_default_graph().as_graph_def().node}
    g = "gradients/map/while/TensorArrayReadV3_grad/TensorArrayGrad/"
    # (reading only Enters of values from outside: it waits for the frame's pivot)
    assert nodes[g + "TensorArrayGradV3"].input == [g + "TensorArrayGradV3/Enter",
                                                    g + "TensorArrayGradV3/Enter_1",
                                                    "^gradients/Sub"]
    assert nodes[g + "TensorArrayGradV3/Enter"].input == ["map/TensorArray"]
    assert nodes[g + "gradient_flow"].op == "Identity"
    assert nodes[g + "gradient_flow"].input == [g + "TensorArrayGradV3/Enter_1",
                                                "^" + g + "TensorArrayGradV3"]
    w = nodes["gradients/map/while/TensorArrayReadV3_grad/TensorArrayWrite/TensorArrayWriteV3"]
    assert w.input[-1] == g + "gradient_flow"
    acc = "gradients/map/while/TensorArrayReadV3/Enter_1_grad/b_acc"
    assert nodes[acc].op == "Const" and nodes[acc + "_1"].input == [acc]


def test_loop_gradient_copies_the_bodys_constants_and_pushes_what_any_gradient_reads():
    # TF's GetRealValue: a constant of the body is copied into the gradient frame (its
    # pivot's), not pushed; the gradient ops the results do not need (of a constant's
    # input) are built in the frame too, their forward values pushed
    tf.reset_default_graph()
    dict(GEN.CALLS)["loops/while_tensor_array_grad"](tf)
    nodes = {n.name: n for n in tf.get_default_graph().as_graph_def().node}
    c = nodes["gradients/while/mul_grad/Mul/Const"]
    assert c.op == "Const" and c.input == ["^gradients/Sub"]
    assert c.attr["value"].tensor.float_val == [2.0]
    assert nodes["gradients/while/mul_grad/Mul"].input[1] == c.name
    s = "gradients/while/strided_slice_grad/StridedSliceGrad/"
    assert nodes[s + "Const_2"].op == "Const" and nodes[s + "Const_2"].input == [
        "^gradients/Sub"]
    assert nodes[s + "f_acc_1"].input == [s + "Const_1"]
    m = "gradients/while/mul_grad/Mul_1/"
    assert nodes[m[:-1]].input[0] == m + "StackPopV2"
    assert nodes[m + "StackPushV2"].input[1] == "while/Sin"


def test_loop_gradient_control_inputs_are_sorted_as_tfs():
    tf.reset_default_graph()
    dict(GEN.CALLS)["loops/foldl_grad"](tf)
    nodes = {n.name: n for n in tf.get_default_graph().as_graph_def().node}
    s = "gradients/foldl/while/"
    assert nodes["gradients/NextIteration"].input == [
        "gradients/Add", f"^{s}TensorArrayReadV3_grad/TensorArrayWrite/TensorArrayWriteV3/"
        "StackPushV2", f"^{s}mul_grad/Mul/StackPushV2", f"^{s}mul_grad/Mul_1/StackPushV2"]


def test_nested_loop_gradient_enters_are_named_after_their_reader():
    # x, read by the inner loop's gradient, enters the outer gradient frame, then the inner
    # one: TF names both after the op reading it (Mul/Enter, Mul/Enter_1); the inner loop's
    # initial values are not pushed (its gradient does not read them)
    tf.reset_default_graph()
    dict(GEN.CALLS)["loops/nested_while_grad"](tf)
    nodes = {n.name: n for n in tf.get_default_graph().as_graph_def().node}
    m = "gradients/while/while/mul_grad/Mul"
    assert nodes[m].input[1] == m + "/Enter_1"
    assert nodes[m + "/Enter_1"].input == [m + "/Enter"] and nodes[m + "/Enter"].input == ["x"]
    # (in TF's order: the inner loop's count is pushed first, made with its GradLoopState)
    assert [n for n in nodes if n.startswith("gradients/") and
            nodes[n].op == "StackPushV2"] == ["gradients/StackPushV2",
                                              "gradients/while/while/mul_grad/Mul_1/StackPushV2"]

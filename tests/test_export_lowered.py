"""flowgrad ops TF 1.14 lacks are written as TF's ops (engine/framework/graph_def_lower.py):
TF 1.14 imports and runs flowgrad's GraphDefs (tests/golden/ckpt/gen_flowgrad_lowered.py
ran flowgrad_lowered/*.pb, which make_flowgrad_lowered.py writes) to flowgrad's values."""
import os
import re
import sys

import numpy as np
import pytest

import flowgrad as tf
from goldens import load

pytest.importorskip("tensorboard")
HERE = os.path.join(os.path.dirname(__file__), "golden", "ckpt")
sys.path.insert(0, HERE)

import lowered_model  # noqa: E402
import make_flowgrad_lowered  # noqa: E402

G = load("ckpt", "flowgrad_lowered")
# float32 sums over nested loops: TF's kernels round apart from NumPy's (float64 gives
# gw = [-0.03522572, 0.30315944, 0.01895726]; flowgrad's float32 -0.0352257, 0.0189571;
# TF's -0.0352263, 0.0189563)
TOL = {"nested_while_grad": {"rtol": 1e-5, "atol": 2e-6},
       "cond_in_cond_grad": {"rtol": 1e-5},   # (6e-6 apart: 6 iterations of tanh/exp)
       "map_rnn_grad": {"rtol": 1e-5, "atol": 1e-7},   # (outputs near 0: 8e-9 apart)
       "raw_rnn_grad": {"rtol": 1e-5, "atol": 1e-7},   # (gx[2] = -0.0035: 9e-8 apart)
       # flowgrad's own float32 LSTM gradient (TF's run of flowgrad's graph: exactly TF's)
       "v1_frames_rnn_regrad": {"rtol": 1e-5, "atol": 1e-6}}


def _without_array_names(raw):
    """The GraphDef with map_fn's process-wide TensorArray name counter and tf.function's
    process-wide function counter (__inference_<name>_<uid>) left out."""
    from flowgrad.engine.framework import proto
    gd = proto.pb().graph_pb2.GraphDef()
    gd.ParseFromString(raw)

    def plain(name):
        return re.sub(r"_\d+$", "", name)
    for f in gd.library.function:
        f.signature.name = plain(f.signature.name)
    for n in list(gd.node) + [n for f in gd.library.function for n in f.node_def]:
        if "tensor_array_name" in n.attr:
            n.attr["tensor_array_name"].s = n.attr["tensor_array_name"].s.rsplit(b"_", 1)[0]
        if "f" in n.attr and n.attr["f"].HasField("func"):
            n.attr["f"].func.name = plain(n.attr["f"].func.name)
        if "branches" in n.attr:
            for f in n.attr["branches"].list.func:
                f.name = plain(f.name)
    return gd.SerializeToString(deterministic=True)


def _images(summary):
    """[(tag, height, width, colorspace, pixels)] of a serialized image Summary (TF's PNG
    encoder compresses at another level than flowgrad's: the pixels are compared)."""
    from flowgrad.engine.framework import proto
    msg = proto.pb().summary_pb2.Summary()
    msg.ParseFromString(summary)
    out = []
    with tf.Graph().as_default():
        with tf.Session() as s:
            for v in msg.value:
                px = s.run(tf.image.decode_png(v.image.encoded_image_string))
                out.append((v.tag, v.image.height, v.image.width, v.image.colorspace,
                            px.tolist()))
    return out


@pytest.mark.parametrize("name", lowered_model.GRAPHS)
def test_flowgrad_writes_the_graph_tf_ran(name):
    with open(os.path.join(HERE, "flowgrad_lowered", name + ".pb"), "rb") as f:
        assert _without_array_names(make_flowgrad_lowered.graph_bytes(tf, name)) == \
            _without_array_names(f.read())


@pytest.mark.parametrize("name", lowered_model.GRAPHS)
def test_tf_ran_it_to_flowgrads_values(name):
    with tf.Graph().as_default():
        lowered_model.build(tf, name)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            got = s.run(lowered_model.FETCHES[name], lowered_model.feed(name))
    for a, b in zip(got, G[name]["values"]):
        if isinstance(b, bytes):   # a serialized Summary
            assert _images(a) == _images(b)
        else:
            np.testing.assert_allclose(a, b, **TOL.get(name, {"rtol": 1e-6}))


# graphs holding function libraries (tf.function, tf.switch_case)
_FUNCTIONS = [n for n in lowered_model.GRAPHS if n.startswith("fn_")]


@pytest.mark.parametrize("name", lowered_model.GRAPHS)
def test_flowgrad_runs_its_lowered_graph_too(name):
    from flowgrad.engine.framework import proto
    gd = proto.pb().graph_pb2.GraphDef()
    with open(os.path.join(HERE, "flowgrad_lowered", name + ".pb"), "rb") as f:
        gd.ParseFromString(f.read())
    with tf.Graph().as_default():
        tf.import_graph_def(gd, name="")
        with tf.Session() as s:
            if name in lowered_model.INIT:
                s.run(lowered_model.INIT[name])
            got = s.run(lowered_model.FETCHES[name], lowered_model.feed(name))
    for a, b in zip(got, G[name]["values"]):
        if isinstance(b, bytes):   # a serialized Summary
            assert _images(a) == _images(b)
        else:
            np.testing.assert_allclose(a, b, **TOL.get(name, {"rtol": 1e-6}))


def test_initialized_value_is_tfs_cond():
    types = set(G["initialized_value"]["op_types"])
    assert {"Switch", "RefSwitch", "Merge", "IsVariableInitialized",
            "VarIsInitializedOp"} <= types
    assert "InitializedValue" not in types


@pytest.mark.parametrize("name", ["while", "while_nested_cond", "while_max"])
def test_while_loop_is_tfs_frame(name):
    types = set(G[name]["op_types"])
    assert {"Enter", "Merge", "Switch", "LoopCond", "NextIteration", "Exit"} <= types
    assert not types & {"While", "LoopVar", "Cond"}


@pytest.mark.parametrize("name", ["tensor_array", "map_fn", "dynamic_rnn"])
def test_tensor_arrays_are_written_in_tfs_layout(name):
    types = set(G[name]["op_types"])
    assert {"TensorArrayV3", "Enter", "Exit"} <= types
    from flowgrad.engine.framework import proto
    gd = proto.pb().graph_pb2.GraphDef()
    with open(os.path.join(HERE, "flowgrad_lowered", name + ".pb"), "rb") as f:
        gd.ParseFromString(f.read())
    for n in gd.node:
        if n.op == "TensorArrayWriteV3":
            assert len([i for i in n.input if not i.startswith("^")]) == 4


@pytest.mark.parametrize("name", ["while_grad", "while_grad_max"])
def test_flowgrad_differentiated_loop_is_tfs_gradient_frame(name):
    """A loop flowgrad differentiated (WhileGrad) is written as TF's loop gradient: the
    forward frame pushes what the gradient reads, a second frame pops it back
    (engine/framework/graph_def_lower_grad.py); TF ran it to flowgrad's values above."""
    types = set(G[name]["op_types"])
    assert {"StackV2", "StackPushV2", "StackPopV2", "Enter", "Exit", "NextIteration"} <= types
    assert not types & {"While", "WhileGrad", "LoopVar"}


@pytest.mark.parametrize("name", ["dynamic_rnn_grad", "map_fn_grad", "birnn_grad",
                                  "ta_split_grad", "scan_unread_grad"])
def test_loop_gradients_of_tensor_arrays_are_tfs(name):
    """A WhileGrad whose gradient reads and writes TensorArrays (dynamic_rnn, map_fn, scan)
    is written with TF's TensorArrayGradV3 (one gradient array per forward array and
    gradients scope, entered into the gradient frame) and float flows (an array nothing
    reads, scan_unread_grad: its gradient flow is TF's float 0, not TensorArrayZeroGrad):
    TF 1.14 ran it to flowgrad's values above, and flowgrad runs the written graph too."""
    types = set(G[name]["op_types"])
    assert {"TensorArrayGradV3", "StackPushV2", "StackPopV2", "TensorArrayWriteV3"} <= types
    assert not {t for t in types if t.startswith("TensorArrayGrad") and
                t != "TensorArrayGradV3"}
    assert not types & {"While", "WhileGrad", "LoopVar", "TensorArrayZeroGrad"}


def test_loop_gradient_holding_a_cond_is_tfs():
    """A tf.cond in the loop body: the gradient cond is TF's Switch/Merge in the gradient
    frame; the values it keeps from a branch are pushed only when that branch ran and
    popped in the gradient cond's same branch (TF 1.14 ran it to flowgrad's values)."""
    types = set(G["while_cond_grad"]["op_types"])
    assert {"StackPushV2", "StackPopV2", "Switch", "Merge"} <= types
    assert not types & {"While", "WhileGrad", "LoopVar", "Cond"}


@pytest.mark.parametrize("name", ["nested_while_grad", "nested3_grad"])
def test_loop_gradient_holding_a_loop_is_tfs_nested_frames(name):
    """A loop in the loop body: its gradient is a frame nested in the outer gradient frame
    (graph_def_lower_grad.py); the inner loop's stacks are made outside every loop and
    entered frame by frame (an Enter reading an Enter), the inner loop's iteration count
    is pushed by the outer loop and popped as the inner gradient frame's counter; TF 1.14
    ran it to flowgrad's values above."""
    types = set(G[name]["op_types"])
    assert {"StackV2", "StackPushV2", "StackPopV2", "Enter", "Exit", "LoopCond"} <= types
    assert not types & {"While", "WhileGrad", "LoopVar"}
    from flowgrad.engine.framework import proto
    gd = proto.pb().graph_pb2.GraphDef()
    with open(os.path.join(HERE, "flowgrad_lowered", name + ".pb"), "rb") as f:
        gd.ParseFromString(f.read())
    nodes = {n.name: n for n in gd.node}
    nodes.update({n.name + ":1": n for n in gd.node})   # (a Switch's output 1)
    frames = {n.attr["frame_name"].s for n in gd.node if n.op == "Enter"}
    chained = [n for n in gd.node if n.op == "Enter" and nodes[n.input[0]].op == "Enter"]
    assert len(frames) == (4 if name == "nested_while_grad" else 6)
    assert {nodes[n.input[0]].attr["frame_name"].s for n in chained} < frames
    assert any(nodes[nodes[n.input[0]].input[0]].op == "StackV2" for n in chained)


def test_loop_gradient_holding_a_loop_in_a_cond_is_tfs():
    """A loop in a cond's branch in the body: its gradient frame is nested in the gradient
    cond's same branch; its iteration count is pushed only when the branch ran and popped
    under the gradient cond's pivot, so the nested frame is dead when the branch did not
    run (TF 1.14 ran it to flowgrad's values above, the inner loop run 0, 2 and 4 times)."""
    types = set(G["loop_in_cond_grad"]["op_types"])
    assert {"StackPushV2", "StackPopV2", "Switch", "Merge", "LoopCond"} <= types
    assert not types & {"While", "WhileGrad", "LoopVar", "Cond"}
    from flowgrad.engine.framework import proto
    gd = proto.pb().graph_pb2.GraphDef()
    with open(os.path.join(HERE, "flowgrad_lowered", "loop_in_cond_grad.pb"), "rb") as f:
        gd.ParseFromString(f.read())
    frames = {n.attr["frame_name"].s for n in gd.node if n.op == "Enter"}
    assert len(frames) == 4   # two forward loops, two gradient frames
    assert any(n.name.endswith("/sync") and n.op == "Merge" for n in gd.node)


@pytest.mark.parametrize("name", ["cond_in_cond_grad", "loop_cond_loop_grad"])
def test_loop_gradient_holding_nested_conds_is_tfs(name):
    """A cond in a cond's branch in the body: a value kept from an inner branch is pushed
    only when every cond holding it took its branch, its stack switched in through each
    enclosing cond (TF's StackPushV2/Switch, Switch_1, Switch_2 three deep), and popped on
    the innermost gradient cond's popped predicate (TF 1.14 ran it to flowgrad's values
    above)."""
    types = set(G[name]["op_types"])
    assert {"StackPushV2", "StackPopV2", "Switch", "Merge"} <= types
    assert not types & {"While", "WhileGrad", "LoopVar", "Cond"}
    if name == "cond_in_cond_grad":
        from flowgrad.engine.framework import proto
        gd = proto.pb().graph_pb2.GraphDef()
        with open(os.path.join(HERE, "flowgrad_lowered", name + ".pb"), "rb") as f:
            gd.ParseFromString(f.read())
        assert any(n.name.endswith("/StackPushV2/Switch_2") and n.op == "Switch"
                   for n in gd.node)
        assert not any(n.name.endswith("/sync") and n.op == "Merge" for n in gd.node)


@pytest.mark.parametrize("name", ["ta_in_body_grad", "map_rnn_grad"])
def test_loop_gradient_of_arrays_made_in_the_body_is_tfs(name):
    """A TensorArray made in the loop body (a new one each iteration; dynamic_rnn's arrays
    in map_fn's body): its handle is pushed each iteration and TF's TensorArrayGradV3 reads
    the popped handle in the gradient frame (TF 1.14 ran it to flowgrad's values above)."""
    types = set(G[name]["op_types"])
    assert {"TensorArrayGradV3", "StackPushV2", "StackPopV2"} <= types
    assert not types & {"While", "WhileGrad", "LoopVar", "TensorArrayGradWrite",
                        "TensorArrayGradGather", "TensorArrayGradRead",
                        "TensorArrayGradScatter"}
    from flowgrad.engine.framework import proto
    gd = proto.pb().graph_pb2.GraphDef()
    with open(os.path.join(HERE, "flowgrad_lowered", name + ".pb"), "rb") as f:
        gd.ParseFromString(f.read())
    nodes = {n.name: n for n in gd.node}
    assert any(n.op == "StackV2" and n.attr["elem_type"].type == 20 for n in gd.node)
    assert any(n.op == "TensorArrayGradV3" and nodes[n.input[0]].op == "StackPopV2"
               for n in gd.node)


def test_gradients_called_in_a_loop_body_are_tfs():
    """tf.gradients in the body (ordinary gradient ops of the body, as TF builds them),
    the loop then differentiated again: one gradient frame, TF 1.14 ran it to flowgrad's
    values above."""
    types = set(G["grad_in_body_grad"]["op_types"])
    assert {"StackPushV2", "StackPopV2", "BroadcastGradientArgs", "Cos", "Sin"} <= types
    assert not types & {"While", "WhileGrad", "LoopVar", "Cond"}


def test_gradient_of_a_tf_written_loop_is_tfs_gradient_frame():
    """flowgrad's gradient of a loop TF 1.14 wrote (a V1FramesGrad over the imported .meta)
    is written as TF's v1 gradient frame over TF's own forward frame
    (engine/ops/control_flow_v1_export.py): TF 1.14 ran flowgrad's GraphDef to TF's own
    gradients, and ran flowgrad's training op two steps to TF's own losses and weights."""
    case = G["v1_frames_regrad"]
    types = set(case["op_types"])
    assert {"StackV2", "StackPushV2", "StackPopV2", "Enter", "Exit", "LoopCond",
            "ApplyGradientDescent"} <= types
    assert "V1FramesGrad" not in types
    tf_own = load("ckpt", "tf_loop_regrad")
    for a, b in zip(case["values"], tf_own["grads"]):
        np.testing.assert_allclose(a, b, rtol=1e-6)
    np.testing.assert_allclose(case["trained"][:2], tf_own["losses"], rtol=1e-6)
    np.testing.assert_allclose(case["trained"][2], tf_own["w"], rtol=1e-6)
    with tf.Graph().as_default():   # flowgrad's own steps of the same training op
        lowered_model.build(tf, "v1_frames_regrad")
        with tf.Session() as s:
            s.run("init")
            got = [s.run(["loss:0", "train"], {"x:0": lowered_model.X})[0] for _ in range(2)]
            np.testing.assert_allclose(got, tf_own["losses"], rtol=1e-6)
            np.testing.assert_allclose(s.run("w:0"), tf_own["w"], rtol=1e-6)


def test_gradient_of_a_tf_written_loop_holding_a_cond_is_tfs_gradient_frame():
    """A cond in the TF-written loop body: the gradient frame holds TF's cond gradients (a
    Switch of a Merge's gradient on the popped predicate, a Merge of a Switch's branch
    gradients), values of a branch pushed and popped only when it ran; TF 1.14 ran
    flowgrad's GraphDef to TF's own gradients and two SGD steps."""
    case = G["v1_frames_cond_regrad"]
    assert "V1FramesGrad" not in case["op_types"]
    assert {"StackPushV2", "StackPopV2", "Switch", "Merge"} <= set(case["op_types"])
    tf_own = load("ckpt", "tf_loop_regrad")
    for a, b in zip(case["values"], tf_own["cond_grads"]):
        np.testing.assert_allclose(a, b, rtol=1e-6)
    np.testing.assert_allclose(case["trained"][:2], tf_own["cond_losses"], rtol=1e-6)
    np.testing.assert_allclose(case["trained"][2], tf_own["cond_w"], rtol=1e-6)


def test_gradient_of_a_tf_written_dynamic_rnn_is_tfs_gradient_frame():
    """A dynamic_rnn LSTM with sequence lengths TF 1.14 wrote (TensorArrays read and written
    in its loop): flowgrad's gradient is written with TF's TensorArrayGradV3 of the handles
    entered into the gradient frame, and the imported arrays' ops in TF's layout; TF 1.14
    ran flowgrad's GraphDef to exactly TF's own gradients and two SGD steps."""
    case = G["v1_frames_rnn_regrad"]
    types = set(case["op_types"])
    assert {"TensorArrayGradV3", "StackPushV2", "StackPopV2", "TensorArrayReadV3"} <= types
    assert not types & {"V1FramesGrad", "TensorArrayGradScatter", "TensorArrayGradWrite"}
    tf_own = load("ckpt", "tf_frames_ta")["rnn"]
    np.testing.assert_array_equal(case["values"][0], tf_own["loss"])
    for a, b in zip(case["values"][1:], tf_own["grads"]):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(case["trained"][:2], tf_own["losses"])
    kernel = tf_own["global_names"].index("rnn/lstm_cell/kernel")
    np.testing.assert_array_equal(case["trained"][2], tf_own["weights"][kernel])


def test_gradient_of_a_tf_written_loop_holding_a_cond_after_it_stays_flowgrads(tmp_path):
    """Not yet written as TF's: a V1FramesGrad over a TF region holding a cond outside the
    loop frame (or a nested loop, a TensorArray, a stack) keeps flowgrad's op (TF 1.14
    cannot import it)."""
    meta = load("ckpt", "tf_frames_grad")["meta"]
    (tmp_path / "m.meta").write_bytes(meta)
    with tf.Graph().as_default() as g:
        tf.train.import_meta_graph(str(tmp_path / "m.meta"))
        tf.gradients(g.get_tensor_by_name("loss:0"), g.get_tensor_by_name("w:0"))
        types = {n.op for n in g.as_graph_def().node}
    assert "V1FramesGrad" in types and "StackPushV2" not in types


def test_print_and_image_summary_are_written_as_tfs():
    """tf.print is written as TF's StringFormat (TF's template, placeholder, summarize) and
    PrintV2 of its string (TF's end); an ImageSummary's bad color is TF's attr, not an
    input: TF 1.14 imported and ran them (values above), flowgrad runs TF's form too."""
    from flowgrad.engine.framework import proto
    gd = proto.pb().graph_pb2.GraphDef()
    with open(os.path.join(HERE, "flowgrad_lowered", "print_summary.pb"), "rb") as f:
        gd.ParseFromString(f.read())
    nodes = {n.name: n for n in gd.node}
    fmt = nodes["StringFormat"]
    assert fmt.op == "StringFormat" and fmt.attr["template"].s == b"x:|{}|{'first': {}}"
    assert fmt.attr["summarize"].i == 2
    assert nodes["PrintV2"].input == ["StringFormat"]
    assert nodes["PrintV2"].attr["end"].s == b"!\n"
    bad = nodes["img"].attr["bad_color"].tensor
    # TF's op-def default, as TF writes it (int_val), not flowgrad's tensor_content
    assert len(nodes["img"].input) == 2 and list(bad.int_val) == [255, 0, 0, 255]
    assert not bad.tensor_content


# TF 1.14's node names flowgrad's written loop gradient has (of TF's own graph of the same
# model, in the golden): the body's gradient ops, the counters, stacks, accumulators and
# gradient loop variables as TF's GradLoopState names them (graph_def_lower_grad.py
# node_renames; gradient arrays: graph_def_lower.ta_grad_renames), a forward cond in the
# body as TF's (its Switches, pivots and Enters). The rest differ: a
# cond's gradient (TF's cond_grad Switch per value), TF's gates, flowgrad's forward Exits
# named by their While ops. (loop_cond_loop_grad: 140 before a nested loop gradient stopped
# pushing the inner loop's initial values, whose nodes had two of TF's names by chance.)
# A cond's gradient in a loop gradient's frame is TF's (graph_def_lower_condgrad.py):
# while_cond_grad, loop_cond_loop_grad, loop_cond_train_grad and raw_rnn_grad every one (an
# outside tensor's Enter named after its first reader in TF's walk: graph_def_grad_order;
# raw_rnn_grad's outer cond's zeros Switch numbered after the loop's counters).
SHARED_NAMES = {"while_grad": 110, "while_grad_max": 96, "dynamic_rnn_grad": 394,
                "map_fn_grad": 296, "while_cond_grad": 186, "birnn_grad": 756,
                "ta_split_grad": 174, "nested_while_grad": 182, "nested3_grad": 228,
                "cond_in_cond_grad": 209, "loop_cond_loop_grad": 199, "ta_in_body_grad": 239,
                "map_rnn_grad": 749, "grad_in_body_grad": 177, "raw_rnn_grad": 421,
                "loop_in_cond_grad": 183, "loop_cond_train_grad": 377}


@pytest.mark.parametrize("name", sorted(SHARED_NAMES))
def test_written_loop_gradients_have_tfs_node_names(name):
    from flowgrad.engine.framework import proto
    gd = proto.pb().graph_pb2.GraphDef()
    with open(os.path.join(HERE, "flowgrad_lowered", name + ".pb"), "rb") as f:
        gd.ParseFromString(f.read())
    written = {n.name for n in gd.node}
    tf_names = set(G[name]["tf_names"])
    assert len(written & tf_names) >= SHARED_NAMES[name]
    if name in ("while_grad", "while_cond_grad", "loop_cond_loop_grad",
                "loop_cond_train_grad", "raw_rnn_grad"):   # every one of TF's
        assert tf_names <= written
    if name == "while_grad":
        nodes = {n.name: n for n in gd.node}
        assert nodes["gradients/while/Sin_grad/Cos/f_acc"].op == "StackV2"
        assert nodes["gradients/b_count_2"].op == "LoopCond"
        assert nodes["gradients/while/Exit_1_grad/b_exit"].op == "Enter"
        assert nodes["gradients/while/mul/Enter_grad/b_acc_3"].op == "Exit"
        assert nodes["gradients/while/Sin_grad/Cos/b_sync"].op == "ControlTrigger"


@pytest.mark.parametrize("name", _FUNCTIONS)
def test_call_ops_are_written_with_tfs_function_library(name):
    """Case / PartitionedCall / StatefulPartitionedCall name FunctionDefs of the GraphDef's
    library (func attrs, as TF 1.14 writes them): TF imported and ran them (values above)."""
    from flowgrad.engine.framework import proto
    gd = proto.pb().graph_pb2.GraphDef()
    with open(os.path.join(HERE, "flowgrad_lowered", name + ".pb"), "rb") as f:
        gd.ParseFromString(f.read())
    library = {f.signature.name: f for f in gd.library.function}
    calls = [n for n in gd.node if n.op in ("Case", "PartitionedCall", "StatefulPartitionedCall")]
    assert calls
    for f in library.values():
        calls += [n for n in f.node_def if n.op in ("Case", "PartitionedCall",
                                                     "StatefulPartitionedCall")]
    for n in calls:
        funcs = [f.name for f in n.attr["branches"].list.func] if n.op == "Case" else \
            [n.attr["f"].func.name]
        assert funcs and all(f in library for f in funcs), n.name
        for f in funcs:
            sig = library[f].signature
            assert [a.type for a in sig.input_arg] == list(n.attr["Tin"].list.type)
            assert [a.type for a in sig.output_arg] == list(n.attr["Tout"].list.type)
    assert set(G[name]["op_types"]) >= {"Case"}


def test_second_order_tensor_array_gradients_are_tfs():
    """The gradient of flowgrad's gradient arrays is written as TF's: TensorArrayGradV3 (source
    gradients_1) of the first-order TensorArrayGradV3; every node is one of TF 1.14's own
    graph of the model, same name and type (TF imported it and ran the first order; TF
    cannot run its own second order: "Wrong input container")."""
    from flowgrad.engine.framework import proto
    from flowgrad.engine.framework.graph_def import op_defs
    gd = proto.pb().graph_pb2.GraphDef()
    with open(os.path.join(HERE, "flowgrad_lowered", "ta_regrad_grad.pb"), "rb") as f:
        gd.ParseFromString(f.read())
    assert all(n.op in op_defs() for n in gd.node)
    assert {n.name for n in gd.node} <= set(G["ta_regrad_grad"]["tf_names"])
    nodes = {n.name: n for n in gd.node}
    second = [n for n in gd.node if n.op == "TensorArrayGradV3" and
              n.name.startswith("gradients_1/gradients/")]
    assert len(second) == 7
    for n in second:
        assert n.attr["source"].s == b"gradients_1"
        assert nodes[n.input[0]].op == "TensorArrayGradV3"
        assert nodes[n.input[0]].attr["source"].s == b"gradients"

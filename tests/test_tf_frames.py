"""TF 1.14's own control flow imported and run (tests/golden/ckpt/gen_tf_frames.py):
graphs with Switch/Merge (tf.cond), Enter/Exit/NextIteration/LoopCond (tf.while_loop),
nested, differentiated by TF (stacks, ControlTrigger, TensorArrayGradV3), .metas with a loop
and its training op (an LSTM by dynamic_rnn trained by Adam among them),
frozen graphs (an LSTM run by dynamic_rnn: TensorArrays in a loop): flowgrad
gives TF's values (engine/ops/control_flow_v1.py)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import load

pytest.importorskip("tensorboard")
from flowgrad.engine.framework import proto  # noqa: E402

G = load("ckpt", "tf_frames")
GRAPHS = sorted(k for k, v in G.items() if "graph" in v)


def _graph_def(case):
    gd = proto.pb().graph_pb2.GraphDef()
    gd.ParseFromString(case["graph"])
    return gd


@pytest.mark.parametrize("name", GRAPHS)
def test_tf_control_flow_graph_runs_to_tfs_values(name):
    case = G[name]
    assert {"Switch", "Merge"} & set(case["op_types"])
    with tf.Graph().as_default():
        tf.import_graph_def(_graph_def(case), name="")
        with tf.Session() as s:
            got = s.run(case["fetches"], case["feeds"])
            again = s.run(case["fetches"], case["feeds"])   # compiled plans, same values
    for a, b, c in zip(got, again, case["values"]):
        np.testing.assert_allclose(a, c, rtol=2e-6, atol=1e-6)
        np.testing.assert_array_equal(a, b)


def test_loop_gradients_use_tfs_stacks():
    assert {"StackV2", "StackPushV2", "StackPopV2", "Enter", "Exit", "NextIteration",
            "LoopCond"} <= set(G["while_grad_3"]["op_types"])


def test_imported_nodes_keep_their_names_and_a_scope_prefix_works():
    case = G["while_grad_3"]
    with tf.Graph().as_default() as g:
        tf.import_graph_def(_graph_def(case))
        types = {op.type for op in g.get_operations()}
        assert {"Enter", "Exit", "NextIteration", "Merge", "Switch", "LoopCond"} <= types
        assert g.get_operation_by_name("import/while/LoopCond").type == "LoopCond"
        with tf.Session() as s:
            got = s.run(["import/" + f for f in case["fetches"]],
                        {"import/" + k: v for k, v in case["feeds"].items()})
    for a, c in zip(got, case["values"]):
        np.testing.assert_allclose(a, c, rtol=2e-6, atol=1e-6)


def test_fetching_a_part_runs_only_what_it_needs():
    case = G["cond_grad_True"]
    with tf.Graph().as_default():
        tf.import_graph_def(_graph_def(case), name="")
        with tf.Session() as s:
            y = s.run("y:0", case["feeds"])
    np.testing.assert_allclose(y, case["values"][0], rtol=2e-6)


def test_untaken_branch_tensor_is_dead_when_fetched():
    case = G["cond_simple_True_1"]
    with tf.Graph().as_default():
        tf.import_graph_def(_graph_def(case), name="")
        with tf.Session() as s:
            with pytest.raises(tf.errors.InvalidArgumentError, match="does not have value"):
                s.run("c1/Neg:0", case["feeds"])


def test_tf_trained_meta_with_a_loop_continues_training_as_tf(tmp_path):
    case = G["train_meta"]
    assert {"Enter", "RefEnter", "StackPushV2", "ApplyGradientDescent"} & \
        set(case["op_types"]) >= {"Enter", "StackPushV2", "ApplyGradientDescent"}
    path = tmp_path / "m.meta"
    path.write_bytes(case["meta"])
    feed = {"x:0": np.array([0.1, 0.2, -0.3], np.float32)}
    with tf.Graph().as_default():
        tf.train.import_meta_graph(str(path))
        with tf.Session() as s:
            s.run(case["init"])
            for loss, w in case["steps"]:
                _, got = s.run([case["train"], "loss:0"], feed)
                np.testing.assert_allclose(got, loss, rtol=1e-6)
                np.testing.assert_allclose(s.run("w:0"), w, rtol=1e-6)


def test_imported_control_flow_is_written_back_as_tf_wrote_it():
    case = G["nested"]
    gd = _graph_def(case)
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        back = g.as_graph_def()
    assert sorted(n.name for n in back.node) == sorted(n.name for n in gd.node)
    mine = {n.name: n for n in back.node}
    for n in gd.node:
        assert mine[n.name].op == n.op
        assert list(mine[n.name].input) == list(n.input), n.name
    with tf.Graph().as_default():   # and imports again
        tf.import_graph_def(back, name="")
        with tf.Session() as s:
            got = s.run(case["fetches"], case["feeds"])
    for a, c in zip(got, case["values"]):
        np.testing.assert_allclose(a, c, rtol=2e-6, atol=1e-6)


def test_tf_trained_dynamic_rnn_meta_continues_training_as_tf(tmp_path):
    case = G["rnn_train_meta"]
    assert {"TensorArrayGradV3", "TensorArrayV3", "StackPushV2", "ApplyAdam"} <= \
        set(case["op_types"])
    path = tmp_path / "m.meta"
    path.write_bytes(case["meta"])
    with tf.Graph().as_default():
        tf.train.import_meta_graph(str(path))
        with tf.Session() as s:
            s.run(case["init"])
            for loss, kernel in case["steps"]:
                _, got = s.run([case["train"], "loss:0"], {"x:0": case["feed"]})
                np.testing.assert_allclose(got, loss, rtol=1e-6)
                np.testing.assert_allclose(s.run(case["kernel"]), kernel, rtol=1e-5,
                                           atol=1e-7)


GRAD_CASES = sorted(k for k in GRAPHS if "g:0" in G[k]["fetches"])


@pytest.mark.parametrize("name", GRAD_CASES)
def test_flowgrads_gradients_through_imported_control_flow_are_tfs(name):
    """TF's graph holds the forward and TF's own gradient (g); flowgrad differentiates the
    forward itself (control_flow_v1_grad.py) and must get TF's g."""
    case = G[name]
    y_name = case["fetches"][0]
    with tf.Graph().as_default() as g:
        tf.import_graph_def(_graph_def(case), name="")
        y = g.get_tensor_by_name(y_name)
        mine = tf.gradients(tf.reduce_sum(y), g.get_tensor_by_name("x:0"))[0]
        with tf.Session() as s:
            got = s.run(mine, case["feeds"])
    np.testing.assert_allclose(got, case["values"][1], rtol=1e-5, atol=1e-6)


def test_gradients_through_imported_tensor_array_loops():
    """TF's map_fn (TensorArrays scattered, read, written and gathered around its loop):
    d sum(map_fn(sum(r * r))) / dx = 2x."""
    case = G["map_fn"]
    with tf.Graph().as_default() as g:
        tf.import_graph_def(_graph_def(case), name="")
        x = g.get_tensor_by_name("x:0")
        gx = tf.gradients(g.get_tensor_by_name("y:0"), x)[0]
        with tf.Session() as s:
            got = s.run(gx, case["feeds"])
    np.testing.assert_allclose(got, 2 * np.asarray(case["feeds"]["x:0"]), rtol=1e-6)

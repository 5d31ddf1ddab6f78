"""flowgrad's training graphs in TF 1.14 (tests/golden/ckpt/gen_train_graphs.py): TF imports
the .meta flowgrad writes for an MLP with Adam, a conv net with Momentum, a batch-norm
conv net under a `training` placeholder with centered RMSProp and a dynamic_rnn LSTM with
Adam (committed in tests/golden/ckpt/flowgrad_train/), restores the checkpoint and trains
on; flowgrad's own ops that TF lacks are written as TF's ops
(engine/framework/graph_def_lower.py), tf.cond as TF's Switch/Merge (the batch-normalization
model), the LSTM's loop and its gradient as TF's frames, stacks and TensorArrayGradV3."""
import os
import sys

import numpy as np
import pytest

import flowgrad as tf
from goldens import load

pytest.importorskip("tensorboard")
HERE = os.path.join(os.path.dirname(__file__), "golden", "ckpt")
sys.path.insert(0, HERE)

import make_flowgrad_train  # noqa: E402
import train_model  # noqa: E402
from flowgrad.engine.framework.graph_def import op_defs  # noqa: E402
from flowgrad.engine.framework.meta_graph import parse_tf_meta_graph  # noqa: E402

G = load("ckpt", "train_graphs")
CF_CONTEXTS = load("control", "cf_contexts")["train_models"]
MODELS = sorted(train_model.BUILDERS)


def _nodes(path):
    """The nodes (map_fn's process-wide TensorArray name counter left out) and MetaGraph."""
    mg = parse_tf_meta_graph(open(path, "rb").read())
    for n in mg.graph_def.node:
        if "tensor_array_name" in n.attr:
            n.attr["tensor_array_name"].s = n.attr["tensor_array_name"].s.rsplit(b"_", 1)[0]
    return [n.SerializeToString(deterministic=True) for n in mg.graph_def.node], mg


@pytest.mark.parametrize("model", MODELS)
def test_flowgrad_still_writes_the_graphs_tf_trained(model, tmp_path):
    make_flowgrad_train.write(tf, model, str(tmp_path))
    mine, mg = _nodes(str(tmp_path / "m.meta"))
    committed, cmg = _nodes(os.path.join(HERE, "flowgrad_train", model, "m.meta"))
    assert mine == committed
    assert sorted(mg.collection_def) == sorted(cmg.collection_def)
    if model in CF_CONTEXTS:   # the cond / while contexts TF writes for the model it builds
        from flowgrad.protos import control_flow_pb2 as cf
        for key, cls in (("cond_context", cf.CondContextDef),
                         ("while_context", cf.WhileContextDef)):
            got = mg.collection_def[key].bytes_list.value if key in mg.collection_def else []
            assert [str(cls.FromString(b)) for b in got] == \
                [str(cls.FromString(b)) for b in CF_CONTEXTS[model][key]]
    for name in ("m.index", "m.data-00000-of-00001"):
        assert (tmp_path / name).read_bytes() == \
            open(os.path.join(HERE, "flowgrad_train", model, name), "rb").read()


@pytest.mark.parametrize("model", MODELS)
def test_only_tf_op_types_are_written(model):
    _, mg = _nodes(os.path.join(HERE, "flowgrad_train", model, "m.meta"))
    types = {n.op for n in mg.graph_def.node}
    assert types <= set(op_defs())
    assert sorted(types) == G[model + "/op_types"]
    assert "ReducedShape" not in types and "ReportUninitialized" not in types
    assert "Cond" not in types
    if model == "bn":   # tf.cond as TF writes it
        assert {"Switch", "RefSwitch", "Merge"} <= types
    if model in ("rnn", "nested"):   # the loop gradient as TF writes it
        assert {"TensorArrayGradV3", "StackPushV2", "StackPopV2", "Enter", "Exit"} <= types
        assert not types & {"While", "WhileGrad", "LoopVar", "Cond"}
    if model == "nested":   # gradient frames nested in gradient frames
        frames = {n.attr["frame_name"].s for n in mg.graph_def.node if n.op == "Enter"}
        assert sum(f.startswith(b"gradients/") for f in frames) == 4


def test_tf_continues_flowgrads_training_of_a_tf_written_loop_as_tf_trains_it():
    """A run directory where flowgrad added a training op over a TF-written loop .meta (its
    V1FramesGrad written as TF's gradient frame) and trained one step: TF 1.14 imports it,
    restores, trains two more steps and reaches TF's own three-step loss and weights."""
    tf_own = load("ckpt", "tf_loop_regrad")
    _, mg = _nodes(os.path.join(HERE, "flowgrad_train", "regrad", "m.meta"))
    types = {n.op for n in mg.graph_def.node}
    assert {"StackPushV2", "StackPopV2", "LoopCond"} <= types and "V1FramesGrad" not in types
    np.testing.assert_allclose(G["regrad/loss"], tf_own["loss3"], rtol=1e-6)
    np.testing.assert_allclose(G["regrad/var/w"], tf_own["w3"], rtol=1e-6)
    assert int(G["regrad/var/global_step"]) == 3


def test_cond_is_written_as_switch_and_merge():
    with tf.Graph().as_default() as g:
        p = tf.placeholder(tf.bool, [], name="p")
        x = tf.placeholder(tf.float32, [], name="x")
        a, b = tf.cond(p, lambda: (x * 2.0, tf.constant(1.0)), lambda: (x - 1.0, x))
        tf.identity(b, name="second")
        gd = g.as_graph_def()
    nodes = {n.name: n for n in gd.node}
    # TF 1.14's names: cond/Merge, cond/Merge_1, cond/Switch, cond/switch_t, cond/pred_id
    assert nodes["cond/Merge"].op == "Merge"
    assert nodes["cond/Merge_1"].op == "Merge"
    assert a.name == "cond/Merge:0" and b.name == "cond/Merge_1:0"
    assert list(nodes["second"].input) == ["cond/Merge_1"]
    # each branch reads a capture through its own Switch, named under its first reader
    assert list(nodes["cond/mul"].input) == ["cond/mul/Switch:1", "cond/mul/y"]
    assert list(nodes["cond/sub"].input)[0] == "cond/sub/Switch"
    # a branch result made outside the cond: that branch's Switch of it
    assert list(nodes["cond/Merge_1"].input) == ["cond/sub/Switch", "cond/Const"]
    # an input-less op of a branch waits for the branch's pivot
    assert "^cond/switch_t" in list(nodes["cond/Const"].input)
    assert nodes["cond/Switch"].op == "Switch"
    assert list(nodes["cond/Switch"].input) == ["p", "p"]
    for sw in ("cond/mul/Switch", "cond/sub/Switch"):
        assert nodes[sw].op == "Switch"
        assert list(nodes[sw].input) == ["x", "cond/pred_id"]
    # TF's node order: the pivots before the branches, a Switch after its reader
    names = [n.name for n in gd.node]
    assert names[2:8] == ["cond/Switch", "cond/switch_t", "cond/switch_f", "cond/pred_id",
                          "cond/mul/y", "cond/mul"]
    assert names.index("cond/mul/Switch") == names.index("cond/mul") + 1


@pytest.mark.parametrize("model", MODELS)
def test_flowgrad_continues_its_graph_as_tf_did(model):
    prefix = os.path.join(HERE, "flowgrad_train", model, "m")
    # flowgrad does not run TF's Switch/Merge: the cond model is rebuilt from its code
    got = train_model.continue_training(tf, prefix, train_model.FEEDS[model],
                                        model="bn" if model == "bn" else None)
    want = {k[len(model) + 1:]: v for k, v in G.items()
            if k.startswith(model + "/") and not k.endswith("/op_types")}
    assert sorted(got) == sorted(want)
    for k in want:
        if isinstance(want[k], list):
            assert got[k] == want[k], k
        else:
            np.testing.assert_allclose(got[k], want[k], rtol=2e-5, atol=1e-6, err_msg=k)

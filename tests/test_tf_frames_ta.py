"""tf.gradients through TF 1.14's own loops imported from a .meta (the frame executor,
engine/ops/control_flow_v1*.py), against TF's values (tests/golden/ckpt/gen_tf_frames_ta.py):
a loop whose body holds a stateful op (the gradient reuses the forward's firings, as TF's
stacks do: the op runs once per iteration, not twice) and a dynamic_rnn LSTM with sequence lengths
(TensorArrays read and written in the loop)."""
import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

pytest.importorskip("tensorboard")
G = load("ckpt", "tf_frames_ta")
GEN = generator("ckpt", "tf_frames_ta")

def _import(tmp_path, name):
    path = tmp_path / (name + ".meta")
    path.write_bytes(G[name]["meta"])
    tf.train.import_meta_graph(str(path))
    g = tf.get_default_graph()
    return g, {g.get_tensor_by_name(k): v for k, v in GEN.FEEDS[name].items()}

def _weights(g, case):
    return [g.get_tensor_by_name(n + ":0") for n in case["names"]]

def _build(tmp_path, name, case):
    """Imports TF's forward .meta and builds flowgrad's gradients and SGD step, named."""
    g, _ = _import(tmp_path, name)
    loss = g.get_tensor_by_name("loss:0")
    wvars = [v for v in tf.global_variables() if v.op.name in case["names"]]
    for k, t in enumerate(tf.gradients(loss, _weights(g, case))):
        tf.identity(t, name=f"my_grad_{k}")
    tf.train.GradientDescentOptimizer(0.05).minimize(loss, var_list=wvars, name="my_step")


def _check(case, name):
    g = tf.get_default_graph()
    feeds = {g.get_tensor_by_name(k): v for k, v in GEN.FEEDS[name].items()}
    wvars = [v for n in case["names"] for v in tf.global_variables() if v.op.name == n]
    grads = [f"my_grad_{k}:0" for k in range(len(wvars))]
    with tf.Session() as s:
        s.run("init")
        for v, val in zip(wvars, case["initial"]):
            v.load(val, s)
        got = s.run(["loss:0"] + grads, feeds)
        after = s.run(tf.global_variables())
        losses = [s.run(["loss:0", "my_step"], feeds)[0] for _ in range(2)]
        weights = s.run(tf.global_variables())
    np.testing.assert_allclose(got[0], case["loss"], rtol=1e-5)
    for a, b in zip(got[1:], case["grads"]):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)
    # a stateful op in the loop ran once per iteration of the one run (TF's counts)
    for a, b in zip(after, case["after_grads"]):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(losses, case["losses"], rtol=1e-5)
    for a, b in zip(weights, case["weights"]):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("name", ["stateful", "rnn"])
def test_gradients_and_training_are_tfs(tmp_path, name):
    with tf.Graph().as_default():
        _build(tmp_path, name, G[name])
        _check(G[name], name)


@pytest.mark.parametrize("name", ["stateful", "rnn"])
def test_flowgrads_gradients_of_tf_frames_run_when_read_back_from_a_meta(tmp_path, name):
    """flowgrad's gradients of TF's frames written to a .meta and read back (in a fresh
    graph, and under an import scope) run: a V1FramesGrad op still flowgrad's (`stateful`:
    a ref variable's update in the loop) finds its region again; the dynamic_rnn's is
    written as TF's gradient frame (engine/ops/control_flow_v1_export.py)."""
    with tf.Graph().as_default():
        _build(tmp_path, name, G[name])
        tf.train.export_meta_graph(str(tmp_path / "mine.meta"))
    with tf.Graph().as_default() as g:
        tf.train.import_meta_graph(str(tmp_path / "mine.meta"))
        types = {o.type for o in g.get_operations()}
        assert ("V1FramesGrad" in types) == (name == "stateful")
        assert ("StackPopV2" in types) == (name == "rnn")
        _check(G[name], name)
    with tf.Graph().as_default() as g:
        tf.train.import_meta_graph(str(tmp_path / "mine.meta"), import_scope="s")
        feeds = {g.get_tensor_by_name("s/" + k): v for k, v in GEN.FEEDS[name].items()}
        wvars = [v for n in G[name]["names"] for v in tf.global_variables()
                 if v.op.name == "s/" + n]
        with tf.Session() as s:
            s.run("s/init")
            for v, val in zip(wvars, G[name]["initial"]):
                v.load(val, s)
            got = s.run("s/my_grad_0:0", feeds)
    np.testing.assert_allclose(got, G[name]["grads"][0], rtol=1e-4, atol=1e-6)


def test_gradient_through_a_tf_trained_rnn_meta_equals_tfs_own(tmp_path):
    """A .meta TF wrote after building its own Adam training of a dynamic_rnn (TensorArrays,
    TensorArrayGradV3, stacks): flowgrad's tf.gradients of the loss equals TF's gradient
    tensor in that graph (what ApplyAdam reads), run side by side."""
    case = load("ckpt", "tf_frames")["rnn_train_meta"]
    path = tmp_path / "m.meta"
    path.write_bytes(case["meta"])
    with tf.Graph().as_default() as g:
        tf.train.import_meta_graph(str(path))
        kernel = g.get_tensor_by_name(case["kernel"])
        mine = tf.gradients(g.get_tensor_by_name("loss:0"), kernel)[0]
        adam = next(o for o in g.get_operations() if o.type == "ApplyAdam" and
                    o.inputs[0].op is kernel.op)
        with tf.Session() as s:
            s.run(case["init"])
            a, b = s.run([mine, adam.inputs[9]], {"x:0": case["feed"]})
    assert np.abs(b).max() > 0
    np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-7)


def test_forward_keeps_its_firings_only_in_a_plan_holding_its_gradient(tmp_path):
    """Running the loss alone (no V1FramesGrad in the plan) keeps nothing for a gradient;
    a training run hands the forward's firings to the gradient, which takes them."""
    from flowgrad.engine.ops import control_flow_v1 as v1
    case = G["stateful"]
    with tf.Graph().as_default():
        _build(tmp_path, "stateful", case)
        g = tf.get_default_graph()
        feeds = {g.get_tensor_by_name(k): v for k, v in GEN.FEEDS["stateful"].items()}
        with tf.Session() as s:
            s.run("init")
            s.run("loss:0", feeds)
            assert not v1.tape_stash(s._ctx)
            s.run(["loss:0", "my_grad_0:0"], feeds)
            assert not v1.tape_stash(s._ctx)   # taken by the gradient
            s.run("loss:0", feeds)
            assert not v1.tape_stash(s._ctx)

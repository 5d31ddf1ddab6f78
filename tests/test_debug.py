"""tf.check_numerics, tf.add_check_numerics_ops (against TF 1.14: tests/golden/tools/
gen_check_numerics.py) and flowgrad.debug: nan_origin, dump_run."""
from __future__ import annotations

import json

import numpy as np
import pytest

import flowgrad as tf
import flowgrad.debug as dbg
from goldens import generator, load

GEN = generator("tools", "check_numerics")
WANT = load("tools", "check_numerics")


def _same(got, want):
    if isinstance(want, np.ndarray) or isinstance(got, (np.ndarray, np.generic)):
        np.testing.assert_array_equal(np.asarray(got), np.asarray(want))
    elif isinstance(want, (list, tuple)):
        assert len(got) == len(want), (got, want)
        for a, b in zip(got, want):
            _same(a, b)
    else:
        assert got == want


@pytest.mark.parametrize("case", ["messages", "float64_named", "int_input",
                                  "add_check_numerics_ops", "add_check_numerics_ops_cond",
                                  "add_check_numerics_ops_contexts"])
def test_check_numerics_as_tf(case):
    with tf.Graph().as_default():
        _same(getattr(GEN, "case_" + case)(tf), WANT[case])


def test_check_numerics_gradient_as_tf():
    with tf.Graph().as_default():
        got = GEN.case_gradient(tf)
    want = WANT["gradient"]
    # op names, types and messages as TF's; the gradient's input is Log's gradient (TF names
    # its Mul "mul", flowgrad "Mul": not part of this feature)
    assert [[o[0], o[1], o[3], o[4]] for o in got[0]] == [[o[0], o[1], o[3], o[4]]
                                                          for o in want[0]]
    _same(got[1:], want[1:])


def test_check_numerics_survives_optimization():
    # reached only through control edges, with a constant input: never folded or pruned
    with tf.Graph().as_default():
        c = tf.constant([1.0, np.inf])
        y = tf.identity(tf.constant(1.0))
        with tf.control_dependencies([tf.check_numerics(c, "c")]):
            z = tf.identity(y)
        with tf.Session() as sess:
            for _ in range(3):   # interpreted, compiled, cached
                with pytest.raises(tf.errors.InvalidArgumentError, match="c : Tensor had Inf"):
                    sess.run(z)


def _model():
    x = tf.placeholder(tf.float32, [3], name="x")
    w = tf.Variable([1.0, 2.0, 3.0], name="w")
    h = tf.sqrt(x * w - 1.0)
    loss = tf.reduce_sum(h * 2.0)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    return x, w, loss, train, sess


def test_nan_origin_none_when_finite():
    with tf.Graph().as_default():
        x, _, loss, _, sess = _model()
        assert dbg.nan_origin(sess, loss, {x: [1.0, 1.0, 1.0]}) is None


def test_nan_origin_forward():
    with tf.Graph().as_default():
        x, _, loss, _, sess = _model()
        o = dbg.nan_origin(sess, loss, {x: [0.0, 1.0, 1.0]})
    assert (o.op, o.type, o.phase) == ("Sqrt", "Sqrt", "forward")
    assert o.source.startswith("test_debug.py:") and "tf.sqrt(x * w - 1.0)" in o.source
    [(name, s)] = o.outputs
    assert name == "Sqrt:0" and s["nan"] == 1 and s["pos_inf"] == 0
    [(iname, si)] = o.inputs
    assert iname == "sub:0" and (si["min"], si["max"], si["nan"]) == (-1.0, 2.0, 0)
    assert o.affected == 2      # the Mul and the Sum after it
    text = str(o)
    assert "forward op Sqrt (Sqrt)" in text and "1 NaN" in text and "input  sub:0" in text


def test_nan_origin_backward_and_state():
    with tf.Graph().as_default():
        x, w, loss, train, sess = _model()
        o = dbg.nan_origin(sess, train, {x: [1.0, 0.5, 1.0]})
        assert (o.op, o.type, o.phase) == ("gradients/Sqrt_grad/SqrtGrad", "SqrtGrad",
                                           "backward")
        assert o.outputs[0][1]["pos_inf"] == 2
        assert [n for n, _ in o.inputs] == [
            "Sqrt:0", "gradients/mul_1_grad/tuple/control_dependency:0"]
        # the rerun ran the train op: w now holds -Inf; the next run finds it there
        assert np.isinf(sess.run(w)).sum() == 2
        o = dbg.nan_origin(sess, loss, {x: [1.0, 1.0, 1.0]})
        assert (o.op, o.phase) == ("w", "state") and "already held by w" in str(o)


def test_nan_origin_feed_and_failing_check():
    with tf.Graph().as_default():
        x, _, loss, _, sess = _model()
        o = dbg.nan_origin(sess, loss, {x: [np.nan, 1.0, 1.0]})
        assert (o.op, o.phase) == ("x:0", "feed")
        checked = tf.check_numerics(loss, "loss")
        o = dbg.nan_origin(sess, checked, {x: [0.0, 1.0, 1.0]})
        assert o.op == "Sqrt" and o.check_failures == ["CheckNumerics"]


def test_nan_origin_costs_nothing_when_off():
    # Session.run's plan carries no check: a NaN passes silently as in TF
    with tf.Graph().as_default():
        x, _, loss, _, sess = _model()
        assert np.isnan(sess.run(loss, {x: [0.0, 1.0, 1.0]}))


def test_dump_run(tmp_path):
    with tf.Graph().as_default():
        x, w, loss, train, sess = _model()
        path = str(tmp_path / "run.npz")
        index = dbg.dump_run(sess, [loss, train], {x: [1.0, 1.0, 1.0]}, path)
        on_disk = json.load(open(path + ".json"))
        assert on_disk == index and index["fetches"] == ["Sum:0", "GradientDescent"]
        by_name = {e["tensor"]: e for e in index["tensors"]}
        arrays = np.load(path)
        np.testing.assert_array_equal(arrays[by_name["x:0"]["key"]], [1.0, 1.0, 1.0])
        assert by_name["x:0"]["phase"] == "feed"
        assert by_name["gradients/Sqrt_grad/SqrtGrad:0"]["phase"] == "backward"
        np.testing.assert_allclose(arrays[by_name["Sum:0"]["key"]], 2 * (0 + 1 + np.sqrt(2)),
                                   rtol=1e-6)
        # w as read before the update, not as the update left it
        np.testing.assert_array_equal(arrays[by_name["w/read:0"]["key"]], [1.0, 2.0, 3.0])
        assert not np.array_equal(sess.run(w), [1.0, 2.0, 3.0])


def test_debug_tools_example(capsys, tmp_path):
    import os

    from flowgrad.cli import run_script
    script = os.path.join(os.path.dirname(os.path.dirname(__file__)), "examples",
                          "debug_tools.py")
    trace = str(tmp_path / "trace.json")
    page = str(tmp_path / "graph.html")
    assert run_script(script, [trace, page]) == 0
    out = capsys.readouterr().out
    assert "== plan_cost: " in out and "== profiler: most float ops in " in out
    assert "\nExpensiveOperationChecker:\ntop 1 operation type: " in out
    assert "== race warnings: 1" in out and "== graph viewer written" in out
    assert '<script id="graph-data"' in open(page).read()
    assert "model/w:0: gradient exists" in out and "'Round' (Round)" in out
    assert "model/unused:0: gradient is None: not connected to ys" in out
    assert "reads variable 'model/b' through another tensor" in out
    assert "NaN/Inf first produced by forward op Log (Log), created at debug_tools.py:" in out
    events = json.load(open(trace))["traceEvents"]
    assert any(e["ph"] == "X" and e["args"]["op"] == "MatMul" for e in events)


def test_debug_mlp_example(capsys, tmp_path):
    """Each tool on a 3-layer MLP's Adam training step (examples/debug_mlp.py)."""
    import os

    from flowgrad.cli import run_script
    script = os.path.join(os.path.dirname(os.path.dirname(__file__)), "examples",
                          "debug_mlp.py")
    page = str(tmp_path / "graph.html")
    assert run_script(script, [str(tmp_path / "trace.json"), page]) == 0
    out = capsys.readouterr().out
    assert "layer0/kernel:0: gradient exists" in out and "'Equal:0'" in out
    assert "temperature:0: gradient is None: the path goes through tf.stop_gradient" in out
    assert "NaN/Inf first produced by backward op gradients/Log_grad/Reciprocal" in out
    assert "== timeline: " in out and "== plan_cost: " in out
    peak = out.split("== plan_cost: ")[1].split(" peak ")[1].split(" bytes (measured ")
    assert peak[0] == peak[1].split(")")[0]                 # the planner's peak is exact
    # 32*128+128 + 128*128+128 + 128*10+10 + the temperature
    assert "== profiler: 22027 parameters" in out
    assert "== profiler: most float ops in MatMul" in out
    assert "== profiler: layer1 " in out and "== profiler: ProfileProto of " in out
    assert "== race warnings: 1" in out and "== graph viewer written" in out
    assert '<script id="graph-data"' in open(page).read()

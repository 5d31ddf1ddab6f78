"""tf.profiler.profile / ProfileOptionBuilder against TF 1.14 (tests/golden/tools/
gen_profiler.py: the case functions run here with flowgrad)."""
from __future__ import annotations

import numpy as np
import pytest

import flowgrad as tf
from goldens import generator, load

GEN = generator("tools", "profiler")
WANT = load("tools", "profiler")


def _run(case):
    with tf.Graph().as_default():
        return getattr(GEN, "case_" + case)(tf)


@pytest.mark.parametrize("case", ["dense_flops", "dense_params", "cnn_params",
                                  "cnn_params_depth1", "option_presets"])
def test_as_tf(case):
    assert _run(case) == WANT[case]


def test_cnn_flops_per_op_as_tf():
    # the gradients are TF's ops (the conv input's and the labels' side of `sub` too)
    total, flat = _run("cnn_flops_total")
    want_total, want = WANT["cnn_flops_total"]
    lower = {k.lower(): v for k, v in flat.items()}
    for name, v in want.items():
        if name != "_TFProfRoot":
            assert lower[name.lower()] == v, name
    assert total == want_total


def test_time_and_memory_from_run_metadata(capsys, tmp_path):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [64, 64], name="x")
        with tf.name_scope("block"):
            y = tf.matmul(x, x, name="mm")
            z = tf.reduce_sum(tf.abs(y), name="s")
        sess = tf.Session()
        md = tf.RunMetadata()
        sess.run(z, {x: np.ones((64, 64), np.float32)},
                 options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE), run_metadata=md)
        opts = tf.profiler.ProfileOptionBuilder.time_and_memory(min_micros=0)
        r = tf.profiler.profile(tf.get_default_graph(), run_meta=md, options=opts)
        out = capsys.readouterr().out.splitlines()
        assert out[:3] == ["Parsing Inputs...", "",
                           "=========================Options============================="]
        assert "-select                     bytes,micros" in out
        assert out[out.index("Profile:") + 1] == (
            "node name | requested bytes | total execution time | accelerator execution time "
            "| cpu execution time")
        assert out[-1] == "======================End of Report=========================="
        # the scope "block" has no op of its own (0 bytes < min_bytes): its ops move up;
        # the Sum's scalar and the Const allocate no buffer (0 bytes), and Abs writes
        # into the MatMul's buffer (as TF's kernels forward an input they alone hold)
        names = [c.name for c in r.children]
        assert sorted(names) == ["block/mm"]
        assert r.total_requested_bytes == 64 * 64 * 4
        assert r.total_exec_micros == sum(c.total_exec_micros for c in r.children)
        path = str(tmp_path / "prof.txt")
        opts = (tf.profiler.ProfileOptionBuilder(tf.profiler.ProfileOptionBuilder
                                                 .float_operation())
                .with_file_output(path).build())
        r = tf.profiler.profile(run_meta=md, options=opts)
        text = open(path).read().splitlines()
        assert text[:3] == ["", "Doc:", "scope: The nodes in the model graph are organized by "
                            "their names, which is hierarchical like filesystem."]
        assert text[6:8] == ["node name | # float_ops", "_TFProfRoot (--/528.38k flops)"]
        assert r.total_float_ops == 2 * 64 ** 3 + 64 * 64 - 1


def test_unsupported_arguments_raise():
    with tf.Graph().as_default():
        with pytest.raises(tf.errors.InvalidArgumentError, match="unknown cmd: graphs"):
            tf.profiler.profile(cmd="graphs")
        B = tf.profiler.ProfileOptionBuilder
        with pytest.raises(NotImplementedError, match="select 'device'"):
            tf.profiler.profile(options=B().select(["device"]).build())


def test_flowgrad_profile_command(capsys):
    import os

    from flowgrad.cli import main
    from flowgrad.engine.runtime.session import BaseSession
    run = BaseSession.run
    script = os.path.join(os.path.dirname(os.path.dirname(__file__)), "examples",
                          "linear_regression.py")
    assert main(["profile", script]) == 0
    out = capsys.readouterr().out
    assert "Epoch 200" in out or "epoch" in out.lower()     # the script's own output
    assert "traced Session.run call(s)" in out
    time_part, bytes_part = out.split("Top 15 ops by total time")[1].split(
        "Top 15 ops by output bytes")
    assert "linear_regression.py:" in time_part
    assert "mul (Mul)  linear_regression.py:21  pred = W * X + b" in bytes_part
    assert BaseSession.run is run           # tracing is off again after the command


def test_account_all_ops_not_only_displayed():
    total, children = _run("all_accounted")
    want_total, want_children = WANT["all_accounted"]
    assert children == want_children == []
    assert total == want_total


def test_unimplemented_options_raise():
    with tf.Graph().as_default():
        B = tf.profiler.ProfileOptionBuilder
        for opts in (B.time_and_memory(min_peak_bytes=1),):
            with pytest.raises(NotImplementedError, match="is not supported by flowgrad"):
                tf.profiler.profile(options=opts)


@pytest.mark.parametrize("case", ["dense_flops_text", "dense_params_text",
                                  "dense_op_flops_text", "dense_op_params_text",
                                  "dense_graph_flops_text", "dense_graph_params_text",
                                  "diamond_graph_flops_text", "diamond_graph_by_flops_text",
                                  "diamond_graph_tree", "cnn_graph_flops_forward",
                                  "write_op_log", "op_log_flops_and_types",
                                  "name_regexes_dense_flops", "name_regexes_dense_params",
                                  "name_regexes_diamond_all", "op_log_code_traces",
                                  "serialize_to_string"])
def test_report_text_as_tf(case, capsys):
    """TF's report, byte for byte (file output: Doc and Profile), and the op view's chain
    of MultiGraphNodeProtos."""
    got = _run(case)
    capsys.readouterr()
    assert got == WANT[case]


def test_cnn_op_view_as_tf(capsys):
    text, chain = _run("cnn_op_flops_text")
    want_text, want_chain = WANT["cnn_op_flops_text"]
    assert text.split("Profile:")[0] == want_text.split("Profile:")[0]
    got = {name: sorted(nodes) for name, _, _, nodes in chain}
    for name, _, _, nodes in want_chain:
        assert got.get(name, []) == sorted(nodes), name


def test_op_view_stdout_frame_and_proto(capsys):
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [4, 4])
        tf.matmul(tf.matmul(x, x), x)
        r = tf.profiler.profile(cmd="op",
                                options=tf.profiler.ProfileOptionBuilder.float_operation())
        out = capsys.readouterr().out.splitlines()
    assert r.name == "_TFProfRoot" and type(r).__name__ == "MultiGraphNodeProto"
    assert [c.name for c in r.children] == ["MatMul"] and r.total_float_ops == 256
    assert [g.name for g in r.children[0].graph_nodes] == ["MatMul", "MatMul_1"]
    assert out[out.index("Profile:") + 2] == (
        "MatMul                   256 float_ops (100.00%, 100.00%)")
    assert "op: The nodes are operation kernel type, such as MatMul, Conv2D. Graph nodes "\
           "belonging to the same type are aggregated together." in out


def test_flowgrad_profile_leaves_the_cost_models_probe_alone(capsys):
    """examples/debug_mlp.py runs plan_cost, whose machine probe runs a private graph: the
    profile reports the script's ops only, and the probe's runs are not traced."""
    import os

    from flowgrad.cli import main
    from flowgrad.engine.runtime import cost
    script = os.path.join(os.path.dirname(os.path.dirname(__file__)), "examples",
                          "debug_mlp.py")
    saved = dict(cost._MACHINE)
    cost._MACHINE.clear()           # the probe runs again, under the profile
    try:
        assert main(["profile", script]) == 0
    finally:
        cost._MACHINE.clear()
        cost._MACHINE.update(saved)
    out = capsys.readouterr().out.split("Top 15 ops by total time")[1]
    assert "layer" in out and "plan_cost(" not in out

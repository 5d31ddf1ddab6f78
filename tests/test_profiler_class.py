"""tf.profiler.Profiler (steps; scope, op and code views) and tf.profiler.advise with TF
1.14's checkers."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.profiler.profiler import ALL_ADVICE

B = tf.profiler.ProfileOptionBuilder


def _layer(x, n):
    w = tf.get_variable("w%d" % n, [x.shape[1], n], initializer=tf.ones_initializer())
    return tf.matmul(x, w)


def _model():
    x = tf.placeholder(tf.float32, [8, 3], name="x")
    h = _layer(x, 4)                                    # line A
    y = _layer(h, 2)                                    # line B
    loss = tf.reduce_sum(y * 2.0)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    return x, loss, train


def _traced(sess, fetch, feed):
    md = tf.RunMetadata()
    sess.run(fetch, feed, options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE),
             run_metadata=md)
    return md


def test_profiler_steps_and_views(capsys):
    x, loss, train = _model()
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    feed = {x: np.ones((8, 3), np.float32)}
    prof = tf.profiler.Profiler()
    for step in range(3):
        prof.add_step(step, _traced(sess, train, feed))
    opts = B(B.time_and_memory(min_micros=0, min_bytes=0)).with_empty_output().build()
    scope = prof.profile_name_scope(opts)
    assert scope.name == "_TFProfRoot" and scope.total_exec_micros > 0
    ops = prof.profile_operations(B(B.float_operation()).with_empty_output().build())
    assert type(ops).__name__ == "MultiGraphNodeProto"
    assert ops.children[0].name == "MatMul"
    assert ops.total_float_ops == tf.profiler.profile(
        options=B(B.float_operation()).with_empty_output().build()).total_float_ops
    one = B(B.time_and_memory(min_micros=0, min_bytes=0)).with_empty_output().with_step(1)
    assert prof.profile_name_scope(one.build()).total_requested_bytes == \
        scope.total_requested_bytes                         # same plan every step
    missing = B(B.time_and_memory(min_micros=0)).with_empty_output().with_step(7).build()
    assert prof.profile_name_scope(missing).total_exec_micros == 0
    graph = prof.profile_graph(opts)         # every op once: the same time as the scope view
    assert graph.name == "_TFProfRoot" and graph.total_exec_micros == scope.total_exec_micros
    names = []

    def walk(n):
        names.append(n.name)
        for c in n.children:
            walk(c)
    walk(graph)
    assert len(names) == len(set(names)) and "GradientDescent" in [c.name for c in graph.children]
    assert capsys.readouterr().out.count("Parsing Inputs...") == 6


def test_code_view_groups_ops_by_the_users_call_stack(capsys):
    _model()
    prof = tf.profiler.Profiler(tf.get_default_graph())
    root = prof.profile_python(B(B.float_operation()).build())
    out = capsys.readouterr().out
    assert "code: When python trace is available, the nodes are python lines and their are "\
           "organized by the python call stack." in out
    names = []

    def walk(n):
        names.append(n.name)
        for c in n.children:
            walk(c)
    walk(root)
    # the frames outside the test (pytest's) come first; the test's own frames below them
    model = [n for n in names if n.startswith("test_profiler_class.py:") and
             n.endswith(":_model")]
    assert len(model) == 3                           # the two _layer calls, the loss
    assert len([n for n in names if n.endswith(":_model (gradient)")]) >= 2
    leaf = root
    while leaf.children:
        leaf = leaf.children[0]
    assert leaf.name.endswith(":_layer (gradient)") or leaf.name.endswith(":_layer")
    assert leaf.graph_nodes and leaf.float_ops > 0
    assert root.total_float_ops == sum(c.total_float_ops for c in root.children)
    assert "(0/" in out     # a frame with no op of its own shows 0 self, as TF


def test_advise_checkers(capsys):
    x, loss, train = _model()
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    md = _traced(sess, train, {x: np.ones((8, 3), np.float32)})
    advice = tf.profiler.advise(tf.get_default_graph(), md)
    assert set(advice.checkers) == {"ExpensiveOperationChecker", "OperationChecker",
                                    "AcceleratorUtilizationChecker"}   # JobChecker: internal
    top = advice.checkers["ExpensiveOperationChecker"].reports[0].splitlines()
    assert top[0].startswith("top 1 operation type: ") and ", accelerator: 0us, " in top[0]
    assert advice.checkers["OperationChecker"].reports == []
    assert advice.checkers["AcceleratorUtilizationChecker"].reports == []
    out = capsys.readouterr().out
    assert "\nExpensiveOperationChecker:\ntop 1 operation type: " in out
    prof = tf.profiler.Profiler()
    prof.add_step(0, md)
    only = prof.advise({"OperationChecker": {}})
    assert list(only.checkers) == ["OperationChecker"]
    with pytest.raises(NotImplementedError, match="unknown checker 'Nope'"):
        prof.advise({"Nope": {}})
    assert set(ALL_ADVICE) == {"ExpensiveOperationChecker", "AcceleratorUtilizationChecker",
                               "JobChecker", "OperationChecker"}


def test_operation_checker_batch_norm():
    x = tf.placeholder(tf.float32, [4, 3])
    tf.contrib.layers.batch_norm(x, fused=False, scope="BatchNorm")
    advice = tf.profiler.advise(options={"OperationChecker": {}})
    assert advice.checkers["OperationChecker"].reports == [
        "Maybe use faster FusedBatchNorm instead of BatchNorm"]


def test_profiler_arguments():
    with pytest.raises(AttributeError, match="log_entries"):     # TF merges it at once
        tf.profiler.Profiler(op_log=object())
    with pytest.raises(TypeError, match="tf.Graph"):
        tf.profiler.Profiler(graph="g")

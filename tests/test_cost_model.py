"""The cost model (flowgrad.engine.runtime.plan_cost / cost.op_flops): FLOPs as TF's
RegisterStatistics("flops"), bytes and peak memory from static shapes, a predicted time
from this machine's measured rates. No timing is asserted beyond being positive."""
import numpy as np

import flowgrad as tf
from flowgrad.engine.runtime import plan_cost, plan_memory
from flowgrad.engine.runtime import cost
from flowgrad.engine.runtime.cost import machine, op_flops


def test_op_flops_follow_tfs_registry():
    assert op_flops("MatMul", [(8, 3), (3, 4)], [(8, 4)], {}) == 192
    assert op_flops("MatMul", [(3, 8), (4, 3)], [(8, 4)],
                    {"transpose_a": True, "transpose_b": True}) == 192
    assert op_flops("Mean", [(8, 4)], [()], {}) == 32          # TF: in + out * (1 - 1)
    assert op_flops("Sum", [(8, 4)], [(4,)], {}) == 28         # TF's (in - out) count
    assert op_flops("L2Loss", [(10,)], [()], {}) == 29
    assert op_flops("Conv2D", [(1, 5, 5, 2), (3, 3, 2, 4)], [(1, 5, 5, 4)], {}) == 3600
    assert op_flops("AddN", [(5,), (5,), (5,)], [(5,)], {}) == 10
    assert op_flops("MatMul", [(None, 3), (3, 4)], [(None, 4)], {}) == 0   # unknown: 0
    assert op_flops("Tanh", [(5,)], [(5,)], {}) == 0           # TF registers none


def test_plan_cost_of_a_dense_layer():
    x = tf.placeholder(tf.float32, [64, 32])
    w = tf.Variable(np.ones((32, 16), np.float32))
    y = tf.tanh(tf.matmul(x, w))
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    cost = plan_cost(sess, y, {x: None})
    by_type = {n["type"]: n for n in cost["nodes"]}
    assert cost["tf_flops"] == 2 * 64 * 32 * 16
    mm = by_type["MatMul"]
    assert mm["tf_flops"] == 65536 and mm["bytes"] == (64 * 32 + 32 * 16 + 64 * 16) * 4
    th = by_type["Tanh"]
    assert th["tf_flops"] == 0 and th["flops"] > 64 * 16     # transcendental work counted
    assert th["bytes"] == 2 * 64 * 16 * 4
    assert cost["flops"] >= cost["tf_flops"] and cost["unknown_shapes"] == 0
    assert cost["peak_bytes"] == plan_memory(sess, y, {x: None})["peak_bytes"] > 0
    assert cost["seconds"] > 0 and all(n["seconds"] > 0 for n in cost["nodes"])
    m = cost["machine"]
    assert set(m) == {"flops_per_s", "bytes_per_s", "trans_per_s", "node_s", "run_s",
                      "feed_s", "line_s", "kernel_s", "kernel_default_s", "ew_curve",
                      "trans_curve", "mm_curve"}
    assert machine() == m                                    # measured once per process
    # the calibration plan times each kernel type a dense layer's training step runs
    assert {"MatMul", "Sum", "Reshape", "Relu", "ReluGrad", "Tanh", "Fused[TanhGrad]",
            "VariableV2"} <= set(m["kernel_s"])
    # the update: AssignSub, or AssignSub with its scaling Mul folded in (AssignSub[Mul])
    assert any(k.split("[")[0] == "AssignSub" for k in m["kernel_s"])
    assert [s for s, _ in m["mm_curve"]] == sorted(s for s, _ in m["mm_curve"])


def test_the_rate_curves_interpolate_log_log():
    curve = [(10, 1e-6), (1000, 1e-4), (100000, 1e-2)]
    assert cost._interp(curve, 1) == 1e-6                   # below: the fixed cost
    assert abs(cost._interp(curve, 100) - 1e-5) < 1e-12     # log-log between points
    assert abs(cost._interp(curve, 200000) - 2e-2) < 1e-12  # above: the last rate
    assert cost._data_s(curve, 10) == 0.0 and cost._data_s(curve, 0) == 0.0
    assert abs(cost._data_s(curve, 1000) - (1e-4 - 1e-6)) < 1e-12


def test_node_costs_by_kernel_kind():
    """A global constant costs nothing per run; a kernel type the calibration timed costs
    its fixed cost plus its data; a matmul's data cost follows its float ops."""
    a = tf.placeholder(tf.float32, [256, 256])
    mm = tf.matmul(a, tf.constant(np.ones((256, 256), np.float32)))
    small = tf.matmul(a[:2, :2], tf.constant(np.ones((2, 2), np.float32)))
    cost_ = plan_cost(tf.Session(), [mm, small, tf.reduce_sum(mm, axis=0)], {a: None})
    m = cost_["machine"]
    nodes = {n["name"]: n for n in cost_["nodes"]}
    consts = [n for n in cost_["nodes"] if n["type"] == "Const"]
    assert consts and all(n["seconds"] == 0.0 for n in consts)
    big, tiny = nodes[mm.op.name], nodes[small.op.name]
    fixed = m["line_s"] + m["kernel_s"]["MatMul"]
    assert big["seconds"] == fixed + max(cost._data_s(m["mm_curve"], 2 * 256 ** 3),
                                         cost._data_s(m["ew_curve"], big["bytes"]))
    assert tiny["seconds"] >= fixed and big["seconds"] >= tiny["seconds"]
    total = m["run_s"] + m["feed_s"] + sum(n["seconds"] for n in cost_["nodes"])
    assert abs(cost_["seconds"] - total) < 1e-12


def test_unknown_shapes_are_counted_and_reported():
    x = tf.placeholder(tf.float32, [None, 8])
    y = tf.reduce_sum(tf.matmul(x, tf.ones([8, 2])))
    cost = plan_cost(tf.Session(), y, {x: None})
    assert cost["tf_flops"] == 0 and cost["unknown_shapes"] >= 1


def test_predicted_peak_matches_the_measured_peak():
    x = tf.placeholder(tf.float32, [128, 64])
    h = x
    ws = []
    for i in range(3):
        w = tf.Variable(np.full((64, 64), 0.01, np.float32))
        ws.append(w)
        h = tf.tanh(tf.matmul(h, w))
    grads = tf.gradients(tf.reduce_mean(tf.square(h)), ws)
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    feed = {x: np.ones((128, 64), np.float32)}
    cost = plan_cost(sess, grads, feed)
    md = tf.RunMetadata()
    sess.run(grads, feed, options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE),
             run_metadata=md)
    assert abs(cost["peak_bytes"] - md.peak_bytes) <= 0.1 * md.peak_bytes

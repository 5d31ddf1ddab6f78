"""tensorflow.python.client.timeline: the Chrome trace of a FULL_TRACE run, compared in
structure with TF 1.14's for the same graph (tests/golden/tools/gen_timeline.py)."""
from __future__ import annotations

import json

import numpy as np

import flowgrad as tf
from flowgrad.client import timeline
from flowgrad.engine.framework.config import DeviceStepStats, NodeExecStats, StepStats
from goldens import load

WANT = load("tools", "timeline")["trace"]


def _traced():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2, 3], name="x")
        w = tf.constant(np.ones((3, 4), np.float32), name="w")
        y = tf.nn.relu(tf.matmul(x, w), name="y")
        z = tf.reduce_sum(y, name="z")
        sess = tf.Session()
        md = tf.RunMetadata()
        sess.run(z, {x: np.ones((2, 3))},
                 options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE), run_metadata=md)
        return md


def _strip(e):
    return {k: v for k, v in e.items() if k not in ("ts", "dur")}


def _events(show_memory):
    md = _traced()
    trace = json.loads(timeline.Timeline(md.step_stats).generate_chrome_trace_format(
        show_memory=show_memory))
    assert list(trace) == ["traceEvents"]
    return [_strip(e) for e in trace["traceEvents"]], md


def test_labels_name_inputs_as_tf():
    md = _traced()
    labels = [n.timeline_label for n in md.step_stats.dev_stats[0].node_stats]
    for want in ("MatMul = MatMul(x, w)", "y = Relu(MatMul)", "z = Sum(y, Const)"):
        tf_label = want.replace("(x, w)", "(_arg_x_0_0, w)")
        assert want in labels and tf_label in WANT["labels"]


def test_trace_structure_matches_tf():
    for show_memory, key in ((False, "plain"), (True, "memory")):
        got, _ = _events(show_memory)
        want = WANT[key]
        assert [e for e in got if e["ph"] == "M"] == [e for e in want if e["ph"] == "M"]
        by_name = {(e["ph"], e["name"] if e["ph"] != "X" else e["args"]["name"]): e
                   for e in got}
        for e in want:
            if e["ph"] == "X" and e["args"]["name"] in ("y", "z"):
                assert by_name[("X", e["args"]["name"])] == e
            if e["ph"] in "NOD" and e["name"] in ("w", "y", "z", "MatMul"):
                g = by_name[(e["ph"], e["name"])]
                assert set(g) == set(e) and g["cat"] == e["cat"] and g["pid"] == e["pid"]
                if e["ph"] == "O":
                    assert g["args"] == e["args"]
        # TF's fed _Arg ran in a second lane, so its trace also has flows ("s"/"t")
        assert {e["ph"] for e in got} <= {e["ph"] for e in want}
        counters = [e for e in got if e["ph"] == "C"]
        assert all(e["cat"] == "Memory" and e["name"] == "cpu" and e["pid"] == 0
                   for e in counters)
        assert bool(counters) == show_memory


def test_allocator_maximum_and_memory_counter():
    md = _traced()
    analysis = timeline.Timeline(md.step_stats).analyze_step_stats()
    peak = analysis.allocator_maximums["cpu"]
    assert peak.num_bytes == 48 + 32 and peak.tensors == {"w", "MatMul"}


def test_flows_between_lanes():
    # two overlapping ops take two lanes: the consumer in the other lane gets a flow
    dev = DeviceStepStats(device="/cpu:0")
    dev.node_stats = [
        NodeExecStats(node_name="a", all_start_micros=10, all_end_rel_micros=5,
                      timeline_label="a = Const()"),
        NodeExecStats(node_name="b", all_start_micros=12, all_end_rel_micros=10,
                      timeline_label="b = Neg(a)"),
    ]
    dev.node_stats[0].output = [_out(16)]
    steps = StepStats(dev_stats=[dev])
    events = json.loads(timeline.Timeline(steps).generate_chrome_trace_format())["traceEvents"]
    flows = [e for e in events if e.get("cat") == "DataFlow"]
    assert [(e["ph"], e["name"], e["tid"], e["ts"]) for e in flows] == [("s", "a", 0, 15),
                                                                       ("t", "a", 1, 12)]
    ops = [e for e in events if e["ph"] == "X"]
    assert [(e["name"], e["tid"], e["args"]) for e in ops] == [
        ("Const", 0, {"name": "a", "op": "Const"}),
        ("Neg", 1, {"name": "b", "op": "Neg", "input0": "a"})]


def _out(nbytes):
    from flowgrad.engine.framework.config import (AllocationDescription, NodeOutput,
                                                  TensorDescription)
    td = TensorDescription(dtype="DT_FLOAT", dims=[nbytes // 4])
    td.allocation_description = AllocationDescription(requested_bytes=nbytes,
                                                      allocator_name="cpu")
    return NodeOutput(slot=0, tensor_description=td)


def test_tf_import_path_maps():
    from flowgrad.compat import tf_alias
    assert tf_alias._INTERNAL["tensorflow.python.client.timeline"] == \
        ["flowgrad.client.timeline"]

"""TF 1.14's Timeline.generate_chrome_trace_format for a small graph: the trace's events
without times and pointers (test_timeline.py compares the structure with flowgrad's)."""
import json

import numpy as np


def _strip(event):
    e = dict(event)
    for k in ("ts", "dur"):
        e.pop(k, None)
    if e.get("ph") == "O":
        desc = e["args"]["snapshot"]["tensor_description"]
        keep = [ln for ln in desc.split("\n") if "ptr:" not in ln and "allocation_id" not in ln
                and "has_single_reference" not in ln and "allocated_bytes" not in ln]
        e["args"] = {"snapshot": {"tensor_description": "\n".join(keep)}}
    return e


def case_trace(tf):
    from tensorflow.python.client import timeline
    out = {}
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2, 3], name="x")
        w = tf.constant(np.ones((3, 4), np.float32), name="w")
        y = tf.nn.relu(tf.matmul(x, w), name="y")
        z = tf.reduce_sum(y, name="z")
        sess = tf.Session()
        md = tf.RunMetadata()
        sess.run(z, {x: np.ones((2, 3))},
                 options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE), run_metadata=md)
        dev = [d for d in md.step_stats.dev_stats if d.device.endswith("CPU:0")][0]
        del md.step_stats.dev_stats[:]
        md.step_stats.dev_stats.extend([dev])   # the /host:CPU stream has no flowgrad twin
        out["labels"] = [n.timeline_label for n in dev.node_stats]
        for show_memory in (False, True):
            tl = timeline.Timeline(md.step_stats, graph=sess.graph)
            trace = json.loads(tl.generate_chrome_trace_format(show_memory=show_memory))
            out["memory" if show_memory else "plain"] = [_strip(e) for e in trace["traceEvents"]]
    return out


def cases(tf):
    return {"trace": case_trace(tf)}

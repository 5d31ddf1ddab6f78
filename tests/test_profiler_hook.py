"""ProfilerHook against TF 1.14: the traced steps, timeline-<step>.json files and the
events (graph, meta graph, tagged run metadata) it writes; add_meta_graph's checks."""
import json
import os
import sys

import pytest

import flowgrad as tf

import goldens

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "golden", "monitored"))
import gen_profiler  # noqa: E402

GOLD = goldens.load("monitored", "profiler")


@pytest.fixture(scope="module")
def ours():
    try:
        return gen_profiler.cases(tf)
    finally:
        tf.reset_default_graph()


@pytest.mark.parametrize("case", sorted(GOLD))
def test_profiler_hook_matches_tf(ours, case):
    want, got = GOLD[case], ours[case]
    assert got["files"] == list(want["files"])
    assert [tuple(e) for e in got["events"]] == [tuple(e) for e in want["events"]]
    assert [(list(k), list(n)) for k, n in got["trace_keys"]] == [
        (list(k), list(n)) for k, n in want["trace_keys"]]


def test_timeline_is_chrome_trace_with_the_ops(tmp_path):
    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        train = tf.assign_add(gs, 1, name="step_up")
        hook = tf.train.ProfilerHook(save_steps=2, output_dir=str(tmp_path), show_memory=True)
        with tf.train.MonitoredTrainingSession(hooks=[hook]) as s:
            for _ in range(3):
                s.run(train)
    tf.summary.FileWriterCache.clear()
    with open(tmp_path / "timeline-2.json") as f:
        doc = json.load(f)
    assert any(e.get("args", {}).get("name") == "step_up" for e in doc["traceEvents"])


def test_profiler_hook_needs_a_global_step(tmp_path):
    with tf.Graph().as_default():
        hook = tf.train.ProfilerHook(save_steps=1, output_dir=str(tmp_path))
        with pytest.raises(RuntimeError, match="Global step should be created"):
            hook.begin()
    tf.summary.FileWriterCache.clear()


def test_add_meta_graph_and_run_metadata(tmp_path):
    with tf.Graph().as_default() as g:
        tf.constant(1.0, name="c")
        w = tf.summary.FileWriter(str(tmp_path))
        with pytest.raises(TypeError, match="meta_graph_def must be type MetaGraphDef"):
            w.add_meta_graph(g.as_graph_def())
        from flowgrad.summary.writer import tf_meta_graph_def
        w.add_meta_graph(tf_meta_graph_def(g), global_step=7)
        md = tf.RunMetadata()
        with tf.Session() as s:
            s.run("c:0", options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE),
                  run_metadata=md)
        w.add_run_metadata(md, "step_1")
        with pytest.raises(ValueError, match="already used"):
            w.add_run_metadata(md, "step_1")
        w.close()
    (name,) = [n for n in os.listdir(tmp_path) if n.startswith("events.")]
    events = [tf.summary.Event.FromString(r)
              for r in tf.python_io.tf_record_iterator(str(tmp_path / name))]
    kinds = [(e.WhichOneof("what"), e.step) for e in events]
    assert kinds == [("file_version", 0), ("meta_graph_def", 7), ("tagged_run_metadata", 0)]
    from tensorboard.compat.proto import config_pb2, meta_graph_pb2
    mg = meta_graph_pb2.MetaGraphDef.FromString(events[1].meta_graph_def)
    assert [n.name for n in mg.graph_def.node] == ["c"]
    rm = config_pb2.RunMetadata.FromString(events[2].tagged_run_metadata.run_metadata)
    assert "c" in [n.node_name for d in rm.step_stats.dev_stats for n in d.node_stats]


def _meta_graphs(d):
    from tensorboard.compat.proto import meta_graph_pb2
    out = []
    for name in sorted(os.listdir(d)):
        if name.startswith("events."):
            for r in tf.python_io.tf_record_iterator(os.path.join(d, name)):
                e = tf.summary.Event.FromString(r)
                if e.WhichOneof("what") == "meta_graph_def":
                    out.append(meta_graph_pb2.MetaGraphDef.FromString(e.meta_graph_def))
    return out


def test_checkpoint_saver_hook_writes_meta_graph_with_saver_def(tmp_path):
    with tf.Graph().as_default():
        gs = tf.train.get_or_create_global_step()
        train = tf.assign_add(gs, 1)
        with tf.train.MonitoredTrainingSession(checkpoint_dir=str(tmp_path),
                                               save_summaries_steps=None) as s:
            s.run(train)
    tf.summary.FileWriterCache.clear()
    mgs = _meta_graphs(str(tmp_path))
    # the FileWriter's own (graph passed to it) and the hook's, with the SaverDef (TF 1.14)
    assert len(mgs) == 2
    assert not mgs[0].HasField("saver_def")
    sd = mgs[1].saver_def
    assert (sd.filename_tensor_name, sd.restore_op_name) == ("save/Const:0", "save/restore_all")
    assert "global_step" in [n.name for n in mgs[1].graph_def.node]
    assert "variables" in mgs[1].collection_def

"""ProfilerHook: which steps are traced, the files and events it writes (TF 1.14)."""
import json
import os
import shutil
import tempfile


def _run(tf, save_steps, runs):
    d = tempfile.mkdtemp()
    try:
        g = tf.Graph()
        with g.as_default():
            gs = tf.train.get_or_create_global_step()
            x = tf.Variable(1.0, name="x")
            # the hooks' global step read (TF's cached "global_step_read_op_cache"), made
            # here so that the step runs after it: TF reads the step before or after the
            # update at random otherwise
            with tf.name_scope("global_step/"):
                read = gs + 0
            tf.add_to_collection("global_step_read_op_cache", read)
            with tf.control_dependencies([read]):
                train = tf.group(tf.assign_add(x, 1.0), tf.assign_add(gs, 1))
            hook = tf.train.ProfilerHook(save_steps=save_steps, output_dir=d)
            with tf.train.MonitoredTrainingSession(hooks=[hook]) as s:
                for _ in range(runs):
                    s.run(train)
        tf.summary.FileWriterCache.clear()
        files = sorted(n for n in os.listdir(d) if not n.startswith("events."))
        keys = []
        for n in files:
            with open(os.path.join(d, n)) as f:
                doc = json.load(f)
            names = sorted({e["name"] for e in doc["traceEvents"] if e.get("ph") == "X"})
            keys.append((sorted(doc.keys()), [nm for nm in names if nm == "AssignAdd"]))
        events = []
        for n in sorted(os.listdir(d)):
            if not n.startswith("events."):
                continue
            for rec in tf.python_io.tf_record_iterator(os.path.join(d, n)):
                ev = tf.summary.Event.FromString(rec)
                kind = ev.WhichOneof("what")
                if kind == "tagged_run_metadata":
                    kind += ":" + ev.tagged_run_metadata.tag
                events.append((int(ev.step), kind))
        return {"files": files, "trace_keys": keys, "events": events}
    finally:
        shutil.rmtree(d, ignore_errors=True)


def cases(tf):
    return {
        "every_3_of_10": _run(tf, 3, 10),
        "every_1_of_4": _run(tf, 1, 4),
        "every_5_of_3": _run(tf, 5, 3),
    }

"""tf.train.Supervisor under TF 1.14: default ops, managed_session training, recovery from
logdir, events written, stop semantics (tests/test_supervisor.py runs cases() on flowgrad)."""
import os
import re
import shutil
import tempfile
import time

from gen_monitored import _capture, _clean, _events, _release


def _model(tf):
    gs = tf.train.get_or_create_global_step()
    w = tf.get_variable("w", initializer=tf.constant([0.5, -1.0]))
    loss = tf.reduce_sum(tf.square(w - tf.constant([2.0, 1.0])), name="loss")
    tf.summary.scalar("loss", loss)
    train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=gs)
    return gs, w, loss, train


def _threads(tf):
    """The standard services with long periods: each thread runs once at start (a
    checkpoint at step 0, the summary and global_step/sec at step 0), then sv.stop() joins
    them. The threads race each other, so events and log lines are compared sorted."""
    d = tempfile.mkdtemp()
    handler = _capture(tf)
    try:
        tf.reset_default_graph()
        gs, w, loss, train = _model(tf)
        sv = tf.train.Supervisor(logdir=d, save_summaries_secs=3600, save_model_secs=3600)
        with sv.managed_session() as sess:
            time.sleep(1.0)
            for _ in range(5):
                sess.run(train)
            threads = sorted(type(t).__name__ for t in sv._coord._registered_threads)
            sv.stop()
            stopped = (sv.should_stop(), any(t.is_alive() for t in sv._coord._registered_threads))
        return {"threads": threads, "stopped": stopped,
                "files": sorted(re.sub(r"^events\.out\.tfevents\..*", "EVENTS", f)
                                for f in os.listdir(d)),
                "latest": os.path.relpath(tf.train.latest_checkpoint(d), d),
                "events": sorted(_events(tf, d)), "log": sorted(_clean(handler.lines, d))}
    finally:
        _release(handler)
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def cases(tf):
    out = {("threads/" + k): v for k, v in _threads(tf).items()}
    d = tempfile.mkdtemp()
    handler = _capture(tf)
    try:
        tf.reset_default_graph()
        gs, w, loss, train = _model(tf)
        sv = tf.train.Supervisor(logdir=d, save_summaries_secs=0, save_model_secs=0)
        out["ops"] = {"init_op": sv.init_op.name, "ready_op": sv.ready_op.name,
                      "ready_for_local_init_op": sv.ready_for_local_init_op,
                      "summary_op": sv.summary_op.name, "global_step": sv.global_step.name,
                      "save_path": os.path.relpath(sv.save_path, d),
                      "finalized": tf.get_default_graph().finalized}
        losses = []
        with sv.managed_session() as sess:
            for _ in range(4):
                losses.append(float(sess.run([train, loss])[1]))
            sv.summary_computed(sess, sess.run(sv.summary_op))
            sv.saver.save(sess, sv.save_path, global_step=sv.global_step)
            sv.request_stop()
            out["should_stop"] = sv.should_stop()
        out["losses"] = losses
        out["files"] = sorted(re.sub(r"^events\.out\.tfevents\..*", "EVENTS", f)
                              for f in os.listdir(d))
        out["events"] = _events(tf, d)
        # a new supervisor on the same logdir restores step 4
        tf.reset_default_graph()
        gs, w, loss, train = _model(tf)
        sv = tf.train.Supervisor(logdir=d, save_summaries_secs=0, save_model_secs=0)
        with sv.managed_session() as sess:
            out["restored"] = (int(sess.run(gs)), sess.run(w))
            out["stop_before"] = sv.should_stop()
        # an OutOfRangeError ends the block cleanly; another error is raised again
        tf.reset_default_graph()
        gs, w, loss, train = _model(tf)
        it = tf.data.Dataset.range(3).make_one_shot_iterator().get_next()
        sv = tf.train.Supervisor(logdir=None, save_summaries_secs=0, save_model_secs=0)
        seen = []
        with sv.managed_session() as sess:
            while not sv.should_stop():
                seen.append(int(sess.run(it)))
        out["out_of_range"] = (seen, sv.should_stop())
        try:
            with sv.managed_session() as sess:
                raise ValueError("boom")
        except ValueError as e:
            out["error"] = str(e)
        out["log"] = [x for x in _clean(handler.lines, d)
                      if not x.startswith("Restoring parameters")]
    finally:
        _release(handler)
        shutil.rmtree(d)
    return out

"""CheckpointSaverListener calls under TF 1.14: a CheckpointSaverHook's listeners (begin,
before_save, after_save, end with the global step) interleaved with a SessionRunHook's
calls in a MonitoredTrainingSession and a SingularMonitoredSession, two listeners, a
listener whose after_save asks the loop to stop; the checkpoint files written, the steps in
the `checkpoint` file, the CHECKPOINT session logs and the saver's log lines
(tests/test_checkpoint_listeners.py runs cases() on flowgrad and compares)."""
import os
import re
import shutil
import tempfile

from gen_monitored import _capture, _clean, _events, _model, _release


class _Listener(object):
    """Records its calls as (name, method, global step) in a list shared with a hook;
    after_save returns True from step `stop_at` on (None: never)."""

    def __init__(self, name, calls, stop_at=None):
        self.name, self.calls, self.stop_at = name, calls, stop_at

    def begin(self):
        self.calls.append((self.name, "begin"))

    def before_save(self, session, global_step_value):
        self.calls.append((self.name, "before_save", int(global_step_value),
                           type(global_step_value).__name__))

    def after_save(self, session, global_step_value):
        self.calls.append((self.name, "after_save", int(global_step_value)))
        if self.stop_at is not None and global_step_value >= self.stop_at:
            return True
        return None

    def end(self, session, global_step_value):
        self.calls.append((self.name, "end", int(global_step_value),
                           type(global_step_value).__name__))

    def __repr__(self):
        return "<listener %s>" % self.name


def _listener(tf, name, calls, stop_at=None):
    cls = type("Listener", (_Listener, tf.train.CheckpointSaverListener), {})
    return cls(name, calls, stop_at)


class _Hook(object):
    """A SessionRunHook recording its calls (and the global step it fetched) in `calls`."""

    def __init__(self, calls, gs):
        self.calls, self.gs = calls, gs

    def begin(self):
        self.calls.append(("hook", "begin"))

    def after_create_session(self, session, coord):
        self.calls.append(("hook", "after_create_session", int(session.run(self.gs))))

    def before_run(self, run_context):
        self.calls.append(("hook", "before_run"))
        return self.args_cls(self.gs)

    def after_run(self, run_context, run_values):
        self.calls.append(("hook", "after_run", int(run_values.results)))

    def end(self, session):
        self.calls.append(("hook", "end", int(session.run(self.gs))))


def _hook(tf, calls, gs):
    cls = type("Hook", (_Hook, tf.train.SessionRunHook), {"args_cls": tf.train.SessionRunArgs})
    return cls(calls, gs)


def _files(d):
    return sorted(re.sub(r"^events\.out\.tfevents\..*", "EVENTS", f) for f in os.listdir(d))


def _written(tf, dirs, i):
    """The files of checkpoint dir dirs[i], the lines of its `checkpoint` file (the dirs
    named D0, D1: two hooks sharing one Saver list each other's files; timestamps as T)
    and the events (the hooks' cached summary writers closed first)."""
    tf.summary.FileWriterCache.clear()
    with open(os.path.join(dirs[i], "checkpoint")) as f:
        lines = f.read().splitlines()
    for j, d in enumerate(dirs):
        lines = [line.replace(d, "D%d" % j) for line in lines]
    lines = [re.sub(r"timestamp: \S+", "timestamp: T", line) for line in lines]
    return {"files": _files(dirs[i]), "checkpoint_file": lines,
            "events": _events(tf, dirs[i])}


def _run(tf, make_session):
    """Trains with the session `make_session(gs, calls, dirs)` returns until it stops;
    -> (runs, calls)."""
    tf.reset_default_graph()
    gs, w, loss, train = _model(tf)
    calls = []
    runs = 0
    with make_session(gs, calls) as sess:
        while not sess.should_stop():
            sess.run(train)
            runs += 1
    return runs, calls


def _case(tf, body):
    """Runs body(tf, dirs) with two fresh dirs and the tensorflow log captured; adds the
    log lines (dirs as D0, D1) to its dict."""
    dirs = [tempfile.mkdtemp(), tempfile.mkdtemp()]
    handler = _capture(tf)
    try:
        out = body(tf, dirs)
        log = handler.lines
        for i, d in enumerate(dirs):
            log = [line.replace(d, "D%d" % i) for line in log]
        out["log"] = [line for line in _clean(log, "\0") if not line.startswith("Using config")
                      and ("eckpoint" in line or "Saving" in line)]
        return out
    finally:
        _release(handler)
        tf.summary.FileWriterCache.clear()
        for d in dirs:
            shutil.rmtree(d, ignore_errors=True)


def _mts_explicit(tf, dirs):
    """save_steps=2 over 5 steps: a CheckpointSaverHook given as a chief-only hook of a
    MonitoredTrainingSession without checkpoint_dir, one listener, a StopAtStepHook."""
    def make(gs, calls):
        saver_hook = tf.train.CheckpointSaverHook(
            dirs[0], save_steps=2, listeners=[_listener(tf, "L", calls)])
        return tf.train.MonitoredTrainingSession(
            hooks=[tf.train.StopAtStepHook(num_steps=5), _hook(tf, calls, gs)],
            chief_only_hooks=[saver_hook])
    runs, calls = _run(tf, make)
    return {"runs": runs, "calls": calls, "written": _written(tf, dirs, 0)}


def _mts_two_listeners(tf, dirs):
    """MonitoredTrainingSession's own saver (checkpoint_dir, save_checkpoint_steps=3) and a
    second CheckpointSaverHook (another dir, save_steps=2, two listeners) as chief-only
    hook; the StopAtStepHook and the recording hook after them."""
    def make(gs, calls):
        saver_hook = tf.train.CheckpointSaverHook(
            dirs[1], save_steps=2,
            listeners=[_listener(tf, "A", calls), _listener(tf, "B", calls)])
        return tf.train.MonitoredTrainingSession(
            checkpoint_dir=dirs[0], save_checkpoint_steps=3, save_summaries_steps=None,
            log_step_count_steps=None, chief_only_hooks=[saver_hook],
            hooks=[_hook(tf, calls, gs), tf.train.StopAtStepHook(last_step=5)])
    runs, calls = _run(tf, make)
    return {"runs": runs, "calls": calls, "written_own": _written(tf, dirs, 0),
            "written_explicit": _written(tf, dirs, 1)}


def _stop_after_save(tf, dirs):
    """Listener A's after_save returns True from step 4: the hook asks the loop to stop
    (B's after_save still runs), long before the StopAtStepHook's step 20."""
    def make(gs, calls):
        saver_hook = tf.train.CheckpointSaverHook(
            dirs[0], save_steps=2,
            listeners=[_listener(tf, "A", calls, stop_at=4), _listener(tf, "B", calls)])
        return tf.train.MonitoredTrainingSession(
            hooks=[_hook(tf, calls, gs), tf.train.StopAtStepHook(last_step=20)],
            chief_only_hooks=[saver_hook])
    runs, calls = _run(tf, make)
    return {"runs": runs, "calls": calls, "written": _written(tf, dirs, 0)}


def _singular_saver(tf, dirs):
    """A SingularMonitoredSession with a CheckpointSaverHook given a Saver, save_steps=3,
    a listener stopping from step 6 and the hook before the saver hook."""
    def make(gs, calls):
        saver_hook = tf.train.CheckpointSaverHook(
            dirs[0], save_steps=3, saver=tf.train.Saver(max_to_keep=2),
            checkpoint_basename="m.ckpt", listeners=[_listener(tf, "L", calls, stop_at=6)])
        return tf.train.SingularMonitoredSession(hooks=[_hook(tf, calls, gs), saver_hook])
    runs, calls = _run(tf, make)
    return {"runs": runs, "calls": calls, "written": _written(tf, dirs, 0)}


def _end_saves(tf, dirs):
    """The loop stops at step 5 between saves (save_steps=4): end() saves step 5, then
    calls the listeners' end."""
    def make(gs, calls):
        saver_hook = tf.train.CheckpointSaverHook(
            dirs[0], save_steps=4, listeners=[_listener(tf, "L", calls)])
        return tf.train.MonitoredTrainingSession(
            hooks=[tf.train.StopAtStepHook(last_step=5)], chief_only_hooks=[saver_hook])
    runs, calls = _run(tf, make)
    return {"runs": runs, "calls": calls, "written": _written(tf, dirs, 0)}


def _stop_at_first_save(tf, dirs):
    """after_save returns True from step 0: the save in after_create_session ignores it
    (TF's hook drops _save's answer there); the next save, at step 2, stops the loop."""
    def make(gs, calls):
        saver_hook = tf.train.CheckpointSaverHook(
            dirs[0], save_steps=2, listeners=[_listener(tf, "L", calls, stop_at=0)])
        return tf.train.MonitoredTrainingSession(
            hooks=[_hook(tf, calls, gs), tf.train.StopAtStepHook(last_step=9)],
            chief_only_hooks=[saver_hook])
    runs, calls = _run(tf, make)
    return {"runs": runs, "calls": calls, "written": _written(tf, dirs, 0)}


def _estimator(tf, dirs):
    """Estimator.train(saving_listeners=...) with save_checkpoints_steps=2, 5 steps: the
    listeners go to the Estimator's own CheckpointSaverHook; a hook traces the steps."""
    calls = []

    def model_fn(features, labels, mode):
        w = tf.get_variable("w", initializer=tf.constant([0.5]))
        loss = tf.reduce_mean(tf.square(features * w - labels))
        train_op = tf.train.GradientDescentOptimizer(0.1).minimize(
            loss, global_step=tf.train.get_global_step())
        return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)

    def input_fn():
        return tf.data.Dataset.from_tensors((tf.constant([1.0, 2.0]),
                                             tf.constant([2.0, 3.0]))).repeat()

    class Steps(tf.train.SessionRunHook):
        def begin(self):
            self.gs = tf.train.get_global_step()
            calls.append(("hook", "begin"))

        def before_run(self, run_context):
            return tf.train.SessionRunArgs(self.gs)

        def after_run(self, run_context, run_values):
            calls.append(("hook", "after_run", int(run_values.results)))

        def end(self, session):
            calls.append(("hook", "end"))

    est = tf.estimator.Estimator(model_fn, model_dir=dirs[0], config=tf.estimator.RunConfig(
        save_checkpoints_steps=2, save_summary_steps=None, log_step_count_steps=None))
    est.train(input_fn, steps=5, hooks=[Steps()],
              saving_listeners=[_listener(tf, "A", calls), _listener(tf, "B", calls)])
    out = {"calls": calls, "written": _written(tf, dirs, 0)}
    try:
        est.train(input_fn, steps=1, saving_listeners=[object()])
    except Exception as e:  # noqa: BLE001 - recorded
        out["not_a_listener"] = (type(e).__name__, str(e).split(" given:")[0])
    return out


def cases(tf):
    return {
        "mts_explicit": _case(tf, _mts_explicit),
        "mts_two_listeners": _case(tf, _mts_two_listeners),
        "stop_after_save": _case(tf, _stop_after_save),
        "singular_saver": _case(tf, _singular_saver),
        "end_saves": _case(tf, _end_saves),
        "stop_at_first_save": _case(tf, _stop_at_first_save),
        "estimator": _case(tf, _estimator),
    }

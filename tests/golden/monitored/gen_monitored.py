"""MonitoredTrainingSession, Scaffold and the standard hooks under TF 1.14: hook call order
and arguments, the files and events written for given save_steps, what LoggingTensorHook
prints, recovery after a restart, errors (tests/test_monitored_session.py runs cases() on
flowgrad and compares)."""
import logging
import os
import re
import shutil
import tempfile

import numpy as np


class _Capture(logging.Handler):
    def __init__(self):
        logging.Handler.__init__(self)
        self.lines = []

    def emit(self, record):
        if record.levelno == logging.INFO:  # TF's deprecation warnings are WARNINGs
            self.lines.append(record.getMessage())


def _capture(tf):
    tf.logging.set_verbosity(tf.logging.INFO)
    handler = _Capture()
    logging.getLogger("tensorflow").addHandler(handler)
    return handler


def _release(handler):
    logging.getLogger("tensorflow").removeHandler(handler)


def _clean(lines, d):
    """Log lines without timings and with the temp dir replaced by DIR."""
    out = []
    for line in lines:
        if line.startswith("It seems that global step"):
            continue  # TF reads the step before or after the update at random
        line = line.replace(d, "DIR")
        line = re.sub(r"\(\d+\.\d+ sec\)", "(T sec)", line)
        line = re.sub(r"global_step/sec: \S+", "global_step/sec: R", line)
        out.append(line)
    return out


def _events(tf, d):
    """(step, what) of every event in `d`'s event files."""
    out = []
    for name in sorted(os.listdir(d)):
        if not name.startswith("events.out.tfevents."):
            continue
        for rec in tf.python_io.tf_record_iterator(os.path.join(d, name)):
            ev = tf.summary.Event.FromString(rec)
            kind = ev.WhichOneof("what")
            if kind == "summary":
                what = "summary:" + ",".join(v.tag for v in ev.summary.value)
            elif kind == "session_log":
                what = "session_log:%d" % ev.session_log.status
            else:
                what = kind
            out.append((int(ev.step), what))
    return out


def _ckpt_state(tf, d):
    st = tf.train.get_checkpoint_state(d)
    return {"model": os.path.relpath(st.model_checkpoint_path, d),
            "all": [os.path.relpath(p, d) for p in st.all_model_checkpoint_paths]}


def _model(tf):
    gs = tf.train.get_or_create_global_step()
    w = tf.get_variable("w", initializer=tf.constant([1.0, -2.0]))
    x = tf.constant([[1.0, 2.0], [3.0, 4.0], [0.5, -1.0]])
    y = tf.constant([1.0, 0.0, 2.0])
    loss = tf.reduce_mean(tf.square(tf.linalg.matvec(x, w) - y), name="loss")
    tf.summary.scalar("loss", loss)
    train = tf.train.GradientDescentOptimizer(0.05).minimize(loss, global_step=gs)
    return gs, w, loss, train


class _Trace(object):
    """A hook recording its calls (the global step it fetched)."""

    def __init__(self, tf, calls, gs):
        self.calls, self.gs = calls, gs

    def begin(self):
        self.calls.append(("begin",))

    def after_create_session(self, session, coord):
        self.calls.append(("after_create_session", int(session.run(self.gs))))

    def before_run(self, run_context):
        self.calls.append(("before_run", type(run_context.original_args.fetches).__name__))
        return self.args_cls({"gs": self.gs})

    def after_run(self, run_context, run_values):
        self.calls.append(("after_run", int(run_values.results["gs"])))

    def end(self, session):
        self.calls.append(("end", int(session.run(self.gs))))


def _trace_hook(tf, calls, gs):
    cls = type("Trace", (_Trace, tf.train.SessionRunHook), {"args_cls": tf.train.SessionRunArgs})
    return cls(tf, calls, gs)


def _training(tf):
    out = {}
    d = tempfile.mkdtemp()
    handler = _capture(tf)
    try:
        tf.reset_default_graph()
        gs, w, loss, train = _model(tf)
        calls = []
        hooks = [tf.train.StopAtStepHook(num_steps=7), _trace_hook(tf, calls, gs),
                 tf.train.LoggingTensorHook({"loss": loss, "step": gs}, every_n_iter=3),
                 tf.train.LoggingTensorHook([loss], at_end=True)]
        losses = []
        with tf.train.MonitoredTrainingSession(checkpoint_dir=d, hooks=hooks,
                                               save_checkpoint_steps=3, save_summaries_steps=2,
                                               log_step_count_steps=4) as sess:
            while not sess.should_stop():
                losses.append(sess.run([train, loss])[1])
        out["losses"] = np.array(losses)
        out["calls"] = calls
        out["files"] = sorted(re.sub(r"^events\.out\.tfevents\..*", "EVENTS", f)
                              for f in os.listdir(d))
        out["state"] = _ckpt_state(tf, d)
        out["events"] = _events(tf, d)
        out["log"] = _clean(handler.lines, d)
        out["finalized_after"] = tf.get_default_graph().finalized
        handler.lines[:] = []
        # recovery: a new session on the same dir restores step 7 and continues to 10
        tf.reset_default_graph()
        gs, w, loss, train = _model(tf)
        final = tf.train.FinalOpsHook([gs, w])
        with tf.train.MonitoredTrainingSession(checkpoint_dir=d, save_checkpoint_steps=2,
                                               hooks=[tf.train.StopAtStepHook(last_step=10),
                                                      final],
                                               save_summaries_steps=None,
                                               log_step_count_steps=None) as sess:
            first = int(sess.run(gs))
            runs = 0
            while not sess.should_stop():
                sess.run(train)
                runs += 1
        out["recovered_first_step"] = first
        out["recovered_runs"] = runs
        out["recovered_final"] = final.final_ops_values
        out["recovered_state"] = _ckpt_state(tf, d)
        out["recovered_log"] = _clean(handler.lines, d)
    finally:
        _release(handler)
        shutil.rmtree(d)
    return out


def _preempted(tf):
    """A simulated crash: a hook raises AbortedError (a preempted worker) after step 5;
    the MonitoredTrainingSession closes the session, makes a new one restored from the
    step-3 checkpoint (the hooks' after_create_session runs again) and trains on to 8.
    Then a crash with another error ends the process at step 13, and a restart resumes
    from the step-12 checkpoint."""
    out = {}
    d = tempfile.mkdtemp()
    handler = _capture(tf)

    class Crash(tf.train.SessionRunHook):
        def __init__(self, at, err):
            self.at, self.err, self.done = at, err, False

        def after_run(self, run_context, run_values):
            if run_context.session.run(tf.train.get_global_step()) == self.at and \
                    not self.done:
                self.done = True
                raise self.err
    try:
        tf.reset_default_graph()
        gs, w, loss, train = _model(tf)
        calls, steps = [], []
        with tf.train.MonitoredTrainingSession(
                checkpoint_dir=d, save_checkpoint_steps=3, save_summaries_steps=None,
                log_step_count_steps=None,
                hooks=[tf.train.StopAtStepHook(last_step=8), _trace_hook(tf, calls, gs),
                       Crash(5, tf.errors.AbortedError(None, None, "preempted"))]) as sess:
            while not sess.should_stop():
                steps.append(sess.run([gs, loss, train])[:2])
        out["steps"] = steps
        out["calls"] = calls
        out["state"] = _ckpt_state(tf, d)
        tf.reset_default_graph()
        gs, w, loss, train = _model(tf)
        try:
            with tf.train.MonitoredTrainingSession(
                    checkpoint_dir=d, save_checkpoint_steps=4, save_summaries_steps=None,
                    log_step_count_steps=None,
                    hooks=[tf.train.StopAtStepHook(last_step=20),
                           Crash(13, RuntimeError("crash"))]) as sess:
                while not sess.should_stop():
                    sess.run(train)
        except RuntimeError as e:
            out["crashed"] = str(e)
        out["crashed_state"] = _ckpt_state(tf, d)
        tf.reset_default_graph()
        gs, w, loss, train = _model(tf)
        final = tf.train.FinalOpsHook([gs, w])
        with tf.train.MonitoredTrainingSession(
                checkpoint_dir=d, save_checkpoint_steps=4, save_summaries_steps=None,
                log_step_count_steps=None,
                hooks=[tf.train.StopAtStepHook(last_step=20), final]) as sess:
            out["restarted_at"] = int(sess.run(gs))
            while not sess.should_stop():
                sess.run(train)
        out["restarted_final"] = final.final_ops_values
        out["restarted_state"] = _ckpt_state(tf, d)
        out["log"] = _clean(handler.lines, d)
    finally:
        _release(handler)
        shutil.rmtree(d)
    return out


def _sessions(tf):
    out = {}
    tf.reset_default_graph()
    gs, w, loss, train = _model(tf)
    ds = tf.data.Dataset.range(4).make_one_shot_iterator().get_next()
    seen = []
    with tf.train.MonitoredSession() as sess:
        while not sess.should_stop():
            seen.append(int(sess.run(ds)))
    out["out_of_range"] = seen
    out["unfinalized_after_close"] = not tf.get_default_graph().finalized

    def step_fn(step_context):
        v = step_context.run_with_hooks(train)
        if step_context.session.run(gs) >= 3:
            step_context.request_stop()
        return v

    n = 0
    with tf.train.SingularMonitoredSession() as sess:
        while not sess.should_stop():
            sess.run_step_fn(step_fn)
            n += 1
            if n > 10:
                break
        out["raw_session_step"] = int(sess.raw_session().run(gs))
    out["step_fn_calls"] = n

    scaffold = tf.train.Scaffold()
    with tf.train.MonitoredSession(
            session_creator=tf.train.ChiefSessionCreator(scaffold=scaffold)) as sess:
        out["scaffold"] = {"init_op": scaffold.init_op.name, "ready_op": scaffold.ready_op.name,
                           "ready_for_local_init_op": scaffold.ready_for_local_init_op.name,
                           "local_init_op": scaffold.local_init_op.name,
                           "summary_op": scaffold.summary_op.name,
                           "ready_value": sess.run(scaffold.ready_op)}
    try:
        sess.run(gs)
        out["run_after_close"] = "no error"
    except Exception as e:  # noqa: BLE001
        out["run_after_close"] = type(e).__name__

    tf.reset_default_graph()
    gs, w, loss, train = _model(tf)
    nan = tf.constant(float("nan"))
    try:
        with tf.train.MonitoredSession(hooks=[tf.train.NanTensorHook(nan)]) as sess:
            sess.run(train)
    except Exception as e:  # noqa: BLE001
        out["nan_error"] = (type(e).__name__, str(e))
    with tf.train.MonitoredSession(
            hooks=[tf.train.NanTensorHook(nan, fail_on_nan_loss=False)]) as sess:
        sess.run(train)
        out["nan_stops"] = sess.should_stop()
    p = tf.placeholder(tf.float32, [])
    feeds = iter([1.0, 2.0, 3.0])
    final = tf.train.FinalOpsHook(w * 2.0)
    p10 = p * 10.0
    got = []
    with tf.train.MonitoredSession(hooks=[tf.train.FeedFnHook(lambda: {p: next(feeds)}),
                                          final]) as sess:
        for _ in range(3):
            got.append(float(sess.run(p10)))
        try:
            sess.run(p, feed_dict={p: 5.0})
        except RuntimeError as e:
            out["feed_conflict"] = str(e).split(" Conflict")[0]
    out["fed"] = got
    out["final_ops_values"] = final.final_ops_values
    return out


def _errors(tf):
    out = {}
    checks = {
        "stop_none": lambda: tf.train.StopAtStepHook(),
        "stop_both": lambda: tf.train.StopAtStepHook(num_steps=1, last_step=2),
        "timer_none": lambda: tf.train.SecondOrStepTimer(),
        "timer_both": lambda: tf.train.SecondOrStepTimer(every_secs=1, every_steps=1),
        "log_none": lambda: tf.train.LoggingTensorHook(["a"]),
        "log_zero": lambda: tf.train.LoggingTensorHook(["a"], every_n_iter=0),
        "summary_none": lambda: tf.train.SummarySaverHook(save_steps=1),
        "step_counter_both": lambda: tf.train.StepCounterHook(every_n_steps=1, every_n_secs=1),
        "ckpt_both": lambda: tf.train.CheckpointSaverHook("/tmp/x", save_steps=1,
                                                          saver=object(),
                                                          scaffold=tf.train.Scaffold()),
        "ckpt_neither": lambda: tf.train.CheckpointSaverHook("/tmp/x"),
        "scaffold_copy": lambda: tf.train.Scaffold(copy_from_scaffold=1),
    }
    for name, fn in sorted(checks.items()):
        try:
            fn()
            out[name] = "no error"
        except Exception as e:  # noqa: BLE001
            out[name] = (type(e).__name__, str(e))
    tf.reset_default_graph()
    tf.constant(1.0)
    try:
        tf.train.StopAtStepHook(num_steps=3).begin()
    except Exception as e:  # noqa: BLE001
        out["no_global_step"] = (type(e).__name__, str(e))
    t = tf.train.SecondOrStepTimer(every_steps=3)
    trig = []
    for step in range(8):
        if t.should_trigger_for_step(step):
            trig.append((step, t.update_last_triggered_step(step)[1]))
    out["timer_steps"] = trig
    out["nan_error_str"] = str(tf.train.NanLossDuringTrainingError())
    tf.add_to_collection("two", tf.constant(1.0))
    tf.add_to_collection("two", tf.constant(2.0))
    try:   # TF 1.14 leaves the message's format and arguments apart in the error's args
        tf.train.Scaffold.get_or_default("two", "two", lambda: None)
    except RuntimeError as e:
        out["scaffold_two_items"] = [str(a) for a in e.args]
    return out


def cases(tf):
    out = {}
    out.update(("training/" + k, v) for k, v in _training(tf).items())
    out.update(("sessions/" + k, v) for k, v in _sessions(tf).items())
    out.update(("preempted/" + k, v) for k, v in _preempted(tf).items())
    out.update(("errors/" + k, v) for k, v in _errors(tf).items())
    return out

"""TF 1.14 training-loop infrastructure probed by the ptrain helper: tf.train.Coordinator's
request_stop outside an except block, session config messages' text format, what goes
through tf.logging (the "tensorflow" logger) (tests/test_ptrain.py runs cases() on flowgrad)."""
import logging
import os
import shutil
import tempfile


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append("%s:%s" % (record.levelname, record.getMessage()))


def _outcome(fn):
    """fn()'s value, or the class and message of what it raised."""
    try:
        return ["ok", fn()]
    except Exception as e:  # noqa: BLE001 - the error is the answer
        return [type(e).__name__, str(e)]


def coordinator_request_stop_outside_except(tf):
    """TF keeps sys.exc_info(), not `ex`; with no current exception its log message fails:
    request_stop raises TypeError, the stop is not set, and join/raise_requested_exception
    then re-raise the empty exc_info (calling None)."""
    coord = tf.train.Coordinator()
    out = {"request": _outcome(lambda: coord.request_stop(RuntimeError("x"))),
           "stopped_after": coord.should_stop()}
    coord.request_stop(ValueError("y"))
    out["stopped_after_second"] = coord.should_stop()
    out["raise_requested"] = _outcome(coord.raise_requested_exception)
    out["join"] = _outcome(coord.join)
    coord.clear_stop()
    out["cleared"] = [coord.should_stop(), _outcome(coord.join)]
    return out


def coordinator_request_stop_in_except(tf):
    """Inside the handler the current exception is kept and join re-raises it."""
    coord = tf.train.Coordinator()
    try:
        raise KeyError("k")
    except KeyError as e:
        coord.request_stop(e)
    return {"stopped": coord.should_stop(), "join": _outcome(coord.join)}


def config_text(tf):
    """str() and repr() of ConfigProto / RunOptions / GPUOptions: protobuf text format, fields in
    field-number order, enums by name, maps by key, sub-messages when set (not when only
    read); an empty message prints as ''."""
    c = tf.ConfigProto(allow_soft_placement=True, device_count={"GPU": 0, "CPU": 2},
                       intra_op_parallelism_threads=2)
    c.gpu_options.allow_growth = True
    c.gpu_options.per_process_gpu_memory_fraction = 0.4
    rw = c.graph_options.rewrite_options
    rw.constant_folding = rw.OFF
    rw.memory_optimization = rw.NO_MEM_OPT
    c.graph_options.optimizer_options.opt_level = tf.OptimizerOptions.L0
    c.device_filters.append("/job:ps")
    read_only = tf.ConfigProto()
    read_only.gpu_options.allow_growth     # noqa: B018 - a read: no gpu_options set
    jit = tf.ConfigProto(log_device_placement=True, inter_op_parallelism_threads=1,
                         graph_options=tf.GraphOptions(optimizer_options=tf.OptimizerOptions(
                             global_jit_level=tf.OptimizerOptions.ON_1)))
    return {
        "config": str(c), "config_repr": repr(c), "read_only": str(read_only),
        "explicit_empty": str(tf.ConfigProto(gpu_options=tf.GPUOptions())),
        "jit": str(jit),
        "gpu": str(tf.GPUOptions(allocator_type="BFC", per_process_gpu_memory_fraction=0.333,
                                 visible_device_list="0,1")),
        "run_empty": str(tf.RunOptions()),
        "run_trace": repr(tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)),
        "run_timeout": str(tf.RunOptions(timeout_in_ms=1000,
                                         report_tensor_allocations_upon_oom=True)),
    }


def hook_run_values_options(tf):
    """A SessionRunHook's after_run sees run_values.options: an empty RunOptions (str '')."""
    seen = []

    class Hook(tf.train.SessionRunHook):
        def after_run(self, run_context, run_values):
            seen.append([type(run_values.options).__name__, str(run_values.options)])

    tf.reset_default_graph()
    x = tf.constant(1.0)
    with tf.train.SingularMonitoredSession(hooks=[Hook()]) as sess:
        sess.run(x)
        sess.run(x, options=tf.RunOptions(timeout_in_ms=500))
    return seen


def tf_logging_records(tf):
    """Messages TF logs through tf.logging: an illegal summary name (INFO), an unreadable
    `checkpoint` file (two WARNINGs), several global steps (ERROR)."""
    d = tempfile.mkdtemp()
    handler = _Records()
    logger = logging.getLogger("tensorflow")
    level = logger.level
    logger.addHandler(handler)
    tf.logging.set_verbosity(tf.logging.INFO)
    try:
        g = tf.Graph()
        with g.as_default():
            names = [tf.summary.scalar("val acc(%)", tf.constant(1.0)).name,
                     tf.summary.histogram("w:0", tf.constant([1.0])).name]
            with open(os.path.join(d, "checkpoint"), "w") as f:
                f.write("garbage")
            state = tf.train.get_checkpoint_state(d)
            tf.add_to_collection(tf.GraphKeys.GLOBAL_STEP, tf.Variable(0, name="a"))
            tf.add_to_collection(tf.GraphKeys.GLOBAL_STEP, tf.Variable(0, name="b"))
            step = tf.train.get_global_step()
        lines = [ln.replace(d, "DIR") for ln in handler.lines
                 if "is deprecated" not in ln]   # TF 1.14's deprecation notices
        return {"names": names, "state": state, "step": step, "log": lines}
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        shutil.rmtree(d, ignore_errors=True)


def cases(tf):
    return {
        "coordinator_request_stop_outside_except": coordinator_request_stop_outside_except(tf),
        "coordinator_request_stop_in_except": coordinator_request_stop_in_except(tf),
        "config_text": config_text(tf),
        "hook_run_values_options": hook_run_values_options(tf),
        "tf_logging_records": tf_logging_records(tf),
    }

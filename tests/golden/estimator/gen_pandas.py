"""tf.estimator.inputs.pandas_input_fn under TF 1.14 (with pandas 1.1): the batches of a
DataFrame's columns (in order) and a target (a Series, a DataFrame), num_epochs,
queue_capacity, shuffling (TF's order is not reproducible: random_start comes from
Python's `random` seeded with None, so only the rows seen and the batch sizes are
recorded), the ops it builds, the errors it raises (tests/test_pandas_input_fn.py runs
cases() on flowgrad and compares)."""
import logging

import numpy as np
import pandas as pd

from goldenio import GoldenError


def _frame():
    return pd.DataFrame({"b": np.array([1.0, 2.0, 3.0, 4.0, 5.0]),
                         "a": np.array([10, 20, 30, 40, 50]),
                         "c": np.array([1, 0, 1, 1, 0], np.int32),
                         "d": np.array([0.5, 1.5, 2.5, 3.5, 4.5], np.float32),
                         "e": np.array([True, False, True, False, True])},
                        index=[5, 6, 7, 8, 9])[["b", "a", "c", "d", "e"]]


def _target():
    return pd.Series(np.array([0, 1, 0, 1, 1]), index=[5, 6, 7, 8, 9])


def _value(v):
    """A batch value: a dict as its (key, value) pairs in order."""
    if isinstance(v, dict):
        return [(k, _value(x)) for k, x in v.items()]
    if isinstance(v, tuple):
        return tuple(_value(x) for x in v)
    if isinstance(v, np.ndarray) and v.dtype == object:
        return ("strings", [bytes(b) for b in v])
    return v


def _batches(tf, make_fn, limit=None):
    """The batches input_fn() gives in a MonitoredSession until it stops (or `limit`)."""
    out = []
    with tf.Graph().as_default():
        result = make_fn()()
        with tf.train.MonitoredSession() as sess:
            while not sess.should_stop() and (limit is None or len(out) < limit):
                out.append(_value(sess.run(result)))
    return out


def _graph(tf, make_fn):
    """The ops input_fn() builds: (name, type) and the placeholders' dtypes, the summary."""
    with tf.Graph().as_default() as g:
        make_fn()()
        ops = g.get_operations()
        return {"ops": [(op.name, op.type) for op in ops],
                "placeholders": [op.get_attr("dtype").name for op in ops
                                 if op.type == "Placeholder"],
                "summaries": [t.op.name for t in g.get_collection(tf.GraphKeys.SUMMARIES)],
                "queue_runners": len(g.get_collection(tf.GraphKeys.QUEUE_RUNNERS))}


class _Warnings(logging.Handler):
    def __init__(self):
        logging.Handler.__init__(self)
        self.lines = []

    def emit(self, record):
        if record.levelno == logging.WARNING and "enqueue_data" in record.getMessage():
            self.lines.append(record.getMessage())


def _warnings(tf, make_fn):
    """The warnings input_fn() logs (TF's about several feeding threads)."""
    handler = _Warnings()
    logging.getLogger("tensorflow").addHandler(handler)
    level = tf.logging.get_verbosity()
    tf.logging.set_verbosity(tf.logging.WARN)
    try:
        with tf.Graph().as_default():
            make_fn()()
    finally:
        tf.logging.set_verbosity(level)
        logging.getLogger("tensorflow").removeHandler(handler)
    return handler.lines


def _rows(batches, key):
    """The sorted values of feature `key` over all batches, and the batch sizes."""
    columns = [dict(b[0] if isinstance(b, tuple) else b)[key] for b in batches]
    return {"sorted": np.sort(np.concatenate(columns)), "sizes": [len(c) for c in columns]}


def _err(fn):
    """The error fn raises: its class and first line, without the reprs of pandas Index
    objects (they differ between pandas versions)."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - recorded
        return GoldenError.of(e, str(e).split("\n")[0].split(": Index(")[0])
    return "no error"


def _ordered(tf):
    inputs = tf.estimator.inputs
    x, y = _frame(), _target()
    out = {}
    out["with_target"] = _batches(tf, lambda: inputs.pandas_input_fn(
        x, y, batch_size=2, shuffle=False))
    out["no_target_2_epochs"] = _batches(tf, lambda: inputs.pandas_input_fn(
        x[["a", "b"]], batch_size=4, num_epochs=2, shuffle=False))
    out["epochs_none"] = _batches(tf, lambda: inputs.pandas_input_fn(
        x[["a"]], y, batch_size=3, num_epochs=None, shuffle=False), limit=4)
    out["batch_over_len"] = _batches(tf, lambda: inputs.pandas_input_fn(
        x[["a", "d"]], y, batch_size=8, num_epochs=2, shuffle=False))
    out["frame_target"] = _batches(tf, lambda: inputs.pandas_input_fn(
        x[["b", "a"]], pd.DataFrame({"t2": [0.5] * 5, "t1": [1, 2, 3, 4, 5]},
                                    index=x.index)[["t2", "t1"]],
        batch_size=3, shuffle=False))
    # y's columns named like x's: TF gives them unique keys internally, the target dict
    # keeps y's names
    out["frame_target_same_names"] = _batches(tf, lambda: inputs.pandas_input_fn(
        x[["b", "a"]], pd.DataFrame({"a": [7, 8, 9, 10, 11]}, index=x.index),
        batch_size=5, shuffle=False))
    out["target_column"] = _batches(tf, lambda: inputs.pandas_input_fn(
        x[["a", "e"]], y, batch_size=5, shuffle=False, target_column="label"))
    out["target_named_column_no_y"] = _batches(tf, lambda: inputs.pandas_input_fn(
        pd.DataFrame({"target": [1, 2, 3]}), batch_size=2, shuffle=False))
    out["float_index"] = _batches(tf, lambda: inputs.pandas_input_fn(
        pd.DataFrame({"v": [1.0, 2.0, 3.0]}, index=[0.5, 1.5, 2.5]),
        pd.Series([3, 2, 1], index=[0.5, 1.5, 2.5]), batch_size=2, shuffle=False))
    # object columns and indexes are fed as tf.string
    out["string_column"] = _batches(tf, lambda: inputs.pandas_input_fn(
        pd.DataFrame({"s": ["u", "vw", "x"], "n": [1, 2, 3]})[["s", "n"]],
        pd.Series([b"p", b"q", b"r"]), batch_size=2, shuffle=False))
    out["string_index"] = _batches(tf, lambda: inputs.pandas_input_fn(
        pd.DataFrame({"a": [1, 2]}, index=["p", "q"]), pd.Series([0.5, 1.5], index=["p", "q"]),
        batch_size=2, shuffle=False))
    out["queue_capacity_none"] = _batches(tf, lambda: inputs.pandas_input_fn(
        x[["a"]], batch_size=2, shuffle=False, queue_capacity=None))
    out["queue_capacity_2"] = _batches(tf, lambda: inputs.pandas_input_fn(
        x[["a"]], y, batch_size=3, shuffle=False, queue_capacity=2))
    out["num_epochs_0"] = _batches(tf, lambda: inputs.pandas_input_fn(
        x[["a"]], batch_size=3, num_epochs=0, shuffle=False))

    # numpy_input_fn feeds the same way: num_epochs=0 gives no batch either
    out["numpy_num_epochs_0"] = _batches(tf, lambda: inputs.numpy_input_fn(
        {"a": np.arange(3)}, batch_size=2, num_epochs=0, shuffle=False))
    # the DataFrame is copied when the input_fn is made: later changes are not seen
    frame = pd.DataFrame({"a": [1, 2, 3]})
    fn = inputs.pandas_input_fn(frame, batch_size=3, shuffle=False)
    frame["a"] = [7, 8, 9]
    frame.loc[0, "a"] = 100
    out["copied"] = _batches(tf, lambda: fn)
    return out


def _shuffled(tf):
    inputs = tf.estimator.inputs
    x, y = _frame(), _target()
    out = {}
    out["shuffle_1_epoch"] = _rows(_batches(tf, lambda: inputs.pandas_input_fn(
        x, y, batch_size=2, shuffle=True)), "a")
    out["shuffle_3_epochs"] = _rows(_batches(tf, lambda: inputs.pandas_input_fn(
        x[["a"]], batch_size=4, num_epochs=3, shuffle=True)), "a")
    # each thread reads num_epochs epochs
    out["two_threads"] = _rows(_batches(tf, lambda: inputs.pandas_input_fn(
        x[["a"]], batch_size=5, num_epochs=1, shuffle=False, num_threads=2)), "a")["sorted"]
    batches = _batches(tf, lambda: inputs.pandas_input_fn(
        x[["a", "b"]], y, batch_size=5, shuffle=True))
    out["shuffle_rows_aligned"] = sorted(
        (int(a), float(b), int(t)) for f, tgt in batches
        for a, b, t in zip(dict(f)["a"], dict(f)["b"], tgt))
    return out


def _graphs(tf):
    inputs = tf.estimator.inputs
    x, y = _frame(), _target()
    return {
        "fifo": _graph(tf, lambda: inputs.pandas_input_fn(x, y, batch_size=2, shuffle=False)),
        "shuffle_capacity_none": _graph(tf, lambda: inputs.pandas_input_fn(
            x[["a"]], batch_size=2, shuffle=True, queue_capacity=None)),
        "epochs_none_threads_2": _graph(tf, lambda: inputs.pandas_input_fn(
            x[["a"]], y, batch_size=2, num_epochs=None, shuffle=False, num_threads=2)),
        "string_index": _graph(tf, lambda: inputs.pandas_input_fn(
            pd.DataFrame({"s": ["u", "v"], "f": [1.5, 2.5]}, index=["p", "q"])[["s", "f"]],
            batch_size=2, shuffle=False)),
        "frame_target": _graph(tf, lambda: inputs.pandas_input_fn(
            x[["a"]], pd.DataFrame({"a": [1] * 5, "t": [2.0] * 5}, index=x.index),
            batch_size=2, shuffle=False)),
    }


def _estimator(tf):
    """An Estimator (linear model_fn, constant weights) trained, evaluated and predicting on
    pandas_input_fn: the losses, the evaluation, the predictions."""
    import shutil
    import tempfile
    x = pd.DataFrame({"u": [1.0, 2.0, 3.0, 0.5, -1.0], "v": [0.0, 1.0, -1.0, 2.0, 1.0]})
    y = pd.Series([1.0, 2.5, 2.0, 2.0, 0.0])

    def model_fn(features, labels, mode):
        w = tf.get_variable("w", initializer=tf.constant([0.5, -0.25], tf.float64))
        pred = features["u"] * w[0] + features["v"] * w[1]
        if mode == tf.estimator.ModeKeys.PREDICT:
            return tf.estimator.EstimatorSpec(mode, predictions={"y": pred})
        loss = tf.reduce_mean(tf.square(pred - labels))
        train_op = tf.train.GradientDescentOptimizer(0.1).minimize(
            loss, global_step=tf.train.get_global_step())
        return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)

    losses = []

    class Loss(tf.train.SessionRunHook):
        def before_run(self, run_context):
            return tf.train.SessionRunArgs(tf.get_collection(tf.GraphKeys.LOSSES)[0])

        def after_run(self, run_context, run_values):
            losses.append(float(run_values.results))

    d = tempfile.mkdtemp()
    try:
        est = tf.estimator.Estimator(model_fn, model_dir=d)
        est.train(tf.estimator.inputs.pandas_input_fn(x, y, batch_size=2, num_epochs=None,
                                                      shuffle=False), steps=4, hooks=[Loss()])
        ev = est.evaluate(tf.estimator.inputs.pandas_input_fn(x, y, batch_size=2,
                                                              shuffle=False))
        pred = [p["y"] for p in est.predict(tf.estimator.inputs.pandas_input_fn(
            x, batch_size=3, shuffle=False))]
        return {"losses": np.array(losses), "eval": {k: np.asarray(v) for k, v in ev.items()},
                "predictions": np.array(pred)}
    finally:
        tf.summary.FileWriterCache.clear()
        shutil.rmtree(d, ignore_errors=True)


def _thread_warnings(tf):
    inputs = tf.estimator.inputs
    x = _frame()[["a"]]
    out = {}
    for shuffle in (False, True):
        for threads in (1, 2):
            for epochs in (None, 1):
                out["shuffle_%s_threads_%d_epochs_%s" % (shuffle, threads, epochs)] = \
                    _warnings(tf, lambda: inputs.pandas_input_fn(
                        x, batch_size=2, shuffle=shuffle, num_threads=threads,
                        num_epochs=epochs))
    out["numpy"] = _warnings(tf, lambda: inputs.numpy_input_fn(
        {"a": np.arange(3)}, batch_size=2, shuffle=False, num_threads=2))
    return out


def _errors(tf):
    inputs = tf.estimator.inputs
    x = pd.DataFrame({"a": [1, 2], "target": [0, 1]})

    def call(fn):
        with tf.Graph().as_default():
            return fn()()

    return {
        "shuffle_none": _err(lambda: inputs.pandas_input_fn(x)),
        "shuffle_int": _err(lambda: inputs.pandas_input_fn(x, shuffle=1)),
        "target_clash": _err(lambda: inputs.pandas_input_fn(x, pd.Series([1, 2]),
                                                            shuffle=False)),
        "index_mismatch": _err(lambda: inputs.pandas_input_fn(
            x[["a"]], pd.Series([1, 2], index=[3, 4]), shuffle=False)),
        "index_length": _err(lambda: inputs.pandas_input_fn(
            x[["a"]], pd.Series([1, 2, 3]), shuffle=False)),
        "target_column_int": _err(lambda: inputs.pandas_input_fn(x, shuffle=False,
                                                                 target_column=3)),
        "dict_x": _err(lambda: call(lambda: inputs.pandas_input_fn(
            {"a": np.array([1, 2])}, shuffle=False))),
    }


def cases(tf):
    out = {}
    out.update(("ordered/" + k, v) for k, v in _ordered(tf).items())
    out.update(("shuffled/" + k, v) for k, v in _shuffled(tf).items())
    out.update(("graph/" + k, v) for k, v in _graphs(tf).items())
    out.update(("errors/" + k, v) for k, v in _errors(tf).items())
    out.update(("warnings/" + k, v) for k, v in _thread_warnings(tf).items())
    out["estimator"] = _estimator(tf)
    return out

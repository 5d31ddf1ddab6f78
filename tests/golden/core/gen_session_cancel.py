"""A run in flight when its session closes, and a run past RunOptions.timeout_in_ms, under
TF 1.14 (session_cancel.json) and flowgrad (tests/test_session_cancel.py): the error each run
raises (class, first line, the op it names), which of its ops ran, and the session's state
afterwards. A py_func inside the step sets an Event, so the closing thread knows the run is
in flight; nothing here depends on timing but the two timeout cases (a 50 ms deadline on a
loop that never ends, and on a py_func that sleeps 0.3 s). Valid Python 3.7."""
import re
import threading
import time

LONG = 1000000000     # iterations: a loop that does not end by itself


def _err(e):
    """The class, first line, op and node line (the file's folder dropped) of error `e`."""
    return [type(e).__name__, str(e).split("\n")[0], getattr(e.op, "name", None),
            [re.sub(r"defined at \S*/", "defined at ", ln.strip())
             for ln in str(e).split("\n")[1:2]]]


def _run(sess, fetch, **kw):
    try:
        got = sess.run(fetch, **kw)
        return ["value", repr(got)]
    except Exception as e:  # noqa: BLE001 - the case records the error
        return _err(e)


def _in_flight(tf, sess, fetch, started, then, release=None):
    """Runs `fetch` on a thread; once the step's py_func set `started`, calls `then(sess)`
    (then sets `release`, which the py_func may wait for); the run's result."""
    res = {}

    def go():
        res["run"] = _run(sess, fetch)
    t = threading.Thread(target=go)
    t.start()
    started.wait(60)
    then(sess)
    if release is not None:
        release.set()
    t.join(120)
    res["ended"] = not t.is_alive()
    return res


def _loop(tf, started, name):
    def mark(x):
        started.set()
        return x
    x = tf.py_func(mark, [tf.constant(0.0)], tf.float32, name="mark")
    cond, body = (lambda i, a: i < LONG), (lambda i, a: (i + 1, a + 1.0))
    return tf.while_loop(cond, body, [tf.constant(0), x], name=name)  # (one line: 3.7's)


def close_loop(tf):
    """close() while a while_loop iterates: the loop stops at its next iteration; the
    session refuses runs; a new Session on the graph has its own (uninitialized)
    variables."""
    started = threading.Event()
    with tf.Graph().as_default() as g:
        v = tf.Variable(3.0, name="v")
        r = _loop(tf, started, "lp")
        sess = tf.Session(graph=g)
        sess.run(v.initializer)
        out = _in_flight(tf, sess, r, started, lambda s: s.close())
        out["after"] = _run_py(lambda: sess.run(v))
        s2 = tf.Session(graph=g)
        out["new_session"] = _run(s2, v)
        s2.run(v.initializer)
        out["new_session_init"] = _run(s2, v)
        s2.close()
    return out


def _run_py(fn):
    try:
        return ["value", repr(fn())]
    except Exception as e:  # noqa: BLE001
        return [type(e).__name__, str(e)]


def close_nested(tf):
    """close() while an outer loop runs an inner one (the inner loop's ten iterations run in
    each outer one): a loop's LoopCond fails."""
    started = threading.Event()
    with tf.Graph().as_default() as g:
        def mark(x):
            started.set()
            return x
        x = tf.py_func(mark, [tf.constant(0)], tf.int32, name="mark")
        r = tf.while_loop(lambda i: i < LONG,
                          lambda i: tf.while_loop(lambda j: j < i + 10, lambda j: j + 1, [i]),
                          [x], name="outer")
        sess = tf.Session(graph=g)
        out = _in_flight(tf, sess, r, started, lambda s: s.close())
    # (which LoopCond TF names is a race: the class and the derived message only)
    out["run"] = out["run"][:2]
    return out


def close_imported(tf):
    """close() while a loop imported from a GraphDef (TF's frame ops: Enter, Merge,
    LoopCond, Switch, NextIteration, Exit) iterates; then a deadline on it."""
    started = threading.Event()

    def mark(x):
        started.set()
        return x
    with tf.Graph().as_default() as g0:
        cond, body = (lambda i, a: i < LONG), (lambda i, a: (i + 1, a + 1.0))
        tf.while_loop(cond, body, [tf.constant(0), tf.constant(0.0, name="a0")], name="lp")
    gd = g0.as_graph_def()
    with tf.Graph().as_default() as g:
        x = tf.py_func(mark, [tf.constant(0.0)], tf.float32, name="mark")
        exit_1, feeds = ["lp/Exit_1:0"], {"a0:0": x}
        r = tf.import_graph_def(gd, input_map=feeds, return_elements=exit_1, name="im")
        sess = tf.Session(graph=g)
        out = _in_flight(tf, sess, r, started, lambda s: s.close())
        sess = tf.Session(graph=g)
        out["timeout"] = _run(sess, r, options=tf.RunOptions(timeout_in_ms=50))
        sess.close()
    return out


def close_chain(tf, last=False):
    """close() while a py_func of the step runs (waiting for an Event the closing thread sets
    after close): the step's later ops still run (TF's executor does not stop between ops),
    then the run fails with the session's "Run call was cancelled"."""
    started, release = threading.Event(), threading.Event()
    log = []

    def a(x):
        started.set()
        release.wait(60)
        log.append("a")
        return x

    def b(x):
        log.append("b")
        return x
    with tf.Graph().as_default() as g:
        v = tf.Variable(1.0, name="v")
        x = tf.py_func(a, [v.read_value()], tf.float32, name="a")
        if last:
            fetch = x
        else:
            with tf.control_dependencies([x]):
                y = tf.py_func(b, [tf.constant(2.0)], tf.float32, name="b")
            fetch = [y, tf.assign_add(v, y)]
        sess = tf.Session(graph=g)
        sess.run(v.initializer)
        out = _in_flight(tf, sess, fetch, started, lambda s: s.close(), release)
        out["log"] = log
    return out


def close_with_block(tf):
    """The `with tf.Session()` block ends (close) while a loop of its run iterates."""
    started = threading.Event()
    res = {}
    with tf.Graph().as_default():
        r = _loop(tf, started, "lp")
        with tf.Session() as sess:
            def go():
                res["run"] = _run(sess, r)
            t = threading.Thread(target=go)
            t.start()
            started.wait(60)
        t.join(120)
        res["ended"] = not t.is_alive()
    return res


def timeout_loop(tf):
    """RunOptions.timeout_in_ms on a loop that never ends: the session's DeadlineExceeded
    (no op named); the session goes on (its variables kept)."""
    started = threading.Event()
    with tf.Graph().as_default():
        v = tf.Variable(5.0, name="v")
        r = _loop(tf, started, "lp")
        sess = tf.Session()
        sess.run(v.initializer)
        out = {"run": _run(sess, r, options=tf.RunOptions(timeout_in_ms=50))}
        out["after"] = _run(sess, v)
        out["again"] = _run(sess, r[0], options=tf.RunOptions(timeout_in_ms=50))
        sess.close()
    return out


def timeout_chain(tf):
    """A deadline that passes while a py_func sleeps: the later ops run, the run fails."""
    log = []

    def a(x):
        time.sleep(0.3)
        log.append("a")
        return x

    def b(x):
        log.append("b")
        return x
    with tf.Graph().as_default():
        x = tf.py_func(a, [tf.constant(1.0)], tf.float32, name="a")
        with tf.control_dependencies([x]):
            y = tf.py_func(b, [tf.constant(2.0)], tf.float32, name="b")
        sess = tf.Session()
        out = {"run": _run(sess, y, options=tf.RunOptions(timeout_in_ms=50))}
        out["log"] = list(log)
        out["after"] = _run(sess, y)
        sess.close()
    return out


def cases(tf):
    return {"close_loop": close_loop(tf), "close_nested": close_nested(tf),
            "close_imported": close_imported(tf),
            "close_chain": close_chain(tf), "close_last": close_chain(tf, last=True),
            "close_with_block": close_with_block(tf), "timeout_loop": timeout_loop(tf),
            "timeout_chain": timeout_chain(tf)}

"""tf.train.Coordinator and QueueRunner under TF 1.14: exceptions from threads re-raised
by join (first one wins, clean-stop types, OutOfRangeError), grace periods, wait_for_stop,
a QueueRunner whose enqueue fails (thread names, queue closed, to_proto), the
constructors' errors, and num_epochs without its counter initialized.
tests/test_pqueue_coord.py runs the same `cases` with flowgrad."""
import re
import threading
import time


def _try(f):
    try:
        return f()
    except Exception as e:  # noqa: BLE001
        msg = getattr(e, "message", None) or str(e)
        return (type(e).__name__, msg.split("\n")[0])


def _run_thread(f, name=None):
    t = threading.Thread(target=f, name=name)
    t.start()
    return t


def coordinator(tf):
    out = {}
    coord = tf.train.Coordinator()

    def bad():
        with coord.stop_on_exception():
            raise ValueError("boom")
    t = _run_thread(bad)
    out["join"] = _try(lambda: coord.join([t]))
    out["should_stop"] = coord.should_stop()
    out["join_again"] = _try(lambda: coord.join([t]))
    coord.clear_stop()
    out["cleared"] = coord.should_stop()

    clean = tf.train.Coordinator(clean_stop_exception_types=[ValueError])

    def bad2():
        with clean.stop_on_exception():
            raise ValueError("clean")
    out["clean_type"] = _try(lambda: clean.join([_run_thread(bad2)]))

    oor = tf.train.Coordinator()

    def bad3():
        try:
            raise tf.errors.OutOfRangeError(None, None, "done")
        except tf.errors.OutOfRangeError as e:
            oor.request_stop(e)
    out["out_of_range"] = _try(lambda: oor.join([_run_thread(bad3)]))

    grace = tf.train.Coordinator()
    t = _run_thread(lambda: time.sleep(1.5), name="sleeper")
    grace.request_stop()
    out["grace"] = _try(lambda: grace.join([t], stop_grace_period_secs=0.2))
    out["grace_ignored"] = _try(lambda: grace.join([t], stop_grace_period_secs=0.2,
                                                   ignore_live_threads=True))
    t.join()

    first = tf.train.Coordinator()
    out["wait"] = first.wait_for_stop(0.1)
    for m in ["first", "second"]:
        try:
            raise RuntimeError(m)
        except RuntimeError as e:
            first.request_stop(e)
    out["first_wins"] = _try(lambda: first.join([]))
    out["raise_requested"] = _try(first.raise_requested_exception)
    out["not_handling"] = _try(lambda: tf.train.Coordinator().request_stop(RuntimeError("x")))
    return out


def queue_runner(tf):
    out = {}
    q = tf.FIFOQueue(10, tf.float32, shapes=[[]])
    bad = tf.check_numerics(tf.constant(1.0) / tf.constant(0.0), "bad value")
    qr = tf.train.QueueRunner(q, [q.enqueue(bad)])
    with tf.Session() as sess:
        coord = tf.train.Coordinator()
        threads = qr.create_threads(sess, coord=coord, start=True)
        out["join"] = _try(lambda: coord.join(threads))
        out["threads"] = sorted(t.name for t in threads)
        out["exceptions"] = [type(e).__name__ for e in qr.exceptions_raised]
        out["closed"] = sess.run(q.is_closed())
    out["proto"] = str(qr.to_proto())
    out["no_ops"] = _try(lambda: tf.train.QueueRunner(q, []))
    out["nothing"] = _try(tf.train.QueueRunner)
    out["both"] = _try(lambda: tf.train.QueueRunner(q, queue_runner_def=qr.to_proto()))
    out["bad_types"] = _try(lambda: tf.train.QueueRunner(q, [q.enqueue(1.0)],
                                                         queue_closed_exception_types=[]))
    out["no_session"] = _try(tf.train.start_queue_runners)
    return out


def epochs(tf):
    """limit_epochs' counter and its end; a num_epochs producer whose local variable was
    never initialized (the runner thread's error, re-raised by join)."""
    out = {}
    le = tf.train.limit_epochs(tf.constant([1, 2]), 2)
    count = tf.train.limit_epochs(tf.constant(5))
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        out["limited"] = [_try(lambda: sess.run(le)) for _ in range(4)]
        out["unlimited"] = [sess.run(count) for _ in range(3)]
        out["counters"] = [(v.op.name, sess.run(v)) for v in tf.local_variables()]
    tf.reset_default_graph()
    q = tf.train.string_input_producer(["a"], num_epochs=1)
    d = q.dequeue()
    with tf.Session() as sess:
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess, coord)
        out["dequeue"] = re.sub(r"'_\d+_", "'_N_", str(_try(lambda: sess.run(d))))
        out["join"] = _try(lambda: coord.join(threads))
    return out


CASES = [coordinator, queue_runner, epochs]


def cases(tf):
    out = {}
    for fn in CASES:
        tf.reset_default_graph()
        out[fn.__name__] = fn(tf)
    return out

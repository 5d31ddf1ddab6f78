"""Queues, Coordinator and QueueRunner against TF 1.14 (tests/golden/queues/gen_queues.py
runs the same code under the oracle): op names and shapes, dequeue orders of seeded
RandomShuffleQueues, closing rules, error messages; blocking, waking and cancelling."""
import importlib.util
import threading
import time

import numpy as np
import pytest

import flowgrad as tf
from goldens import load, path

_spec = importlib.util.spec_from_file_location("gen_queues", path("queues", "gen_queues.py"))
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)
GOLD = load("queues", "queues")


def _same(got, want, where=""):
    if isinstance(want, dict):
        assert isinstance(got, dict) and sorted(got) == sorted(want), where
        for k in want:
            _same(got[k], want[k], f"{where}[{k!r}]")
    elif isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), (where, got, want)
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{where}[{i}]")
    elif isinstance(want, np.ndarray) or isinstance(got, np.ndarray):
        g, w = np.asarray(got), np.asarray(want)
        assert g.dtype == w.dtype and g.shape == w.shape, (where, got, want)
        np.testing.assert_array_equal(g, w, err_msg=where)
    else:
        assert got == want, (where, got, want)


@pytest.mark.parametrize("fn", gen.CASES, ids=[f.__name__ for f in gen.CASES])
def test_as_tf(fn):
    tf.reset_default_graph()
    try:
        got = fn(tf)
    finally:
        tf.reset_default_graph()
    _same(got, GOLD[fn.__name__], fn.__name__)


def test_blocked_dequeue_wakes_on_enqueue_close_and_session_close():
    with tf.Graph().as_default():
        q = tf.FIFOQueue(2, tf.int32, shapes=[[]])
        d, e, c = q.dequeue(), q.enqueue(7), q.close()
        sess = tf.Session()
        got = []

        def worker():
            try:
                got.append(sess.run(d))
            except tf.errors.OpError as err:
                got.append(type(err).__name__)
        for action, want in [(lambda: sess.run(e), 7), (lambda: sess.run(c), "OutOfRangeError")]:
            t = threading.Thread(target=worker)
            t.start()
            time.sleep(0.2)
            assert t.is_alive() and not got         # blocked
            action()
            t.join(5)
            assert not t.is_alive() and got == [want]
            got.clear()
        sess2 = tf.Session()
        t = threading.Thread(target=lambda: got.append(_err_of(sess2, d)))
        t.start()
        time.sleep(0.2)
        sess2.close()
        t.join(5)
        assert not t.is_alive()
        assert got == [("CancelledError", "Dequeue operation was cancelled")]


def _err_of(sess, fetch):
    try:
        sess.run(fetch)
    except tf.errors.OpError as e:
        return type(e).__name__, e.message.split("\n")[0]


def test_blocked_enqueue_on_full_queue_and_timeout():
    with tf.Graph().as_default():
        q = tf.FIFOQueue(1, tf.int32, shapes=[[]])
        e = q.enqueue(1)
        sess = tf.Session()
        sess.run(e)
        opts = tf.RunOptions(timeout_in_ms=100)
        t0 = time.monotonic()
        with pytest.raises(tf.errors.DeadlineExceededError, match="Timed out waiting"):
            sess.run(e, options=opts)
        assert time.monotonic() - t0 < 2
        with pytest.raises(tf.errors.DeadlineExceededError):
            sess.run(q.dequeue_many(3), options=opts)
        assert sess.run(q.size()) == 1             # nothing lost by the failed dequeue
        got = []
        t = threading.Thread(target=lambda: got.append(_err_of(sess, e)))
        t.start()
        time.sleep(0.2)
        sess.run(q.close(cancel_pending_enqueues=True))
        t.join(5)
        # TF 1.14's CloseAndCancel (a waiting enqueue is cancelled, not refused as closed)
        assert got[0] == ("CancelledError", "Enqueue operation was cancelled")


def test_dequeue_many_collects_as_elements_arrive():
    with tf.Graph().as_default():
        q = tf.FIFOQueue(10, tf.int32, shapes=[[]])
        dm = q.dequeue_many(4)
        x = tf.placeholder(tf.int32, [None])
        em = q.enqueue_many([x])
        sess = tf.Session()
        got = []
        t = threading.Thread(target=lambda: got.append(sess.run(dm)))
        t.start()
        for v in ([1], [2, 3], [4, 5]):
            time.sleep(0.05)
            sess.run(em, {x: v})
        t.join(5)
        np.testing.assert_array_equal(got[0], [1, 2, 3, 4])
        assert sess.run(q.size()) == 1


def test_queue_runner_and_coordinator():
    with tf.Graph().as_default():
        q = tf.FIFOQueue(4, tf.float32, shapes=[[]])
        v = tf.Variable(0.0)
        enq = q.enqueue(tf.assign_add(v, 1.0))
        qr = tf.train.QueueRunner(q, [enq] * 3)
        tf.train.add_queue_runner(qr)
        assert tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS) == [qr]
        x = q.dequeue()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            coord = tf.train.Coordinator()
            threads = tf.train.start_queue_runners(sess, coord=coord)
            assert len(threads) == 4 and all(t.daemon for t in threads)
            assert qr.create_threads(sess) == []    # already running in this session
            vals = [sess.run(x) for _ in range(20)]
            assert len(set(vals)) == 20
            coord.request_stop()
            coord.join(threads, stop_grace_period_secs=5)
            assert not any(t.is_alive() for t in threads)
            assert sess.run(q.is_closed())


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_queue_runner_reports_errors_to_coordinator():
    with tf.Graph().as_default():
        q = tf.FIFOQueue(4, tf.float32, shapes=[[]])
        bad = tf.py_func(_raise, [], tf.float32)
        qr = tf.train.QueueRunner(q, [q.enqueue(bad)])
        sess = tf.Session()
        coord = tf.train.Coordinator()
        threads = qr.create_threads(sess, coord=coord, start=True)
        with pytest.raises(tf.errors.InvalidArgumentError, match="ValueError: broken input"):
            coord.join(threads, stop_grace_period_secs=5)
        # no coordinator: the error is kept in exceptions_raised
        threads = qr.create_threads(sess, start=True)
        for t in threads:
            t.join(5)
        assert [type(e).__name__ for e in qr.exceptions_raised] == ["InvalidArgumentError"]


def _raise():
    raise ValueError("broken input")


def test_last_runner_thread_closes_the_queue_on_out_of_range():
    with tf.Graph().as_default():
        src = tf.FIFOQueue(10, tf.int32, shapes=[[]])
        dst = tf.FIFOQueue(10, tf.int32, shapes=[[]])
        qr = tf.train.QueueRunner(dst, [dst.enqueue(src.dequeue())] * 2)
        sess = tf.Session()
        sess.run(src.enqueue_many([[1, 2, 3]]))
        sess.run(src.close())
        threads = qr.create_threads(sess, start=True)
        for t in threads:
            t.join(5)
        assert sorted(sess.run(dst.dequeue_up_to(10))) == [1, 2, 3]
        assert sess.run(dst.is_closed())


def test_coordinator_api():
    coord = tf.train.Coordinator()
    assert not coord.should_stop() and not coord.wait_for_stop(0.01)
    coord.request_stop(tf.errors.OutOfRangeError(None, None, "end"))   # a clean stop
    assert coord.should_stop()
    coord.join([])
    coord.clear_stop()
    assert not coord.should_stop() and not coord.joined
    with coord.stop_on_exception():
        raise RuntimeError("first")
    coord.request_stop(ValueError("second"))           # only the first is kept
    with pytest.raises(RuntimeError, match="first"):
        coord.raise_requested_exception()
    with pytest.raises(RuntimeError, match="first"):
        coord.join()
    coord.clear_stop()
    ev = threading.Event()
    t = threading.Thread(target=ev.wait, name="straggler")
    t.start()
    coord.request_stop()
    with pytest.raises(RuntimeError, match="Coordinator stopped with threads still running: "
                                           "straggler"):
        coord.join([t], stop_grace_period_secs=0.01)
    coord.clear_stop()
    coord.request_stop()
    coord.join([t], stop_grace_period_secs=0.01, ignore_live_threads=True)
    ev.set()
    t.join()


def test_looper_thread():
    coord = tf.train.Coordinator()
    calls = []
    looper = tf.train.LooperThread.loop(coord, 0.01, calls.append, args=(1,))
    time.sleep(0.1)
    coord.request_stop()
    coord.join([looper], stop_grace_period_secs=2)
    assert calls and not looper.is_alive()


def test_start_queue_runners_needs_a_session():
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="No default session is registered"):
            tf.train.start_queue_runners()
        with pytest.raises(TypeError, match="sess must be a `tf.Session` object"):
            tf.train.start_queue_runners(sess=object())


def test_queue_runners_survive_a_meta_graph_round_trip(tmp_path):
    with tf.Graph().as_default():
        q = tf.train.string_input_producer(["a", "b", "c"], num_epochs=1, shuffle=False)
        tf.Variable(1.0)
        with tf.Session() as sess:
            sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
            prefix = tf.train.Saver().save(sess, str(tmp_path / "m"))
        want = [(r.name, [o.name for o in r.enqueue_ops], r.close_op.name, r.cancel_op.name)
                for r in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)]
        assert q.name == "input_producer"
    with tf.Graph().as_default() as g:
        tf.train.import_meta_graph(prefix + ".meta")
        runners = tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)
        assert [(r.name, [o.name for o in r.enqueue_ops], r.close_op.name, r.cancel_op.name)
                for r in runners] == want
        assert runners[0].queue_closed_exception_types == (tf.errors.OutOfRangeError,)
        with tf.Session() as sess:
            sess.run(tf.local_variables_initializer())
            coord = tf.train.Coordinator()
            threads = tf.train.start_queue_runners(sess, coord=coord)
            x = g.get_operation_by_name("input_producer").outputs[0]
            deq = tf.QueueBase([tf.string], [[]], None, x).dequeue_up_to(5)
            assert list(sess.run(deq)) == [b"a", b"b", b"c"]
            coord.request_stop()
            coord.join(threads, stop_grace_period_secs=5)


def test_waiting_dequeues_are_served_in_arrival_order():
    """As TF's QueueBase: the first DequeueUpTo waiting completes before a later one takes
    an element (the batches' composition does not depend on which thread wakes first)."""
    import threading
    import time

    from flowgrad.engine.ops.queues import Queue
    q = Queue("FIFOQueue", "q", [tf.int32], [()], 100)
    got = {}

    def take(who):
        got[who] = [int(e[0]) for e in q.dequeue_elements(3, allow_small=True)]

    threads = []
    for who in ("first", "second"):
        threads.append(threading.Thread(target=take, args=(who,)))
        threads[-1].start()
        while len(q.line) < len(threads):   # the attempt is waiting in the line
            time.sleep(0.001)
    q.enqueue_elements([(np.int32(0),)])
    time.sleep(0.05)   # the second attempt wakes too: it must not take element 1
    q.enqueue_elements([(np.int32(i),) for i in range(1, 5)])
    with q.cond:
        q.closed = True
        q.cond.notify_all()
    for t in threads:
        t.join(10)
    assert got == {"first": [0, 1, 2], "second": [3, 4]}

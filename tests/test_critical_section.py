"""tf.CriticalSection against TF 1.14 (tests/golden/core/gen_critical_section.py), and its
mutual exclusion across concurrent Session.run threads."""
import sys
import threading
import time

import numpy as np
import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("core", "critical_section")
GOLDEN = goldens.load("core", "critical_section")["build"]
FROM_PROTO = goldens.load("core", "critical_section")["from_proto"]
MORE = goldens.load("core", "critical_section")["more"]
RETURNS = goldens.load("core", "critical_section")["returns"]
CLOSE = goldens.load("core", "critical_section")["close_while_waiting"]


def test_results_of_each_kind_match_tf114():
    """fn's results: a number becomes a Const in the tuple's scope, a variable is read
    inside its control_dependency scope after the gate, ops of one op gate once."""
    got = gen.returns(tf)
    assert sorted(got) == sorted(RETURNS)
    for key, (ops, value) in RETURNS.items():
        assert got[key][0] == ops, key
        got_flat, want_flat = tf.nest.flatten(got[key][1]), tf.nest.flatten(value)
        assert len(got_flat) == len(want_flat), key
        for g, w in zip(got_flat, want_flat):
            assert np.asarray(g).dtype == w.dtype and np.array_equal(g, w), key


def test_tf_test_cases_match_tf114():
    """Recursive access through a section of the same shared_name, executions capturing
    another's result (no deadlock), two sections requesting one resource, a section in a
    while_loop body, fn returning only an Operation or None."""
    assert gen.more(tf) == MORE


def test_from_proto_raises_as_tf114():
    assert gen.from_proto(tf) == FROM_PROTO


def test_matches_tf114():
    with tf.Graph().as_default():
        got = gen.build(tf)
    for key in GOLDEN:
        assert got[key] == GOLDEN[key], key
    assert sorted(got) == sorted(GOLDEN)


def _counter(use_resource, delay_ops=20):
    """A read-modify-write of a variable in a section; a reference variable's write is an
    unlocked assign (use_locking=False): only the section keeps updates from being lost."""
    if use_resource:
        v = tf.get_variable("v", initializer=0.0, use_resource=True)
    else:
        v = tf.Variable(0.0, name="v")
    cs = tf.CriticalSection()

    def rmw():
        x = v.read_value() if use_resource else v + 0.0
        y = x
        for _ in range(delay_ops):   # a long read-modify-write: threads switch inside it
            y = y + 0.0
        write = (v.assign(y + 1.0, read_value=False) if use_resource else
                 tf.assign(v, y + 1.0, use_locking=False))
        with tf.control_dependencies([write]):
            return tf.identity(x)
    return v, cs.execute(rmw)


def _hammer(sess, fetch, threads=8, runs=40):
    seen, errors = [], []

    def work():
        try:
            for _ in range(runs):
                seen.append(float(sess.run(fetch)))
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)
    ts = [threading.Thread(target=work) for _ in range(threads)]
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)   # threads switch between kernels (without the section,
    try:                          # the unguarded read-modify-writes lose updates)
        for t in ts:
            t.start()
        for t in ts:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert not errors, errors
    return seen


@pytest.mark.parametrize("use_resource", [True, False])
def test_threads_get_the_exact_total(use_resource):
    with tf.Graph().as_default():
        v, out = _counter(use_resource)
        with tf.Session() as sess:
            sess.run(v.initializer)
            seen = _hammer(sess, out)
            assert sess.run(v) == 8 * 40
            # every thread saw a distinct snapshot: no two read-modify-writes overlapped
            assert sorted(seen) == [float(i) for i in range(8 * 40)]


def test_a_failing_run_releases_the_lock():
    with tf.Graph().as_default():
        v = tf.get_variable("v", initializer=0.0, use_resource=True)
        p = tf.placeholder(tf.float32, [None])
        cs = tf.CriticalSection()
        out = cs.execute(lambda: v.assign_add(tf.reduce_sum(tf.reshape(p, [2, 1]))))
        with tf.Session() as sess:
            sess.run(v.initializer)
            with pytest.raises(tf.errors.InvalidArgumentError):
                sess.run(out, {p: [1.0, 2.0, 3.0]})
            assert sess.run(out, {p: [1.0, 2.0]}) == 3.0


def test_a_lock_taken_and_never_consumed_is_released_with_the_run():
    with tf.Graph().as_default():
        v = tf.get_variable("v", initializer=1.0, use_resource=True)
        cs = tf.CriticalSection()
        inner = []

        def fn():
            inner.append(v.read_value() * 3.0)
            return inner[0]
        out = cs.execute(fn)
        with tf.Session() as sess:
            sess.run(v.initializer)
            assert sess.run(inner[0]) == 3.0   # takes the lock, never reaches the consume
            assert sess.run(out) == 3.0        # would wait forever if the lock were held


def _until(pred):
    """Waits (up to a minute) for another thread to reach a state; no timing asserted."""
    end = time.monotonic() + 60
    while not pred():
        assert time.monotonic() < end, "state not reached"
        time.sleep(0.005)


def _held_section():
    """A section whose first execution holds the lock while its fn dequeues from an empty
    queue, and a second execution that must wait for it."""
    q = tf.FIFOQueue(4, tf.float32)
    v = tf.get_variable("v", initializer=1.0, use_resource=True)
    cs = tf.CriticalSection()
    hold = cs.execute(lambda: q.dequeue() + v.read_value(), exclusive_resource_access=False)
    other = cs.execute(lambda: v.read_value() * 2.0, exclusive_resource_access=False)
    return q, v, hold, other


def _mutex(sess):
    (m,) = sess._ctx.__dict__["mutexes"].values()
    return m


def _start(results, key, fn):
    def run():
        try:
            results[key] = fn()
        except Exception as e:  # noqa: BLE001 - compared below
            results[key] = e
    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def test_a_waiting_lock_fails_past_the_run_deadline():
    """TF: the run's RunOptions.timeout_in_ms cancels the waiting MutexLock
    (DeadlineExceededError); the holder then finishes and the section works on."""
    with tf.Graph().as_default():
        q, v, hold, other = _held_section()
        sess = tf.Session()
        sess.run(v.initializer)
        sess.run(other)                       # makes the session's mutex
        res = {}
        a = _start(res, "a", lambda: sess.run(hold))
        _until(lambda: _mutex(sess).owner is not None)
        b = _start(res, "b", lambda: sess.run(other, options=tf.RunOptions(timeout_in_ms=50)))
        b.join(60)
        assert not b.is_alive(), "the waiting lock ignored the run's deadline"
        assert isinstance(res["b"], tf.errors.DeadlineExceededError), res["b"]
        assert "Timed out waiting for notification" in str(res["b"])
        assert _mutex(sess).waiting == 0
        sess.run(q.enqueue(4.0))
        a.join(60)
        assert not a.is_alive() and res["a"] == 5.0
        assert sess.run(other) == 2.0
        sess.close()


def test_closing_the_session_cancels_a_waiting_lock():
    """Session.close while one run holds the section (waiting in a dequeue) and another
    waits for its lock: both runs end, cancelled (TF's "Lock acquisition cancelled.")."""
    with tf.Graph().as_default():
        _, v, hold, other = _held_section()
        sess = tf.Session()
        sess.run(v.initializer)
        sess.run(other)
        res = {}
        a = _start(res, "a", lambda: sess.run(hold))
        _until(lambda: _mutex(sess).owner is not None)
        b = _start(res, "b", lambda: sess.run(other))
        _until(lambda: _mutex(sess).waiting == 1)
        sess.close()
        a.join(60)
        b.join(60)
        assert not a.is_alive() and not b.is_alive()
        assert isinstance(res["a"], tf.errors.CancelledError), res["a"]
        assert isinstance(res["b"], tf.errors.CancelledError), res["b"]
        assert "Lock acquisition cancelled." in str(res["b"])


def test_closing_the_session_cancels_a_waiting_lock_as_tf114():
    """The waiting run's error as TF 1.14's (a derived CancelledError). (TF also fails the
    run in flight with "Run call was cancelled", as flowgrad: tests/test_session_cancel.py.)"""
    got = gen.close_while_waiting(tf, lambda sess: _until(lambda: _mutex(sess).waiting == 1))
    assert [got["b"], got["b_ended"], got["a_ended"]] == \
        [CLOSE["b"], CLOSE["b_ended"], CLOSE["a_ended"]]

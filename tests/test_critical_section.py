"""tf.CriticalSection against TF 1.14 (tests/golden/core/gen_critical_section.py), and its
mutual exclusion across concurrent Session.run threads."""
import sys
import threading

import pytest

import flowgrad as tf
import goldens

gen = goldens.generator("core", "critical_section")
GOLDEN = goldens.load("core", "critical_section")["build"]
FROM_PROTO = goldens.load("core", "critical_section")["from_proto"]


def test_from_proto_raises_as_tf114():
    assert gen.from_proto(tf) == FROM_PROTO


def test_matches_tf114():
    with tf.Graph().as_default():
        got = gen.build(tf)
    for key in GOLDEN:
        assert got[key] == GOLDEN[key], key
    assert sorted(got) == sorted(GOLDEN)


def _counter(delay_ops=20):
    v = tf.get_variable("v", initializer=0.0, use_resource=True)
    cs = tf.CriticalSection()

    def rmw():
        x = v.read_value()
        y = x
        for _ in range(delay_ops):   # a long read-modify-write: threads switch inside it
            y = y + 0.0
        with tf.control_dependencies([v.assign(y + 1.0, read_value=False)]):
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


def test_threads_get_the_exact_total():
    with tf.Graph().as_default():
        v, out = _counter()
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

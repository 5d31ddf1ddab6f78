"""Session API: fetch structures, feeds, errors, default sessions, threads (TF 1.14 goldens)."""
import collections
import io
import threading

import numpy as np
import pytest
from framework_golden import case_names, check

import flowgrad as tf


@pytest.mark.parametrize("name", case_names("cases_session"))
def test_matches_tf114(name):
    check("cases_session", name)


def test_runs_only_the_ops_the_fetches_need():
    v = tf.Variable(0.0, name="v")
    bump = tf.assign_add(v, 1.0)
    out = io.StringIO()
    printed = tf.print("ran", output_stream=out)
    x = tf.constant(2.0) * 3.0
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(x) == 6.0
        assert sess.run(v) == 0.0 and out.getvalue() == ""
        sess.run([bump, printed])
        assert sess.run(v) == 1.0 and out.getvalue() == "ran\n"


def test_a_fed_tensor_cuts_the_graph():
    v = tf.Variable(0.0, name="v")
    bump = tf.assign_add(v, 1.0)
    y = bump * 2.0
    with tf.Session() as sess:
        sess.run(v.initializer)
        assert sess.run(y, {bump: 10.0}) == 20.0
        assert sess.run(v) == 0.0          # the fed AssignAdd did not run
        assert sess.run(y) == 2.0


def test_plans_are_cached_per_fetches_and_feed_keys():
    x = tf.placeholder(tf.float32, [], name="x")
    y = x * 2.0
    with tf.Session() as sess:
        for i in range(5):
            assert sess.run(y, {x: float(i)}) == 2.0 * i
        assert len(sess._plans) == 1
        sess.run([y], {x: 1.0})
        sess.run(y, {"x:0": 1.0})
        assert len(sess._plans) == 3


def test_operation_fetch_returns_none_and_variable_fetch_its_value():
    v = tf.Variable([1.0, 2.0])
    Pair = collections.namedtuple("Pair", "op var")
    with tf.Session() as sess:
        assert sess.run(Pair(v.initializer, v.initializer)) == Pair(None, None)
        r = sess.run(Pair(v.initializer, v.value()))
        assert r.op is None and r.var.tolist() == [1.0, 2.0]
        assert sess.run({"v": v})["v"].tolist() == [1.0, 2.0]


def test_fetched_scalars_are_numpy_scalars():
    with tf.Session() as sess:
        r = sess.run(tf.constant(2.5))
    assert isinstance(r, np.float32)


def test_feed_checks_shape_and_dtype():
    x = tf.placeholder(tf.int32, [None, 2], name="x")
    with tf.Session() as sess:
        with pytest.raises(ValueError, match=r"Cannot feed value of shape \(3,\) for Tensor "
                                             r"'x:0', which has shape '\(\?, 2\)'"):
            sess.run(x, {x: [1, 2, 3]})
        with pytest.raises(TypeError, match="is not compatible with Tensor type tf.int32"):
            sess.run(x, {x: 2 ** 40})
        assert sess.run(x, {x: np.ones((1, 2), np.float64)}).dtype == np.int32


def test_string_feeds_reach_ops_as_utf8_bytes():
    """As TF 1.14: str elements of a fed list, unicode array or object array are UTF-8 bytes
    to the ops (a fetched placeholder gives its feed back as it was given)."""
    p = tf.placeholder(tf.string)
    i = tf.identity(p)
    want = np.array([b"x", b"\xc3\xa9"], object)
    with tf.Session() as sess:
        for feed in (["x", "\u00e9"], np.array(["x", "\u00e9"]),
                     np.array(["x", "\u00e9"], object), np.array([b"x", "\u00e9"], object)):
            got = sess.run(i, {p: feed})
            assert got.dtype == object and got.tolist() == want.tolist(), feed
        assert sess.run(i, {p: "x"}) == b"x"


def test_make_callable_matches_run():
    x = tf.placeholder(tf.float32, [None], name="x")
    y = tf.reduce_sum(x * x)
    with tf.Session() as sess:
        f = sess.make_callable(y, [x])
        g = sess.make_callable([y, x], feed_list=[x])
        assert f([1.0, 2.0]) == sess.run(y, {x: [1.0, 2.0]}) == 5.0
        assert g(np.array([3.0]))[0] == 9.0
        sess.close()
        with pytest.raises(RuntimeError, match="closed Session"):
            f([1.0])


def test_make_callable_passes_run_options_and_metadata():
    # TF 1.14 (_generic_run): a callable with a feed_list gives options and run_metadata to
    # run, so FULL_TRACE fills step_stats with the nodes that ran, with or without
    # accept_options, and with fewer values than feeds too
    a = tf.placeholder(tf.float32, [2], name="a")
    c = tf.placeholder(tf.float32, [], name="c")
    r = tf.reduce_sum(a * c, name="r")
    opts = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
    with tf.Session() as sess:
        for accept in (True, False):
            f = sess.make_callable(r, feed_list=[a, c], accept_options=accept)
            md = tf.RunMetadata()
            assert f([1.0, 2.0], 3.0, options=opts, run_metadata=md) == 9.0
            names = {n.node_name for d in md.step_stats.dev_stats for n in d.node_stats}
            assert {"mul", "r"} <= names and "a" not in names   # (fed: TF runs no node)
        md = tf.RunMetadata()
        g = sess.make_callable(r, feed_list=[a, c, a])
        assert g([1.0, 2.0], 2.0, options=opts, run_metadata=md) == 6.0
        assert "r" in {n.node_name for d in md.step_stats.dev_stats for n in d.node_stats}


def test_session_is_safe_from_several_threads():
    x = tf.placeholder(tf.float64, [None], name="x")
    ys = [tf.reduce_sum(x * float(k)) for k in range(4)]
    v = tf.Variable(np.arange(3.0))
    z = v * 2.0
    errors = []
    with tf.Session() as sess:
        sess.run(v.initializer)

        def work(seed):
            rng = np.random.RandomState(seed)
            try:
                for i in range(200):
                    k = (seed + i) % 4
                    data = rng.rand(5)
                    got = sess.run(ys[k], {x: data})
                    if not np.isclose(got, data.sum() * k):
                        errors.append((seed, i, got))
                    if sess.run(z).tolist() != [0.0, 2.0, 4.0]:
                        errors.append((seed, i, "z"))
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=work, args=(s,)) for s in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []


def test_default_session_stack_is_thread_local():
    sess = tf.Session(graph=tf.get_default_graph())
    seen = []
    with sess.as_default():
        t = threading.Thread(target=lambda: seen.append(tf.get_default_session()))
        t.start()
        t.join()
        assert tf.get_default_session() is sess
    assert seen == [None]


def test_error_hierarchy():
    assert issubclass(tf.errors.FailedPreconditionError, tf.errors.OpError)
    assert issubclass(tf.errors.OpError, Exception)
    v = tf.Variable(1.0, name="weights")
    with tf.Session() as sess, pytest.raises(tf.errors.FailedPreconditionError,
                       match="Attempting to use uninitialized value weights") as e:
        sess.run(v + 1.0)
    assert e.value.error_code == tf.errors.FAILED_PRECONDITION


def test_with_session_makes_its_graph_the_default():
    g = tf.Graph()
    with tf.Session(graph=g) as sess:
        assert tf.get_default_graph() is g and tf.get_default_session() is sess
        c = tf.constant(1.0)
    assert c.graph is g and tf.get_default_graph() is not g

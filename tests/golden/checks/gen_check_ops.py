"""TF 1.14's check_ops (tf.assert_*, tf.debugging.*) and tf.Assert (tests/test_check_ops.py):
the ops each builds (names and types: an Assert guarded by a cond unless all its data are
strings or int32), what running it gives for passing and failing feeds (error class and the
message's first line), the build-time errors when values or ranks are known, and a
graph-seeded random op made after the checks (its numbers depend on the op count)."""
import numpy as np

F = np.float32


def _first_line(e):
    return [type(e).__name__, str(getattr(e, "message", e)).split("\n")[0]]


def _build(tf, fn):
    """Ops fn adds to a fresh graph, and the result of running it on each feed."""
    with tf.Graph().as_default() as g:
        tf.set_random_seed(7)
        x = tf.placeholder(tf.float32, [None], name="x")
        y = tf.placeholder(tf.float32, [None], name="y")
        i = tf.placeholder(tf.int32, None, name="i")
        n0 = len(g.get_operations())
        check, feeds = fn(tf, x, y, i)
        ops = [[o.name, o.type] for o in g.get_operations()[n0:]]
        r = tf.random_uniform([3])
        out = {"ops": ops, "check": [type(check).__name__, check.name], "runs": []}
        with tf.Session() as sess:
            out["random"] = sess.run(r).tolist()
            for feed in feeds:
                feed = {g.get_tensor_by_name(k + ":0"): v for k, v in feed.items()}
                try:
                    sess.run(check, feed)
                    out["runs"].append(None)
                except tf.errors.OpError as e:
                    out["runs"].append(_first_line(e))
        return out


OK_BAD = [{"x": F([1, 2]), "y": F([1, 2])}, {"x": F([1, 2]), "y": F([1, 3])}]
POS = [{"x": F([1, 2])}, {"x": F([-1, 0])}, {"x": F([0, 0])}]

BUILDS = {
    "Assert_float": lambda tf, x, y, i: (tf.Assert(tf.reduce_all(x > 0), [x]), POS),
    "Assert_int": lambda tf, x, y, i: (tf.Assert(tf.reduce_all(i > 0), ["i is", i],
                                                 summarize=2, name="chk"),
                                       [{"i": np.array([1, 2, 3], np.int32)},
                                        {"i": np.array([1, -2, 3], np.int32)}]),
    "equal": lambda tf, x, y, i: (tf.assert_equal(x, y), OK_BAD),
    "none_equal": lambda tf, x, y, i: (tf.assert_none_equal(x, y, message="m"),
                                       [{"x": F([1, 2]), "y": F([3, 4])}, OK_BAD[0]]),
    "less": lambda tf, x, y, i: (tf.assert_less(x, y), [{"x": F([0]), "y": F([1])}, OK_BAD[0]]),
    "less_equal": lambda tf, x, y, i: (tf.assert_less_equal(x, y), [OK_BAD[0],
                                                                     {"x": F([2]), "y": F([1])}]),
    "greater": lambda tf, x, y, i: (tf.assert_greater(x, y, summarize=1), [
        {"x": F([2, 3]), "y": F([1, 1])}, OK_BAD[0]]),
    "greater_equal": lambda tf, x, y, i: (tf.assert_greater_equal(x, y, name="ge"), [
        OK_BAD[0], {"x": F([0]), "y": F([1])}]),
    "negative": lambda tf, x, y, i: (tf.assert_negative(x), [{"x": F([-1])}, {"x": F([0])}]),
    "positive": lambda tf, x, y, i: (tf.assert_positive(x), POS),
    "non_negative": lambda tf, x, y, i: (tf.assert_non_negative(x), POS),
    "non_positive": lambda tf, x, y, i: (tf.assert_non_positive(x), [{"x": F([0, -1])},
                                                                      {"x": F([1])}]),
    "near": lambda tf, x, y, i: (tf.assert_near(x, y, rtol=0.1), [
        {"x": F([1.0]), "y": F([1.05])}, {"x": F([1.0]), "y": F([2.0])}]),
    "rank_dynamic": lambda tf, x, y, i: (tf.assert_rank(i, 2), [
        {"i": np.zeros((2, 2), np.int32)}, {"i": np.zeros(3, np.int32)}]),
    "rank_static": lambda tf, x, y, i: (tf.assert_rank(x, 1), [{"x": F([1])}]),
    "rank_at_least": lambda tf, x, y, i: (tf.assert_rank_at_least(i, 1), [
        {"i": np.zeros(3, np.int32)}, {"i": np.int32(3)}]),
    "rank_in": lambda tf, x, y, i: (tf.assert_rank_in(i, [0, 2]), [
        {"i": np.int32(3)}, {"i": np.zeros(3, np.int32)}]),
    "rank_tensor": lambda tf, x, y, i: (tf.assert_rank(x, tf.placeholder(tf.int32, [],
                                                                          name="r")), [
        {"x": F([1]), "r": np.int32(1)}, {"x": F([1]), "r": np.int32(2)}]),
    "integer": lambda tf, x, y, i: (tf.assert_integer(i), [{}]),
    "type": lambda tf, x, y, i: (tf.assert_type(x, tf.float32), [{}]),
    "all_finite": lambda tf, x, y, i: (tf.verify_tensor_all_finite(x, "bad x"), [
        {"x": F([1])}, {"x": F([np.inf])}]),
    "debugging_all_finite": lambda tf, x, y, i: (tf.debugging.assert_all_finite(
        x=x, message="m"), [{"x": F([np.nan])}]),
    "non_decreasing": lambda tf, x, y, i: (tf.is_non_decreasing(x), [
        {"x": F([1, 1, 2])}, {"x": F([1])}]),
    "strictly_increasing": lambda tf, x, y, i: (tf.math.is_strictly_increasing(x), [
        {"x": F([1, 1, 2])}]),
}


def _static_errors(tf):
    out = {}
    tries = {
        "equal": lambda: tf.assert_equal(tf.constant([1, 2]), tf.constant([1, 3])),
        "equal_ok": lambda: tf.assert_equal(tf.constant([1, 2]), [1, 2]).type,
        "rank": lambda: tf.assert_rank(tf.constant([1, 2]), 2, message="msg"),
        "rank_at_least": lambda: tf.assert_rank_at_least(tf.zeros([2]), 3),
        "rank_in": lambda: tf.assert_rank_in(tf.zeros([2]), [0, 2]),
        "rank_not_scalar": lambda: tf.assert_rank(tf.zeros([2]), [1, 2]),
        "rank_type": lambda: tf.assert_rank(tf.zeros([2]), tf.constant(1, tf.int64)),
        "integer": lambda: tf.assert_integer(tf.zeros([2])),
        "type": lambda: tf.assert_type(tf.zeros([2]), tf.int32, message="m"),
        "scalar": lambda: tf.assert_scalar(tf.zeros([2])),
        "scalar_ok": lambda: tf.assert_scalar(tf.constant(1.0)).name,
        "same_float": lambda: tf.assert_same_float_dtype([tf.zeros([1]),
                                                          tf.zeros([1], tf.float64)]),
        "same_float_int": lambda: tf.assert_same_float_dtype([tf.zeros([1], tf.int32)]),
        "same_float_ok": lambda: tf.assert_same_float_dtype([tf.zeros([1], tf.float64)]).name,
        "same_float_none": lambda: tf.assert_same_float_dtype().name,
        "iterable": lambda: tf.assert_proper_iterable(tf.zeros([1])),
        "iterable_str": lambda: tf.assert_proper_iterable("ab"),
        "iterable_int": lambda: tf.assert_proper_iterable(3),
        "iterable_ok": lambda: tf.assert_proper_iterable([1, 2]),
        "numeric": lambda: [tf.is_numeric_tensor(tf.zeros([1])),
                            tf.is_numeric_tensor(tf.constant("a")),
                            tf.is_numeric_tensor(np.zeros(1))],
        "assert_not_bool": lambda: tf.Assert(tf.constant(1.0), [1]),
        "decreasing_str": lambda: tf.is_non_decreasing(tf.constant(["a"])),
    }
    for key, fn in tries.items():
        with tf.Graph().as_default():
            try:
                out[key] = ["ok", fn()]
            except Exception as e:  # noqa: BLE001 - recorded as TF's error
                out[key] = [type(e).__name__, str(getattr(e, "message", e))]
    return out


def cases(tf):
    out = {k: _build(tf, fn) for k, fn in BUILDS.items()}
    out["static"] = _static_errors(tf)
    return out

"""Session.run fetch/feed handling, errors, default sessions."""
import collections

import numpy as np


def err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        msg = str(e)
        if hasattr(e, "error_code"):
            msg = e.message.split("\n")[0]
        return [type(e).__name__, msg]
    return None


def j(v):
    """A JSON form of a fetched value that keeps its type."""
    if isinstance(v, np.ndarray):
        if v.dtype == object:
            return ["ndarray", "object", [x.decode() if isinstance(x, bytes) else x
                                          for x in v.ravel().tolist()]]
        return ["ndarray", v.dtype.name, list(v.shape), v.tolist()]
    if isinstance(v, np.generic):
        return ["scalar", v.dtype.name, v.item()]
    if isinstance(v, bytes):
        return ["bytes", v.decode()]
    if isinstance(v, dict):
        return ["dict", type(v).__name__, {str(k): j(x) for k, x in v.items()}]
    if isinstance(v, tuple) and hasattr(v, "_fields"):
        return ["namedtuple", type(v).__name__, [j(x) for x in v]]
    if isinstance(v, (list, tuple)):
        return [type(v).__name__, [j(x) for x in v]]
    return ["py", repr(v)]


Pair = collections.namedtuple("Pair", ["a", "b"])


def case_fetch_structures(tf):
    a = tf.constant(1.0, name="a")
    b = tf.constant([1, 2], name="b")
    op = tf.no_op(name="op")
    s = tf.constant("hi", name="s")
    with tf.Session() as sess:
        return [j(sess.run(a)), j(sess.run(b)), j(sess.run([a, b])), j(sess.run((a, b))),
                j(sess.run({"x": a, "y": [b, (a,)]})), j(sess.run(Pair(a, b))),
                j(sess.run(op)), j(sess.run([op, a])), j(sess.run("a:0")), j(sess.run("op")),
                j(sess.run(collections.OrderedDict([("z", a), ("y", b)]))),
                j(sess.run([])), j(sess.run({})), j(sess.run([a, a])), j(sess.run(s)),
                j(sess.run([[a], {"q": Pair(b, op)}])), j(sess.run(a.op)),
                j(sess.run(tf.constant([b"x", b"yz"])))]


def case_fetch_errors(tf):
    a = tf.constant(1.0, name="a")
    sess = tf.Session()
    return [err(lambda: sess.run(None)), err(lambda: sess.run(3)),
            err(lambda: sess.run("nope:0")), err(lambda: sess.run("nope")),
            err(lambda: sess.run([a, None])), err(lambda: sess.run({"k": 1.5})),
            err(lambda: sess.run("a:1"))]


def case_feeds(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    y = x * 2.0
    z = y + 1.0
    i = tf.placeholder(tf.int32, [], name="i")
    s = tf.placeholder(tf.string, name="s")
    u = tf.placeholder(tf.float32, name="u")
    with tf.Session() as sess:
        return [j(sess.run(z, {x: [[1, 2]]})), j(sess.run(z, {y: [[10.0, 20.0]]})),
                j(sess.run(z, {"x:0": np.ones((3, 2))})), j(sess.run(i, {i: 3})),
                j(sess.run(i, {i: np.int64(4)})), j(sess.run(s, {s: "abc"})),
                j(sess.run(u, {u: 5})), j(sess.run(u, {u: [[1, 2], [3, 4]]})),
                j(sess.run(x, {x: np.zeros((0, 2), np.float64)})),
                j(sess.run(i, {i: 3.0})),
                j(sess.run([z, y], {x: [[1, 1]], y: [[5.0, 5.0]]})),
                j(sess.run(tf.constant(2.0, name="c"), {"c:0": 7.0})),
                j(sess.run(u, {u: True}))]


def case_feed_errors(tf):
    x = tf.placeholder(tf.float32, [None, 2], name="x")
    i = tf.placeholder(tf.int32, [2], name="i")
    y = x + 1.0
    sess = tf.Session()
    return [err(lambda: sess.run(y, {x: [1, 2]})),
            err(lambda: sess.run(y, {x: [[1, 2, 3]]})),
            err(lambda: sess.run(i, {i: [1, 2, 3]})),
            err(lambda: sess.run(i, {i: [1.5, 2.5]})),
            err(lambda: sess.run(i, {i: [2 ** 40, 1]})),
            err(lambda: sess.run(y, {x: "abc"})),
            err(lambda: sess.run(y, {x: tf.constant([[1.0, 2.0]])})),
            err(lambda: sess.run(y, {"nope:0": 1.0})),
            err(lambda: sess.run(y, {3: 1.0})),
            err(lambda: sess.run(y)),
            err(lambda: sess.run(i)),
            err(lambda: sess.run(y, {x: [[1, 2], [3]]})),
            err(lambda: sess.run(y, {x.op: [[1, 2]]}))]


def case_closed_session_and_empty_graph(tf):
    a = tf.constant(1.0, name="a")
    sess = tf.Session()
    sess.close()
    sess.close()
    out = [err(lambda: sess.run(a))]
    with tf.Graph().as_default():
        s2 = tf.Session()
        out.append(err(lambda: s2.run([])))
    with tf.Session() as s3:
        pass
    out.append(err(lambda: s3.run(a)))
    out.append(err(lambda: tf.Session(graph=3)))
    return out


def case_default_session(tf):
    a = tf.constant(2.0, name="a")
    n = tf.no_op(name="n")
    out = [tf.get_default_session() is None, err(lambda: a.eval()), err(lambda: n.run())]
    sess = tf.Session()
    with sess.as_default():
        out.append(tf.get_default_session() is sess)
        out.append(j(a.eval()))
        out.append(n.run())
        with tf.Session() as inner:
            out.append(tf.get_default_session() is inner)
        out.append(tf.get_default_session() is sess)
    out.append(tf.get_default_session() is None)
    out.append(j(a.eval(session=sess)))
    g2 = tf.Graph()
    with g2.as_default():
        b = tf.constant(1.0)
    out.append(err(lambda: b.eval(session=sess)))
    out.append(err(lambda: sess.run(b)))
    return out


def case_interactive_session(tf):
    a = tf.constant(3.0, name="a")
    sess = tf.InteractiveSession()
    out = [tf.get_default_session() is sess, j(a.eval())]
    sess.close()
    out.append(tf.get_default_session() is None)
    return out


def case_error_classes(tf):
    e = tf.errors
    classes = ["CancelledError", "UnknownError", "InvalidArgumentError", "DeadlineExceededError",
               "NotFoundError", "AlreadyExistsError", "PermissionDeniedError",
               "UnauthenticatedError", "ResourceExhaustedError", "FailedPreconditionError",
               "AbortedError", "OutOfRangeError", "UnimplementedError", "InternalError",
               "UnavailableError", "DataLossError"]
    out = []
    for c in classes:
        cls = getattr(e, c)
        inst = cls(None, None, "msg")
        out.append([c, inst.error_code, issubclass(cls, e.OpError), str(inst), inst.message,
                    inst.op, inst.node_def, [b.__name__ for b in cls.__mro__[1:3]]])
    codes = ["OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
             "ALREADY_EXISTS", "PERMISSION_DENIED", "UNAUTHENTICATED", "RESOURCE_EXHAUSTED",
             "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL",
             "UNAVAILABLE", "DATA_LOSS"]
    out.append([getattr(e, c) for c in codes])
    op_err = e.OpError(None, None, "m", e.INVALID_ARGUMENT)
    out.append([op_err.error_code, str(op_err)])
    out.append(e.exception_type_from_error_code(3).__name__)
    out.append(e.error_code_from_exception_type(e.NotFoundError))
    return out


def case_runtime_errors(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    v = tf.Variable(1.0, name="v")
    w = v * 2.0
    sess = tf.Session()
    return [err(lambda: sess.run(x * 2.0)), err(lambda: sess.run(w)),
            err(lambda: sess.run(v)),
            err(lambda: sess.run(tf.identity(v, name="idv")))]


def case_make_callable(tf):
    x = tf.placeholder(tf.float32, [None], name="x")
    y = tf.placeholder(tf.float32, [None], name="y")
    z = x * y
    n = tf.no_op(name="n")
    with tf.Session() as sess:
        f = sess.make_callable(z, [x, y])
        g = sess.make_callable([z, {"k": x}], [x, y])
        h = sess.make_callable(n)
        k = sess.make_callable(tf.constant(3, name="three"))
        return [j(f([1, 2], [3, 4])), j(g(np.array([1.0]), [2.0])), j(h()), j(k()),
                err(lambda: f([1, 2])), err(lambda: f([[1]], [1]))]


def cases(tf):
    import harness  # this folder is on sys.path (the oracle runner, tests/framework_golden.py)
    return harness.run_all(tf, globals())

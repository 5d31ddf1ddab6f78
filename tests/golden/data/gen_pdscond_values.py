"""The elements TF 1.14 yields for tf.cond (and tf.case, nested conds, while loops in a
branch) inside tf.data functions: Dataset.map / filter / flat_map / interleave and
tf.data.experimental.scan, whose branches read tensors and variables captured from
outside the function (TF 1.14 builds cond_v2 there: the If op's branch functions take the
captures as arguments), and seeded random ops in a branch. And TF's GraphDefs of such
pipelines and of a graph holding an If (pdscond_pbs/, made by make_pdscond_pbs.py)
imported: their elements, the branch functions written again, whether the iterator saves;
the graph's values and gradient. Integer and Philox values, and graph_if's float32 sin and
products: made on this Xeon, whose vendor is recorded as every golden made here does."""
import os

import numpy as np

from goldenio import host_vendor


def _take(tf, ds, n=None):
    """The elements of `ds` (all of them, or the first n) from an initializable iterator,
    the global variables initialized first."""
    it = ds.make_initializable_iterator()
    nxt = it.get_next()
    out = []
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        s.run(it.initializer)
        while n is None or len(out) < n:
            try:
                out.append(s.run(nxt))
            except tf.errors.OutOfRangeError:
                break
    return out


def map_capture(tf):
    c = tf.constant(3, tf.int64)
    return _take(tf, tf.data.Dataset.range(5).map(
        lambda x: tf.cond(x > 1, lambda: x * c, lambda: x - 1)))


def map_capture_both(tf):
    c = tf.constant(3, tf.int64)
    d = tf.constant([10, 20], tf.int64)
    return _take(tf, tf.data.Dataset.range(5).map(
        lambda x: tf.cond(x > 2, lambda: x * c + d, lambda: -x * c)))


def map_capture_pred(tf):
    lim = tf.constant(2, tf.int64)
    e = tf.constant(50, tf.int64)
    return _take(tf, tf.data.Dataset.range(5).map(
        lambda x: tf.cond(x > lim, lambda: x + lim * e, lambda: x)))


def map_variable(tf):
    v = tf.Variable(7, dtype=tf.int64, name="v")
    return _take(tf, tf.data.Dataset.range(5).map(
        lambda x: tf.cond(tf.equal(x % 2, 0), lambda: x + v, lambda: x * 2)))


def map_resource_variable(tf):
    v = tf.get_variable("rv", initializer=np.float32(1.5), use_resource=True)
    return _take(tf, tf.data.Dataset.range(4).map(
        lambda x: tf.cond(x < 2, lambda: tf.cast(x, tf.float32) * v,
                          lambda: tf.cast(x, tf.float32) - 1.0)))


def map_nested(tf):
    c = tf.constant(100, tf.int64)
    e = tf.constant(1000, tf.int64)

    def f(x):
        return tf.cond(x > 1,
                       lambda: tf.cond(x > 3, lambda: x + e, lambda: x + c),
                       lambda: x - c)
    return _take(tf, tf.data.Dataset.range(6).map(f))


def map_case(tf):
    c = tf.constant(10, tf.int64)
    d = tf.constant(20, tf.int64)

    def f(x):
        return tf.case([(tf.equal(x, 1), lambda: x * c), (tf.equal(x, 2), lambda: x + d)],
                       default=lambda: -x, exclusive=True)
    return _take(tf, tf.data.Dataset.range(5).map(f))


def map_tuple(tf):
    c = tf.constant(2.5, tf.float32)

    def f(x, y):
        return tf.cond(y > 1, lambda: (x * c, y), lambda: (x, y + 10))
    ds = tf.data.Dataset.from_tensor_slices((np.arange(4, dtype=np.float32), np.arange(4)))
    return _take(tf, ds.map(f))


def map_while_in_branch(tf):
    c = tf.constant(2, tf.int64)

    def f(x):
        def loop():
            return tf.while_loop(lambda i, a: i < x, lambda i, a: (i + 1, a * c),
                                 [tf.constant(0, tf.int64), tf.constant(1, tf.int64)])[1]
        return tf.cond(x > 0, loop, lambda: tf.constant(-1, tf.int64))
    return _take(tf, tf.data.Dataset.range(5).map(f))


def filter_capture(tf):
    c = tf.constant(2, tf.int64)
    d = tf.constant(1, tf.int64)
    return _take(tf, tf.data.Dataset.range(8).filter(
        lambda x: tf.cond(x > 3, lambda: tf.equal(x % c, 0), lambda: tf.equal(x, d))))


def flat_map_capture(tf):
    c = tf.constant(5, tf.int64)
    return _take(tf, tf.data.Dataset.range(4).flat_map(
        lambda x: tf.data.Dataset.from_tensors(
            tf.cond(x > 1, lambda: x * c, lambda: x)).repeat(2)))


def interleave_capture(tf):
    c = tf.constant(10, tf.int64)

    def inner(x):
        return tf.data.Dataset.range(3).map(
            lambda y: tf.cond(y > 0, lambda: y * c + x, lambda: x))
    return _take(tf, tf.data.Dataset.range(3).interleave(inner, cycle_length=2,
                                                         block_length=1))


def scan_capture(tf):
    c = tf.constant(3, tf.int64)

    def step(s, x):
        s2 = tf.cond(tf.equal(x % 2, 0), lambda: s + x * c, lambda: s - 1)
        return s2, s2
    return _take(tf, tf.data.Dataset.range(6).apply(
        tf.data.experimental.scan(tf.constant(0, tf.int64), step)))


def random_seeded(tf):
    tf.set_random_seed(7)
    c = tf.constant(2.0)
    d = tf.constant(0.5)

    def f(x):
        return tf.cond(x > 1, lambda: tf.random_uniform([], seed=3) * c,
                       lambda: tf.random_uniform([2], seed=4)[0] - d)
    return _take(tf, tf.data.Dataset.range(5).map(f))


def random_graph_seed(tf):
    tf.set_random_seed(11)
    c = tf.constant(1.0)
    d = tf.constant(3.0)

    def f(x):
        return tf.cond(x > 1, lambda: tf.random_uniform([]) + c,
                       lambda: tf.random_normal([]) - d)
    return _take(tf, tf.data.Dataset.range(5).map(f))


# TF's GraphDefs of pipelines holding cond_v2 (an If op, its branch functions), made once by
# make_pdscond_pbs.py (TF 1.14 orders an If's inputs as a Python set of tensors does: each
# run may differ, so the GraphDefs are committed, and these cases are made from them)
PBS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pdscond_pbs")
IMPORTED = ("filter", "map", "nested", "random", "tuple")


def read_pb(name):
    with open(os.path.join(PBS, name + ".pb"), "rb") as f:
        return f.read()


def imported_values(tf, data):
    """The elements the iterator of a serialized pipeline yields once imported
    (import_graph_def); the library's FunctionDefs that are no traced tf.data function (the
    If ops' branches) of the graph written again, as dicts by name; and whether the
    iterator saves ("saved", else the error's class)."""
    from google.protobuf import json_format
    with tf.Graph().as_default():
        gd = tf.GraphDef()
        gd.ParseFromString(data)
        tf.import_graph_def(gd, name="")
        g = tf.get_default_graph()
        outs = g.get_operation_by_name("IteratorGetNext").outputs
        out = []
        with tf.Session() as sess:
            sess.run("MakeIterator")
            while True:
                try:
                    out.append([np.asarray(v).tolist() for v in sess.run(outs)])
                except tf.errors.OutOfRangeError:
                    break
            # saving the iterator (TF lowers an If to Switch / Merge before checking that
            # the function is stateless: a stateful op in a branch stops it, an If does not)
            sess.run("MakeIterator")
            ser = tf.raw_ops.SerializeIterator(
                resource_handle=g.get_operation_by_name("IteratorV2").outputs[0])
            try:
                sess.run(ser.op)
                saved = "saved"
            except tf.errors.OpError as e:
                saved = type(e).__name__
        written = g.as_graph_def()
    branches = {f.signature.name: json_format.MessageToDict(f)
                for f in written.library.function
                if not f.signature.name.startswith("__inference")}
    return out, branches, saved


FEEDS = [np.array([0.5, -1.5, 2.0], np.float32), np.array([-0.5, -1.5, 2.0], np.float32)]


def graph_if(tf, gd):
    """GraphDef `gd` holding an If op in the graph itself (TF 1.14's cond_v2 with its
    control flow v2 switched on: make_pdscond_pbs.py), imported: the value of the cond
    and of the gradient of its square for each of FEEDS (either branch taken), and its
    library written again (as dicts by name)."""
    from google.protobuf import json_format
    with tf.Graph().as_default() as g:
        tf.import_graph_def(gd, name="")
        library = {f.signature.name: json_format.MessageToDict(f)
                   for f in g.as_graph_def().library.function}
        x, out = g.get_tensor_by_name("x:0"), g.get_tensor_by_name("out:0")
        gx = tf.gradients(out * out, x)[0]
        with tf.Session() as s:
            values = [s.run([out, gx], {x: v}) for v in FEEDS]
    return {"values": values, "library": library}


CASES = [map_capture, map_capture_both, map_capture_pred, map_variable,
         map_resource_variable, map_nested, map_case, map_tuple, map_while_in_branch,
         filter_capture, flat_map_capture, interleave_capture, scan_capture, random_seeded,
         random_graph_seed]


def cases(tf):
    out = {"host": host_vendor()}
    for fn in CASES:
        tf.reset_default_graph()
        with tf.Graph().as_default():
            out[fn.__name__] = fn(tf)
    tf.reset_default_graph()
    gd = tf.GraphDef()
    gd.ParseFromString(read_pb("graph_if"))
    out["graph_if"] = graph_if(tf, gd)
    for name in IMPORTED:
        tf.reset_default_graph()
        values, branches, saved = imported_values(tf, read_pb(name))
        out["imported/" + name] = {"values": values, "branches": branches, "saved": saved}
    return out

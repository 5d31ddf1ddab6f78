"""tf.print (logging_ops.print_v2): TF 1.14 builds a StringFormat op of the printed
tensors (`NAME_format` when named) and a PrintV2 op of its string; one scalar string
tensor alone is printed by PrintV2 as it is. Per case: the ops get_operations() lists
(name, type, inputs, control inputs) and the GraphDef's nodes (name, op, inputs) of a
top-level build, the attrs of every StringFormat/PrintV2 node, what the print wrote
(to a file://), and a graph-seeded random op made after (its seed2 is the op counter)
(tests/test_tfprint_ops.py). Inside tf.cond, tf.while_loop and a tf.data map only the
print nodes, the written text and the random numbers are compared: flowgrad's cond and
loop ops are its own functional ones, written as TF's frames in GraphDefs."""
import os
import sys
import tempfile
from collections import namedtuple

Point = namedtuple("Point", ["x", "y"])
OUT = "file://OUT"   # the file each case prints to, as its attrs record it


def _attr(v):
    kind = v.WhichOneof("value")
    if kind == "list":
        return [int(t) for t in v.list.type]
    val = getattr(v, kind)
    return val.decode("utf-8", "surrogateescape") if isinstance(val, bytes) else int(val)


def _with_deps(tf, out, x):
    p = tf.print("value:", x, output_stream=out)
    with tf.control_dependencies([p]):
        return tf.identity(x)


def _inputs(tf, out):
    x = tf.constant([[1, 2, 3], [4, 5, 6]], name="x")
    f = tf.constant([0.5, 1.25], name="f")
    return [tf.print("x:", x, "f:", f, 7, output_stream=out)]


def _nested(tf, out):
    x = tf.constant([1, 2, 3])
    return [tf.print({"b": x, "a": [x * 2, "s", 3]}, (x, Point(x=1, y=x)), [[x]],
                     output_stream=out)]


def _strings(tf, out):
    s = tf.constant("a scalar string")
    v = tf.constant(["u", "v"])
    return [tf.print(s, output_stream=out), tf.print(s, name="named", output_stream=out),
            tf.print("text only", output_stream=out), tf.print(s, v, output_stream=out),
            tf.print(v, output_stream=out)]


def _options(tf, out):
    x = tf.range(20, name="r")
    return [tf.print("s1", x, summarize=2, output_stream=out),
            tf.print(x, summarize=-1, sep="|", end="<end>\n", output_stream=out),
            tf.print("a", "b", x, sep="", end="", output_stream=out, name="p"),
            tf.print("{}", x, "{}1", output_stream=out)]


def _streams(tf, out):
    # built only (not run): the output_stream attrs of the other streams
    x = tf.constant(1.5)
    ops = [tf.print(x, output_stream=s) for s in
           (sys.stdout, sys.stderr, tf.logging.info, tf.logging.warning, tf.logging.error,
            tf.logging.INFO, tf.logging.WARN, tf.logging.ERROR, tf.logging.warn)]
    return [tf.print("done", x, output_stream=out, name="last")], ops


def _sparse(tf, out):
    sp = tf.SparseTensor([[0, 1], [1, 2]], [2.0, 3.0], [2, 3])
    return [tf.print("sp", sp, {"k": tf.constant([[1, 2], [3, 4]])}, summarize=1,
                     output_stream=out)]


def _in_cond(tf, out):
    x = tf.constant(3)
    return [tf.cond(x > 2, lambda: _with_deps(tf, out, x), lambda: _with_deps(tf, out, x * 2))]


def _in_while(tf, out):
    def body(i):
        return _with_deps(tf, out, i) + 1
    return [tf.while_loop(lambda i: i < 3, body, [tf.constant(0)])]


def _in_dataset(tf, out):
    ds = tf.data.Dataset.range(3).map(lambda v: _with_deps(tf, out, v))
    it = tf.compat.v1.data.make_one_shot_iterator(ds).get_next()
    return [it, it, it]


TOP = {"inputs": _inputs, "nested": _nested, "strings": _strings, "options": _options,
       "streams": _streams, "sparse": _sparse}
NESTED = {"in_cond": _in_cond, "in_while": _in_while, "in_dataset": _in_dataset}


def _case(tf, build):
    g = tf.Graph()
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "printed.txt")
        with g.as_default():
            tf.set_random_seed(7)
            made = build(tf, "file://" + path)
            run = made[0] if isinstance(made, tuple) else made
            r = tf.random_uniform([3])
            out = {"ops": [[o.name, o.type, [t.name for t in o.inputs],
                            [c.name for c in o.control_inputs]] for o in g.get_operations()],
                   "nodes": [[n.name, n.op, list(n.input)] for n in g.as_graph_def().node]}
            out["print_nodes"] = [
                [n.name, n.op, {k: _attr(n.attr[k]) for k in sorted(n.attr)}]
                for n in g.as_graph_def().node if n.op in ("StringFormat", "PrintV2")]
            for n in out["print_nodes"]:
                if "output_stream" in n[2]:
                    n[2]["output_stream"] = n[2]["output_stream"].replace(path, "OUT")
            with tf.Session(graph=g) as s:
                for op in run:
                    s.run(op)
                out["random"] = s.run(r)
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            out["printed"] = f.read()
    return out


def cases(tf):
    out = {name: _case(tf, build) for name, build in TOP.items()}
    for name, build in NESTED.items():
        got = _case(tf, build)
        del got["ops"], got["nodes"]
        out[name] = got
    return out

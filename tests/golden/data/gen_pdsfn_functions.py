"""The FunctionDefs TF 1.14 writes into a GraphDef's library for tf.data's traced
functions (StructuredFunctionWrapper's defuns: Dataset.map's f, filter's predicate,
flat_map, interleave, map_and_batch, a map inside an interleave's function), and the
dataset ops' func attrs naming them, from as_graph_def and export_meta_graph; and the
elements TF's serialized pipelines yield once imported (import_graph_def and
import_meta_graph rebuild the functions from the library). Each
pipeline ends in an initializable iterator (a one-shot iterator's _make_dataset function
is not among them). TF names each function __inference_<transformation>_<fn>_<uid> after
its process-wide ops.uid() count: a process of its own keeps the numbers the same. Graph
structure holds no float bits; the host is recorded as every golden made on this Xeon does."""
import importlib

import numpy as np
from google.protobuf import json_format

from goldenio import host_vendor

ISOLATE = True


def _map(tf):
    ds = tf.data.Dataset.from_tensor_slices((np.arange(10, dtype=np.float32), np.arange(10)))
    return ds.map(lambda x, y: (x * 2.0, y))


def _map_capture(tf):
    c = tf.constant([1.0, 2.0], name="scale")
    return tf.data.Dataset.range(4).map(
        lambda x: tf.cast(x, tf.float32) * c + tf.random_uniform([]))


def _filter(tf):
    ds = tf.data.Dataset.from_tensor_slices({"a": np.arange(6.0), "b": ["x"] * 6})
    return ds.filter(lambda d: d["a"] > 1)


def _flat_map(tf):
    return tf.data.Dataset.range(4).flat_map(
        lambda x: tf.data.Dataset.from_tensors(x).repeat(2))


def _interleave_map(tf):
    def inner(x):
        return tf.data.Dataset.range(x).map(lambda y: y * x)
    return tf.data.Dataset.range(4).interleave(inner, cycle_length=2, block_length=1)


def _map_and_batch(tf):
    return tf.data.Dataset.range(4).apply(
        tf.data.experimental.map_and_batch(lambda x: x + 1, 2))


def _padded_batch(tf):
    ds = tf.data.Dataset.from_tensor_slices(np.arange(6)).map(lambda x: tf.fill([x], x))
    return ds.padded_batch(2, padded_shapes=[None])


def _py_func(tf):
    return tf.data.Dataset.range(4).map(lambda x: tf.py_func(lambda v: v, [x], tf.int64))


def _two_py_funcs(tf):
    # (the second waits for the first: TF's automatic control dependencies)
    return tf.data.Dataset.range(3).map(
        lambda x: tf.py_func(lambda v: v, [x], tf.int64) + tf.py_func(lambda v: v, [x],
                                                                          tf.int64))


def _no_op(tf):
    def f(x):
        with tf.control_dependencies([tf.no_op()]):
            return tf.identity(x)
    return tf.data.Dataset.range(3).map(f)


def _scan(tf):
    return tf.data.Dataset.range(4).apply(tf.data.experimental.scan(
        tf.constant(0, tf.int64), lambda s, x: (s + x, s * 2)))


def _take_while(tf):
    return tf.data.Dataset.range(6).apply(tf.data.experimental.take_while(lambda x: x < 3))


def _group_by_window(tf):
    return tf.data.Dataset.range(6).apply(tf.data.experimental.group_by_window(
        lambda x: x % 2, lambda k, d: d.batch(2), 2))


def _group_by_reducer(tf):
    r = tf.data.experimental.Reducer(lambda k: tf.constant(0, tf.int64),
                                     lambda s, x: s + x, lambda s: s * 10)
    return tf.data.Dataset.range(6).apply(tf.data.experimental.group_by_reducer(
        lambda x: x % 2, r))


def _div(tf):
    # (TF's division ops as written: RealDiv, FloorDiv, and truediv's casts of integers)
    def f(x):
        y = tf.cast(x, tf.float32)
        return (y / 2.0, x // 2, x / 2, tf.div(x, 3), tf.truediv(y, 4.0),
                tf.cast(x, tf.int32) / tf.constant(2), (y + 0.1) / tf.constant([3.0, 7.0]))
    return tf.data.Dataset.range(4).map(f)


def _from_generator(tf):
    return tf.data.Dataset.from_generator(lambda: iter([1, 2, 3]), tf.int64,
                                          tf.TensorShape([]))


def _from_generator_args(tf):
    return tf.data.Dataset.from_generator(
        lambda a, b: iter([(a, [b]), (a + 1, [b, b])]), (tf.int64, tf.float32),
        (tf.TensorShape([]), tf.TensorShape([None])), args=(3, 2.5))


PIPELINES = {"div": _div, "from_generator": _from_generator,
             "from_generator_args": _from_generator_args, "two_py_funcs": _two_py_funcs, "scan": _scan, "take_while": _take_while,
             "group_by_window": _group_by_window, "group_by_reducer": _group_by_reducer, "no_op": _no_op, "map": _map, "map_capture": _map_capture, "filter": _filter,
             "flat_map": _flat_map, "interleave_map": _interleave_map,
             "map_and_batch": _map_and_batch, "padded_batch": _padded_batch,
             "py_func": _py_func}


def functions(graph_def):
    """{"library": [FunctionDef as a dict] in the GraphDef's order,
    "attrs": [[node, {func attr: AttrValue as a dict}]] of the nodes with func attrs,
    "nodes": [[name, op, inputs, {attr: AttrValue as a dict}]]}."""
    d = json_format.MessageToDict(graph_def)
    lib = d.get("library", {}).get("function", [])
    for f in lib:   # (TF adds a function's returns' control inputs and its control
        sig = f["signature"]   # outputs from a Python set of ops: in no set order; sorted)
        if "controlOutput" in sig:
            sig["controlOutput"] = sorted(sig["controlOutput"])
        for node in f.get("nodeDef", ()):
            if "input" in node:
                ins = node["input"]
                node["input"] = ([i for i in ins if not i.startswith("^")] +
                                 sorted(i for i in ins if i.startswith("^")))
    attrs = [[n["name"], {k: v for k, v in n.get("attr", {}).items() if "func" in v}]
             for n in d["node"] if any("func" in v for v in n.get("attr", {}).values())]
    nodes = [[n["name"], n["op"], n.get("input", []), n.get("attr", {})] for n in d["node"]]
    return {"library": lib, "attrs": attrs, "nodes": nodes}


def build(tf, pipeline):
    """{"graph_def": ..., "meta_graph": ...} (functions()) of `pipeline` in a fresh graph."""
    g = tf.Graph()
    with g.as_default():
        it = tf.compat.v1.data.make_initializable_iterator(pipeline(tf))
        it.get_next()
        return {"graph_def": functions(g.as_graph_def()),
                "meta_graph": functions(tf.train.export_meta_graph(graph=g).graph_def)}


# the pipelines whose elements are the same each run (no random op, no py_func: its
# function lives in the process that built the graph)
IMPORTED = ("div", "filter", "flat_map", "group_by_reducer", "group_by_window", "interleave_map",
            "map", "map_and_batch", "no_op", "padded_batch", "scan", "take_while")


def _shuffle_repeat(tf):
    ds = _map(tf).shuffle(5, seed=3).batch(4).repeat(2)
    return ds.prefetch(1)


# pipelines of one-shot iterators imported: TF's _make_dataset function (the pipeline and
# its OptimizeDataset: shuffle_and_repeat_fusion changes the order)
ONE_SHOT = {"shuffle_repeat": _shuffle_repeat, "interleave_map": _interleave_map}


def _range_shuffle(tf):
    return tf.data.Dataset.range(10).shuffle(4, seed=1).batch(3).repeat(2)


def _with_options(autotune):
    def pipeline(tf):
        o = tf.data.Options()
        o.experimental_optimization.apply_default_optimizations = False
        o.experimental_optimization.autotune = autotune
        return tf.data.Dataset.range(10).batch(3).with_options(o)
    return pipeline


def _graph_seed(tf):
    tf.compat.v1.set_random_seed(5)
    return tf.data.Dataset.range(6).shuffle(3).batch(2)


# one-shot iterators' _make_dataset functions written (TF's Defun of the pipeline copied
# by value, named after its FunctionDefHash: a traced function's number in its nodes
# changes that name)
FACTORIES = {"range_shuffle": _range_shuffle, "no_optimizations": _with_options(False),
             "autotune_only": _with_options(True), "graph_seed": _graph_seed,
             "shuffle_repeat": _shuffle_repeat, "filter": _filter}


def build_one_shot(tf, pipeline):
    """build() of `pipeline` and its one-shot iterator."""
    g = tf.Graph()
    with g.as_default():
        tf.compat.v1.data.make_one_shot_iterator(pipeline(tf)).get_next()
        return {"graph_def": functions(g.as_graph_def()),
                "meta_graph": functions(tf.train.export_meta_graph(graph=g).graph_def)}


def _function(tf):
    if tf.__name__.startswith("flowgrad"):
        return importlib.import_module("flowgrad.defun")
    return importlib.import_module("tensorflow.python.framework.function")


def defun_string_const(tf):
    """The library's function names of a Defun holding a string constant (its
    FunctionDefHash reads a string tensor in TF's AsProtoTensorContent form, as the
    _make_dataset functions' `optimizations`)."""
    function = _function(tf)

    @function.Defun(tf.string)
    def f(x):
        return tf.strings.join([x, tf.constant(["ab", "c"])])
    g = tf.Graph()
    with g.as_default():
        f(tf.constant("z"))
        return [fn.signature.name for fn in g.as_graph_def().library.function]


def serialized(tf, pipeline, one_shot=False):
    """(GraphDef, MetaGraphDef) bytes of `pipeline` and its initializable (or one-shot)
    iterator."""
    g = tf.Graph()
    with g.as_default():
        if one_shot:
            tf.compat.v1.data.make_one_shot_iterator(pipeline(tf)).get_next()
        else:
            tf.compat.v1.data.make_initializable_iterator(pipeline(tf)).get_next()
        return (g.as_graph_def().SerializeToString(deterministic=True),
                tf.train.export_meta_graph(graph=g).SerializeToString(deterministic=True))


def imported_values(tf, data, meta):
    """The elements the iterator of a serialized pipeline yields once imported (with
    import_graph_def, or import_meta_graph where `meta`), then OutOfRangeError's name."""
    with tf.Graph().as_default():
        if meta:
            mg = tf.compat.v1.MetaGraphDef()
            mg.ParseFromString(data)
            tf.train.import_meta_graph(mg)
        else:
            gd = tf.GraphDef()
            gd.ParseFromString(data)
            tf.import_graph_def(gd, name="")
        g = tf.get_default_graph()
        outs = g.get_operation_by_name("IteratorGetNext").outputs
        out = []
        with tf.Session() as sess:
            if any(op.type == "MakeIterator" for op in g.get_operations()):
                sess.run("MakeIterator")
            while True:
                try:
                    out.append([np.asarray(v).tolist() for v in sess.run(outs)])
                except tf.errors.OutOfRangeError as e:
                    out.append(type(e).__name__)
                    break
    return out


# the pipelines whose py_func tokens name functions of the process that built them: in a
# process of its own, TF's imported graph fails on the first element
NEW_PROCESS = ("from_generator", "from_generator_args")

_RUN_IMPORTED = """
import sys
import {module} as tf
gd = tf.GraphDef()
gd.ParseFromString(open(sys.argv[1], "rb").read())
with tf.Graph().as_default() as g:
    tf.import_graph_def(gd, name="")
    with tf.Session() as sess:
        sess.run("MakeIterator")
        try:
            print(sess.run("IteratorGetNext:0"))
        except tf.errors.OpError as e:
            print(type(e).__name__)
            print(e.message.splitlines()[0])
            print(e.message.splitlines()[-2:])
"""


def imported_in_new_process(tf, data, path):
    """What running the first element of the serialized GraphDef `data` (written to
    `path`) prints in a new process: the error's class, first line and last two lines."""
    import subprocess
    import sys
    with open(path, "wb") as f:
        f.write(data)
    p = subprocess.run([sys.executable, "-c", _RUN_IMPORTED.format(module=tf.__name__),
                        path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       universal_newlines=True, timeout=300)
    return p.stdout.splitlines()


def cases(tf):
    out = {"host": host_vendor()}
    for name, pipeline in sorted(PIPELINES.items()):
        out[name] = build(tf, pipeline)
    for name in IMPORTED:
        pb, meta = serialized(tf, PIPELINES[name])
        out["imported/" + name] = {"pb": pb, "meta": meta,
                                   "values": imported_values(tf, pb, False),
                                   "meta_values": imported_values(tf, meta, True)}
    import os
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        for name in NEW_PROCESS:
            pb, meta = serialized(tf, PIPELINES[name])
            out["new_process/" + name] = {
                "pb": pb, "values": imported_values(tf, pb, False),
                "meta_values": imported_values(tf, meta, True),
                "new_process": imported_in_new_process(tf, pb, os.path.join(tmp, "g.pb"))}
    out["defun_string_const"] = defun_string_const(tf)
    for name, pipeline in sorted(FACTORIES.items()):
        out["factory/" + name] = build_one_shot(tf, pipeline)
    for name, pipeline in sorted(ONE_SHOT.items()):
        pb, meta = serialized(tf, pipeline, True)
        out["one_shot/" + name] = {"pb": pb, "meta": meta,
                                   "values": imported_values(tf, pb, False),
                                   "meta_values": imported_values(tf, meta, True)}
    return out

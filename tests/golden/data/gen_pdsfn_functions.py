"""The FunctionDefs TF 1.14 writes into a GraphDef's library for tf.data's traced
functions (StructuredFunctionWrapper's defuns: Dataset.map's f, filter's predicate,
flat_map, interleave, map_and_batch, a map inside an interleave's function), and the
dataset ops' func attrs naming them, from as_graph_def and export_meta_graph. Each
pipeline ends in an initializable iterator (a one-shot iterator's _make_dataset function
is not among them). TF names each function __inference_<transformation>_<fn>_<uid> after
its process-wide ops.uid() count: a process of its own keeps the numbers the same. Graph
structure holds no float bits; the host is recorded as every golden made on this Xeon does."""
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


PIPELINES = {"map": _map, "map_capture": _map_capture, "filter": _filter,
             "flat_map": _flat_map, "interleave_map": _interleave_map,
             "map_and_batch": _map_and_batch, "padded_batch": _padded_batch,
             "py_func": _py_func}


def functions(graph_def):
    """{"library": [FunctionDef as a dict] in the GraphDef's order,
    "attrs": [[node, {func attr: AttrValue as a dict}]] of the nodes with func attrs}."""
    d = json_format.MessageToDict(graph_def)
    lib = d.get("library", {}).get("function", [])
    attrs = [[n["name"], {k: v for k, v in n.get("attr", {}).items() if "func" in v}]
             for n in d["node"] if any("func" in v for v in n.get("attr", {}).values())]
    return {"library": lib, "attrs": attrs}


def build(tf, pipeline):
    """{"graph_def": ..., "meta_graph": ...} (functions()) of `pipeline` in a fresh graph."""
    g = tf.Graph()
    with g.as_default():
        it = tf.compat.v1.data.make_initializable_iterator(pipeline(tf))
        it.get_next()
        return {"graph_def": functions(g.as_graph_def()),
                "meta_graph": functions(tf.train.export_meta_graph(graph=g).graph_def)}


def cases(tf):
    out = {"host": host_vendor()}
    for name, pipeline in sorted(PIPELINES.items()):
        out[name] = build(tf, pipeline)
    return out

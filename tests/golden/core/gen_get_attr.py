"""Operation.get_attr, node_def and str(op) under TF 1.14 (get_attr.json) and flowgrad
(tests/test_get_attr.py): each attr of the node decoded as TF's Python decodes it
(bytes, DType, TensorShapeProto, TensorProto, lists), the missing-attr error, and the
NodeDef's text. Valid Python 3.7."""
import numpy as np


def _norm(v):
    """A JSON-able form that keeps the Python type TF returns."""
    if isinstance(v, list):
        return ["list", [_norm(x) for x in v]]
    if isinstance(v, bytes):
        return ["bytes", v.decode("latin-1")]
    if isinstance(v, bool):
        return ["bool", v]
    if isinstance(v, int):
        return ["int", v]
    if isinstance(v, float):
        return ["float", repr(v)]
    if hasattr(v, "as_datatype_enum"):
        return ["DType", v.name]
    return [type(v).__name__, str(v)]


def _ops(tf):
    rng = np.random.RandomState(0)
    x = tf.placeholder(tf.float32, [None, 4, 4, 3], name="x")
    k = tf.constant(rng.rand(2, 2, 3, 2).astype(np.float32), name="k")
    tf.nn.conv2d(x, k, [1, 1, 1, 1], "SAME", name="conv")
    tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "VALID", name="pool")
    tf.constant([1.5, 2.0], name="c")
    tf.constant("hi", name="s")
    tf.constant([[1, 2], [3, 4]], dtype=tf.int64, name="i")
    v = tf.Variable([1.0, 2.0], name="v")
    tf.strided_slice(v, [0], [1], shrink_axis_mask=1, name="ss")
    tf.FIFOQueue(3, [tf.float32, tf.int32], shapes=[[2], []], name="q")
    tf.reduce_sum(x, axis=[1, 2], keepdims=True, name="sum")
    tf.cast(x, tf.int32, name="cast")
    with tf.control_dependencies([v.initializer]):
        tf.identity(v, name="after")
    tf.concat([x, x], 3, name="cat")
    tf.split(x, 3, axis=3, name="split")
    tf.random_uniform([2, 3], seed=7, name="ru")
    return ["x", "k", "conv", "pool", "c", "s", "i", "v", "v/Assign", "ss", "q", "sum", "cast",
            "after", "cat", "split", "ru/RandomUniform"]


def cases(tf):
    out = {}
    g = tf.Graph()
    with g.as_default():
        names = _ops(tf)
        for n in names:
            op = g.get_operation_by_name(n)
            nd = op.node_def
            attrs = {}
            for a in sorted(nd.attr):
                if a == "_class":
                    continue
                attrs[a] = _norm(op.get_attr(a))
            out[n] = {"attrs": attrs, "input": list(nd.input), "op": nd.op, "name": nd.name}
        for n in ("c", "s", "conv", "after", "v"):
            out["str " + n] = str(g.get_operation_by_name(n))
        try:
            g.get_operation_by_name("conv").get_attr("nope")
            out["missing"] = "no error"
        except ValueError as e:
            out["missing"] = ["ValueError", str(e).split("\n")[0]]
    return out

"""TF 1.14's one-line NodeDef summaries (SummarizeNodeDef, in a placer error for a malformed
device) and the TensorProtos tf.constant writes: a Const of each dtype (Tensor::DebugString
prints "?" for complex and bfloat16 values), a list attr of 14, 15 and 60 items (TF keeps
5 + "..." + 5 from 15 on), and which dtypes make_tensor_proto writes as tensor_content
(the others: every value in the typed field), in GraphDefs and from tf.make_tensor_proto."""
import re

import numpy as np

_CONSTS = [("complex64_4", [1 + 2j, 3, 4, 5], "complex64"), ("complex128_1", [1 + 2j], "complex128"),
           ("complex64_2x3", np.ones((2, 3)), "complex64"), ("complex64_scalar", 1 + 1j, "complex64"),
           ("complex64_empty", np.ones((0, 3)), "complex64"), ("bfloat16_3", [1.5, 2, 3], "bfloat16"),
           ("bfloat16_2x1", np.ones((2, 1)), "bfloat16"), ("half_4", [1., 2., 3., 4.], "float16"),
           ("uint32_4", [1, 2, 3, 4], "uint32"), ("uint64_1", [5], "uint64"),
           ("uint16_2", [1, 2], "uint16"), ("bool_4", [True, False, True, True], "bool"),
           ("string_2", ["ab", "c\n"], "string"), ("float_2x0", np.zeros((2, 0)), "float32"),
           ("int32_2x3", np.arange(6).reshape(2, 3), "int32")]


def _node_line(tf, make):
    g = tf.Graph()
    with g.as_default():
        with g.device(lambda op: "/bogus:0:xx"):
            c = make()
        try:
            tf.Session().run(c)
        except tf.errors.InvalidArgumentError as e:
            line = str(e).splitlines()[0]
            line = line[line.index("= "):]   # the node's "(defined at ...)" path is left out
            return re.sub(r'token="pyfunc_\d+"', 'token="pyfunc_N"', line)   # a process count
    return None


def summaries(tf):
    out = {}
    for name, value, dtype in _CONSTS:
        out[name] = _node_line(tf, lambda: tf.constant(value, dtype=getattr(tf, dtype)))
    for n in (14, 15, 60):
        out["list_%d" % n] = _node_line(
            tf, lambda: tf.py_func(lambda: 0, [], [tf.float32] * n, stateful=False))
    return out


def tensor_protos(tf):
    out = {}
    with tf.Graph().as_default() as g:
        for dt in ("float16", "bool", "complex64", "uint16", "bfloat16", "string", "uint32",
                   "int8", "float64"):
            if dt == "bool":
                vals = [True, False, True]
            elif dt == "string":
                vals = ["a", "b", "c"]
            else:
                vals = [1, 2, 3]
            tf.constant(vals, dtype=getattr(tf, dt), name=dt)
            full = [["a"] * 2] * 2 if dt == "string" else np.ones((2, 2))
            tf.constant(full, dtype=getattr(tf, dt), name=dt + "_2x2")
            tf.constant(vals[0], dtype=getattr(tf, dt), name=dt + "_scalar")
        for node in g.as_graph_def().node:
            out[node.name] = str(node.attr["value"].tensor)
    return out


def make_tensor_protos(tf):
    """tf.make_tensor_proto of arrays and lists of each kind of dtype."""
    return [str(tf.make_tensor_proto(v, dtype=None if dt is None else getattr(tf, dt)))
            for v, dt in [(np.ones(3, np.float16), None), ([True, False], None),
                          (np.ones(2, np.complex64), None), ([1, 2], "uint16"),
                          ([1.5, 2.0], "bfloat16"), ([1, 2], "int8"), ([1, 2], "uint32")]]


def cases(tf):
    return {"summaries": summaries(tf), "tensor_protos": tensor_protos(tf),
            "make_tensor_protos": make_tensor_protos(tf)}

"""tf.import_graph_def's argument checks as TF 1.14's (tests/test_pfreeze_import.py):
input_map must be a dict with string keys, return_elements a list of strings (bytes
allowed); every input_map key, then every return element with a ':', parsed as TF's
_ParseTensorName before any return element is looked up; the ops left in the graph; an
input_map Tensor of another graph, a node name TF refuses, a control input before a data
input (TF's GraphConstructor checks); an op type TF does not have (the op registry's
message, which names the machine: flowgrad's says "flowgrad")."""


def _graph_def(tf):
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 3], name="input")
        tf.identity(x * 2.0, name="out")
    return g.as_graph_def()


def _call(tf, gd, **kw):
    try:
        r = tf.import_graph_def(gd, **kw)
    except Exception as e:  # noqa: BLE001 - recorded as TF's error
        return [type(e).__name__, str(e)]
    return None if r is None else [x.name for x in r]


def cases(tf):
    gd = _graph_def(tf)
    out = {}
    with tf.Graph().as_default() as g:
        z = tf.zeros([1, 3])
        calls = {
            "input_map_list": dict(input_map=[1]),
            "input_map_int_key": dict(input_map={1: z}),
            "input_map_bad_index": dict(input_map={"input:q": z}, return_elements=["nope"]),
            "input_map_three_parts": dict(input_map={"input:0:1": z}),
            "input_map_bytes_key": dict(input_map={b"input:0": z}, return_elements=["out:0"]),
            "input_map_value_list": dict(input_map={"input:0": [[1., 2., 3.]]},
                                         return_elements=["out:0"], name="k"),
            "input_map_then_missing": dict(input_map={"input:0": z}, return_elements=["nope"]),
            "return_string": dict(return_elements="out:0"),
            "return_bad_index": dict(return_elements=["out:x"]),
            "return_three_parts": dict(return_elements=["out:0:1"]),
            "return_bytes": dict(return_elements=[b"out:0", b"out"]),
            "return_int": dict(return_elements=[1]),
            "return_missing": dict(return_elements=["nope:0"]),
        }
        for key in sorted(calls):
            out[key] = _call(tf, gd, **calls[key])
        out["ops"] = [op.name for op in g.get_operations()]
    unknown = tf.GraphDef()
    n = unknown.node.add()
    n.name, n.op = "x", "NoSuchOp"
    with tf.Graph().as_default():
        out["unknown_op"] = _call(tf, unknown)
    foreign = tf.constant([[1.0, 2.0, 3.0]], name="foreign")
    with tf.Graph().as_default():
        out["input_map_other_graph"] = _call(tf, gd, input_map={"input:0": foreign})
    for key, (name, inputs) in sorted({"name_empty": ("", ["x"]),
                                       "name_underscore": ("_y", ["x"]),
                                       "name_trailing_slash": ("y/", ["x"]),
                                       "control_first": ("y", ["^x", "x"])}.items()):
        bad = tf.GraphDef()
        bad.CopyFrom(gd)
        n = bad.node.add()
        n.name, n.op = name, "Identity"
        n.input.extend(i.replace("x", "input") for i in inputs)
        n.attr["T"].type = tf.float32.as_datatype_enum
        with tf.Graph().as_default():
            out["node/" + key] = _call(tf, bad, return_elements=None)
    return out

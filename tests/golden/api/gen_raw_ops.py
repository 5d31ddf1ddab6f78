"""TF 1.14's tf.raw_ops: the Python signature of every raw op (parameter names in TF's
order: [name] where it is required, [name, default] with the default as `_default`
describes it), and what a set of calls builds, returns
and raises (op names and types, result kinds, fetched values, error classes and
messages). Output: raw_ops.json, read by tests/test_raw_ops.py, which runs CASES with
flowgrad."""
import numpy as np


def _default(v):
    """A default value as JSON: DTypes by name, numbers, strings and lists as themselves,
    anything else (a TensorProto) by its type's name."""
    if hasattr(v, "as_datatype_enum"):
        return "dtype:" + v.name
    if isinstance(v, (list, tuple)):
        return [_default(x) for x in v]
    if v is None or isinstance(v, (bool, int, float, str, bytes)):
        return v
    return "object:" + type(v).__name__


def signatures(tf):
    from tensorflow.python.util import tf_inspect
    out = {}
    for name in sorted(n for n in dir(tf.raw_ops) if not n.startswith("_")):
        spec = tf_inspect.getfullargspec(getattr(tf.raw_ops, name))
        defaults = list(spec.defaults or ())
        first = len(spec.args) - len(defaults)
        out[name] = [[a] if i < first else [a, _default(defaults[i - first])]
                     for i, a in enumerate(spec.args)]
    return out


def _result(tf, r):
    """The kind of a raw op's result: an Operation, a Tensor, a list or a namedtuple."""
    if isinstance(r, tf.Operation):
        return ["Operation", r.name, r.type]
    if isinstance(r, tf.Tensor):
        return ["Tensor", r.name, r.dtype.name, str(r.shape)]
    if hasattr(r, "_fields"):
        return [type(r).__name__, list(r._fields)] + [_result(tf, x) for x in r]
    return ["list"] + [_result(tf, x) for x in r]


def _ops(tf):
    return [[o.name, o.type] for o in tf.get_default_graph().get_operations()]


def _run(tf, build, feed=None):
    """What `build` returns and builds, and the values it fetches."""
    r = build(tf)
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        got = s.run(r) if not isinstance(r, tf.Operation) else None
    if hasattr(got, "_fields"):
        got = list(got)
    return {"result": _result(tf, r), "ops": _ops(tf), "value": got}


def _raises(tf, build):
    try:
        build(tf)
    except (TypeError, ValueError) as e:
        return {"error": type(e).__name__, "message": str(e), "ops": _ops(tf)}
    return {"error": None, "ops": _ops(tf)}


def _variable_assign(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    return tf.raw_ops.AssignAdd(ref=v, value=[5.0, 6.0])


BUILDS = {
    "add": lambda tf: tf.raw_ops.Add(x=1.0, y=2.0),
    "add_named": lambda tf: tf.raw_ops.Add(x=tf.constant([1, 2]), y=3, name="my_add"),
    "cast": lambda tf: tf.raw_ops.Cast(x=[1.5, -2.5], DstT=tf.int32),
    "unique": lambda tf: tf.raw_ops.Unique(x=[3, 1, 3, 2], out_idx=tf.int64),
    "split": lambda tf: tf.raw_ops.Split(axis=1, value=np.arange(8.).reshape(2, 4),
                                         num_split=2),
    "concat": lambda tf: tf.raw_ops.ConcatV2(values=[[1, 2], [3]], axis=0),
    "pack": lambda tf: tf.raw_ops.Pack(values=[1.0, 2.0, 3.0], axis=0),
    "sum": lambda tf: tf.raw_ops.Sum(input=np.ones((2, 3), np.float32), axis=[1],
                                     keep_dims=True),
    "select": lambda tf: tf.raw_ops.Select(condition=[True, False], x=[1, 2], y=[3, 4]),
    "identity_n": lambda tf: tf.raw_ops.IdentityN(input=[tf.constant(1), 2.0, "s"]),
    "matmul": lambda tf: tf.raw_ops.MatMul(a=np.arange(6.).reshape(2, 3),
                                           b=np.ones((2, 3)), transpose_b=True),
    "random_uniform": lambda tf: tf.raw_ops.RandomUniform(shape=[2, 3], dtype=tf.float32,
                                                          seed=3, seed2=4),
    "top_k": lambda tf: tf.raw_ops.TopKV2(input=[1.0, 5.0, 3.0], k=2),
    "assign_add": _variable_assign,
    "no_op": lambda tf: tf.raw_ops.NoOp(),
    "fill": lambda tf: tf.raw_ops.Fill(dims=[2, 2], value=7),
    "shape_int64": lambda tf: tf.raw_ops.Shape(input=np.ones((2, 5)), out_type=tf.int64),
    "string_join": lambda tf: tf.raw_ops.StringJoin(inputs=["a", "b"], separator="-"),
}

ERRORS = {
    "positional": lambda tf: tf.raw_ops.Add(1.0, 2.0),
    "unconvertible": lambda tf: tf.raw_ops.Add(x=1.0, y="s"),
    "mismatched": lambda tf: tf.raw_ops.Add(x=tf.constant(1), y=tf.constant(1.0)),
    "missing_attr": lambda tf: tf.raw_ops.Cast(x=1.0),
    "short_list": lambda tf: tf.raw_ops.ConcatV2(values=[[1]], axis=0),
    "not_allowed": lambda tf: tf.raw_ops.Add(x=True, y=False),
    "attr_not_allowed": lambda tf: tf.raw_ops.RandomUniform(shape=[2], dtype=tf.int32),
    "not_a_ref": lambda tf: tf.raw_ops.Assign(ref=tf.constant(1.0), value=2.0),
    "bad_bool": lambda tf: tf.raw_ops.MatMul(a=[[1.0]], b=[[2.0]], transpose_a="x"),
    "bad_int": lambda tf: tf.raw_ops.RandomUniform(shape=[2], dtype=tf.float32, seed="x"),
    "bad_type": lambda tf: tf.raw_ops.Cast(x=1.0, DstT="foo"),
    "unknown_kwarg": lambda tf: tf.raw_ops.Add(x=1.0, y=2.0, z=3),
    "list_expected": lambda tf: tf.raw_ops.ConcatV2(values=1, axis=0),
    "list_attr_expected": lambda tf: tf.raw_ops.MaxPool(input=np.ones((1, 2, 2, 1)), ksize=2,
                                                        strides=[1, 1, 1, 1], padding="SAME"),
    "list_types_mixed": lambda tf: tf.raw_ops.Pack(values=[tf.constant(1), tf.constant(2.0)]),
    "shape_error": lambda tf: tf.raw_ops.MatMul(a=np.ones((2, 3)), b=np.ones((2, 3))),
}


def cases(tf):
    out = {"signatures": signatures(tf)}
    for name, build in BUILDS.items():
        tf.reset_default_graph()
        out["build/" + name] = _run(tf, build)
    for name, build in ERRORS.items():
        tf.reset_default_graph()
        out["error/" + name] = _raises(tf, build)
    return out

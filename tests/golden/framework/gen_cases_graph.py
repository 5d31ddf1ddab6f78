"""Graph, name scopes, control dependencies, collections, Operation and Tensor cases."""
import numpy as np


def ops_of(g):
    """Every op: name, type, inputs, control inputs and (shape, dtype) of each output."""
    return [[op.name, op.type, [t.name for t in op.inputs],
             [c.name for c in op.control_inputs],
             [[str(t.shape), t.dtype.name] for t in op.outputs]]
            for op in g.get_operations()]


def err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return [type(e).__name__, str(e)]
    return None


def case_unique_names(tf):
    a = tf.constant(1.0)
    b = tf.constant(1.0)
    c = tf.constant(1.0, name="Const")
    d = tf.constant(1.0, name="const")   # names are unique case-insensitively
    e = tf.constant(1.0, name="x_1")
    f = tf.constant(1.0, name="x")
    h = tf.constant(1.0, name="x")
    i = tf.constant(1.0, name="x")
    return [t.name for t in [a, b, c, d, e, f, h, i]]


def case_name_scopes(tf):
    out = []
    with tf.name_scope("a") as s:
        out.append(s)
        out.append(tf.constant(1, name="c").name)
        with tf.name_scope("b") as s2:
            out.append(s2)
            out.append(tf.constant(1).name)
        with tf.name_scope("b") as s3:
            out.append(s3)
        with tf.name_scope(s2):
            out.append(tf.constant(1).name)
        with tf.name_scope(None):
            out.append(tf.constant(1).name)
        with tf.name_scope(""):
            out.append(tf.constant(1).name)
    with tf.name_scope("a") as s4:
        out.append(s4)
    with tf.name_scope("a/") as s5:
        out.append(s5)
        out.append(tf.constant(1).name)
    with tf.name_scope(None, "dflt") as s6:
        out.append(s6)
    with tf.name_scope(None, "dflt") as s7:
        out.append(s7)
    with tf.name_scope("given", "dflt") as s8:
        out.append(s8)
    x = tf.constant(2.0)
    with tf.name_scope("v", "dflt", [x]) as s9:
        out.append(s9)
    out.append(tf.get_default_graph().get_name_scope())
    return out


def case_name_scope_op_name_collision(tf):
    with tf.name_scope("foo"):
        tf.constant(1)
    a = tf.constant(1, name="foo")
    b = tf.identity(a, name="foo")
    return [a.name, b.name]


def case_name_scope_invalid(tf):
    return [err(lambda: tf.name_scope("bad name!").__enter__()),
            err(lambda: tf.constant(1, name="bad name"))]


def case_graph_ops_and_lookup(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.identity(x, name="y")
    z = x * 2.0 + y
    g = tf.get_default_graph()
    out = [ops_of(g)]
    out.append(g.get_operation_by_name("y").name)
    out.append(g.get_tensor_by_name("y:0").name)
    out.append(g.as_graph_element("y").name)
    out.append(g.as_graph_element("y:0").name)
    out.append(g.as_graph_element(z).name)
    out.append(err(lambda: g.get_operation_by_name("nope")))
    out.append(err(lambda: g.get_operation_by_name("y:0")))
    out.append(err(lambda: g.get_tensor_by_name("nope:0")))
    out.append(err(lambda: g.get_tensor_by_name("y:3")))
    out.append(err(lambda: g.get_tensor_by_name("y")))
    out.append(err(lambda: g.get_tensor_by_name("y:a:b")))
    out.append(err(lambda: g.as_graph_element(1)))
    out.append(err(lambda: g.get_operation_by_name(3)))
    return out


def case_collections(tf):
    g = tf.get_default_graph()
    with tf.name_scope("s1"):
        a = tf.constant(1, name="a")
    with tf.name_scope("s2"):
        b = tf.constant(1, name="b")
    tf.add_to_collection("k", a)
    tf.add_to_collection("k", b)
    tf.add_to_collection("k", 5)
    tf.add_to_collections(["k2", "k3"], a)
    ref = tf.get_collection_ref("k4")
    ref.append(b)
    out = [[getattr(x, "name", x) for x in tf.get_collection("k")],
           [x.name for x in tf.get_collection("k", scope="s1")],
           [x.name for x in tf.get_collection("k", scope="s")],
           [x.name for x in tf.get_collection("k4")],
           tf.get_collection("missing"),
           sorted(g.get_all_collection_keys()),
           tf.GraphKeys.GLOBAL_VARIABLES, tf.GraphKeys.TRAINABLE_VARIABLES,
           tf.GraphKeys.LOCAL_VARIABLES, tf.GraphKeys.UPDATE_OPS, tf.GraphKeys.LOSSES,
           tf.GraphKeys.SUMMARIES, tf.GraphKeys.REGULARIZATION_LOSSES,
           tf.GraphKeys.MODEL_VARIABLES, tf.GraphKeys.GLOBAL_STEP,
           tf.GraphKeys.MOVING_AVERAGE_VARIABLES, tf.GraphKeys.INIT_OP, tf.GraphKeys.TRAIN_OP,
           tf.GraphKeys.QUEUE_RUNNERS, tf.GraphKeys.SAVERS, tf.GraphKeys.ACTIVATIONS,
           tf.GraphKeys.COND_CONTEXT, tf.GraphKeys.VARIABLES]
    l1 = tf.get_collection("k")
    l1.append(7)
    out.append(len(tf.get_collection("k")))
    out.append(tf.get_collection_ref("k4") is ref)
    g.clear_collection("k")
    out.append(tf.get_collection("k"))
    return out


def case_finalize(tf):
    g = tf.get_default_graph()
    tf.constant(1.0)
    g.finalize()
    out = [g.finalized, err(lambda: tf.constant(2.0))]
    out.append(err(lambda: tf.add_to_collection("k", 1)))
    out.append(len(g.get_operations()))
    return out


def case_control_dependencies(tf):
    a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    with tf.control_dependencies([a]):
        c = tf.identity(b, name="c")
        with tf.control_dependencies([b.op]):
            d = tf.identity(b, name="d")
            e = tf.identity(c, name="e")   # input created in the outer block
            with tf.control_dependencies(None):
                f = tf.identity(b, name="f")
        h = tf.identity(c, name="h")
        k = tf.constant(3.0, name="k")
    with tf.control_dependencies([c, d]):
        m = tf.no_op(name="m")
    with tf.control_dependencies([]):
        n = tf.identity(b, name="n")
    return [[op.name, [x.name for x in op.control_inputs]]
            for op in [c.op, d.op, e.op, f.op, h.op, k.op, m, n.op]]


def case_control_dependencies_bad(tf):
    return [err(lambda: tf.control_dependencies([1]).__enter__()),
            err(lambda: tf.control_dependencies([lambda: None]).__enter__())]


def case_device(tf):
    with tf.device("/cpu:0"):
        a = tf.constant(1.0, name="a")
        with tf.device(None):
            b = tf.constant(1.0, name="b")
    with tf.device("/device:GPU:1"):
        c = tf.constant(1.0, name="c")
    with tf.device("/job:worker/task:0"), tf.device("/cpu:0"):
        d = tf.constant(1.0, name="d")
    return [a.op.device, b.op.device, c.op.device, d.op.device, a.device]


def case_colocate_with(tf):
    a = tf.constant(1.0, name="a")
    with tf.colocate_with(a):
        b = tf.constant(1.0, name="b")
        with tf.colocate_with(None, ignore_existing=True):
            c = tf.constant(1.0, name="c")
    return [[x.decode() for x in t.op.colocation_groups()] for t in [a, b, c]]


def case_operation_props(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    y = tf.identity(x, name="y")
    op = y.op
    return [op.name, op.type, [t.name for t in op.inputs], [t.name for t in op.outputs],
            op.control_inputs, op.get_attr("T").name, op.graph is tf.get_default_graph(),
            op.node_def.name, op.node_def.op, list(op.node_def.input),
            err(lambda: op.get_attr("nope")), repr(op)[:24], len(op.values()),
            x.op.get_attr("dtype").name]


def case_tensor_props(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.identity(x, name="y")
    z = y + 1.0
    return [x.name, x.value_index, x.dtype.name, str(x.shape), str(x.get_shape()),
            repr(x.shape), x.shape.as_list(), x.op.name, x.graph is tf.get_default_graph(),
            [c.name for c in x.consumers()], [c.name for c in y.consumers()],
            repr(y), str(y), str(z), repr(tf.placeholder(tf.int32)),
            x.shape.ndims, x.shape[0].value, x.shape[1].value]


def case_tensor_set_shape(tf):
    x = tf.placeholder(tf.float32, name="x")
    out = [str(x.shape)]
    x.set_shape([None, 3])
    out.append(str(x.shape))
    x.set_shape([4, None])
    out.append(str(x.shape))
    out.append(err(lambda: x.set_shape([5, 3])))
    out.append(err(lambda: x.set_shape([4])))
    out.append(str(x.shape))
    return out


def case_tensor_bool_iter_len(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.placeholder(tf.float32, [2, 3], name="y")
    s = tf.constant(1.0, name="s")
    out = [err(lambda: bool(x)), err(lambda: iter(x)), err(lambda: len(y)), err(lambda: iter(s)),
           err(lambda: x.__nonzero__())]
    out.append(err(lambda: [t.name for t in y]))
    out.append(x == x)
    out.append(x == y)
    out.append(x != y)
    out.append(len({x, y, x}))
    u = tf.placeholder(tf.float32, name="u")
    out.append(err(lambda: iter(u)))
    return out


def case_operators(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    y = tf.placeholder(tf.float32, [3], name="y")
    b = tf.placeholder(tf.bool, [3], name="b")
    i = tf.placeholder(tf.int32, [3], name="i")
    _ = [x + y, x - y, x * y, x / y, x // y, x % y, x ** 2, -x, abs(x), 2 + x, 2 - x, 2 * x,
         2 / x, 2 // x, 2 % x, 2 ** x, x < y, x <= y, x > y, x >= y, b & b, b | b, b ^ b, ~b,
         i / 2, i // 2, i % 2, True & b]
    return ops_of(tf.get_default_graph())


def case_operators_matmul_getitem(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    w = tf.placeholder(tf.float32, [3, 4], name="w")
    _ = [x @ w, x[0], x[:, 1], x[0, 1:], x[..., None]]
    return ops_of(tf.get_default_graph())


def case_operator_dtype_errors(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    i = tf.placeholder(tf.int32, [3], name="i")
    out = [err(lambda: x + i), err(lambda: i + x), err(lambda: i + 1.5), err(lambda: x * i),
           err(lambda: tf.add(x, i)), err(lambda: tf.add(x, i, name="myadd")),
           err(lambda: x + "a")]
    out.append([op.name for op in tf.get_default_graph().get_operations()])
    out.append((x + 1.0).name)
    return out


def case_shape_error_leaves_graph_unchanged(tf):
    x = tf.placeholder(tf.float32, [2, 3], name="x")
    y = tf.placeholder(tf.float32, [4], name="y")
    before = [op.name for op in tf.get_default_graph().get_operations()]
    e = err(lambda: tf.add(x, y))
    e2 = err(lambda: x * y)
    after = [op.name for op in tf.get_default_graph().get_operations()]
    z = tf.add(x, x)
    return [e, e2, before == after, z.name, (x * x).name]


def case_graph_default_stack(tf):
    g0 = tf.get_default_graph()
    g1 = tf.Graph()
    out = []
    with g1.as_default() as g:
        out.append(g is g1)
        out.append(tf.get_default_graph() is g1)
        c = tf.constant(1.0)
        out.append(c.graph is g1)
        out.append(err(lambda: tf.reset_default_graph()))
    out.append(tf.get_default_graph() is g0)
    out.append(len(g0.get_operations()))
    out.append(len(g1.get_operations()))
    return out


def case_cross_graph_error(tf):
    g1 = tf.Graph()
    with g1.as_default():
        a = tf.constant(1.0, name="a")
    b = tf.constant(2.0, name="b")
    return [err(lambda: tf.add(a, b)), err(lambda: tf.get_default_graph().as_graph_element(a))]


def case_constant_shapes_and_dtypes(tf):
    vals = [1.0, 1, 2 ** 40, True, "s", b"b", [1, 2.0], [[1, 2], [3, 4]], [], 1 + 2j,
            np.float64(1.0), np.int64(3), np.array([1, 2], dtype=np.int16),
            np.array(1.5, dtype=np.float16), [np.float64(1), 2], [True, False], [[]],
            np.zeros((2, 0)), [1, 2 ** 40], np.array([1.0], np.float32)]
    ts = [tf.constant(v) for v in vals]
    ts.append(tf.constant(1, shape=[2, 3]))
    ts.append(tf.constant([1, 2, 3, 4, 5, 6], shape=[2, 3]))
    ts.append(tf.constant(1.0, dtype=tf.float64))
    ts.append(tf.constant([1, 2], dtype=tf.float32))
    ts.append(tf.constant(np.array([1.5, 2.5]), dtype=tf.float32))
    ts.append(tf.convert_to_tensor([1.0, 2.0], dtype=tf.float16))
    ts.append(tf.convert_to_tensor(3, preferred_dtype=tf.float32))
    ts.append(tf.convert_to_tensor(3.5, preferred_dtype=tf.int32))
    ts.append(tf.constant([1, 2], dtype=tf.int64))
    ts.append(tf.constant([1, 2], shape=[4]))
    return [[t.name, t.dtype.name, str(t.shape)] for t in ts]


class _Opaque:
    def __repr__(self):
        return "<opaque>"


def case_constant_errors(tf):
    return [err(lambda: tf.constant(1.5, dtype=tf.int32)),
            err(lambda: tf.constant(2 ** 40, dtype=tf.int32)),
            err(lambda: tf.constant([[1, 2], [3]])),
            err(lambda: tf.constant("a", dtype=tf.float32)),
            err(lambda: tf.constant(1.0, dtype=tf.string)),
            err(lambda: tf.constant(True, dtype=tf.int32)),
            err(lambda: tf.constant([1, 2, 3], shape=[2])),
            err(lambda: tf.constant([1, 2], shape=[2], verify_shape=True) and
                tf.constant([1, 2], shape=[3], verify_shape=True)),
            err(lambda: tf.constant(-1, dtype=tf.uint8)),
            err(lambda: tf.constant(1 + 2j, dtype=tf.float32)),
            err(lambda: tf.constant(_Opaque())),
            err(lambda: tf.constant(None)),
            err(lambda: tf.convert_to_tensor(tf.constant(1.0), dtype=tf.int32)),
            err(lambda: tf.convert_to_tensor(tf.no_op())),
            [op.name for op in tf.get_default_graph().get_operations()]]


def case_gradient_override_map(tf):
    x = tf.constant(1.0, name="x")
    g = tf.get_default_graph()
    with g.gradient_override_map({"Identity": "Square"}):
        y = tf.identity(x, name="y")
    z = tf.identity(x, name="z")
    return [y.op.get_attr("_gradient_op_type") if False else y.name, z.name]


def cases(tf):
    import harness  # this folder is on sys.path (the oracle runner, tests/framework_golden.py)
    return harness.run_all(tf, globals())

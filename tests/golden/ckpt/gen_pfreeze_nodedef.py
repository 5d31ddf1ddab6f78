"""tf.import_graph_def checks each NodeDef against TF 1.14's OpDef, with TF's messages
(tests/test_pfreeze_nodedef.py): an attr the op does not have ("NodeDef mentions attr"),
a required attr missing, a number of data inputs the op's arguments do not take ("NodeDef
expected inputs"), each with SummarizeOpDef's form of the OpDef (defaults, minimums,
allowed values, long lists cut, flags); and remove_training_nodes' graph that keeps an
IsFinite whose CheckNumerics input it removed; a frozen graph that kept an AssignAdd of a
variable become a Const ("Input 0 of node ... was passed float from ... incompatible with
expected float_ref."), with and without an import prefix."""


def _node(gd, name, op, inputs=(), **attrs):
    n = gd.node.add()
    n.name, n.op = name, op
    n.input.extend(inputs)
    for k, v in attrs.items():
        if isinstance(v, bool):
            n.attr[k].b = v
        elif isinstance(v, int):
            n.attr[k].i = v
        else:
            n.attr[k].type = v.as_datatype_enum
    return n


def _import(tf, gd):
    try:
        with tf.Graph().as_default() as g:
            tf.import_graph_def(gd, name="")
            return [op.name for op in g.get_operations()]
    except Exception as e:  # noqa: BLE001 - recorded as TF's error
        return [type(e).__name__, str(e)]


def _bogus(tf, op):
    gd = tf.GraphDef()
    _node(gd, "n", op, bogus=1)
    return _import(tf, gd)


def _float_input(tf, gd):
    _node(gd, "x", "Placeholder", dtype=tf.float32)


def cases(tf):
    out = {}
    for op in ("Const", "AddN", "Conv2D", "MaxPool", "ImageSummary", "Placeholder",
               "FusedBatchNorm", "QuantizeV2", "DecodeCSV", "Case", "Assign", "LRN",
               "MutableDenseHashTableV2", "RandomUniform", "Squeeze"):
        out["bogus/" + op] = _bogus(tf, op)
    gd = tf.GraphDef()
    _node(gd, "f", "IsFinite")
    out["missing/IsFinite"] = _import(tf, gd)
    gd = tf.GraphDef()
    _node(gd, "f", "IsFinite", T=tf.float32)
    out["inputs/IsFinite_none"] = _import(tf, gd)
    gd = tf.GraphDef()
    _float_input(tf, gd)
    _node(gd, "s", "AddN", ["x", "x", "x"], N=2, T=tf.float32)
    out["inputs/AddN_three_for_two"] = _import(tf, gd)
    gd = tf.GraphDef()
    _float_input(tf, gd)
    _node(gd, "a", "Assign", ["x"], T=tf.float32)
    out["inputs/Assign_one"] = _import(tf, gd)
    gd = tf.GraphDef()
    _float_input(tf, gd)
    _node(gd, "s", "AddN", ["x", "x", "^x"], N=2, T=tf.float32)
    out["valid/AddN_with_control"] = _import(tf, gd)
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 2], name="x")
        chk = tf.debugging.check_numerics(x, "bad x")
        ok = tf.reduce_all(tf.is_finite(chk))
        tf.identity(tf.where(ok, chk, tf.zeros_like(chk)), name="y")
        gd = g.as_graph_def()
    stripped = tf.graph_util.remove_training_nodes(gd)
    out["remove_training_nodes/nodes"] = [[n.name, n.op, list(n.input)] for n in stripped.node]
    out["remove_training_nodes/import"] = _import(tf, stripped)
    with tf.Graph().as_default() as g:
        v = tf.Variable([1.0, 2.0], name="v")
        tf.identity(v * 2.0, name="out")
        tf.assign_add(v, [1.0, 1.0], name="inc")
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            frozen = tf.graph_util.convert_variables_to_constants(
                sess, g.as_graph_def(), ["out", "inc"])
    out["frozen_assign/nodes"] = [[n.name, n.op, list(n.input)] for n in frozen.node]
    out["frozen_assign/import"] = _import(tf, frozen)
    try:
        with tf.Graph().as_default():
            tf.import_graph_def(frozen, name="pre")
        out["frozen_assign/import_prefixed"] = None
    except ValueError as e:
        out["frozen_assign/import_prefixed"] = str(e)
    return out

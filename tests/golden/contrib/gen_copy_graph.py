"""TF 1.14's tf.contrib.copy_graph: variables and ops copied to another graph with and
without a scope (the new graph's ops in order: names, types, inputs, control inputs,
devices, colocation; its collections; the copied variables' static shapes; the ops that
copy_variable_to_graph's initialized_value adds to the original graph), the values the
copies compute, copying twice, get_copied_op, and the errors. The values are exact
(products and sums of small integers), but the host is recorded as for every golden made
after 2026-12-06. Test: tests/test_copy_graph.py."""
import numpy as np

from goldenio import host_vendor


def _error(e):
    return ["error", type(e).__name__, str(e)]


def _ops(graph):
    rows = []
    for op in graph.get_operations():
        cls = op.node_def.attr["_class"].list.s if "_class" in op.node_def.attr else []
        rows.append([op.name, op.type, [t.name for t in op.inputs],
                     [c.name for c in op.control_inputs], op.device,
                     [c.decode() for c in cls]])
    return rows


def _collections(graph):
    """Collections by element names; not TF's cond_context (the CondContext objects that
    initialized_value's tf.cond records: flowgrad's tf.cond keeps none, in any graph)."""
    out = {}
    for key in graph.get_all_collection_keys():
        if key == "cond_context":
            continue
        out[key] = [getattr(x, "name", str(type(x))) for x in graph.get_collection(key)]
    return out


def _source(tf):
    """x * v + w with a control dependency, a device, a custom collection."""
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [2], name="x")
        v = tf.Variable([1.0, 2.0], name="v")
        w = tf.Variable(3.0, name="w", trainable=False, collections=["mine", "variables"])
        with tf.device("/cpu:0"):
            y = tf.add(x * v, w, name="y")
        tf.add_to_collection("outputs", y)
        with tf.control_dependencies([y]):
            z = tf.identity(y * 2.0, name="z")
        tf.add_to_collection("outputs", z)
    return g, x, v, w, y, z


def _copy(tf, scope):
    cg = tf.contrib.copy_graph
    g, x, v, w, y, z = _source(tf)
    g2 = tf.Graph()
    v2 = cg.copy_variable_to_graph(v, g2, scope)
    w2 = cg.copy_variable_to_graph(w, g2, scope)
    z2 = cg.copy_op_to_graph(z, g2, [v2, w2], scope)
    again = cg.copy_op_to_graph(z, g2, [v2, w2], scope)
    y2 = cg.copy_op_to_graph(y.op, g2, [v2, w2], scope)
    x2 = cg.get_copied_op(x, g2, scope)
    zop = cg.get_copied_op(z.op, g2, scope)
    with g2.as_default():
        init = tf.global_variables_initializer()
        with tf.Session() as sess:
            sess.run(init)
            values = sess.run([z2, y2.outputs[0], v2, w2],
                              {x2: np.array([5.0, 7.0], np.float32)})
    return {"g2_ops": _ops(g2), "g2_collections": _collections(g2),
            # the original graph's ops by name and type: flowgrad's views of a tf.cond's
            # branch ops read the outer tensor where TF's read its Switch (RefSwitch)
            "g1_ops": [row[:2] for row in _ops(g)], "g1_collections": _collections(g),
            "z2": [type(z2).__name__, z2.name], "again_same": again is z2,
            "y2": [type(y2).__name__, y2.name], "x2": x2.name, "zop": zop.name,
            "zop_is": zop is z2.op,
            "v2": [v2.name, str(v2.shape), str(v2.dtype)],
            "w2": [w2.name, str(w2.shape), str(w2.dtype)],
            "values": [np.asarray(a) for a in values]}


def _errors(tf):
    cg = tf.contrib.copy_graph
    g, x, v, w, y, z = _source(tf)
    g2 = tf.Graph()
    out = {}
    for key, fn in (("var_of_tensor", lambda: cg.copy_variable_to_graph(y, g2)),
                    ("op_of_variable", lambda: cg.copy_op_to_graph(v, g2, [])),
                    ("missing_copy", lambda: cg.get_copied_op(z.op, g2, "s")),
                    ("missing_tensor", lambda: cg.get_copied_op(z, g2))):
        try:
            out[key] = str(fn())
        except Exception as e:  # the error TF raises is the golden
            out[key] = _error(e)
    return out


def _no_variables(tf):
    """An op on a variable copied without giving the variable: its VariableV2 is copied as
    an op (uninitialized); a plain op chain with no scope."""
    cg = tf.contrib.copy_graph
    g, x, v, w, y, z = _source(tf)
    g2 = tf.Graph()
    with g2.as_default():
        tf.constant(1.0, name="pre")
    cg.copy_op_to_graph(y, g2, [], "s")
    return {"g2_ops": _ops(g2), "g2_collections": _collections(g2)}


def _gradient(tf):
    """A gradient op (TF copies the forward op it was made for, its _original_op, first), a
    colocated op, a seeded random op (its seeds are attrs, copied as they are)."""
    cg = tf.contrib.copy_graph
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(3)
        a = tf.placeholder(tf.float32, [3], name="a")
        b = tf.square(tf.tanh(a), name="b")
        grad = tf.gradients(tf.reduce_sum(b * 2.0), a)[0]
        r = tf.random_uniform([3], seed=5, name="r")
        with tf.colocate_with(r):
            c = tf.add(grad, r, name="c")
    g2 = tf.Graph()
    c2 = cg.copy_op_to_graph(c, g2, [], "k")
    with tf.Session(graph=g2) as sess:
        value = sess.run(c2 - g2.get_tensor_by_name("k/r:0"),
                         {g2.get_tensor_by_name("k/a:0"): np.array([0.0, 0.5, -1.0],
                                                                   np.float32)})
    return {"g2_ops": _ops(g2), "value": value}


def cases(tf):
    return {"vendor": host_vendor(), "scoped": _copy(tf, "copy"), "unscoped": _copy(tf, ""),
            "errors": _errors(tf), "no_variables": _no_variables(tf),
            "gradient": _gradient(tf)}

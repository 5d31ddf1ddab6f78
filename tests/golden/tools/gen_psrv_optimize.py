"""tensorflow.python.tools.optimize_for_inference_lib and strip_unused_lib as TF 1.14
runs them (probe psrv; tests/test_psrv_optimize.py runs the same case functions with
flowgrad): a frozen conv + batch norm model optimized for serving (nodes, folded weights
and offsets, outputs), resize / mirror-pad convolutions fused, strip_unused with input
types, and their errors."""
import numpy as np


def _nodes(gd):
    return [[n.name, n.op, list(n.input)] for n in gd.node]


def _error(fn):
    try:
        fn()
    except (ValueError, KeyError) as e:
        return [type(e).__name__, str(e)]
    return None


def _conv_bn(tf, training):
    x = tf.placeholder(tf.float32, [None, 6, 6, 2], name="input")
    h = tf.layers.conv2d(x, 3, 3, use_bias=False, padding="same", name="conv",
                         kernel_initializer=tf.constant_initializer(
                             np.linspace(-1, 1, 54).reshape(3, 3, 2, 3)))
    h = tf.layers.batch_normalization(
        h, training=training, name="bn", fused=True,
        beta_initializer=tf.constant_initializer([0.1, -0.2, 0.3]),
        gamma_initializer=tf.constant_initializer([1.5, 0.5, 2.0]),
        moving_mean_initializer=tf.constant_initializer([0.2, 0.0, -0.1]),
        moving_variance_initializer=tf.constant_initializer([0.5, 2.0, 1.0]))
    return tf.nn.relu(tf.reduce_mean(h, [1, 2]), name="output")


def folded(tf):
    """A frozen conv + fused batch norm model through optimize_for_inference."""
    from tensorflow.python.framework import graph_util
    from tensorflow.python.tools import optimize_for_inference_lib as lib
    xv = (np.arange(144, dtype=np.float32).reshape(2, 6, 6, 2) % 7) / 7.0
    with tf.Graph().as_default() as g:
        out = _conv_bn(tf, False)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            want = sess.run(out, {"input:0": xv})
            frozen = graph_util.convert_variables_to_constants(sess, g.as_graph_def(),
                                                               ["output"])
    opt = lib.optimize_for_inference(frozen, ["input"], ["output"],
                                     tf.float32.as_datatype_enum)
    consts = {n.name: tf.make_ndarray(n.attr["value"].tensor) for n in opt.node
              if n.op == "Const"}
    with tf.Graph().as_default():
        o, = tf.import_graph_def(opt, return_elements=["output:0"], name="")
        with tf.Session() as sess:
            got = sess.run(o, {"input:0": xv})
    return {"frozen": _nodes(frozen), "optimized": _nodes(opt), "consts": consts,
            "before": want, "after": got}


def fused(tf):
    """Resize and mirror-pad convolutions fused (the GraphDef only)."""
    from tensorflow.python.tools import optimize_for_inference_lib as lib
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [1, 4, 4, 1], name="input")
        w = tf.constant(np.ones([2, 2, 1, 1], np.float32), name="w")
        r = tf.image.resize_bilinear(x, [8, 8], name="resize")
        p = tf.pad(r, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="REFLECT", name="pad")
        a = tf.nn.conv2d(p, w, [1, 1, 1, 1], "VALID", name="conv_a")
        b = tf.nn.conv2d(r, w, [1, 1, 1, 1], "VALID", name="conv_b")
        c = tf.nn.conv2d(tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="SYMMETRIC",
                                name="pad2"), w, [1, 1, 1, 1], "VALID", name="conv_c")
        tf.add_n([tf.reduce_sum(a), tf.reduce_sum(b), tf.reduce_sum(c)], name="output")
        gd = g.as_graph_def()
    opt = lib.optimize_for_inference(gd, ["input"], ["output"], tf.float32.as_datatype_enum)
    attrs = {n.name: sorted(n.attr.keys()) for n in opt.node if n.op.startswith("Fused")}
    toco = lib.optimize_for_inference(gd, ["input"], ["output"],
                                      tf.float32.as_datatype_enum, toco_compatible=True)
    return {"optimized": _nodes(opt), "attrs": attrs, "toco": _nodes(toco)}


def strip(tf):
    """strip_unused: inputs made Placeholders of the given types, the rest pruned."""
    from tensorflow.python.tools import strip_unused_lib
    with tf.Graph().as_default() as g:
        a = tf.constant(1.0, name="a")
        b = tf.placeholder(tf.int32, [2], name="b")
        c = tf.multiply(a, 2.0, name="c")
        d = tf.add(c, tf.cast(b, tf.float32), name="d")
        tf.identity(d, name="unused")
        gd = g.as_graph_def(add_shapes=True)
    one = strip_unused_lib.strip_unused(gd, ["c"], ["d"], tf.float32.as_datatype_enum)
    two = strip_unused_lib.strip_unused(gd, ["c", "b"], ["d"],
                                        [tf.float32.as_datatype_enum,
                                         tf.int64.as_datatype_enum])
    placeholders = {n.name: [n.attr["dtype"].type, "_output_shapes" in n.attr]
                    for n in two.node if n.op == "Placeholder"}
    return {"one": _nodes(one), "two": _nodes(two), "placeholders": placeholders,
            "tensor_name": _error(lambda: strip_unused_lib.strip_unused(
                gd, ["c:0"], ["d"], 1)),
            "missing": _error(lambda: strip_unused_lib.strip_unused(gd, ["zz"], ["d"], 1))}


def helpers(tf):
    """The module's helper functions and the graph checks' errors."""
    from tensorflow.python.tools import optimize_for_inference_lib as lib
    gd = tf.GraphDef()
    gd.node.add(name="a", op="Const")
    gd.node.add(name="b", op="Identity", input=["a:0", "^zz"])
    dup = tf.GraphDef()
    dup.node.add(name="a", op="NoOp")
    dup.node.add(name="a", op="NoOp")
    nodes = {n.name: n for n in gd.node}
    return {"names": [lib.node_name_from_input(s) for s in ("^a", "a:1", "a:b:2", "a")],
            "from_map": lib.node_from_map(nodes, "^b:0").name,
            "missing": _error(lambda: lib.node_from_map(nodes, "q:1")),
            "invalid": _error(lambda: lib.ensure_graph_is_valid(gd)),
            "duplicate": _error(lambda: lib.ensure_graph_is_valid(dup)),
            "not_const": _error(lambda: lib.values_from_const(gd.node[1])),
            "fold_duplicate": _error(lambda: lib.fold_batch_norms(dup)),
            "orders": [lib.INPUT_ORDER, lib.EPSILON_ATTR]}


def cases(tf):
    return {"folded": folded(tf), "fused": fused(tf), "strip": strip(tf),
            "helpers": helpers(tf)}

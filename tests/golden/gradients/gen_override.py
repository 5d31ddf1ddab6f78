"""gradient_override_map's mark on the op: the `_gradient_op_type` attr TF 1.14's
Graph._create_op_helper sets (get_attr, node_def, as_graph_def), and that it survives
import_graph_def and export/import_meta_graph, the imported op still taking the
overriding gradient."""
import numpy as np

_REGISTERED = []


def _register(tf):
    # one registration per process (TF's registry refuses a second one)
    if not _REGISTERED:
        def _times10(op, grad):
            return grad * 10.0
        try:
            tf.RegisterGradient("GoldenOverrideTimes10")(_times10)
        except KeyError:   # registered by an earlier import of this module
            pass
        _REGISTERED.append(_times10)


def _build(tf):
    x = tf.constant(np.array([1.0, -2.0, 3.0], np.float32), name="x")
    g = tf.get_default_graph()
    with g.gradient_override_map({"Square": "GoldenOverrideTimes10"}):
        sq = tf.square(x, name="sq")
        other = tf.abs(x, name="other")        # not in the map: no attr
    plain = tf.square(x, name="plain")         # outside the block: no attr
    return x, sq, other, plain


def attrs(tf):
    _register(tf)
    with tf.Graph().as_default():
        x, sq, other, plain = _build(tf)
        out = {"get_attr": sq.op.get_attr("_gradient_op_type"),
               "node_def": sorted(sq.op.node_def.attr),
               "other": sorted(other.op.node_def.attr),
               "plain": sorted(plain.op.node_def.attr)}
        try:
            plain.op.get_attr("_gradient_op_type")
        except ValueError as e:
            out["plain_error"] = str(e)
        gd = tf.get_default_graph().as_graph_def()
        out["graph_def"] = {n.name: sorted(n.attr) for n in gd.node}
        out["graph_def_value"] = [n.attr["_gradient_op_type"].s for n in gd.node
                                  if "_gradient_op_type" in n.attr]
        with tf.Session() as s:
            out["grad"] = s.run(tf.gradients(tf.reduce_sum(sq), x)[0])
            out["grad_plain"] = s.run(tf.gradients(tf.reduce_sum(plain), x)[0])
    return out


def imported(tf):
    _register(tf)
    with tf.Graph().as_default():
        _build(tf)
        gd = tf.get_default_graph().as_graph_def()
    out = {}
    with tf.Graph().as_default() as g2:
        tf.import_graph_def(gd, name="imp")
        sq = g2.get_tensor_by_name("imp/sq:0")
        x = g2.get_tensor_by_name("imp/x:0")
        out["import_attr"] = sq.op.get_attr("_gradient_op_type")
        with tf.Session() as s:
            out["import_grad"] = s.run(tf.gradients(tf.reduce_sum(sq), x)[0])
    with tf.Graph().as_default():
        _build(tf)
        mg = tf.train.export_meta_graph()
    with tf.Graph().as_default() as g3:
        tf.train.import_meta_graph(mg)
        sq = g3.get_tensor_by_name("sq:0")
        x = g3.get_tensor_by_name("x:0")
        out["meta_attr"] = sq.op.get_attr("_gradient_op_type")
        with tf.Session() as s:
            out["meta_grad"] = s.run(tf.gradients(tf.reduce_sum(sq), x)[0])
    return out


CASES = [attrs, imported]


def cases(tf):
    return {c.__name__: c(tf) for c in CASES}

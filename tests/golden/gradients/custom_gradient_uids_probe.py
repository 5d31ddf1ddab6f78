"""tf.custom_gradient's gradient names in a process of its own: each is
CustomGradient-<ops.uid()>, TF's process-wide count that every Graph and Tensor made and
every traced tf.data function also take, so the numbers run on across graphs. Prints one
JSON line per graph: its IdentityN ops' _gradient_op_type (op attr and GraphDef), and the
gradients' values. Run under TF 1.14 to make custom_gradient_uids.json;
tests/test_custom_gradient_uids.py runs it with `flowgrad run` and compares."""
import json

import tensorflow as tf


@tf.custom_gradient
def scaled(x):
    def grad(dy):
        return dy * 3.0
    return x * 2.0, grad


@tf.custom_gradient
def pair(x, y):
    def grad(da, db):
        return da + db, da - db
    return [x * y, x + y], grad


def report(graph, fetches):
    ops = [op for op in graph.get_operations() if op.type == "IdentityN"]
    nodes = [n for n in graph.as_graph_def().node if n.op == "IdentityN"]
    with tf.Session(graph=graph) as sess:
        values = sess.run(fetches) if fetches else []
    print(json.dumps({
        "ops": [[op.name, op.get_attr("_gradient_op_type").decode()] for op in ops],
        "graph_def": [[n.name, n.attr["_gradient_op_type"].s.decode()] for n in nodes],
        "values": [[float(v) for v in vs] for vs in values]}))


x = tf.constant(1.5)
z = scaled(scaled(x))
report(tf.get_default_graph(), [tf.gradients(z, x)])

with tf.Graph().as_default() as g2:
    a = tf.placeholder_with_default(2.0, [])
    b = scaled(a)
    ds = tf.data.Dataset.range(3).map(lambda v: v + 1)    # a traced function takes a uid
    c, d = pair(b, a)
    report(g2, [tf.gradients([c, d], [a, b])])

with tf.Graph().as_default() as g3:
    report(g3, [])                                         # a graph takes one too
    e = scaled(tf.constant(0.5))
    report(g3, [tf.gradients(e, tf.get_default_graph().get_tensor_by_name("Const:0"))])

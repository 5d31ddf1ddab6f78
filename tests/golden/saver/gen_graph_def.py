"""Graph.as_graph_def(add_shapes=True) of a small graph under TF 1.14: nodes, attr keys,
Const tensors (serialized TensorProto, hex) and _output_shapes (tests/test_summary.py)."""


def cases(tf):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    with tf.name_scope("layer1"):
        w = tf.Variable(tf.ones([3]), name="w")
        h = tf.multiply(x, w, name="h")
    with tf.control_dependencies([h]):
        c = tf.constant([[1., 2., 3.]], name="c")
    tf.add(h, c, name="y")
    gd = tf.get_default_graph().as_graph_def(add_shapes=True)
    return {
        "nodes": [{"name": n.name, "op": n.op, "input": list(n.input),
                   "attr_keys": sorted(n.attr)} for n in gd.node],
        "const_tensors": {n.name: n.attr["value"].tensor.SerializeToString().hex()
                          for n in gd.node if n.op == "Const"},
        "output_shapes": {n.name: [None if s.unknown_rank else [d.size for d in s.dim]
                                   for s in n.attr["_output_shapes"].list.shape]
                          for n in gd.node},
    }

"""TF 1.14's GraphDef inputs and `_output_shapes` (tests/test_graph_def_inputs.py): control
inputs are written sorted by the input's name whatever order they were added in, an op with
no outputs gets no `_output_shapes` under add_shapes=True, and a list holding an int64
tensor packs as int64 where an op's int input allows it (tf.fill([n], n))."""


def _nodes(tf, g, names):
    gd = g.as_graph_def(add_shapes=True)
    return {n.name: [list(n.input), sorted(n.attr.keys())] for n in gd.node if n.name in names}


def case_controls(tf):
    with tf.Graph().as_default() as g:
        a = tf.Variable(1.0, name="b")
        b = tf.Variable(2.0, name="a")
        c = tf.Variable(3.0, name="c")
        with tf.control_dependencies([c.op, a.op, b.op]):
            tf.identity(a.value(), name="zz")
        with tf.control_dependencies([c.initializer, b.initializer]):
            tf.no_op(name="nop")
        tf.global_variables_initializer()
        return _nodes(tf, g, {"zz", "nop", "init"})


def case_fill_int64(tf):
    with tf.Graph().as_default():
        n = tf.constant(3, tf.int64)
        y = tf.fill([n], n)
        z = tf.reshape(tf.range(6), [n, -1])
        with tf.Session() as sess:
            return {"fill": [y.dtype.name, sess.run(y).tolist(), y.op.inputs[0].op.type,
                             y.op.inputs[0].dtype.name],
                    "reshape": [z.op.inputs[1].dtype.name, sess.run(z).tolist()]}


def case_convert_lists(tf):
    """convert_to_tensor packs lists holding tensors (`packed`, casts first); tf.constant
    refuses them."""
    out = {}
    with tf.Graph().as_default() as g:
        n = tf.constant(3, tf.int64)
        ts = [tf.convert_to_tensor([n, 2]), tf.convert_to_tensor([n, 2], dtype=tf.int32),
              tf.convert_to_tensor([[1, 2], [3, 4]]),
              tf.convert_to_tensor([[n, 2], [3, n]], dtype=tf.float32),
              tf.convert_to_tensor([n, 2], preferred_dtype=tf.int32)]
        out["tensors"] = [[t.name, t.dtype.name, t.shape.as_list()] for t in ts]
        out["ops"] = [[o.name, o.type] for o in g.get_operations()]
        with tf.Session() as sess:
            out["values"] = [v.tolist() for v in sess.run(ts)]
        for key, dtype in (("const", None), ("const_int64", tf.int64)):
            try:
                tf.constant([n, 2], dtype=dtype)
                out[key] = None
            except TypeError as e:
                out[key] = str(e)
    return out


def cases(tf):
    return {"controls": case_controls(tf), "fill_int64": case_fill_int64(tf),
            "convert_lists": case_convert_lists(tf)}

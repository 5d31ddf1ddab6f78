"""TF 1.14's get_operations() of graphs with tf.cond, tf.while_loop, TensorArrays and the
RNN drivers (gen_rnn_counts.py's calls): every op's name and type, and for the
control-flow nodes flowgrad lists as views of its GraphDef (Switch, Merge, Enter, Exit,
NextIteration, LoopCond, TensorArray ops) their inputs, control inputs, output dtypes
and shapes, and the attrs TF's Python reads (tests/test_tf_nodes.py)."""
import gen_rnn_counts

VIEWED = ("Switch", "Merge", "Enter", "Exit", "NextIteration", "LoopCond")
ATTRS = {"Enter": ("frame_name", "is_constant", "parallel_iterations", "T"),
         "Switch": ("T",), "Merge": ("T", "N"), "Exit": ("T",), "NextIteration": ("T",)}


def _cond(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    return tf.cond(x > 0, lambda: x * 2.0, lambda: x - 1.0)


def _cond_tuple(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    y = tf.constant([1.0, 2.0, 3.0])
    return tf.cond(tf.reduce_sum(x) > 0, lambda: (x + y, x * y), lambda: (x, y))


def _nested_cond(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    return tf.cond(x > 0, lambda: tf.cond(x > 1, lambda: x * 3.0, lambda: x),
                   lambda: -x)


def _while(tf):
    i = tf.constant(0)
    return tf.while_loop(lambda i: i < 10, lambda i: i + 1, [i])


def _while_outer(tf):
    w = tf.constant([[1.0, 2.0], [3.0, 4.0]])
    x = tf.ones([2])
    return tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, tf.tensordot(w, x, 1)),
                         [tf.constant(0), x])


def _while_ta(tf):
    ta = tf.TensorArray(tf.float32, size=4)

    def body(i, ta):
        return i + 1, ta.write(i, tf.cast(i, tf.float32) * 2.0)
    _, ta = tf.while_loop(lambda i, ta: i < 4, body, [tf.constant(0), ta])
    return ta.stack()


def _map_fn(tf):
    return tf.map_fn(lambda r: r * 2.0, tf.ones([3, 2]))


def _nested_outer_pred(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")
    # the inner predicate and x come from outside both conds: switched into the outer first
    return tf.cond(p, lambda: x * 2.0 + tf.cond(q, lambda: x * 3.0, lambda: x + 1.0),
                   lambda: -x)


def _nested_results(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")
    # branches returning a tensor from outside (inner and outer) and a constant
    return tf.cond(p, lambda: tf.cond(q, lambda: tf.constant(3.0), lambda: x), lambda: x)


def _nested_three(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    return tf.cond(p, lambda: tf.cond(x[0] > 0, lambda: tf.cond(x[1] > 0, lambda: x * 2.0,
                                                                lambda: x),
                                      lambda: x + 1.0),
                   lambda: tf.cond(x[1] > 1, lambda: -x, lambda: x * x))


def _cond_grad(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.cond(x > 0, lambda: x * x, lambda: tf.sin(x))
    return tf.gradients(y, x)


def _while_grad(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    _, y = tf.while_loop(lambda i, y: i < 3, lambda i, y: (i + 1, y * x),
                         [tf.constant(0), tf.constant(1.0)])
    return tf.gradients(y, x)


CALLS = [("cond", _cond), ("cond/tuple", _cond_tuple), ("cond/nested", _nested_cond),
         ("cond/nested_outer_pred", _nested_outer_pred),
         ("cond/nested_results", _nested_results), ("cond/nested_three", _nested_three),
         ("cond/grad", _cond_grad), ("while_loop", _while), ("while_loop/outer", _while_outer),
         ("while_loop/tensor_array", _while_ta), ("while_loop/grad", _while_grad),
         ("map_fn", _map_fn)] + gen_rnn_counts.CALLS[:-1]


def _attr(op, name):
    v = op.get_attr(name)
    return v.name if hasattr(v, "as_datatype_enum") else v


def describe(tf, fn):
    """{"ops": [[name, type]], "nodes": {name: details}} of a fresh graph after fn(tf)."""
    g = tf.Graph()
    with g.as_default():
        fn(tf)
    ops = g.get_operations()
    nodes = {}
    for op in ops:
        if op.type not in VIEWED:
            continue
        nodes[op.name] = {
            "inputs": [t.name for t in op.inputs],
            "control_inputs": [c.name for c in op.control_inputs],
            "outputs": [[t.dtype.name, str(t.shape)] for t in op.outputs],
            "attrs": [[a, _attr(op, a)] for a in ATTRS.get(op.type, ())],
        }
    return {"ops": [[o.name, o.type] for o in ops], "nodes": nodes}


def cases(tf):
    return dict((name, describe(tf, fn)) for name, fn in CALLS)

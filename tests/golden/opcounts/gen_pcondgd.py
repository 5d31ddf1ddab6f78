"""TF 1.14's get_operations() of graphs differentiating tf.cond (its gradient written as
TF's Switch/Merge: _MergeGrad, _SwitchGrad, ZerosLikeOutsideLoop): every op's name and
type, the details gen_tf_nodes.describe gives of the control-flow nodes, and every node's
inputs (control inputs as "^name") of the GraphDef (tests/test_pcondgd.py)."""
import gen_tf_nodes


def _grad(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.cond(x > 0, lambda: x * x, lambda: tf.sin(x))
    return tf.gradients(y, x)


def _grad_two_inputs(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    w = tf.placeholder(tf.float32, [3], name="w")
    y = tf.cond(tf.reduce_sum(x) > 0, lambda: x * w, lambda: x + 1.0)
    return tf.gradients(tf.reduce_sum(y), [x, w])


def _second_order(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.cond(x > 0, lambda: x * x * x, lambda: x * 2.0)
    g = tf.gradients(y, x)[0]
    return tf.gradients(g, x)


def _tuple(tf):
    x = tf.placeholder(tf.float32, [3], name="x")
    y = tf.constant([1.0, 2.0, 3.0])
    a, b = tf.cond(tf.reduce_sum(x) > 0, lambda: (x * y, x * x), lambda: (x, y * 2.0))
    return tf.gradients(tf.reduce_sum(a) + tf.reduce_sum(b), x)


def _passthrough(tf):
    x = tf.placeholder(tf.float32, [], name="x")
    y = tf.cond(x > 0, lambda: x, lambda: x * 3.0)
    return tf.gradients(y, x)


def _dropout(tf):
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    training = tf.placeholder(tf.bool, [], name="training")
    w = tf.get_variable("w", [3, 2], initializer=tf.ones_initializer())
    h = tf.layers.dropout(tf.matmul(x, w), rate=0.5, training=training, seed=1)
    return tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(h))


def _batch_norm(tf):
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    training = tf.placeholder(tf.bool, [], name="training")
    w = tf.get_variable("w", [3, 2], initializer=tf.ones_initializer())
    h = tf.contrib.layers.batch_norm(tf.matmul(x, w), is_training=training)
    return tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(h))


def _chained(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    y = tf.cond(p, lambda: tf.exp(x), lambda: x * x)
    z = tf.cond(tf.reduce_sum(y) > 1.0, lambda: y * x, lambda: tf.tanh(y))
    return tf.gradients(tf.reduce_sum(z), x)


def _int_output(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    n = tf.placeholder(tf.int32, [], name="n")
    a, k = tf.cond(n > 0, lambda: (x * 2.0, n + 1), lambda: (tf.square(x), n))
    return tf.gradients(tf.reduce_sum(a) * tf.cast(k, tf.float32), x)


def _batch_normalization_adam(tf):
    x = tf.placeholder(tf.float32, [4, 3], name="x")
    training = tf.placeholder(tf.bool, [], name="training")
    h = tf.layers.dense(x, 2, kernel_initializer=tf.ones_initializer())
    h = tf.layers.batch_normalization(h, training=training)
    h = tf.layers.dropout(h, rate=0.25, training=training, seed=2)
    return tf.train.AdamOptimizer(0.01).minimize(tf.reduce_mean(h * h))


def _nested(tf):
    # a cond in the true branch: its Merge's gradient switched on the inner pred_id, its
    # Switches' zeros switching the outer Switch's output
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")
    y = tf.cond(p, lambda: tf.cond(q, lambda: x * x, lambda: x + 1.0), lambda: -x)
    return tf.gradients(tf.reduce_sum(y), x)


def _nested_false(tf):
    # in the false branch, two captures, x also read outside (TF's AddN order: the walk's)
    x = tf.placeholder(tf.float32, [2], name="x")
    w = tf.constant([2.0, 3.0], name="w")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")
    y = tf.cond(p, lambda: x * w, lambda: tf.cond(q, lambda: tf.sin(x) * w, lambda: x * x))
    return tf.gradients(tf.reduce_sum(y * x), [x, w])


def _nested_both(tf):
    # a cond in each branch, one's result multiplied by x (one AddN of x's gradients)
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")
    y = tf.cond(p, lambda: tf.cond(q, lambda: x * x, lambda: x + 1.0) * x,
                lambda: tf.cond(q, lambda: tf.exp(x), lambda: x * 3.0))
    return tf.gradients(tf.reduce_sum(y), x)


def _nested_three(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")
    y = tf.cond(p, lambda: tf.cond(q, lambda: tf.cond(p, lambda: x * x * x, lambda: x),
                                   lambda: x + 1.0), lambda: -x)
    return tf.gradients(tf.reduce_sum(y), x)


def _nested_pred(tf):
    # the inner predicate computed in the outer branch
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    y = tf.cond(p, lambda: tf.cond(tf.reduce_sum(x) > 0, lambda: x * x,
                                   lambda: tf.square(x)), lambda: -x)
    return tf.gradients(tf.reduce_sum(y), x)


def _nested_twice(tf):
    # the nested cond's result read twice in the branch (its gradients' sum before the
    # inner Merge's Switch), two captures
    x = tf.placeholder(tf.float32, [2], name="x")
    w = tf.placeholder(tf.float32, [2], name="w")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")

    def true_fn():
        z = tf.cond(q, lambda: x * w, lambda: tf.tanh(x))
        return z * z + w
    y = tf.cond(p, true_fn, lambda: x - w)
    return tf.gradients(tf.reduce_sum(y), [x, w])


def _nested_passthrough(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")
    y = tf.cond(p, lambda: tf.cond(q, lambda: x, lambda: x * 2.0), lambda: x)
    return tf.gradients(tf.reduce_sum(y), x)


def _nested_no_grad(tf):
    # a nested cond the gradient does not pass through
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")
    c = tf.constant([1.0, 2.0])
    y = tf.cond(p, lambda: x * tf.cond(q, lambda: c * 2.0, lambda: c), lambda: -x)
    return tf.gradients(tf.reduce_sum(y), x)


def _nested_minimize(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")
    y = tf.cond(p, lambda: tf.cond(q, lambda: v * v, lambda: v + 1.0), lambda: -v)
    return tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(y))


def _same_gradient(tf):
    # both outputs get the one gradient tensor (a + b): each Merge's Switch is read by
    # the gradients of its own output
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    a, b = tf.cond(p, lambda: (x * x, tf.sin(x)), lambda: (x, x * 2.0))
    return tf.gradients(tf.reduce_sum(a + b), x)


def _nested_tuple(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")

    def true_fn():
        a, b = tf.cond(q, lambda: (x * x, tf.sin(x)), lambda: (x, x * 2.0))
        return a + b
    y = tf.cond(p, true_fn, lambda: -x)
    return tf.gradients(tf.reduce_sum(y), x)


def _gate_add(tf):
    # gate_gradients: TF's _AddGrad of equal shapes returns the gradient twice, gated as a
    # tuple; each input's Merge reads its own control_dependency
    x = tf.placeholder(tf.float32, [2], name="x")
    w = tf.placeholder(tf.float32, [2], name="w")
    p = tf.placeholder(tf.bool, [], name="p")
    y = tf.cond(p, lambda: x + w, lambda: x * 3.0)
    return tf.gradients(tf.reduce_sum(y), [x, w], gate_gradients=True)


def _gate_add_ops(tf):
    # the Add's inputs are branch ops: their gradients (Sin's control input too) read it
    x = tf.placeholder(tf.float32, [2], name="x")
    w = tf.placeholder(tf.float32, [2], name="w")
    p = tf.placeholder(tf.bool, [], name="p")
    y = tf.cond(p, lambda: x * x + tf.sin(w), lambda: x * 3.0)
    return tf.gradients(tf.reduce_sum(y), [x, w], gate_gradients=True)


def _gate_add_minimize(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    u = tf.Variable([0.5, 2.0], name="u")
    p = tf.placeholder(tf.bool, [], name="p")
    y = tf.cond(p, lambda: v + u, lambda: v * u)
    return tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(y * y))


def _nested_gate(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    w = tf.placeholder(tf.float32, [2], name="w")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")
    y = tf.cond(p, lambda: tf.cond(q, lambda: x * w, lambda: x + w), lambda: x * 3.0)
    return tf.gradients(tf.reduce_sum(y), [x, w], gate_gradients=True)


def _nested_reads_branch(tf):
    # the inner cond reads a value computed in the outer branch (its Switch reads the op)
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")

    def true_fn():
        h = tf.sin(x)
        return tf.cond(q, lambda: h * x, lambda: h) + h
    y = tf.cond(p, true_fn, lambda: -x)
    return tf.gradients(tf.reduce_sum(y), x)


def _nested_block(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    q = tf.placeholder(tf.bool, [], name="q")
    a = tf.identity(x, name="a")
    with tf.control_dependencies([a]):
        y = tf.cond(p, lambda: tf.cond(q, lambda: x * x, lambda: x + 1.0), lambda: -x)
    return tf.gradients(tf.reduce_sum(y), x)


def _nested_int(tf):
    x = tf.placeholder(tf.float32, [2], name="x")
    n = tf.placeholder(tf.int32, [], name="n")
    p = tf.placeholder(tf.bool, [], name="p")

    def true_fn():
        a, k = tf.cond(n > 0, lambda: (x * 2.0, n + 1), lambda: (tf.square(x), n))
        return a * tf.cast(k, tf.float32)
    y = tf.cond(p, true_fn, lambda: x)
    return tf.gradients(tf.reduce_sum(y), x)


def _gate_add_n(tf):
    # _AddNGrad: the gradient N times, a tuple of N; x's sum reads its own
    x = tf.placeholder(tf.float32, [2], name="x")
    w = tf.placeholder(tf.float32, [2], name="w")
    p = tf.placeholder(tf.bool, [], name="p")
    y = tf.cond(p, lambda: tf.add_n([x, w, x * x]), lambda: x * 3.0)
    return tf.gradients(tf.reduce_sum(y), [x, w], gate_gradients=True)


def _gate_add_inside(tf):
    # the Add read by one op: the gradient that op's gradient makes, gated
    x = tf.placeholder(tf.float32, [2], name="x")
    w = tf.placeholder(tf.float32, [2], name="w")
    p = tf.placeholder(tf.bool, [], name="p")
    y = tf.cond(p, lambda: tf.sin(x + w), lambda: x * 3.0)
    return tf.gradients(tf.reduce_sum(y), [x, w], gate_gradients=True)


CALLS = [("grad", _grad), ("grad/two_inputs", _grad_two_inputs),
         ("grad/second_order", _second_order), ("grad/tuple", _tuple),
         ("grad/passthrough", _passthrough), ("dropout/minimize", _dropout),
         ("batch_norm/minimize", _batch_norm), ("grad/chained", _chained),
         ("grad/int_output", _int_output), ("batch_normalization/adam", _batch_normalization_adam),
         ("grad/nested", _nested), ("grad/nested_false", _nested_false),
         ("grad/nested_both", _nested_both), ("grad/nested_three", _nested_three),
         ("grad/nested_pred", _nested_pred), ("grad/nested_twice", _nested_twice),
         ("grad/nested_passthrough", _nested_passthrough),
         ("grad/nested_no_grad", _nested_no_grad), ("nested/minimize", _nested_minimize),
         ("grad/same_gradient", _same_gradient), ("grad/nested_tuple", _nested_tuple),
         ("grad/gate_add", _gate_add), ("grad/gate_add_ops", _gate_add_ops),
         ("gate_add/minimize", _gate_add_minimize), ("grad/nested_gate", _nested_gate),
         ("grad/nested_reads_branch", _nested_reads_branch),
         ("grad/nested_block", _nested_block), ("grad/nested_int", _nested_int),
         ("grad/gate_add_n", _gate_add_n), ("grad/gate_add_inside", _gate_add_inside)]


def describe(tf, fn):
    """{"ops": [[name, type]], "nodes": {name: details}} as gen_tf_nodes.describe, and
    "inputs": [[name, inputs]] of every node of the GraphDef."""
    g = tf.Graph()
    with g.as_default():
        fn(tf)
    nodes = {}
    for op in g.get_operations():
        if op.type in gen_tf_nodes.VIEWED:
            nodes[op.name] = {
                "inputs": [t.name for t in op.inputs],
                "control_inputs": [c.name for c in op.control_inputs],
                "outputs": [[t.dtype.name, str(t.shape)] for t in op.outputs],
                "attrs": [[a, gen_tf_nodes._attr(op, a)]
                          for a in gen_tf_nodes.ATTRS.get(op.type, ())],
            }
    return {"ops": [[o.name, o.type] for o in g.get_operations()], "nodes": nodes,
            "inputs": [[n.name, list(n.input)] for n in g.as_graph_def().node]}


def cases(tf):
    return dict((name, describe(tf, fn)) for name, fn in CALLS)

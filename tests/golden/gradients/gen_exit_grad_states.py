"""tf.gradients with a tf.while_loop's Exit between its ys and xs but no gradient flowing
into the loop (TF 1.14's MaybeCreateControlFlowState): the GradLoopState counters
(gradients/f_count .. gradients/b_count_3) TF makes for each such loop, the zeros and
b_exit Enter of its unused float Exits; the gradient ops' names, types and inputs in order,
the GraphDef nodes of the call (frame names, control inputs), the values and a
graph-seeded random op made after (its op seed counts the ops made before it)."""
from goldenio import host_vendor


def _loop(tf, x0, n=3):
    return tf.while_loop(lambda i, x: i < n, lambda i, x: (i + 1, x * 2.0),
                         [tf.constant(0), x0])[1]


def _two_vars(tf, x0):
    return tf.while_loop(lambda a, b: tf.reduce_sum(a) < 10.,
                         lambda a, b: (a * 2., b + a), [x0, x0])


def exit_x(tf, x0):
    xt = _loop(tf, x0)
    return tf.reduce_sum(xt * xt), [xt]


def unused_float_exit(tf, x0):
    _, b = _two_vars(tf, x0)
    return tf.reduce_sum(b * b), [b]


def unused_exit_an_x(tf, x0):
    a, b = _two_vars(tf, x0)
    return tf.reduce_sum(b * b), [a, b]


def unused_exit_unknown_shape(tf, x0):
    x1 = tf.placeholder_with_default(x0, [None])
    _, _, b = tf.while_loop(lambda i, a, b: i < 3, lambda i, a, b: (i + 1, a * 2., b + a),
                            [0, x1, x1])
    return tf.reduce_sum(b * b), [b]


def nested_loop_exit(tf, x0):
    xt = tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, _loop(tf, x, 2)),
                       [tf.constant(0), x0])[1]
    return tf.reduce_sum(xt * xt), [xt]


def two_loops(tf, x0):
    x1, x2 = _loop(tf, x0), _loop(tf, x0 + 1.)
    return tf.reduce_sum(x1 * x2), [x1, x2]


def two_loops_one_unused(tf, x0):
    _, b = _two_vars(tf, x0)
    c = tf.while_loop(lambda a: tf.reduce_sum(a) < 10., lambda a: a * 3., [x0])
    return tf.reduce_sum(b * c), [c, b]


def gradient_of_gradient(tf, x0):
    xt = _loop(tf, x0)
    g = tf.gradients(tf.reduce_sum(tf.sin(xt)), xt)[0]
    return tf.reduce_sum(g * g), [xt]


def exit_and_input(tf, x0):
    xt = _loop(tf, x0)
    return tf.reduce_sum(xt * xt), [xt, x0]


def exit_beside_loop_gradient(tf, x0):
    x1, x2 = _loop(tf, x0), _loop(tf, tf.constant([3., 4.]))
    return tf.reduce_sum(x1 * x2), [x0, x2]


def exit_before_loop_gradient(tf, x0):
    x2, x1 = _loop(tf, tf.constant([3., 4.])), _loop(tf, x0)
    return tf.reduce_sum(x1 * x2), [x0, x2]


def in_loop_body(tf, x0):
    def body(i, x):
        y = _loop(tf, x, 2)
        return i + 1, x + tf.gradients(tf.reduce_sum(y * y), y)[0]
    xt = tf.while_loop(lambda i, x: i < 3, body, [tf.constant(0), x0])[1]
    return tf.reduce_sum(xt), [x0]


CASES = [exit_x, unused_float_exit, unused_exit_an_x, unused_exit_unknown_shape,
         nested_loop_exit, two_loops, two_loops_one_unused, gradient_of_gradient,
         exit_and_input, exit_beside_loop_gradient, exit_before_loop_gradient, in_loop_body]


def run(tf, build):
    """The case's gradient ops (name, type, inputs), its GraphDef nodes named under a
    gradients scope (name, op, inputs, frame name), the gradients' values and a
    graph-seeded random number made after."""
    with tf.Graph().as_default() as g:
        tf.set_random_seed(7)
        ys, xs = build(tf, tf.constant([1.0, 2.0]))
        grads = tf.gradients(ys, xs)
        r = tf.random_uniform([1])
        ops = [[o.name, o.type, [t.name for t in o.inputs]] for o in g.get_operations()
               if "gradients" in o.name]
        nodes = [[n.name, n.op, list(n.input), n.attr["frame_name"].s.decode()]
                 for n in g.as_graph_def().node if "gradients" in n.name]
        with tf.Session() as sess:
            values = sess.run([t for t in grads if t is not None] + [r])
    return {"ops": ops, "nodes": nodes, "values": [v.tolist() for v in values],
            "none": [t is None for t in grads]}


def cases(tf):
    out = {f.__name__: run(tf, f) for f in CASES}
    out["host"] = host_vendor()
    return out

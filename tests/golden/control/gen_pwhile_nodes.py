"""tf.while_loop's nodes in a GraphDef as TF 1.14 writes them (probe pwhile;
tests/test_pwhile_nodes.py runs the same case functions with flowgrad): each node's name,
op and inputs in GraphDef order: Enters and Merges, the condition's ops, LoopCond,
Switches and Identities, the body's ops (an Enter of an outer tensor right after the op
first reading it, that op waiting for the frame when it reads only outer tensors),
NextIterations and Exits; for one and several loop variables, maximum_iterations, an outer
tensor as the condition or a body result, nested loops, a TensorArray loop; a loop
gradient's node count and names."""


def _listing(gd):
    return [[n.name, n.op, list(n.input)] for n in gd.node]


def loops(tf):
    """Loops of one and several variables, outer tensors read in the condition and body."""
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, 4], name="x")
        y = tf.placeholder(tf.float32, [], name="y")
        _, acc, n = tf.while_loop(lambda i, a, n: i < 3,
                                  lambda i, a, n: (i + 1, a * 0.5 + x, n + tf.shape(a)[0]),
                                  [tf.constant(0), x, tf.constant(0)])
        tf.identity(tf.reduce_sum(acc, 1) + tf.cast(n, tf.float32), name="output")
        tf.while_loop(lambda k: k < 10, lambda k: k * 2, [tf.constant(1)], name="single")
        tf.while_loop(lambda k, v: k < tf.cast(y, tf.int32),
                      lambda k, v: (k + 1, tf.add(y, y) * v), (0, 1.0), name="two")
        return _listing(g.as_graph_def())


def maximum_iterations(tf):
    """maximum_iterations: the counter loop variable and the bound's Enter."""
    with tf.Graph().as_default() as g:
        y = tf.placeholder(tf.float32, [], name="y")
        tf.while_loop(lambda k, v: k < 5, lambda k, v: (k + 1, v * y + 1.0), (0, 1.0),
                      maximum_iterations=3, name="mx")
        tf.while_loop(lambda v: v < 100.0, lambda v: v * y, [y], maximum_iterations=4,
                      name="mx1")
        return _listing(g.as_graph_def())


def outer_results(tf):
    """An outer tensor as the condition, or returned by the body."""
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [], name="x")
        b = tf.placeholder(tf.bool, [], name="b")
        tf.while_loop(lambda k: b, lambda k: k + 1, [0], name="capcond")
        tf.while_loop(lambda k, v: k < 3, lambda k, v: (k + 1, x), (0, 1.0), name="retcap")
        return _listing(g.as_graph_def())


def nested(tf):
    """A loop in a loop's body reading outer tensors (through both frames' Enters) and
    the outer loop's values."""
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [], name="x")
        y = tf.placeholder(tf.float32, [], name="y")

        def body(i, a):
            _, b = tf.while_loop(lambda j, b: j < i, lambda j, b: (j + 1, b * x + y + a),
                                 (0, a))
            return i + 1, b + x
        tf.while_loop(lambda i, a: i < 3, body, (0, 1.0))

        def body2(i, a):   # the inner loop starts from x: the outer frame's Enter of it
            _, c = tf.while_loop(lambda j, c: j < 2, lambda j, c: (j + 1, c * 2.0), (i, x))
            return i + 1, a + c
        tf.while_loop(lambda i, a: i < 3, body2, (0, 1.0), name="init")
        return _listing(g.as_graph_def())


def tensor_array(tf):
    """A TensorArray written in the loop (its handle's Enter after the write)."""
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [5], name="x")
        ta = tf.TensorArray(tf.float32, size=5)
        _, out = tf.while_loop(lambda i, t: i < 5,
                               lambda i, t: (i + 1, t.write(i, x[i] * 2.0)), (0, ta))
        tf.identity(out.stack(), name="stacked")
        return _listing(g.as_graph_def())


def gradient(tf):
    """A loop's gradient: its node count and names (an int counter has no gradient loop
    variable: no zeros for it, and the body reads the gradient Switch directly)."""
    out = {}
    for name, maxit in (("plain", None), ("bounded", 5)):
        with tf.Graph().as_default() as g:
            x = tf.placeholder(tf.float32, [], name="x")
            w = tf.placeholder(tf.float32, [3], name="w")
            _, y, z = tf.while_loop(lambda i, v, u: i < 3,
                                    lambda i, v, u: (i + 1, v * x, u + w * v), (0, x, w),
                                    maximum_iterations=maxit)
            tf.gradients([y, z], [x, w])
            gd = g.as_graph_def()
        out[name] = {"count": len(gd.node), "names": sorted(n.name for n in gd.node)}
    return out


def cases(tf):
    return {"loops": loops(tf), "maximum_iterations": maximum_iterations(tf),
            "outer_results": outer_results(tf), "nested": nested(tf),
            "tensor_array": tensor_array(tf), "gradient": gradient(tf)}

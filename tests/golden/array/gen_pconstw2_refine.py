"""A binary op's gradient that receives IndexedSlices (a GatherV2 downstream): TF 1.14
converts the slices at each op that reads them, inside that op's scope (`mul_grad/Mul/x`,
`add_grad/Sum/input`, `Maximum_grad/Select/t`, `SquaredDifference_grad/mul_1/x`). Each
case records the gradient's ops (name, type, inputs, control inputs) and values."""


def _listing(tf, n0):
    out = []
    for o in tf.get_default_graph().get_operations()[n0:]:
        out.append([o.name, o.type, [i.name for i in o.inputs],
                    sorted(c.name for c in o.control_inputs)])
    return out


def _binary_cases(tf):
    return [
        ("add", lambda d, y: d + y),
        ("sub", lambda d, y: d - y),
        ("mul", lambda d, y: d * y),
        ("mul_scalar", lambda d, y: d * 2.0),
        ("div", lambda d, y: d / y),
        ("div_no_nan", lambda d, y: tf.div_no_nan(d, y)),
        ("maximum", lambda d, y: tf.maximum(d, y)),
        ("minimum", lambda d, y: tf.minimum(d, y)),
        ("squared_difference", lambda d, y: tf.squared_difference(d, y)),
        ("xlogy", lambda d, y: tf.math.xlogy(d, y)),
        ("xdivy", lambda d, y: tf.math.xdivy(d, y)),
        ("pow", lambda d, y: tf.pow(d, y)),
    ]


def cases(tf):
    import numpy as np
    dv = np.array([[1.0, 2.0], [0.5, 3.0], [2.0, 4.0]], np.float32)
    yv = np.array([1.5, 2.0], np.float32)
    out = {}
    for name, fn in _binary_cases(tf):
        with tf.Graph().as_default():
            d = tf.placeholder(tf.float32, [3, 2])
            y = tf.placeholder(tf.float32, [2])
            m = fn(d, y)
            n0 = len(tf.get_default_graph().get_operations())
            g = tf.gradients(tf.gather(m, [0, 2, 0]), [d, y])
            ops = _listing(tf, n0)
            with tf.Session() as s:
                vals = s.run([t for t in g if t is not None], {d: dv, y: yv})
            out["grad_" + name] = {"ops": ops,
                                   "values": [np.round(v, 5).tolist() for v in vals]}
    with tf.Graph().as_default():
        # two products of one IndexedSlices gradient: Mul/x and Mul_1/y in each scope
        d = tf.placeholder(tf.float32, [3, 2])
        e = tf.placeholder(tf.float32, [3, 2])
        n0 = len(tf.get_default_graph().get_operations())
        g = tf.gradients([tf.gather(d * 2, [0, 2]), tf.gather(d * e, [1])], [d, e])
        ops = _listing(tf, n0)
        with tf.Session() as s:
            vals = s.run(g, {d: dv, e: dv + 1})
        out["grad_mul_two_gathers"] = {"ops": ops,
                                       "values": [np.round(v, 5).tolist() for v in vals]}
    return out

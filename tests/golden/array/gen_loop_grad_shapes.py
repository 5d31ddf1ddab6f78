"""Every op's type and static shapes after tf.gradients of loops with TensorArrays (helper
pscan3), as TF 1.14's get_operations() lists them: while_loop with TensorArrays of unknown
element shape, dynamic size or an unknown element_shape; map_fn over nested tuples and
dicts (and inside a while loop); tf.scan with an initializer, a tuple initializer, two
elems, reverse, unknown dims, and a scan inside a scan; foldl/foldr; a TensorArray read
twice, scattered and gathered; two output arrays in one loop; a shape invariant.
Checks scan's in-loop gradients/AddN (its carried value's gradient, not the TensorArray
flows' sum flowgrad names so) and the stack pops of an inner loop's TensorArray handle
(2,) and flow () in the outer loop's gradient.
"""


def _shape(t):
    return None if t.shape.ndims is None else t.shape.as_list()


def _all(g):
    return {op.name: [op.type] + [_shape(t) for t in op.outputs] for op in g.get_operations()}


def _graphs(tf):
    def while_ta_unknown_elem():
        x = tf.placeholder(tf.float32, [None, 3])
        n = tf.shape(x)[0]
        ta = tf.TensorArray(tf.float32, size=n, infer_shape=False)
        def body(i, ta):
            return i + 1, ta.write(i, tf.reduce_sum(x[i]) * x[:i + 1])
        _, ta = tf.while_loop(lambda i, ta: i < n, body, [0, ta])
        y = ta.concat()
        tf.gradients(tf.reduce_sum(y * y), x)

    def while_ta_dynamic_size():
        x = tf.placeholder(tf.float32, [None, 4])
        ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
        def body(i, ta):
            return i + 1, ta.write(i, tf.tanh(x[i]))
        _, ta = tf.while_loop(lambda i, ta: i < tf.shape(x)[0], body, [0, ta])
        tf.gradients(tf.reduce_sum(ta.stack()), x)

    def while_ta_elem_none_shape():
        x = tf.placeholder(tf.float32, [5, None])
        ta = tf.TensorArray(tf.float32, size=5, element_shape=tf.TensorShape(None))
        ta = ta.unstack(x)
        out = tf.TensorArray(tf.float32, size=5)
        def body(i, out):
            return i + 1, out.write(i, ta.read(i) * 2.0)
        _, out = tf.while_loop(lambda i, o: i < 5, body, [0, out])
        tf.gradients(tf.reduce_sum(out.stack()), x)

    def map_fn_nested():
        a = tf.placeholder(tf.float32, [4, 3])
        b = tf.placeholder(tf.float32, [4])
        y = tf.map_fn(lambda t: (t[0] * t[1], tf.reduce_sum(t[0])), (a, b),
                      dtype=(tf.float32, tf.float32))
        tf.gradients(tf.reduce_sum(y[0]) + tf.reduce_sum(y[1]), [a, b])

    def map_fn_dict():
        a = tf.placeholder(tf.float32, [None, 3])
        y = tf.map_fn(lambda t: {"s": t["x"] * 2.0, "m": tf.reduce_max(t["x"])},
                      {"x": a}, dtype={"s": tf.float32, "m": tf.float32})
        tf.gradients(tf.reduce_sum(y["s"]) + tf.reduce_sum(y["m"]), a)

    def scan_initializer():
        x = tf.placeholder(tf.float32, [5, 3])
        y = tf.scan(lambda acc, r: acc * 0.5 + r, x, initializer=tf.zeros([3]))
        tf.gradients(tf.reduce_sum(y), x)

    def scan_initializer_tuple():
        x = tf.placeholder(tf.float32, [None, 2])
        y = tf.scan(lambda acc, r: (acc[0] + r, acc[1] * tf.reduce_sum(r)), x,
                    initializer=(tf.zeros([2]), tf.constant(1.0)))
        tf.gradients(tf.reduce_sum(y[0]) + tf.reduce_sum(y[1]), x)

    def scan_reverse():
        x = tf.placeholder(tf.float32, [6, 2])
        y = tf.scan(lambda a, r: a * r, x, reverse=True)
        tf.gradients(tf.reduce_sum(y), x)

    def foldl_init():
        x = tf.placeholder(tf.float32, [4, 3])
        y = tf.foldl(lambda a, r: a + r * r, x, initializer=tf.ones([3]))
        tf.gradients(tf.reduce_sum(y), x)


    def scan_two_elems():
        x = tf.placeholder(tf.float32, [5, 3])
        z = tf.placeholder(tf.float32, [5, 3])
        y = tf.scan(lambda a, e: a * e[0] + e[1], (x, z), initializer=tf.ones([3]))
        tf.gradients(tf.reduce_sum(y), [x, z])

    def scan_nested():
        x = tf.placeholder(tf.float32, [4, 3, 2])
        y = tf.scan(lambda a, r: tf.scan(lambda b, q: b + q * a[0], r), x)
        tf.gradients(tf.reduce_sum(y), x)

    def scan_unknown_time():
        x = tf.placeholder(tf.float32, [None, 3])
        y = tf.scan(lambda a, r: a + r, x)
        tf.gradients(tf.reduce_sum(y * y), x)

    def scan_unknown_all():
        x = tf.placeholder(tf.float32, [None, None])
        y = tf.scan(lambda a, r: tf.sin(a) + r, x)
        tf.gradients(tf.reduce_sum(y), x)

    def foldr_plain():
        x = tf.placeholder(tf.float32, [4, 3])
        y = tf.foldr(lambda a, r: a * r, x)
        tf.gradients(tf.reduce_sum(y), x)

    def map_fn_unknown_batch_nested_out():
        a = tf.placeholder(tf.float32, [None, 2, 3])
        y = tf.map_fn(lambda t: (tf.matmul(t, t, transpose_b=True), t * 2.0), a,
                      dtype=(tf.float32, tf.float32))
        tf.gradients(tf.reduce_sum(y[0]) + tf.reduce_sum(y[1]), a)

    def ta_read_twice():
        x = tf.placeholder(tf.float32, [3, 2])
        ta = tf.TensorArray(tf.float32, size=3, clear_after_read=False).unstack(x)
        def body(i, acc):
            return i + 1, acc + ta.read(i) * ta.read(2 - i)
        _, acc = tf.while_loop(lambda i, acc: i < 3, body, [0, tf.zeros([2])])
        tf.gradients(tf.reduce_sum(acc), x)

    def ta_scatter_gather():
        x = tf.placeholder(tf.float32, [4, 2])
        ta = tf.TensorArray(tf.float32, size=4).scatter([3, 1, 0, 2], x)
        y = ta.gather([0, 1])
        tf.gradients(tf.reduce_sum(y * y), x)

    def while_two_tas():
        x = tf.placeholder(tf.float32, [5, 3])
        inp = tf.TensorArray(tf.float32, size=5).unstack(x)
        o1 = tf.TensorArray(tf.float32, size=5)
        o2 = tf.TensorArray(tf.float32, size=5, element_shape=[3])
        def body(i, h, o1, o2):
            h = tf.tanh(h + inp.read(i))
            return i + 1, h, o1.write(i, h), o2.write(i, h * h)
        _, h, o1, o2 = tf.while_loop(lambda i, *a: i < 5, body,
                                     [0, tf.zeros([3]), o1, o2])
        tf.gradients(tf.reduce_sum(o1.stack()) + tf.reduce_sum(o2.stack()) +
                     tf.reduce_sum(h), x)

    def while_shape_invariant():
        x = tf.placeholder(tf.float32, [2, 3])
        def body(i, acc):
            return i + 1, tf.concat([acc, x * tf.cast(i, tf.float32)], 0)
        _, acc = tf.while_loop(lambda i, a: i < 3, body, [0, x],
                               shape_invariants=[tf.TensorShape([]),
                                                 tf.TensorShape([None, 3])])
        tf.gradients(tf.reduce_sum(acc), x)

    def map_fn_in_while():
        x = tf.placeholder(tf.float32, [3, 2])
        def body(i, acc):
            return i + 1, tf.map_fn(lambda r: r * acc[0, 0] + 1.0, acc)
        _, acc = tf.while_loop(lambda i, a: i < 2, body, [0, x])
        tf.gradients(tf.reduce_sum(acc), x)

    return [("scan_two_elems", scan_two_elems), ("scan_nested", scan_nested),
            ("scan_unknown_time", scan_unknown_time), ("scan_unknown_all", scan_unknown_all),
            ("foldr_plain", foldr_plain),
            ("map_fn_unknown_batch_nested_out", map_fn_unknown_batch_nested_out),
            ("ta_read_twice", ta_read_twice), ("ta_scatter_gather", ta_scatter_gather),
            ("while_two_tas", while_two_tas), ("while_shape_invariant", while_shape_invariant),
            ("map_fn_in_while", map_fn_in_while),
            ("while_ta_unknown_elem", while_ta_unknown_elem),
            ("while_ta_dynamic_size", while_ta_dynamic_size),
            ("while_ta_elem_none_shape", while_ta_elem_none_shape),
            ("map_fn_nested", map_fn_nested), ("map_fn_dict", map_fn_dict),
            ("scan_initializer", scan_initializer),
            ("scan_initializer_tuple", scan_initializer_tuple),
            ("scan_reverse", scan_reverse), ("foldl_init", foldl_init)]


def cases(tf):
    out = {}
    for name, fn in _graphs(tf):
        with tf.Graph().as_default() as g:
            try:
                fn()
                out["graph_" + name] = _all(g)
            except Exception as e:  # noqa: BLE001 - the error is the case's result
                out["graph_" + name] = [type(e).__name__, str(e)]
    return out

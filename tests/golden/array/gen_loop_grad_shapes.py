"""Every op's type and static shapes after tf.gradients of loops with TensorArrays (helper
pscan3), as TF 1.14's get_operations() lists them: while_loop with TensorArrays of unknown
element shape, dynamic size or an unknown element_shape; map_fn over nested tuples and
dicts (and inside a while loop); tf.scan with an initializer, a tuple initializer, two
elems, reverse, unknown dims, and a scan inside a scan; foldl/foldr; a TensorArray read
twice, scattered and gathered; two output arrays in one loop; a shape invariant; a cond
in a loop body; a gather in a loop body; nested loops; dynamic_rnn inside map_fn; two
tf.gradients calls; a write in a cond in a loop; a variable gathered in a loop; an array
of unknown-rank elements; raw_rnn (its loop_fn called by position, as TF does).
Checks scan's in-loop gradients/AddN (its carried value's gradient, not the TensorArray
flows' sum flowgrad names so), the stack pops of an inner loop's TensorArray handle (2,)
and flow () in the outer loop's gradient and of a cond's pred_id (its predicate's shape),
a gather in a loop body ([len(indices)] + the array's element shape, TF's handle data).
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

    def while_cond_ta():
        x = tf.placeholder(tf.float32, [4, 3])
        inp = tf.TensorArray(tf.float32, size=4).unstack(x)
        out = tf.TensorArray(tf.float32, size=4)
        def body(i, out):
            v = inp.read(i)
            v = tf.cond(i > 1, lambda: v * 2.0, lambda: tf.sin(v))
            return i + 1, out.write(i, v)
        _, out = tf.while_loop(lambda i, o: i < 4, body, [0, out])
        tf.gradients(tf.reduce_sum(out.stack()), x)

    def map_fn_no_infer():
        x = tf.placeholder(tf.float32, [None, 3])
        y = tf.map_fn(lambda r: r * r, x, infer_shape=False)
        tf.gradients(tf.reduce_sum(y), x)

    def scan_dict():
        x = tf.placeholder(tf.float32, [5, 2])
        y = tf.scan(lambda a, r: {"s": a["s"] + r, "p": a["p"] * r}, x,
                    initializer={"s": tf.zeros([2]), "p": tf.ones([2])})
        tf.gradients(tf.reduce_sum(y["s"]) + tf.reduce_sum(y["p"]), x)

    def two_gradient_calls():
        x = tf.placeholder(tf.float32, [5, 3])
        y = tf.scan(lambda a, r: a * r + r, x)
        tf.gradients(tf.reduce_sum(y), x)
        tf.gradients(tf.reduce_sum(y * y), x)

    def ta_partial_elem_gather_in_loop():
        x = tf.placeholder(tf.float32, [6, None, 3])
        ta = tf.TensorArray(tf.float32, size=6, element_shape=[None, 3]).unstack(x)
        def body(i, acc):
            g = ta.gather(tf.stack([i, i + 1]))
            return i + 2, acc + tf.reduce_sum(g, [0, 1])
        _, acc = tf.while_loop(lambda i, a: i < 6, body, [0, tf.zeros([3])])
        tf.gradients(tf.reduce_sum(acc), x)

    def ta_concat_in_loop():
        x = tf.placeholder(tf.float32, [3, 2, 4])
        ta = tf.TensorArray(tf.float32, size=3).unstack(x)
        def body(i, acc):
            return i + 1, acc + tf.reduce_sum(ta.concat(), 0) * tf.cast(i, tf.float32)
        _, acc = tf.while_loop(lambda i, a: i < 2, body, [0, tf.zeros([4])])
        tf.gradients(tf.reduce_sum(acc), x)

    def while_nested_plain():
        x = tf.placeholder(tf.float32, [3])
        def outer(i, a):
            _, a2 = tf.while_loop(lambda j, b: j < 2, lambda j, b: (j + 1, tf.sin(b) * a),
                                  [0, a])
            return i + 1, a2
        _, y = tf.while_loop(lambda i, a: i < 2, outer, [0, x])
        tf.gradients(tf.reduce_sum(y), x)

    def dynamic_rnn_in_map_fn():
        x = tf.placeholder(tf.float32, [2, 4, 5, 3])
        cell = tf.nn.rnn_cell.BasicRNNCell(4)
        def f(t):
            o, _ = tf.nn.dynamic_rnn(cell, t, dtype=tf.float32)
            return o
        y = tf.map_fn(f, x)
        tf.gradients(tf.reduce_sum(y), [x] + tf.trainable_variables())

    def raw_rnn():
        x = tf.placeholder(tf.float32, [4, 2, 3])
        ta = tf.TensorArray(tf.float32, size=4).unstack(x)
        cell = tf.nn.rnn_cell.BasicRNNCell(5)
        def loop_fn(time, out, state, loop_state):
            done = time >= 4
            if out is None:
                state = cell.zero_state(2, tf.float32)
            nxt = tf.cond(done, lambda: tf.zeros([2, 3]), lambda: ta.read(time))
            return done, nxt, state, out, None
        outs, _, _ = tf.nn.raw_rnn(cell, loop_fn)
        tf.gradients(tf.reduce_sum(outs.stack()), [x] + tf.trainable_variables())

    def foldl_tuple():
        x = tf.placeholder(tf.float32, [4, 3])
        y = tf.foldl(lambda a, r: (a[0] + r, a[1] * tf.reduce_max(r)), x,
                     initializer=(tf.zeros([3]), tf.constant(1.0)))
        tf.gradients(tf.reduce_sum(y[0]) + y[1], x)

    def map_fn_partial_shapes():
        x = tf.placeholder(tf.float32, [None, None, 4])
        y = tf.map_fn(lambda r: tf.reduce_sum(r, 0) * tf.reduce_mean(r), x)
        tf.gradients(tf.reduce_sum(y), x)

    def scan_matrix_state():
        x = tf.placeholder(tf.float32, [3, 2, 2])
        y = tf.scan(lambda a, r: tf.matmul(a, r), x, initializer=tf.eye(2))
        tf.gradients(tf.reduce_sum(y), x)

    def cond_write_in_loop():
        x = tf.placeholder(tf.float32, [4, 3])
        out = tf.TensorArray(tf.float32, size=4)
        def body(i, out):
            v = x[i] * 2.0
            out = tf.cond(i < 2, lambda: out.write(i, v), lambda: out.write(i, tf.exp(v)))
            return i + 1, out
        _, out = tf.while_loop(lambda i, o: i < 4, body, [0, out])
        tf.gradients(tf.reduce_sum(out.stack()), x)

    def gather_var_in_loop():
        emb = tf.Variable(tf.ones([10, 4]))
        ids = tf.placeholder(tf.int32, [5, 2])
        ta = tf.TensorArray(tf.float32, size=5)
        def body(i, ta):
            return i + 1, ta.write(i, tf.gather(emb, ids[i]))
        _, ta = tf.while_loop(lambda i, t: i < 5, body, [0, ta])
        tf.gradients(tf.reduce_sum(ta.stack()), emb)

    def ta_unknown_rank_elem_stack():
        x = tf.placeholder(tf.float32)
        ta = tf.TensorArray(tf.float32, size=3, element_shape=tf.TensorShape(None))
        def body(i, ta):
            return i + 1, ta.write(i, x * tf.cast(i, tf.float32))
        _, ta = tf.while_loop(lambda i, t: i < 3, body, [0, ta])
        tf.gradients(tf.reduce_sum(ta.stack()), x)

    return [("scan_two_elems", scan_two_elems), ("scan_nested", scan_nested),
            ("scan_unknown_time", scan_unknown_time), ("scan_unknown_all", scan_unknown_all),
            ("foldr_plain", foldr_plain),
            ("map_fn_unknown_batch_nested_out", map_fn_unknown_batch_nested_out),
            ("ta_read_twice", ta_read_twice), ("ta_scatter_gather", ta_scatter_gather),
            ("while_two_tas", while_two_tas), ("while_shape_invariant", while_shape_invariant),
            ("map_fn_in_while", map_fn_in_while),
            ("while_cond_ta", while_cond_ta), ("map_fn_no_infer", map_fn_no_infer),
            ("scan_dict", scan_dict), ("two_gradient_calls", two_gradient_calls),
            ("ta_partial_elem_gather_in_loop", ta_partial_elem_gather_in_loop),
            ("ta_concat_in_loop", ta_concat_in_loop),
            ("while_nested_plain", while_nested_plain),
            ("dynamic_rnn_in_map_fn", dynamic_rnn_in_map_fn),
            ("raw_rnn", raw_rnn), ("foldl_tuple", foldl_tuple),
            ("map_fn_partial_shapes", map_fn_partial_shapes),
            ("scan_matrix_state", scan_matrix_state),
            ("cond_write_in_loop", cond_write_in_loop),
            ("gather_var_in_loop", gather_var_in_loop),
            ("ta_unknown_rank_elem_stack", ta_unknown_rank_elem_stack),
            ("while_ta_unknown_elem", while_ta_unknown_elem),
            ("while_ta_dynamic_size", while_ta_dynamic_size),
            ("while_ta_elem_none_shape", while_ta_elem_none_shape),
            ("map_fn_nested", map_fn_nested), ("map_fn_dict", map_fn_dict),
            ("scan_initializer", scan_initializer),
            ("scan_initializer_tuple", scan_initializer_tuple),
            ("scan_reverse", scan_reverse), ("foldl_init", foldl_init)]


def _split_lengths(tf):
    """TensorArray.split's element shape: TF's Python constant_value of its lengths (a
    Const, list, Pack, Fill, Cast, Range, Shape; not arithmetic nor an Identity)."""
    return [("const", lambda: tf.constant([2, 2, 2])), ("list", lambda: [2, 2, 2]),
            ("pack", lambda: tf.stack([2, 2, 2])), ("fill", lambda: tf.fill([3], 2)),
            ("add", lambda: tf.constant([2, 2, 2]) + 0),
            ("cast", lambda: tf.cast(tf.constant([2., 2., 2.]), tf.int32)),
            ("int64", lambda: tf.constant([2, 2, 2], tf.int64)),
            ("range", lambda: tf.range(2, 3)),
            ("shape", lambda: tf.shape(tf.zeros([2, 2, 2]))),
            ("identity", lambda: tf.identity(tf.constant([2, 2, 2]))),
            ("uneven", lambda: tf.stack([1, 2, 3]))]


def cases(tf):
    out = {}
    for name, lengths in _split_lengths(tf):
        with tf.Graph().as_default():
            x = tf.placeholder(tf.float32, [6, 3])
            ta = tf.TensorArray(tf.float32, size=3).split(x, lengths())
            out["split_" + name] = [_shape(ta.read(0)), _shape(ta.stack())]
    for name, fn in _graphs(tf):
        with tf.Graph().as_default() as g:
            try:
                fn()
                out["graph_" + name] = _all(g)
            except Exception as e:  # noqa: BLE001 - the error is the case's result
                out["graph_" + name] = [type(e).__name__, str(e)]
    return out

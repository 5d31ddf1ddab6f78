"""TF 1.14 goldens: TensorArray, map_fn, scan, foldl, foldr (values, gradients, errors).

Each case_* function builds its graph with the `tf` it is given and returns plain values;
tests/test_functional_ops.py runs the same functions with flowgrad."""
import numpy as np

X = np.arange(12.0).reshape(4, 3) / 10.0 - 0.4


def _run(tf, fetches, feeds=None):
    with tf.Session() as sess:
        return sess.run(fetches, feeds)


def _x(tf):
    return tf.constant(X, tf.float64)


def case_ta_write_read_stack(tf):
    ta = tf.TensorArray(tf.float32, size=3)
    ta = ta.write(0, [1.0, 2.0]).write(2, [5.0, 6.0])
    st = ta.stack()
    return [_run(tf, [st, ta.size()]), str(st.shape), str(ta.read(0).shape)]


def case_ta_unstack_gather_concat(tf):
    x = _x(tf)
    ta = tf.TensorArray(tf.float64, size=4, clear_after_read=False).unstack(x)
    return _run(tf, [ta.gather([3, 1]), ta.concat(), ta.read(2), ta.size()])


def case_ta_split(tf):
    ta = tf.TensorArray(tf.float32, size=3, infer_shape=False).split(
        [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [1, 2, 3])
    ta2 = tf.TensorArray(tf.float32, size=2).split([1.0, 2.0, 3.0, 4.0], [2, 2])
    return [_run(tf, [ta.concat(), ta2.stack()]), str(ta2.element_shape)]


def case_ta_split_ragged_element_shape(tf):
    """infer_shape=False with a partial element_shape: the pieces may differ in length (the
    op's identical_element_shapes stays False), the reads' static shapes come from it."""
    ta = tf.TensorArray(tf.float32, size=3, infer_shape=False, element_shape=[None],
                        clear_after_read=False).split(
        tf.range(6, dtype=tf.float32), [1, 2, 3])
    reads = [ta.read(k) for k in range(3)]
    op = ta.handle.op
    return [_run(tf, reads + [ta.concat()]), [str(r.shape) for r in reads],
            op.get_attr("identical_element_shapes"), str(ta.element_shape)]


def case_ta_resource_names(tf):
    """The op's tensor_array_name attr (empty unless given), and the array's name in run-time
    errors: that attr or the op's name, then "_" and a process-wide count of arrays made."""
    a = tf.TensorArray(tf.float32, size=2)
    b = tf.TensorArray(tf.float32, size=2, tensor_array_name="foo")
    msgs = []
    with tf.Session() as sess:
        for t in (a, b, a):
            try:
                sess.run(t.write(5, [1.0]).stack())
            except Exception as e:  # noqa: BLE001 - the golden records the message
                msgs.append(str(e).split("\n")[0])
    counts = [int(m.split(":")[0].rsplit("_", 1)[1]) for m in msgs]
    return [a.handle.op.get_attr("tensor_array_name").decode(),
            b.handle.op.get_attr("tensor_array_name").decode(),
            [m.split(":")[0].rsplit("_", 1)[0] for m in msgs], [m.split(": ", 1)[1] for m in msgs],
            [c - counts[0] for c in counts]]


def case_ta_dynamic_size(tf):
    ta = tf.TensorArray(tf.float32, size=0, dynamic_size=True)
    ta = ta.write(0, 1.0).write(3, 4.0)
    return _run(tf, [ta.size(), ta.stack()])


def case_ta_element_shape(tf):
    ta = tf.TensorArray(tf.float32, size=0, element_shape=[2])
    return [_run(tf, ta.stack()), str(ta.stack().shape)]


def case_ta_read_unwritten_known_shape(tf):
    ta = tf.TensorArray(tf.float32, size=3, element_shape=[2])
    return _run(tf, ta.write(1, [1.0, 1.0]).read(0))


def case_ta_grads(tf):
    x = _x(tf)
    ta = tf.TensorArray(tf.float64, size=4, clear_after_read=False).unstack(x)
    y = ta.read(0) * ta.read(0) + ta.read(3) * 2.0 + tf.reduce_sum(ta.gather([1, 1]), 0)
    w = tf.TensorArray(tf.float64, size=2).write(0, x[0] * 3.0).write(1, x[1] * x[2])
    z = tf.reduce_sum(w.stack() ** 2) + tf.reduce_sum(y)
    s = tf.TensorArray(tf.float64, size=2, infer_shape=False).split(tf.reshape(x, [-1]) * 2.0,
                                                                    [5, 7])
    z = z + tf.reduce_sum(s.concat() * tf.range(12, dtype=tf.float64))
    return _run(tf, tf.gradients(z, x))


def case_ta_in_while_loop(tf):
    x = _x(tf)
    inp = tf.TensorArray(tf.float64, size=4).unstack(x)
    out = tf.TensorArray(tf.float64, size=4)

    def body(i, acc, out):
        v = inp.read(i)
        acc = tf.tanh(acc * v + v)
        return i + 1, acc, out.write(i, acc * 2.0)

    _, acc, out = tf.while_loop(lambda i, a, o: i < 4, body,
                                [0, tf.zeros([3], tf.float64), out])
    st = out.stack()
    loss = tf.reduce_sum(st * st) + tf.reduce_sum(acc)
    return _run(tf, [st, acc, tf.gradients(loss, x)[0]])


def _err(tf, fn):
    try:
        _run(tf, fn())
    except Exception as e:  # noqa: BLE001 - the golden records the class and message
        msg = str(e).split("\n")[0]
        if msg.startswith("TensorArray ") and msg.split(" ")[1].endswith(":"):
            msg = msg.split(": ", 1)[1]
        return [type(e).__name__, msg]
    return "no error"


def case_ta_errors(tf):
    ta = lambda: tf.TensorArray(tf.float32, 3)  # noqa: E731
    return [
        _err(tf, lambda: ta().read(1)),
        _err(tf, lambda: ta().write(0, 1.0).write(0, 2.0).read(0)),
        _err(tf, lambda: ta().write(5, 1.0).read(0)),
        _err(tf, lambda: ta().write(-1, 1.0).read(0)),
        _err(tf, lambda: ta().write(0, [1.0]).write(1, [1.0, 2.0]).stack()),
        _err(tf, lambda: tf.TensorArray(tf.float32, 0).stack()),
        _err(tf, lambda: tf.TensorArray(tf.float32, 3, element_shape=[2]).write(0, [1., 2., 3.])),
        _err(tf, lambda: tf.TensorArray(tf.float32, 2).unstack([1.0, 2.0, 3.0]).stack()),
        _err(tf, lambda: tf.TensorArray(tf.float32, 2).split([1.0, 2.0, 3.0], [1, 1]).concat()),
        _err(tf, lambda: tf.TensorArray(tf.float32, 2).split([1.0, 2.0, 3.0], [1, 2, 0])
             .concat()),
        _err(tf, lambda: [ta().unstack([1.0, 2.0, 3.0]).read(0)] * 2),
        _err(tf, lambda: tf.TensorArray(tf.float32, 2, infer_shape=False)
             .write(0, [1.0]).write(1, [1.0, 2.0]).stack()),
    ]


def case_ta_dtype_mismatch(tf):
    """A value of another dtype is built (TF only logs it) and fails when run, with TF's
    DataTypeString names (float, double)."""
    built = [tf.TensorArray(tf.int32, 2).write(0, 1.5),
             tf.TensorArray(tf.int32, 2).unstack(tf.constant([1.5, 2.5])),
             tf.TensorArray(tf.float32, 2).split([1, 2], [1, 1]),
             tf.TensorArray(tf.float64, 2).write(1, tf.constant(3))]
    split = _err(tf, lambda: tf.TensorArray(tf.float32, 2).split(
        tf.constant([1.0, 2.0], tf.float64), [1, 1]).stack())
    return [_err(tf, lambda t=t: t.stack()) for t in built] + [split]


def case_ta_read_twice(tf):
    ta = tf.TensorArray(tf.float32, 2).unstack([1.0, 2.0])
    a = ta.read(0)
    return _err(tf, lambda: [a, ta.read(0)])


def case_map_fn(tf):
    x = _x(tf)
    m = tf.map_fn(lambda r: tf.sin(r) * r, x)
    m2 = tf.map_fn(lambda r: (r[0] * r[1], tf.cast(r[2] * 10.0, tf.int32)), x,
                   dtype=(tf.float64, tf.int32))
    m3 = tf.map_fn(lambda t: {"a": t[0] + t[1], "b": t[0] * 2.0}, (x, x * x),
                   dtype={"a": tf.float64, "b": tf.float64})
    loss = tf.reduce_sum(m) + tf.reduce_sum(m2[0]) + tf.reduce_sum(m3["a"] * m3["b"])
    return _run(tf, [m, m2, m3, tf.gradients(loss, x)[0]]) + [str(m.shape), m.name]


def case_scan(tf):
    x = _x(tf)
    s1 = tf.scan(lambda a, r: a * r + 1.0, x)
    s2 = tf.scan(lambda a, r: a * tf.cos(r), x, reverse=True)
    s3 = tf.scan(lambda a, r: (a[0] + r, a[1] * 2.0), x,
                 initializer=(tf.zeros([3], tf.float64), tf.constant(1.0, tf.float64)))
    s4 = tf.scan(lambda a, r: a + r[0] * r[1], (x, x), initializer=tf.ones([3], tf.float64),
                 reverse=True)
    loss = tf.reduce_sum(s1) + tf.reduce_sum(s2 ** 2) + tf.reduce_sum(s3[0] * s3[0]) + \
        tf.reduce_sum(s4)
    return _run(tf, [s1, s2, s3, s4, tf.gradients(loss, x)[0]]) + [str(s3[0].shape)]


def case_folds(tf):
    x = _x(tf)
    fl = tf.foldl(lambda a, r: a * r + 1.0, x)
    fl2 = tf.foldl(lambda a, r: a + tf.reduce_sum(r[0] * r[1]), (x, x),
                   initializer=tf.constant(0.5, tf.float64))
    fr = tf.foldr(lambda a, r: tf.tanh(a - r), x)
    fr2 = tf.foldr(lambda a, r: a * 2.0 + r, x, initializer=tf.ones([3], tf.float64))
    loss = tf.reduce_sum(fl) + fl2 + tf.reduce_sum(fr) + tf.reduce_sum(fr2)
    return _run(tf, [fl, fl2, fr, fr2, tf.gradients(loss, x)[0]])


def case_loop_args(tf):
    x = _x(tf)
    m = tf.map_fn(lambda r: r * 2.0, x, back_prop=False, parallel_iterations=3,
                  swap_memory=True)
    y = tf.while_loop(lambda i, v: i < 10, lambda i, v: (i + 1, v * 1.5), (0, x),
                      maximum_iterations=3)
    return _run(tf, [m, y]) + [tf.gradients(tf.reduce_sum(m), x)[0] is None]


def case_loop_structures(tf):
    """tf.while_loop's check of the body's result against the loop variables (the top level
    a list on both sides, sequence types compared below it: a TypeError), with and without
    maximum_iterations (one variable carried bare, more as one nested sequence)."""
    i, x = tf.constant(0), tf.constant(1.0)
    c2 = lambda i, x: i < 3  # noqa: E731
    loops = [
        lambda: tf.while_loop(c2, lambda i, x: (i + 1, x * 2), [i, x], maximum_iterations=2),
        lambda: tf.while_loop(lambda x: x < 3, lambda x: [x + 1], [x], maximum_iterations=2),
        lambda: tf.while_loop(lambda i, ab: i < 3, lambda i, ab: [i + 1, (ab[0], ab[1])],
                              [i, [x, x]]),
        lambda: tf.while_loop(c2, lambda i, x: [i + 1, x * 2], (i, x), maximum_iterations=2),
        lambda: tf.while_loop(c2, lambda i, x: [i + 1, x * 2], (i, x)),
        lambda: tf.while_loop(lambda x: x < 3, lambda x: (x + 1,), (x,), maximum_iterations=2),
        lambda: tf.while_loop(lambda x: x < 3, lambda x: x + 1, [x], maximum_iterations=2),
        lambda: tf.while_loop(lambda x: x < 3, lambda x: [x + 1], [x]),
        lambda: tf.while_loop(lambda i, ab: i < 3, lambda i, ab: [i + 1, [ab[0]]], [i, [x, x]]),
        lambda: tf.while_loop(lambda i, ab: i < 3, lambda i, ab: (i + 1, {"a": ab["a"]}),
                              (i, {"a": x})),
        lambda: tf.while_loop(lambda x: x < 3, lambda x: (x + 1,), [x], maximum_iterations=2,
                              return_same_structure=True),
        lambda: tf.while_loop(lambda i, x: i < 3, lambda i, x: (i + 1, x * 2), [i, x],
                              maximum_iterations=2, return_same_structure=True),
    ]
    out = []
    for fn in loops:
        try:
            r = fn()
        except Exception as e:  # noqa: BLE001 - the golden records the class and message
            out.append([type(e).__name__, str(e).split("\n")[0]])
            continue
        out.append([type(r).__name__, str(tf.nest.map_structure(lambda t: t.dtype.name, r))])
    return out


CASES = [case_ta_write_read_stack, case_ta_unstack_gather_concat, case_ta_split,
         case_ta_split_ragged_element_shape, case_ta_resource_names,
         case_ta_dynamic_size, case_ta_element_shape, case_ta_read_unwritten_known_shape,
         case_ta_grads, case_ta_in_while_loop, case_ta_errors, case_ta_dtype_mismatch,
         case_ta_read_twice,
         case_map_fn, case_scan, case_folds, case_loop_args, case_loop_structures]


def cases(tf):
    out = {}
    for fn in CASES:
        tf.reset_default_graph()
        out[fn.__name__[5:]] = fn(tf)
    return out

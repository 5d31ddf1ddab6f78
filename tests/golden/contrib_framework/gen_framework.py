"""tf.contrib.framework's helpers under TF 1.14 (op names, values, TF's errors); the case
functions run with flowgrad in tests/test_contrib_framework.py."""
import numpy as np


def _ops(tf):
    return [op.name + ":" + op.type for op in tf.get_default_graph().get_operations()]


def _err(fn):
    try:
        return ["ok", fn()]
    except (ValueError, TypeError, RuntimeError) as e:
        return [type(e).__name__, str(e).split("\n")[0]]


def _run(tf, fetches, feed=None):
    with tf.Session() as sess:
        return sess.run(fetches, feed)


def reduce_sum_n(tf):
    tf.reset_default_graph()
    fw = tf.contrib.framework
    a, b = tf.constant([[1.0, 2.0]], name="a"), tf.constant(3.0, name="b")
    one = fw.reduce_sum_n([a])
    two = fw.reduce_sum_n([a, b], name="total")
    return {"values": _run(tf, [one, two]), "names": [one.name, two.name], "ops": _ops(tf),
            "empty": _err(lambda: fw.reduce_sum_n([]))}


def with_shape(tf):
    tf.reset_default_graph()
    fw = tf.contrib.framework
    x = tf.constant([[1.0, 2.0, 3.0]], name="x")
    p = tf.placeholder(tf.float32, [None, 3], name="p")
    out = {"static": fw.with_shape([1, 3], x).name,
           "static64": _err(lambda: fw.with_shape(np.array([1, 3], np.int64), x)),
        "list64": fw.with_shape([np.int64(1), np.int64(3)], x).name,
           "bad": _err(lambda: fw.with_shape([2, 3], x)),
           "rank2": _err(lambda: fw.with_shape(np.ones([2, 2], np.int32), x)),
           "float": _err(lambda: fw.with_shape(np.array([1.0, 3.0]), x)),
           "scalar1": fw.with_shape([], tf.constant([5.0], name="s1")).name,
           "tensor_dtype": _err(lambda: fw.with_shape(tf.constant([1, 3], tf.int64), x))}
    dyn = fw.with_shape([2, 3], p)
    out["dyn"] = [dyn.name, dyn.shape.as_list()]
    same = fw.with_same_shape(x, p)
    out["same"] = [same.name, same.shape.as_list()]
    q = tf.placeholder(tf.float32, None, name="q")
    same2 = fw.with_same_shape(p, q)
    out["same_dyn"] = same2.name
    out["ops"] = _ops(tf)
    out["run"] = _run(tf, [dyn, same2], {p: np.ones([2, 3]), q: np.ones([2, 3])}).__len__()
    try:
        _run(tf, dyn, {p: np.ones([1, 3])})
        out["run_bad"] = "ran"
    except tf.errors.InvalidArgumentError as e:
        out["run_bad"] = type(e).__name__
    return out


def assert_scalar_int(tf):
    tf.reset_default_graph()
    fw = tf.contrib.framework
    return {"ok": fw.assert_scalar_int(tf.constant(3, name="i")).name,
            "float": _err(lambda: fw.assert_scalar_int(tf.constant(3.0, name="f"))),
            "vector": _err(lambda: fw.assert_scalar_int(tf.constant([3], name="v"))),
            "ops": _ops(tf)}


def remove_squeezable(tf):
    tf.reset_default_graph()
    fw = tf.contrib.framework
    p = tf.constant([[1], [2]], name="p")
    l = tf.constant([1, 2], name="l")
    a, b = fw.remove_squeezable_dimensions(p, l)
    c, d = fw.remove_squeezable_dimensions(l, p)
    e, f = fw.remove_squeezable_dimensions(l, l)
    return {"shapes": [t.shape.as_list() for t in (a, b, c, d, e, f)],
            "names": [t.name for t in (a, b, c, d, e, f)], "ops": _ops(tf)}


def misc(tf):
    tf.reset_default_graph()
    fw = tf.contrib.framework
    out = {}
    out["prepend"] = [fw.prepend_name_scope(n, s) for n, s in
                      [("a/b", "s"), ("^a", "s/"), ("loc:@a", "s"), ("a", ""), ("a", None)]]
    out["strip"] = [fw.strip_name_scope(n, s) for n, s in
                    [("s/a/b", "s"), ("^s/a", "s/"), ("loc:@s/a", "s"), ("t/a", "s"),
                     ("s/a", "")]]
    p1 = tf.placeholder(tf.float32, name="p1")
    tf.constant(1.0)
    p2 = tf.placeholder(tf.int32, [2], name="p2")
    tf.placeholder_with_default(1.0, [], name="pd")
    out["placeholders"] = [t.name for t in fw.get_placeholders(tf.get_default_graph())]
    out["placeholders_err"] = _err(lambda: fw.get_placeholders(None))
    g2 = tf.Graph()
    out["graph"] = [fw.get_graph_from_inputs([p1, p2]) is tf.get_default_graph(),
                    fw.get_graph_from_inputs([]) is tf.get_default_graph(),
                    _err(lambda: fw.get_graph_from_inputs(p1)),
                    _err(lambda: fw.get_graph_from_inputs([p1], graph=g2))]
    out["smart_value"] = [fw.smart_constant_value(True), fw.smart_constant_value(0),
                          bool(fw.smart_constant_value(tf.constant(True))),
                          fw.smart_constant_value(p1 > 0) is None,
                          _err(lambda: fw.smart_constant_value("x"))]
    out["smart_case"] = [fw.smart_case([(False, lambda: 1), (True, lambda: 2)]),
                         fw.smart_case([(False, lambda: 1)], default=lambda: 3)]
    x = tf.placeholder(tf.int32, [], name="x")
    y = fw.smart_case([(False, lambda: tf.constant(1)), (x > 0, lambda: tf.constant(2))],
                      default=lambda: tf.constant(3))
    out["smart_case_dyn"] = [_run(tf, y, {x: 1}), _run(tf, y, {x: -1})]
    chooser = fw.VariableDeviceChooser(num_tasks=2)
    out["chooser"] = [chooser(None), chooser(None), chooser(None),
                      fw.VariableDeviceChooser()(None),
                      fw.VariableDeviceChooser(replica=1, device_type="GPU",
                                               device_index=2)(None)]
    gs = tf.train.get_or_create_global_step()
    out["global_step"] = [fw.assert_or_get_global_step().name,
                          fw.assert_or_get_global_step(global_step_tensor=gs).name,
                          _err(lambda: fw.assert_or_get_global_step(
                              global_step_tensor=tf.constant(1.0)))]
    st = tf.SparseTensorValue([[0]], [1.0], [2])
    out["sparse"] = [type(fw.convert_to_tensor_or_sparse_tensor(st)).__name__,
                     fw.convert_to_tensor_or_sparse_tensor([1, 2], name="c").name,
                     _err(lambda: fw.convert_to_tensor_or_sparse_tensor(
                         tf.SparseTensor([[0]], [1.0], [2]), dtype=tf.int32))]
    out["float_dtype"] = [fw.assert_same_float_dtype([p1]).name,
                          _err(lambda: fw.assert_same_float_dtype([p1], tf.float64))]
    return out


def conv_orthogonal(tf):
    """The orthogonal convolution initializers, graph- and op-seeded: values, op counts,
    and a later seeded op (it depends on the op count)."""
    fw = tf.contrib.framework
    out = {}
    for key, make, shape, dt in [
            ("delta3", lambda: fw.convolutional_delta_orthogonal(gain=2.0, seed=3), [3, 2, 4],
             tf.float32),
            ("delta4", lambda: fw.convolutional_delta_orthogonal(seed=1), [3, 3, 2, 2],
             tf.float64),
            ("delta5", lambda: fw.convolutional_delta_orthogonal(), [1, 2, 3, 3, 3],
             tf.float32),
            ("orth1", lambda: fw.convolutional_orthogonal_1d(seed=5), [3, 2, 3], tf.float32),
            ("orth1_k1", lambda: fw.convolutional_orthogonal_1d(gain=0.5, seed=2), [1, 2, 2],
             tf.float32),
            ("orth2", lambda: fw.convolutional_orthogonal_2d(seed=7), [3, 3, 2, 3],
             tf.float32),
            ("orth2_graph", lambda: fw.convolutional_orthogonal_2d(), [2, 2, 2, 2], tf.float32),
            ("orth2_dtype", lambda: fw.convolutional_orthogonal_2d(), [2, 2, 2, 2], tf.float64),
            ("orth2_64", lambda: fw.convolutional_orthogonal_2d(dtype=tf.float64, seed=4),
             [2, 2, 1, 2], tf.float64),
            ("orth3", lambda: fw.convolutional_orthogonal_3d(seed=9), [2, 2, 2, 1, 2],
             tf.float32)]:
        tf.reset_default_graph()
        tf.set_random_seed(21)
        try:
            v = make()(shape, dtype=dt)
        except (TypeError, ValueError) as e:
            out[key] = [type(e).__name__, str(e)]
            continue
        later = tf.random_uniform([2])
        with tf.Session() as sess:
            value, after = sess.run([v, later])
        out[key] = {"value": value, "after": after,
                    "n_ops": len(tf.get_default_graph().get_operations()),
                    "types": sorted(set(o.type for o in tf.get_default_graph().get_operations()))}
    errors = []
    for fn in (lambda: fw.convolutional_delta_orthogonal()([2, 2]),
               lambda: fw.convolutional_delta_orthogonal()([3, 3, 4, 2]),
               lambda: fw.convolutional_orthogonal_2d()([3, 2, 2, 2]),
               lambda: fw.convolutional_orthogonal_2d()([3, 3, 2]),
               lambda: fw.convolutional_orthogonal_1d()([3, 3, 2]),
               lambda: fw.convolutional_orthogonal_3d()([2, 2, 3, 1, 1]),
               lambda: fw.convolutional_orthogonal_2d(dtype=tf.int32)):
        try:
            fn()
            errors.append("ok")
        except ValueError as e:
            errors.append(str(e))
    out["errors"] = errors
    return out


def py_func(tf):
    tf.reset_default_graph()
    fw = tf.contrib.framework
    x = tf.constant([1.0, 2.0], name="x")

    def f(a, s, scale=1.0):
        return {"y": a * np.float32(scale), "n": (np.int32(s.shape[0]),)}

    out = fw.py_func(f, [x, x], {"scale": 2.0}, output_types={"y": tf.float32, "n": (tf.int32,)},
                     output_shapes={"y": [2], "n": ([],)})
    two = fw.py_func(lambda a: [a, (a + 1).astype(np.int32)], [tf.constant(3)], output_types=[tf.int32, tf.int32],
                     stateful=False, name="twice")
    shapes = lambda a: (None, [None])  # noqa: E731
    three = fw.py_func(lambda a: (a, np.array([a, a])), (tf.constant(2.5),),
                       output_types=lambda a: (tf.float32, tf.float32), output_shapes=shapes)
    bad = fw.py_func(lambda: [1], output_types=(tf.int32, tf.int32))
    rec = {"ops": _ops(tf), "shapes": [t.shape.as_list() if t.shape.ndims is not None else None
                                       for t in [out["y"], out["n"][0]] + list(two) + list(three)]}
    with tf.Session() as sess:
        rec["values"] = sess.run([out, two, three])
        try:
            sess.run(bad)
            rec["bad"] = "ran"
        except Exception as e:  # noqa: BLE001 - the class TF raises is the answer
            rec["bad"] = type(e).__name__
    rec["errors"] = [_err(lambda: fw.py_func(lambda: 1, args=5)),
                     _err(lambda: fw.py_func(lambda: 1, kwargs=[1])),
                     _err(lambda: fw.py_func(lambda: 1, output_types=(tf.int32,),
                                             output_shapes=[[]])),
                     _err(lambda: fw.py_func(lambda: 1, output_types=(tf.int32,),
                                             output_shapes=([], [])))]
    return rec


def cases(tf):
    return {"reduce_sum_n": reduce_sum_n(tf), "with_shape": with_shape(tf),
            "assert_scalar_int": assert_scalar_int(tf),
            "remove_squeezable": remove_squeezable(tf), "misc": misc(tf),
            "conv_orthogonal": conv_orthogonal(tf), "py_func": py_func(tf)}

"""tf.test.assert_equal_graph_def under TF 1.14 (equal_graph_def.json) and flowgrad
(tests/test_equal_graph_def.py): the first difference TF reports and its summary of
values and nodes. Only pairs with one difference: where several attrs (or control
inputs, or unexpected nodes) differ, TF's pick follows a randomized hash map.
Valid Python 3.7."""
import numpy as np


def _gd(tf, fn):
    g = tf.Graph()
    with g.as_default():
        fn()
    return g.as_graph_def()


def _check(tf, actual, expected, **kw):
    try:
        tf.test.assert_equal_graph_def(actual, expected, **kw)
        return "equal"
    except (AssertionError, TypeError) as e:
        return [type(e).__name__, str(e)]


def _const(tf, v, dtype=None):
    return lambda: tf.constant(v, dtype=dtype, name="x")


def cases(tf):
    out = {}
    gd = lambda fn: _gd(tf, fn)  # noqa: E731
    chk = lambda a, b, **k: _check(tf, a, b, **k)  # noqa: E731
    a = gd(lambda: tf.add(tf.constant(1.0, name="x"), tf.constant(2.0, name="y"), name="s"))
    out["same"] = chk(a, gd(lambda: tf.add(tf.constant(1.0, name="x"),
                                           tf.constant(2.0, name="y"), name="s")))
    out["op"] = chk(a, gd(lambda: tf.subtract(tf.constant(1.0, name="x"),
                                              tf.constant(2.0, name="y"), name="s")))
    out["value"] = chk(a, gd(lambda: tf.add(tf.constant(1.0, name="x"),
                                            tf.constant(3.0, name="y"), name="s")))
    d = gd(lambda: tf.add(tf.constant(1.0, name="x"), tf.constant(2.0, name="z"), name="s"))
    out["missing_node"] = chk(a, d)
    out["swapped"] = chk(a, gd(lambda: tf.add(tf.constant(2.0, name="y"),
                                              tf.constant(1.0, name="x"), name="s")))

    def extra():
        tf.add(tf.constant(1.0, name="x"), tf.constant(2.0, name="y"), name="s")
        tf.constant([1, 2], name="w")
    out["expected_extra"] = chk(a, gd(extra))
    out["unexpected"] = chk(gd(extra), a)
    out["not_graph_def"] = [chk(a, 1), chk(1, a), chk("g", None)]
    tensors = {
        "f32_2x3": (np.arange(6, dtype=np.float32).reshape(2, 3), np.float32(0)),
        "i64_2x2": (np.arange(4, dtype=np.int64).reshape(2, 2), np.int64(0)),
        "bool": (np.array([[True, False]]), np.array(True)),
        "str": (np.array([b"a\nb", b"c"], dtype=object), b"q"),
        "f64_third": (np.float64(1 / 3.), np.float64(0)),
        "f32_third": (np.float32(1 / 3.), np.float32(0)),
        "f32_special": (np.array([1e20, -np.inf, np.nan], np.float32), np.float32(0)),
        "half": (np.float16(0.1), np.float16(0)),
        "complex": (np.array([1 + 2j], np.complex64), np.complex64(0)),
        "empty": (np.zeros([2, 0, 3], np.float32), np.float32(0)),
        "u8_cube": (np.arange(8, dtype=np.uint8).reshape(2, 2, 2), np.uint8(0)),
        "i8": (np.int8(3), np.int8(0)),
        "f64_small": (np.array([0.1, 0.25, 1e-7], np.float64), np.float64(0)),
        "f32_many": (np.linspace(0, 1, 7, dtype=np.float32), np.float32(0)),
        "long_str": (b"x" * 100, b"q"),
    }
    for key, (v, base) in sorted(tensors.items()):
        out["tensor_" + key] = chk(gd(_const(tf, v)), gd(_const(tf, base)))
    out["shape_unknown"] = chk(gd(lambda: tf.placeholder(tf.float32, [None, 3], name="x")),
                               gd(lambda: tf.placeholder(tf.float32, None, name="x")))
    out["shape_scalar"] = chk(gd(lambda: tf.placeholder(tf.float32, [], name="x")),
                              gd(lambda: tf.placeholder(tf.float32, [2, None], name="x")))
    out["dtype"] = chk(gd(lambda: tf.placeholder(tf.float32, [2], name="x")),
                       gd(lambda: tf.placeholder(tf.int32, [2], name="x")))
    out["bool_attr"] = chk(gd(lambda: tf.reduce_sum(tf.zeros([2]), keepdims=True, name="x")),
                           gd(lambda: tf.reduce_sum(tf.zeros([2]), name="x")))
    out["float_attr"] = chk(gd(lambda: tf.nn.leaky_relu(tf.zeros([2]), alpha=0.3, name="x")),
                            gd(lambda: tf.nn.leaky_relu(tf.zeros([2]), alpha=0.25, name="x")))
    base = gd(_const(tf, 0))
    extras = {"s": lambda v: setattr(v, "s", b"\x01q'\"\\"),
              "long_s": lambda v: setattr(v, "s", b"y" * 90 + b"z" * 9),
              "l": lambda v: v.list.i.extend([1, 2]), "b": lambda v: setattr(v, "b", True),
              "ls": lambda v: v.list.s.extend([b"a", b"b"]),
              "lt": lambda v: v.list.type.extend([1, 3]),
              "lf": lambda v: v.list.f.extend([0.5, 1e-9]),
              "e": lambda v: v.list.SetInParent(), "i": lambda v: setattr(v, "i", -7),
              "f": lambda v: setattr(v, "f", 0.1),
              "sh": lambda v: v.shape.dim.add().CopyFrom(v.shape.dim.add())}
    for key, setter in sorted(extras.items()):
        g = gd(_const(tf, 0))
        setter(g.node[0].attr[key])
        out["attr_" + key] = [chk(g, base), chk(base, g)]
    internal = gd(_const(tf, 0))
    internal.node[0].attr["_class"].list.s.append(b"loc:@q")
    out["internal_attr"] = chk(internal, base)
    dev = gd(_const(tf, 0))
    dev.node[0].device = "/cpu:0"
    out["device"] = [chk(base, dev), chk(gd(_const(tf, 1)), dev)]
    g7 = gd(lambda: tf.add(tf.constant(0, name="a"), tf.constant(0, name="b"), name="x"))
    g8 = gd(lambda: tf.add(tf.constant(0, name="a"), tf.constant(0, name="b"), name="x"))
    g8.node[2].input[1] = "b:0"
    out["colon_zero"] = chk(g7, g8)
    g8.node[2].input.append("^a")
    out["input_count"] = [chk(g7, g8), chk(g8, g7)]
    g9 = gd(lambda: tf.add(tf.constant(0, name="a"), tf.constant(0, name="b"), name="x"))
    g9.node[2].input.append("^b")
    out["control"] = [chk(g9, g8), chk(g8, g9)]
    out["checkpoint_v2"] = chk(gd(_const(tf, b"_temp_" + b"a" * 32 + b"/part")),
                               gd(_const(tf, b"q")), checkpoint_v2=True)
    return {"cases": out}

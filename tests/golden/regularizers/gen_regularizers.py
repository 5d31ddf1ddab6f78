"""TF 1.14 goldens for regularizers: contrib.layers' l1/l2/l1_l2/sum regularizers and
apply_regularization (values, gradients, op names, REGULARIZATION_LOSSES, errors) and
tf.keras.regularizers (values, ops, get/serialize/deserialize). Output: regularizers.json,
read by tests/test_regularizers.py, which runs these case functions with flowgrad
(`regs(tf)` gives the contrib functions: tf.contrib.layers under TF,
flowgrad.ops.regularizers under flowgrad).
"""
import numpy as np

W = np.array([[0.5, -1.5, 2.0], [-0.25, 0.0, 3.0]], np.float32)
W64 = np.array([1.0, -2.0, 0.5])


def regs(tf):
    if hasattr(tf, "__version__") and tf.__version__.startswith("1."):
        return tf.contrib.layers
    from flowgrad.ops import regularizers  # noqa: PLC0415 - flowgrad's home of these
    return regularizers


def _apply(make):
    def case(tf):
        w = tf.constant(W, name="w")
        w64 = tf.constant(W64, name="w64")
        r = make(tf)
        out = {}
        ts = []
        for x in (w, w64):
            t = r(x)
            out.setdefault("names", []).append(None if t is None else t.name)
            if t is not None:
                ts.append(t)
                g = tf.gradients(t, x)[0]
                if g is not None:
                    ts.append(g)
        out["ops"] = [[o.name, o.type] for o in tf.get_default_graph().get_operations()
                      if not o.name.startswith("gradients")]
        with tf.Session() as s:
            out["values"] = s.run(ts)
        return out
    return case


CASES = {
    "l1": _apply(lambda tf: regs(tf).l1_regularizer(0.3)),
    "l1_scope": _apply(lambda tf: regs(tf).l1_regularizer(0.3, scope="my_l1")),
    "l2": _apply(lambda tf: regs(tf).l2_regularizer(0.2)),
    "l1_l2": _apply(lambda tf: regs(tf).l1_l2_regularizer(0.1, 0.7)),
    "l1_l2_no_l1": _apply(lambda tf: regs(tf).l1_l2_regularizer(0.0, 0.7)),
    "l1_l2_no_l2": _apply(lambda tf: regs(tf).l1_l2_regularizer(0.4, 0.0)),
    "sum": _apply(lambda tf: regs(tf).sum_regularizer(
        [regs(tf).l1_regularizer(0.5), None, regs(tf).l2_regularizer(0.25)], scope="s")),
    "l1_zero": _apply(lambda tf: regs(tf).l1_regularizer(0.0)),
    "keras_l1": _apply(lambda tf: tf.keras.regularizers.l1(0.3)),
    "keras_l2": _apply(lambda tf: tf.keras.regularizers.l2()),
    "keras_l1_l2": _apply(lambda tf: tf.keras.regularizers.l1_l2(0.1, 0.2)),
    "keras_L1L2_zero": _apply(lambda tf: tf.keras.regularizers.L1L2()),
}


def _apply_regularization(tf):
    a = tf.constant(W, name="a")
    b = tf.constant(W * 2, name="b")
    tf.add_to_collection(tf.GraphKeys.WEIGHTS, b)
    p1 = regs(tf).apply_regularization(regs(tf).l2_regularizer(0.5), [a, b])
    p2 = regs(tf).apply_regularization(regs(tf).l1_regularizer(0.25))
    p3 = regs(tf).apply_regularization(regs(tf).l1_regularizer(0.0), [a])
    with tf.Session() as s:
        vals = s.run([p1, p2, p3])
    return {"names": [p.name for p in (p1, p2, p3)], "values": vals,
            "collection": [t.name for t in tf.get_collection(
                tf.GraphKeys.REGULARIZATION_LOSSES)]}


CASES["apply_regularization"] = _apply_regularization


def _error(fn):
    def case(tf):
        try:
            fn(tf)
        except Exception as e:  # noqa: BLE001 - the golden records TF's error
            return e
        return "no error"
    return case


CASES["error/l1_int"] = _error(lambda tf: regs(tf).l1_regularizer(2))
CASES["error/l1_neg"] = _error(lambda tf: regs(tf).l1_regularizer(-0.5))
CASES["error/l2_int"] = _error(lambda tf: regs(tf).l2_regularizer(1))
CASES["error/l2_neg"] = _error(lambda tf: regs(tf).l2_regularizer(-0.5))
CASES["error/l1_l2_int"] = _error(lambda tf: regs(tf).l1_l2_regularizer(1, 0.5))
CASES["error/l1_l2_int2"] = _error(lambda tf: regs(tf).l1_l2_regularizer(0.5, 2))
CASES["error/apply_empty"] = _error(
    lambda tf: regs(tf).apply_regularization(regs(tf).l1_regularizer(0.1)))
CASES["error/apply_nonscalar"] = _error(
    lambda tf: regs(tf).apply_regularization(lambda w: w * 2.0, [tf.constant(W)]))
CASES["sum_empty"] = lambda tf: regs(tf).sum_regularizer([None]) is None


def _keras_serial(tf):
    R = tf.keras.regularizers
    out = {}
    for ident in ["l1", "l2", "l1_l2", "L1L2"]:
        r = R.get(ident)
        out["get/" + ident] = [type(r).__name__, r.get_config()]
    for r in [R.l1(0.5), R.L1L2(0.25, 0.125)]:
        ser = R.serialize(r)
        back = R.deserialize(ser)
        out["serialize/" + str(r.get_config())] = [ser, type(back).__name__, back.get_config(),
                                                   type(R.get(ser)).__name__]
    f = lambda x: x  # noqa: E731
    out["callable"] = R.get(f) is f
    out["none"] = R.get(None) is None
    for bad in ["l3", 5]:
        try:
            R.get(bad)
        except Exception as e:  # noqa: BLE001
            out["error/" + str(bad)] = [type(e).__name__, [str(a) for a in e.args]]
    return out


CASES["keras_serialization"] = _keras_serial


def cases(tf):
    out = {}
    for name, fn in sorted(CASES.items()):
        with tf.Graph().as_default():
            out[name] = fn(tf)
    return out

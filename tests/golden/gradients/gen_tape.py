"""tf.GradientTape in graph mode, run under TF 1.14 (tape.json) and flowgrad
(tests/test_gradient_tape.py): the values of the gradients, and the name and type of
every op `gradient` builds. A case returns a dict: name -> a fetch (tensor, list of
tensors/None) or, for keys starting with "ops", a list of [name, type] pairs; "err*"
keys hold "ErrorClass: message" strings. Valid Python 3.7 (the oracle runs it).
"""
import numpy as np


def _n(tf):
    return len(tf.get_default_graph().get_operations())


def _new(tf, n0):
    return [[o.name, o.type] for o in tf.get_default_graph().get_operations()[n0:]]


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the error is the result
        return "%s: %s" % (type(e).__name__, e)
    return "no error"


def basic(tf):
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(x)
        y = tf.reduce_sum(x * x * 3.0)
    n0 = _n(tf)
    g = t.gradient(y, x)
    return {"g": g, "ops": _new(tf, n0),
            "err_twice": _err(lambda: t.gradient(y, x))}


def queue_order(tf):
    x = tf.constant([1.0, 2.0])
    with tf.GradientTape(persistent=True) as t:
        t.watch(x)
        y = tf.sin(tf.exp(x)) + tf.tanh(tf.sqrt(x)) + tf.square(x)
        y1 = tf.sin(x)
        y2 = tf.tanh(x)
    n0 = _n(tf)
    g = t.gradient(y, x)
    ops = _new(tf, n0)
    n0 = _n(tf)
    g12 = t.gradient([y1, y2], x)
    ops12 = _new(tf, n0)
    n0 = _n(tf)
    g21 = t.gradient([y2, y1], x)
    return {"g": g, "ops": ops, "g12": g12, "ops12": ops12, "g21": g21,
            "ops21": _new(tf, n0)}


def unknown_shape(tf):
    p = tf.placeholder(tf.float32, [None])
    with tf.GradientTape() as t:
        t.watch(p)
        y = p * 2.0 + 1.0
    n0 = _n(tf)
    g = t.gradient(y, p)
    return {"g": g, "ops": _new(tf, n0), "_feed": {p: np.array([1.0, 2.0, 3.0], np.float32)}}


def unconnected(tf):
    a = tf.constant([1.0, 2.0])
    b = tf.constant(3.0)
    with tf.GradientTape(persistent=True) as t:
        t.watch(a)
        t.watch(b)
        y = a * 2.0
    n0 = _n(tf)
    none = t.gradient(y, [a, b])
    ops_none = _new(tf, n0)
    n0 = _n(tf)
    zero = t.gradient(y, [a, b], unconnected_gradients="zero")
    return {"none": none, "ops_none": ops_none, "zero": zero, "ops_zero": _new(tf, n0),
            "err_unc": _err(lambda: t.gradient(y, a, unconnected_gradients="foo"))}


def resource_variable(tf):
    rv = tf.Variable([[1.0, 2.0], [3.0, 4.0]], use_resource=True, name="rv")
    with tf.GradientTape() as t:
        y = tf.reduce_sum(tf.gather(rv, [1])) + tf.reduce_sum(rv * rv)
    watched = [v.name for v in t.watched_variables()]
    n0 = _n(tf)
    g = t.gradient(y, rv)
    with tf.GradientTape(watch_accessed_variables=False) as t2:
        z = tf.reduce_sum(rv * 2.0)
    with tf.GradientTape(watch_accessed_variables=False) as t3:
        t3.watch(rv)
        w = tf.reduce_sum(rv * 2.0)
    return {"values": g.values, "indices": g.indices, "dense_shape": g.dense_shape,
            "ops": _new(tf, n0), "watched": watched,
            "err_watched_after": _err(t.watched_variables),
            "not_watched": [t2.gradient(z, rv)],
            "watched3": [v.name for v in t3.watched_variables()], "g3": t3.gradient(w, rv)}


def ref_variable(tf):
    v = tf.Variable([3.0, 4.0], name="v")
    with tf.GradientTape() as t:
        y = tf.reduce_sum(v * v)
    out = {"watched": [x.name for x in t.watched_variables()],
           "err_source": _err(lambda: t.gradient(y, v))}

    def watch():
        with tf.GradientTape() as t2:
            t2.watch(v)
    out["err_watch"] = _err(watch)
    return out


def nested_second_order(tf):
    x = tf.constant(3.0)
    with tf.GradientTape() as g1:
        g1.watch(x)
        with tf.GradientTape() as g2:
            g2.watch(x)
            y = x * x * x
        n0 = _n(tf)
        d = g2.gradient(y, x)
        inner = _new(tf, n0)
    n0 = _n(tf)
    d2 = g1.gradient(d, x)
    return {"d": d, "d2": d2, "ops_inner": inner, "ops_outer": _new(tf, n0)}


def output_gradients_and_stop(tf):
    a = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(a)
        y = tf.sin(a)
    og = tf.constant([2.0, 3.0])
    n0 = _n(tf)
    g = t.gradient(y, a, output_gradients=og)
    ops = _new(tf, n0)
    with tf.GradientTape() as t2:
        t2.watch(a)
        y = tf.sin(a)
        with t2.stop_recording():
            z = tf.cos(a)
        w = z * y
    n0 = _n(tf)
    g2 = t2.gradient(w, a)
    return {"g": g, "ops": ops, "g2": g2, "ops2": _new(tf, n0)}


def reset_and_inside(tf):
    a = tf.constant([1.0, 2.0])
    with tf.GradientTape() as t:
        t.watch(a)
        y = a * a
        t.reset()
        t.watch(a)
        z = a * 3.0
    out = {"reset_y": [t.gradient(y, a)]}
    with tf.GradientTape() as t2:
        t2.watch(a)
        z = a * 3.0
        out["inside"] = t2.gradient(z, a)
    out["err_after_inside"] = _err(lambda: t2.gradient(z, a))
    with tf.GradientTape(persistent=True) as t3:
        t3.watch(a)
        z = a * a
        n0 = _n(tf)
        g = t3.gradient(z, a)
        out["ops_inside_persistent"] = _new(tf, n0)
    out["g_persistent_again"] = t3.gradient(z, a)
    return out


def structures(tf):
    a = tf.constant([1.0, 2.0])
    b = tf.constant(2.0)
    with tf.GradientTape() as t:
        t.watch([a, b])
        y = {"p": a * b, "q": tf.reduce_sum(a) * b}
    g = t.gradient(y, {"a": a, "b": b})
    return {"ga": g["a"], "gb": g["b"]}


CASES = [basic, queue_order, unknown_shape, unconnected, resource_variable, ref_variable,
         nested_second_order, output_gradients_and_stop, reset_and_inside, structures]


def _to_json(v):
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, (list, tuple)):
        return [_to_json(x) for x in v]
    return np.asarray(v)


def run_case(tf, case):
    """Builds `case` in a fresh graph; op lists and errors as they are, fetches run."""
    with tf.Graph().as_default():
        got = case(tf)
        feed = got.pop("_feed", None)
        out = {}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for k, f in got.items():
                if k.startswith(("ops", "err", "watched")):
                    out[k] = f
                elif isinstance(f, list):
                    out[k] = [None if t is None else _to_json(sess.run(t, feed)) for t in f]
                else:
                    out[k] = _to_json(sess.run(f, feed))
    return out


def cases(tf):
    return {c.__name__: run_case(tf, c) for c in CASES}

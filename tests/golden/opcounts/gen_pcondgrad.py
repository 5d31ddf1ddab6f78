"""TF 1.14's gradients through a v1 tf.cond where the xs reach only some of its outputs (each
Merge is reached on its own: no Merge_grad Switch, nor gradient of what reads, for an output
the xs do not reach) and with respect to tensors made in a branch (the gradient through the
Merge's Switch, a dead value when the branch is not taken; through both conds' for a cond
nested in a branch) or in a tf.while_loop body (also of a loop nested in another loop's body
or in a cond's branch: TF builds the loop's gradient; the x's gradient, a tensor of its
frame, cannot be fetched): the gradient ops (names and types,
where flowgrad writes TF's layout), the op counter's move, the values with the pred true
and false, or the error class fetching one raises (tests/test_pcondgrad.py). The loop
cases read a Sin: made on an Intel host (recorded)."""
import numpy as np

from goldenio import host_vendor


def _two_outputs(tf):
    # pprobe37's repro: o1 depends on b only, so Merge_1 is not reached from a
    a = tf.constant([1.0, 2.0], name="a")
    b = tf.constant([0.5, 0.25], name="b")
    p = tf.placeholder_with_default(True, [], name="p")
    o0, o1 = tf.cond(p, lambda: (a * 2.0, b * b), lambda: (a, b))
    return tf.reduce_sum(o0 * tf.square(o1)), [a], p, True


def _three_outputs(tf):
    a = tf.constant([1.0, 2.0], name="a")
    b = tf.constant([0.5, 0.25], name="b")
    p = tf.placeholder_with_default(True, [], name="p")
    o0, o1, o2 = tf.cond(p, lambda: (b * 3.0, a * b, b + 1.0), lambda: (b, a, b * 2.0))
    return tf.reduce_sum(o0 * o1 + tf.square(o2)), [a], p, True


def _inner_x(which):
    def fn(tf):
        x = tf.constant(2.0, name="x")
        y = tf.constant(0.5, name="y")
        p = tf.placeholder_with_default(True, [], name="p")
        made = []

        def t():
            h = x * 3.0
            made.append(h)
            return h * h * y, h

        def f():
            k = y * 2.0
            made.append(k)
            return x, k * k
        o, o2 = tf.cond(p, t, f)
        h, k = made
        xs = {"h": [h], "x_h": [x, h], "h_y": [h, y], "h_k": [h, k], "k": [k]}[which]
        # (flowgrad writes TF's layout of the gradient where the branch gradients of the
        # xs in it feed a captured input's: x_h)
        return o * o2, xs, p, which == "x_h"
    return fn


def _nested_x(which):
    # an x made in a cond nested in another cond's branch: the gradient through both
    # conds' Merge Switches (dead unless both branches are taken)
    def fn(tf):
        x = tf.constant(2.0, name="x")
        y = tf.constant(0.5, name="y")
        p = tf.placeholder_with_default(True, [], name="p")
        q = tf.placeholder_with_default(True, [], name="q")
        made = []

        def t():
            def inner():
                h = x * 3.0
                made.append(h)
                return h * h * y
            return tf.cond(q, inner, lambda: y * 2.0) * x
        o = tf.cond(p, t, lambda: x + y)
        if which == "h":
            return o, made, p, False
        return o * o, [x] + made + [y], p, True
    return fn


def _loop_x(which):
    # an x made in a tf.while_loop body (the loop variable's value there, a value computed
    # from it; cond_x_h: a tf.cond read after the loop): TF builds the loop's gradient (its
    # Exits reached from the x); the x's gradient is a tensor of the gradient frame, which
    # cannot be fetched (ValueError)
    def fn(tf):
        x = tf.constant(2.0, name="x")
        p = tf.placeholder_with_default(True, [], name="p")   # (read by cond_x_h only)
        made = []

        def body(i, a):
            h = tf.sin(a)
            made.extend((a, h))
            return i + 1, h * h * x if which == "hh" else h * x
        _, out = tf.while_loop(lambda i, a: i < 3, body, [tf.constant(0), x])
        if which == "cond_x_h":   # (a tf.cond between the ys and the loop)
            out = tf.cond(p, lambda: out * 3.0, lambda: out)
        a, h = made
        xs = {"h": [h], "x_h": [x, h], "hh": [h], "var": [a], "cond_x_h": [x, h]}[which]
        return out, xs, p, True
    return fn


def _loop_in(where, which):
    # an x made in the body of a tf.while_loop nested in another loop's body ("loop") or
    # in a tf.cond's branch ("cond"): TF builds the gradients of the loops (and cond)
    # around it; the x's gradient, a tensor of the inner gradient frame, cannot be fetched
    def fn(tf):
        x = tf.constant(2.0, name="x")
        p = tf.placeholder_with_default(True, [], name="p")
        made = []

        def body(j, b):
            h = tf.sin(b)
            made.append(h)
            return j + 1, h * x

        def inner(a, n):
            return tf.while_loop(lambda j, b: j < n, body, [tf.constant(0), a])[1]
        if where == "loop":
            out = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, inner(a, 2) * 1.5),
                                [tf.constant(0), x])[1]
        else:
            out = tf.cond(p, lambda: inner(x, 3), lambda: x * 2.0)
        xs = {"h": made, "x_h": [x] + made}[which]
        # (flowgrad writes the gradient cond of an x in its branch in its own layout)
        return out, xs, p, where == "loop"
    return fn


CALLS = [("two_outputs", _two_outputs), ("three_outputs", _three_outputs)] + [
    ("inner_" + w, _inner_x(w)) for w in ("h", "x_h", "h_y", "h_k", "k")] + [
    ("nested_" + w, _nested_x(w)) for w in ("h", "x_h_y")] + [
    ("loop_" + w, _loop_x(w)) for w in ("h", "x_h", "hh", "var", "cond_x_h")] + [
    (f"{where}_loop_{w}", _loop_in(where, w)) for where in ("loop", "cond")
    for w in ("h", "x_h")]


def run_case(tf, fn):
    """{"ops": the gradient's ops (name, type) where compared, "moved": the op counter's
    move, "true"/"false": per x its gradient's value with the pred true/false, or the name
    of the error fetching it raises}."""
    g = tf.Graph()
    with g.as_default():
        y, xs, p, listed = fn(tf)
        n, first = len(g.get_operations()), g._last_id
        grads = tf.gradients(y, xs)
        out = {"moved": g._last_id - first,
               "ops": [(o.name, o.type) for o in g.get_operations()[n:]] if listed else None}
        with tf.Session(graph=g) as s:
            for pred in (True, False):
                vals = []
                for gr in grads:
                    try:
                        vals.append(np.asarray(s.run(gr, {p: pred})))
                    except Exception as e:   # noqa: BLE001 - TF's dead-branch error
                        vals.append(type(e).__name__)
                out[str(pred).lower()] = vals
    return out


def cases(tf):
    out = {name: run_case(tf, fn) for name, fn in CALLS}
    out["host"] = host_vendor()
    return out

"""tf.gradients semantics cases, run both under TF 1.14 (to make gradients.json) and
flowgrad (tests/test_gradients_semantics.py).

Each case takes the `tf` module and returns a dict name -> fetch (tensor or
list of tensors/None). `run_case` evaluates it after initializing variables.
This file must stay valid Python 3.7 (the TF 1.14 oracle runs it).
"""
import numpy as np


def ex1(tf):
    x = tf.Variable(tf.constant(3.0), name="x")
    return {"g": tf.gradients(x ** 2, x)}


def ex2(tf):
    x = tf.Variable(tf.constant(2.0), name="x")
    y = x ** 3
    update_op = tf.assign(x, x + 1)
    with tf.control_dependencies([update_op]):
        g = tf.gradients(y, x)
    return {"g": g, "_then_x": x}


def ex3(tf):
    x = tf.Variable(tf.constant([1.0, 2.0]), name="x")
    return {"g": tf.gradients([x[0] ** 2, x[1] ** 3], x)}


def unconnected(tf):
    a = tf.constant(3.0)
    b = tf.constant(4.0)
    y = a * 2.0
    return {"none": tf.gradients(y, [a, b]),
            "zero": tf.gradients(y, [a, b], unconnected_gradients="zero")}


def integer_path(tf):
    x = tf.constant(2.7)
    i = tf.cast(x, tf.int32)
    y = tf.cast(i, tf.float32) * x
    only_int = tf.cast(i, tf.float32) * 2.0
    return {"g": tf.gradients(y, x), "only_int": tf.gradients(only_int, x)}


def stop_gradient_op(tf):
    x = tf.constant([1.0, 2.0, 3.0])
    y = tf.stop_gradient(x) * x
    return {"g": tf.gradients(y, x)}


def stop_gradients_arg(tf):
    x = tf.constant(3.0)
    a = x * 2.0
    y = a * x
    return {"stopped": tf.gradients(y, x, stop_gradients=[a]),
            "both": tf.gradients(y, [x, a], stop_gradients=[a]),
            "full": tf.gradients(y, x)}


def self_gradient(tf):
    x = tf.constant([1.0, 2.0])
    s = tf.constant(5.0)
    return {"vec": tf.gradients(x, x), "scalar": tf.gradients(s, s)}


def grad_ys_weights(tf):
    x = tf.constant([1.0, 2.0, 3.0])
    y = x * x
    return {"g": tf.gradients(y, x, grad_ys=tf.constant([1.0, 2.0, 3.0]))}


def sum_over_ys(tf):
    x = tf.constant([1.0, -2.0])
    return {"g": tf.gradients([x * x, 3.0 * x], x)}


def xs_feed_each_other(tf):
    x = tf.constant(2.0)
    a = x * x
    y = a * 3.0
    return {"g": tf.gradients(y, [x, a])}


def ys_as_variable(tf):
    v = tf.Variable([1.0, 2.0], name="v")
    w = tf.Variable(3.0, name="w")
    return {"self": tf.gradients(v, v), "cross": tf.gradients(v * w, w)}


def aggregation_methods(tf):
    x = tf.constant([0.5, -1.5])
    y = tf.tanh(x) * x + x * x * x + tf.square(x)
    out = {}
    for name, m in [("add_n", tf.AggregationMethod.ADD_N),
                    ("tree", tf.AggregationMethod.EXPERIMENTAL_TREE),
                    ("accumulate_n", tf.AggregationMethod.EXPERIMENTAL_ACCUMULATE_N)]:
        out[name] = tf.gradients(y, x, aggregation_method=m)
    out["gated"] = tf.gradients(y, x, gate_gradients=True)
    return out


def second_order(tf):
    x = tf.constant([0.3, -0.7, 1.1])
    y = tf.tanh(x)
    g = tf.gradients(y, x)[0]
    g2 = tf.gradients(g, x)[0]
    g3 = tf.gradients(g2, x)[0]
    return {"g": g, "g2": g2, "g3": g3}


def hessian_cube(tf):
    x = tf.constant([1.0, 2.0, -1.0])
    y = tf.reduce_sum(x * x * x)
    return {"h": tf.hessians(y, x)}


def hessian_matrix(tf):
    x = tf.constant([[1.0, 2.0], [3.0, -1.0]])
    y = tf.reduce_sum(tf.square(x) * tf.reduce_sum(x))
    return {"h": tf.hessians(y, x)}


def multi_output_dependencies(tf):
    w = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="w")
    b = tf.Variable([0.5, -0.5], name="b")
    x = tf.constant([[1.0, -1.0]])
    h = tf.tanh(tf.matmul(x, w) + b)
    loss = tf.reduce_sum(h * h)
    return {"g": tf.gradients(loss, [w, b]), "gx": tf.gradients(loss, x)}


def broadcast_grads(tf):
    a = tf.constant([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    b = tf.constant([1.0, 2.0, 3.0])
    c = tf.constant([[2.0], [3.0]])
    y = a * b + c / b - c
    return {"g": tf.gradients(y, [a, b, c])}


def placeholder_unknown_shape(tf):
    x = tf.placeholder(tf.float32, shape=[None, 3], name="x")
    w = tf.constant([1.0, 2.0, 3.0])
    y = tf.reduce_sum(tf.tanh(x * w + 0.1))
    g = tf.gradients(y, [x, w])
    return {"g": g, "_feed": {x: np.array([[0.1, 0.2, 0.3], [0.4, -0.5, 0.6]], np.float32)}}


CASES = [ex1, ex2, ex3, unconnected, integer_path, stop_gradient_op, stop_gradients_arg,
         self_gradient, grad_ys_weights, sum_over_ys, xs_feed_each_other, ys_as_variable,
         aggregation_methods, second_order, hessian_cube, hessian_matrix,
         multi_output_dependencies, broadcast_grads, placeholder_unknown_shape]


def _to_json(v):
    """Fetched values as NumPy arrays (lists stay lists, None stays None)."""
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return [_to_json(x) for x in v]
    if isinstance(v, dict):
        return {k: _to_json(x) for k, x in v.items()}
    return np.asarray(v)


def run_case(tf, case):
    """Builds `case` in a fresh graph and returns its results (name -> arrays)."""
    with tf.Graph().as_default():
        fetches = case(tf)
        feed = fetches.pop("_feed", None)
        then = {k[6:]: fetches.pop(k) for k in list(fetches) if k.startswith("_then_")}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            out = {}
            for k, f in fetches.items():
                if isinstance(f, list):
                    vals = [None if t is None else sess.run(t, feed) for t in f]
                else:
                    vals = sess.run(f, feed)
                out[k] = _to_json(vals)
            for k, f in then.items():
                out["then_" + k] = _to_json(sess.run(f))
    return out


def cases(tf):
    return {c.__name__: run_case(tf, c) for c in CASES}

"""tf.function in graph mode under TF 1.14 (function.json) and flowgrad
(tests/test_function.py): the call ops each call adds (retracing per signature), values,
gradients through the call, variables made on the first call, get_concrete_function with
an input_signature, TensorSpec. Python 3.7."""
import numpy as np


def _n(tf):
    return len(tf.get_default_graph().get_operations())


def _new(tf, n0, skip_variable_ops=False):
    ops = tf.get_default_graph().get_operations()[n0:]
    return [[o.name, o.type] for o in ops
            if not (skip_variable_ops and o.name.startswith("Variable"))]


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the error is the result
        return "%s: %s" % (type(e).__name__, str(e).split("\n")[0])
    return "no error"


def _err_kind(fn):
    """The error class (TF 1.14's message is wrapped by autograph)."""
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the error is the result
        return type(e).__name__
    return "no error"


def calls(tf):
    traces = []

    @tf.function
    def f(x, y, scale=1.0):
        traces.append(1)
        return x * y * scale + 1.0, {"s": tf.reduce_sum(x)}

    a = tf.constant([1.0, 2.0])
    b = tf.constant(3.0)
    c = tf.constant([1.0, 2.0, 3.0])
    ops = []
    fetches = []
    for args in ((a, b), (a, b), (a, tf.constant(2.0)), (c, b), (a, b, 2.0), (a, b, 2.0)):
        n0 = _n(tf)
        r = f(*args)
        ops.append(_new(tf, n0))
        fetches.append([r[0], r[1]["s"]])
    n0 = _n(tf)
    g = tf.gradients(fetches[0][0], [a, b])
    g_ops = _new(tf, n0)
    with tf.Session() as sess:
        return {"ops": ops, "traces": len(traces), "values": sess.run(fetches),
                "grad_ops": g_ops, "grads": sess.run(g)}


def variables(tf):
    holder = []

    @tf.function
    def h(x):
        if not holder:
            holder.append(tf.Variable(2.0))
        return x * holder[0]

    a = tf.constant([1.0, 2.0])
    n0 = _n(tf)
    r1 = h(a)
    ops1 = _new(tf, n0, skip_variable_ops=True)
    n0 = _n(tf)
    r2 = h(a)
    ops2 = _new(tf, n0)
    err = _err_kind(lambda: h(tf.constant(1.0)))
    names = sorted(v.name for v in tf.global_variables())

    @tf.function
    def k(x):
        return x * tf.Variable(1.0)
    err2 = _err_kind(lambda: k(a))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        vals = sess.run([r1, r2])
    return {"ops1": ops1, "ops2": ops2, "values": vals, "err_second_trace": err,
            "err_second_trace2": err2,
            "variable_names": names}


def signature(tf):
    spec = tf.TensorSpec([None], tf.float32)

    @tf.function(input_signature=[spec])
    def k(x):
        return x * 2.0

    n0 = _n(tf)
    cf = k.get_concrete_function()
    cf_ops = _new(tf, n0)
    n0 = _n(tf)
    r = k(tf.constant([1.0, 2.0, 3.0]))
    r2 = k([4.0])
    call_ops = _new(tf, n0)
    out = {"cf_ops": cf_ops, "call_ops": call_ops,
           "inputs": [[t.name, str(t.shape)] for t in cf.inputs],
           "outputs": [[t.name, str(t.shape)] for t in cf.outputs],
           "specs": [repr(spec), repr(tf.TensorSpec([2, None], tf.int32, "a")),
                     repr(tf.TensorSpec.from_tensor(tf.constant([1, 2]))),
                     spec.is_compatible_with(tf.constant([1.0])),
                     spec.is_compatible_with(tf.constant(1.0)),
                     spec.is_compatible_with(tf.constant([1])),
                     spec == tf.TensorSpec([None], tf.float32)],
           "err_dtype": _err(lambda: k(tf.constant([1], tf.int32))),
           "err_shape": _err(lambda: k(tf.constant(1.0)))}
    with tf.Session() as sess:
        out["values"] = sess.run([r, r2])
    return out


def stateful(tf):
    v = tf.Variable(np.array([1.0, 2.0], np.float32), use_resource=True, name="sv")

    @tf.function
    def step(x):
        v.assign_add(x)
        return v.read_value() * 2.0

    n0 = _n(tf)
    r = step(tf.constant([1.0, 1.0]))
    ops = _new(tf, n0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        vals = [sess.run(r), sess.run(r), sess.run(v)]
    return {"ops": ops, "values": vals}


def assert_in_body(tf):
    """A body whose assert (a cond: AssertGuard) guards its result: the gradient's copy of
    the body runs its own assert, passing and failing."""
    x = tf.placeholder(tf.float32, [3])

    @tf.function
    def f(a):
        with tf.control_dependencies([tf.debugging.assert_greater(a, -10.0)]):
            return a * a

    g = tf.gradients(tf.reduce_sum(f(x)), [x])
    with tf.Session() as sess:
        vals = sess.run(g, {x: [1.0, 2.0, 3.0]})
        err = _err_kind(lambda: sess.run(g, {x: [1.0, -20.0, 3.0]}))
    return {"values": vals, "err_failing": err}


CASES = [calls, variables, signature, stateful, assert_in_body]


def cases(tf):
    out = {}
    for c in CASES:
        with tf.Graph().as_default():
            out[c.__name__] = c(tf)
    return out

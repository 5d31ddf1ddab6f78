"""TF 1.14's tf.nn.swish, a Defun (tests/test_pswish.py): the graph holds ONE call op
whose type is the instantiated function's name (`swish_f32`), its gradient one
SymbolicGradient op (`gradients/swish_f32_grad/SymbolicGradient`), and the GraphDef's
library the function and its gradient function (`swish_grad_f32f32`) with the gradient
map entry. Each call records get_operations() (name, type, inputs, output shapes), the
library, the values of swish and its gradient, a graph-seeded random op made after them
(its seed2 is the op count: the numbers follow the count), and the errors TF raises (no
gradient of SymbolicGradient, a dtype Sigmoid rejects)."""
import numpy as np

# a process of its own: the tf.function's FunctionDef names count TF's uids
ISOLATE = True

_X = np.linspace(-6.0, 6.0, 13)


def _ops(g):
    return [[o.name, o.type, [t.name for t in o.inputs], [str(t.shape) for t in o.outputs]]
            for o in g.get_operations()]


def _library(g):
    lib = g.as_graph_def().library
    fns = sorted([f.signature.name, [[a.name, a.type] for a in f.signature.input_arg],
                  [[a.name, a.type] for a in f.signature.output_arg],
                  sorted([n.name, n.op, list(n.input)] for n in f.node_def),
                  sorted([k, v] for k, v in f.ret.items()),
                  f.signature.description] for f in lib.function)
    return {"functions": fns,
            "gradient": sorted([e.function_name, e.gradient_func] for e in lib.gradient)}


def _run(tf, g, fetches, feed=None):
    with g.as_default(), tf.Session() as sess:
        return sess.run(fetches, feed)


def grad_case(tf, dtype):
    """swish and its gradient, then a graph-seeded random op."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(7)
        x = tf.constant(_X, dtype=getattr(tf, dtype), name="x")
        y = tf.nn.swish(x)
        dx = tf.gradients(tf.reduce_sum(y * y), x)[0]
        r = tf.random_uniform([5])
    values = _run(tf, g, [y, dx, r])
    return {"ops": _ops(g), "library": _library(g), "y": values[0], "dx": values[1],
            "random": values[2]}


def names_case(tf):
    """Op names: name=, a name scope, repeated calls, a list argument, shapes."""
    g = tf.Graph()
    with g.as_default():
        x = tf.constant([1.0, -2.0, 0.5])
        tf.nn.swish(x, name="foo")
        with tf.name_scope("sc"):
            tf.nn.swish(x)
        tf.nn.swish(x)
        tf.nn.swish([1.0, 2.0])
        tf.nn.swish(tf.placeholder(tf.float32, [None, 4]))
        tf.nn.swish(tf.placeholder(tf.float32))
    return {"ops": _ops(g), "library": _library(g)}


def variables_case(tf):
    """Variables as arguments (a ref variable's read, a resource variable's new read), and
    a name ending in '/' (used as it is)."""
    g = tf.Graph()
    with g.as_default():
        v = tf.Variable([1.0, 2.0], name="v")
        r = tf.get_variable("r", [2], use_resource=True)
        tf.nn.swish(v)
        tf.nn.swish(r)
        tf.nn.swish(v * 2.0, name="scope/")
    return {"ops": _ops(g)}


def two_grads_case(tf):
    """Two swish calls differentiated together, then a graph-seeded normal."""
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(3)
        x = tf.constant(_X, dtype=tf.float32)
        w = tf.constant(0.5)
        y = tf.nn.swish(tf.nn.swish(x) * w)
        dx, dw = tf.gradients(tf.reduce_sum(y), [x, w])
        r = tf.random_normal([4])
    values = _run(tf, g, [y, dx, dw, r])
    return {"ops": _ops(g), "values": values}


def second_order_case(tf):
    """TF 1.14 registers no gradient for SymbolicGradient."""
    g = tf.Graph()
    with g.as_default():
        x = tf.constant([1.0, -2.0])
        dx = tf.gradients(tf.reduce_sum(tf.nn.swish(x)), x)[0]
        try:
            tf.gradients(tf.reduce_sum(dx), x)
        except LookupError as e:
            return e
    raise AssertionError("no error")


def int_case(tf):
    """A dtype Sigmoid rejects: the body fails, after the argument's Const."""
    g = tf.Graph()
    with g.as_default():
        try:
            tf.nn.swish(tf.constant([1, 2]))
        except TypeError as e:
            return {"error": e, "ops": _ops(g)}
    raise AssertionError("no error")


def tf_graph_def_case(tf, with_function=False):
    """TF's GraphDef of swish and its gradient (float32, float64), to import and run."""
    g = tf.Graph()
    feed = {}
    with g.as_default():
        fetches = []
        for dt in ("float32", "float64"):
            x = tf.placeholder(getattr(tf, dt), [7], name="x_" + dt)
            feed[x] = np.linspace(-3.0, 3.0, 7).astype(dt)
            y = tf.nn.swish(x)
            fetches += [y, tf.gradients(tf.reduce_sum(y * y), x)[0]]
        if with_function:   # a tf.function calling swish (its FunctionDef calls swish_f32)
            f = tf.function(lambda a: tf.nn.swish(a) * 2.0)(x)
            fetches += [f, tf.gradients(tf.reduce_sum(f * f), x)[0]]
    values = _run(tf, g, fetches, feed)
    return {"pb": g.as_graph_def().SerializeToString(deterministic=True), "fetches": [t.name for t in fetches],
            "feed": {t.name: v for t, v in feed.items()}, "values": values,
            "ops": _ops(g)}


def tape_case(tf):
    """tf.GradientTape in graph mode: TF's Defun makes its call op with Graph.create_op,
    which no tape records (the gradient is None, no gradient op is made)."""
    g = tf.Graph()
    with g.as_default():
        x = tf.constant([1.0, -2.0])
        with tf.GradientTape() as t:
            t.watch(x)
            y = tf.reduce_sum(tf.nn.swish(x) + x)
        d = t.gradient(y, x)
        return {"ops": _ops(g), "grad": _run(tf, g, d)}


def loop_case(tf):
    """swish in a while_loop body and the loop's gradient: get_operations() lists TF's
    nodes (the call op inside the frame, its SymbolicGradient in the gradient frame)."""
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [2, 3], name="x")
        y = tf.while_loop(lambda i, a: i < 3, lambda i, a: (i + 1, tf.nn.swish(a)), [0, x])[1]
        tf.gradients(tf.reduce_sum(y), x)
        return {"ops": [[o.name, o.type] for o in g.get_operations()]}


DTYPES = ("float16", "float32", "float64")


def cases(tf):
    out = {"grad/" + dt: grad_case(tf, dt) for dt in DTYPES}
    out["names"] = names_case(tf)
    out["variables"] = variables_case(tf)
    out["two_grads"] = two_grads_case(tf)
    out["second_order"] = second_order_case(tf)
    out["int"] = int_case(tf)
    out["tf_graph_def"] = tf_graph_def_case(tf)
    out["tape"] = tape_case(tf)
    out["tf_graph_def_function"] = tf_graph_def_case(tf, True)
    out["loop"] = loop_case(tf)
    return out

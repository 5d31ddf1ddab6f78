"""tf.gradients' arguments as TF 1.14 takes them: grad_ys (only the kind of dtype is
checked; a broadcastable shape is used as given, others fail in the rules), a rule's
gradient of another float width (flows on), unconnected_gradients (zeros made after the
gradients scope), aggregation_method (EXPERIMENTAL_TREE / ACCUMULATE_N sums under
'<op>_gradient_sum'), colocate_gradients_with_ops and _MultiDeviceAddN (devices and
`_class` of the gradient nodes); tf.test.compute_gradient's ops, complex Jacobians and
compute_gradient_error's type. Each case builds its own graph."""
import re

import numpy as np

_REGISTERED = []


def _register(tf):
    # one registration per process (TF's registry refuses a second one)
    if _REGISTERED:
        return

    def _to64(op, grad):
        return tf.cast(grad, tf.float64)

    def _two(op, grad):
        return [grad, grad]
    for name, fn in (("PgradTo64", _to64), ("PgradTwoGrads", _two)):
        try:
            tf.RegisterGradient(name)(fn)
        except KeyError:   # registered by an earlier import of this module
            pass
    _REGISTERED.append(_to64)


def _err(f):
    try:
        f()
    except Exception as e:   # noqa: BLE001 - the error is the result
        return [type(e).__name__, str(e)]
    return None


def _ops(g):
    return [op.name for op in g.get_operations()]


def _run(tf, g, fetches, feed=None):
    with g.as_default(), tf.Session() as s:
        s.run(tf.global_variables_initializer())
        return s.run(fetches, feed)


def _square_sum(tf):
    x = tf.constant([[1., 2.], [3., 4.]], name="x")
    y = tf.square(x)
    return x, y, tf.reduce_sum(y, 1)


def grad_ys_broadcast(tf):
    """grad_ys of shape [2] / [1, 2] for y of [2, 2]: TF multiplies them in as given."""
    out = {}
    for name, shape in (("row", [2]), ("matrix", [1, 2])):
        with tf.Graph().as_default() as g:
            x, y, _ = _square_sum(tf)
            gx = tf.gradients(y, x, grad_ys=tf.constant(np.arange(1, 3, dtype=np.float32)
                                                        .reshape(shape)))[0]
            out[name] = [gx.name, gx.shape.as_list(), _ops(g), _run(tf, g, gx)]
    return out


def grad_ys_numpy(tf):
    """grad_ys given as NumPy values: converted in the gradients scope as grad_y_<i>."""
    with tf.Graph().as_default() as g:
        x, y, z = _square_sum(tf)
        gx = tf.gradients([y, z], x, grad_ys=[np.ones([2, 2], np.float32),
                                               np.full([2], 3., np.float32)])[0]
        return [_ops(g), _run(tf, g, gx)]


def grad_ys_errors(tf):
    """What TF raises for a grad_y of the wrong shape or dtype (each in a fresh graph)."""
    out = {}
    bad = {"shape": lambda: tf.ones([3]), "float64": lambda: tf.ones([2], tf.float64),
           "int32": lambda: tf.ones([2], tf.int32), "bool": lambda: tf.ones([2], tf.bool),
           "string": lambda: tf.constant(["a", "b"])}
    for name, make in sorted(bad.items()):
        with tf.Graph().as_default():
            _, _, z = _square_sum(tf)
            gy = make()
            out[name] = _err(lambda: tf.gradients(z, z.op.inputs[0].op.inputs[0],
                                                  grad_ys=gy))
    with tf.Graph().as_default():
        x, y, _ = _square_sum(tf)
        out["rows"] = _err(lambda: tf.gradients(y, x, grad_ys=tf.ones([3, 2])))
    with tf.Graph().as_default():
        x = tf.constant([1., 2.])
        out["none_y"] = _err(lambda: tf.gradients(None, x))
        out["none_x"] = _err(lambda: tf.gradients(x * 2., [x, None]))
    with tf.Graph().as_default():
        x = tf.constant([1, 2])
        out["int_y_string_grad"] = _err(lambda: tf.gradients(
            x * 2, x, grad_ys=tf.constant(["a", "b"])))
    return out


def rule_dtype(tf):
    """A rule returning a float64 gradient for a float32 input: no check, it flows on."""
    _register(tf)
    with tf.Graph().as_default() as g:
        x = tf.constant([1., 2.])
        with g.gradient_override_map({"Identity": "PgradTo64"}):
            y = tf.identity(x)
        gx = tf.gradients(y * 3., x)[0]
        out = {"grad": [gx.name, gx.dtype.name, _run(tf, g, gx)]}
    with tf.Graph().as_default() as g:
        x = tf.constant([1., 2.])
        with g.gradient_override_map({"Identity": "PgradTo64"}):
            y = tf.identity(x)
        out["sum_error"] = _err(lambda: tf.gradients(y + x, x))
    return out


def gradient_count(tf):
    """A rule (an override, a custom_gradient's grad_fn) returning the wrong number of
    gradients: TF's "Num gradients ... do not match num inputs" with the op's NodeDef (the
    custom gradient's uid, a process-wide counter in TF, left out)."""
    _register(tf)
    out = {}
    with tf.Graph().as_default() as g:
        x = tf.constant([1., 2.], name="x")
        with g.gradient_override_map({"Square": "PgradTwoGrads"}):
            y = tf.square(x, name="sq")
        out["override"] = _err(lambda: tf.gradients(y, x))

        @tf.custom_gradient
        def two_args(a, b):
            def grad(dy):
                return dy
            return a * b, grad
        z = two_args(x, x * 2.)
        err = _err(lambda: tf.gradients(z, x))
        out["custom_gradient"] = [err[0], re.sub(r"CustomGradient-\d+", "CustomGradient-N",
                                                 err[1])]
    return out


def unconnected(tf):
    """unconnected_gradients='zero': TF's zeros_like after the gradients scope; an unknown
    value's message."""
    with tf.Graph().as_default() as g:
        with tf.name_scope("outer"):
            x = tf.constant([1., 2.], name="x")
            u = tf.constant([[1., 2., 3.]], name="u")
            p = tf.placeholder(tf.float32, [None, 2], name="p")
            v = tf.Variable([1., 2.], name="v")
            r = tf.get_variable("r", [2], use_resource=True,
                                initializer=tf.ones_initializer())
            z = tf.reduce_sum(x * x)
            gs = tf.gradients(z, [x, u, p, v, r], unconnected_gradients="zero")
        names = [[t.name, t.dtype.name, t.shape.as_list() if t.shape.dims is not None
                  else None] for t in gs]
        out = {"zero": [names, _ops(g)]}
        out["values"] = _run(tf, g, gs[:2] + gs[3:])
        out["none"] = [t is None for t in tf.gradients(
            z, [x, u], unconnected_gradients=tf.UnconnectedGradients.NONE)]
        out["bogus"] = _err(lambda: tf.gradients(z, [x], unconnected_gradients="bogus"))
    return out


def aggregation(tf):
    """Each aggregation method's ops for 2 and 3 contributions, and their sums."""
    out = {}
    methods = {"add_n": tf.AggregationMethod.ADD_N,
               "tree": tf.AggregationMethod.EXPERIMENTAL_TREE,
               "accumulate_n": tf.AggregationMethod.EXPERIMENTAL_ACCUMULATE_N}
    for name, method in sorted(methods.items()):
        for known in (True, False):
            with tf.Graph().as_default() as g:
                w = tf.Variable([[0.5, -1.], [2., 0.1]], name="w")
                x = tf.placeholder(tf.float32, [2, 2] if known else None, name="x")
                y = tf.matmul(x, w)
                z = tf.reduce_sum(tf.square(y)) + tf.reduce_sum(w * x)
                ys = [z, z * 2., tf.reduce_sum(y)]
                gs = tf.gradients(ys, [x, w], aggregation_method=method)
                gs2 = tf.gradients(ys[:2], [w], aggregation_method=method)
                out["%s_%s" % (name, "known" if known else "unknown")] = [
                    [t.name for t in gs + gs2], _ops(g),
                    _run(tf, g, gs + gs2, {x: [[1., 2.], [3., 4.]]})]
    return out


def _placement(g):
    return [[n.name, n.device, [c.decode() for c in n.attr["_class"].list.s]]
            for n in g.as_graph_def().node if n.name.startswith("gradients")]


def colocation(tf):
    """Devices and `_class` of gradient nodes, with and without colocate_gradients_with_ops
    (gates, seeds and multi-contribution sums included)."""
    out = {}
    for colocate in (False, True):
        with tf.Graph().as_default() as g:
            with tf.device("/cpu:0"):
                x = tf.Variable([[1., 2.], [3., 4.]], name="x")
                b = tf.Variable([1., 2.], name="b")
            with tf.device("/device:CPU:0"):
                y = tf.matmul(x, x) + b
            z = tf.reduce_sum(y * y) + tf.reduce_sum(y)
            with tf.device("/job:w/task:1"):
                tf.gradients(z, [x, b], colocate_gradients_with_ops=colocate,
                             gate_gradients=True)
            out["colocate" if colocate else "plain"] = _placement(g)
    with tf.Graph().as_default() as g:
        a = tf.constant([1., 2.], name="a")
        with tf.device("/cpu:0"):
            p1 = a * 2.
        with tf.device("/cpu:1"):
            p2 = a * 3.
        p3 = a * 4.
        tf.gradients(p1 + p2 + p3 + a, a)
        out["devices"] = _placement(g)
    return out


def compute_gradient(tf):
    """tf.test.compute_gradient: a Const dy and Identity per x, complex Jacobians,
    compute_gradient_error's type, the AssertionError of an unconnected x."""
    out = {}
    with tf.Graph().as_default() as g, tf.Session():
        np.random.seed(3)
        c = tf.constant([1 + 2j, 3 - 1j], dtype=tf.complex128)
        out["complex"] = list(tf.test.compute_gradient(c, [2], c * c, [2]))
        out["complex_real"] = list(tf.test.compute_gradient(c, [2], tf.real(c * c), [2]))
        e = tf.test.compute_gradient_error(c, [2], c * c, [2])
        out["error"] = [type(e).__name__, float(e)]
        a = tf.constant([1., 2.])
        b = tf.constant([3., 4.])
        pairs = tf.test.compute_gradient([a, b], [[2], [2]], a * b, [2])
        out["list"] = [list(p) for p in pairs]
        out["unconnected"] = _err(lambda: tf.test.compute_gradient(
            a, [2], tf.constant([1., 1.]) * 2., [2]))
        z = tf.zeros([0, 2])
        out["empty"] = list(tf.test.compute_gradient(z, [0, 2], z * 2., [0, 2]))
        e0 = tf.test.compute_gradient_error(z, [0, 2], z * 2., [0, 2])
        out["empty_error"] = [type(e0).__name__, float(e0)]
        out["ops"] = _ops(g)
    return out


CASES = [grad_ys_broadcast, grad_ys_numpy, grad_ys_errors, rule_dtype, gradient_count,
         unconnected,
         aggregation, colocation, compute_gradient]


def cases(tf):
    return {f.__name__: f(tf) for f in CASES}

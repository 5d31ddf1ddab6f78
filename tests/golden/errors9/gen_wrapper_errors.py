"""Errors TF 1.14 raises where a Python wrapper or the device a Session picks refuses what
flowgrad computed: tf.nn.convolution with a Tensor dilation_rate (NumPy's ValueError) or
strides (the op wrapper's TypeError); ApproximateEqual's run-time shape error with its
inputs in Grappler's canonical (name-sorted) order; Reciprocal/Inv of int32/int64 and
ClipByValue of complex, which only the XLA_CPU device has kernels for (their compile
errors); a resource variable read in a tf.cond branch inside a while loop, whose loop
gradient fails (TypeError); and transpose's gradient (InvertPermutation of the perm
tensor). Each case: the error class and TF's message (a run's first root error), or the
result, and the graph's op count."""
import numpy as np


def _msg(e):
    lines = str(e).split("\n")
    if "root error(s) found" in lines[0]:
        first = next(x for x in lines if x.strip().startswith("(0)"))
        return first.split(": ", 1)[1]
    return lines[0]


def _run(tf, fn, feed=None):
    g = tf.get_default_graph()
    try:
        r = fn()
    except Exception as e:  # noqa: BLE001 - the error is the case's result
        return ["build", type(e).__name__, _msg(e), len(g.get_operations())]
    n = len(g.get_operations())
    try:
        with tf.Session() as s:
            v = s.run(r, feed)
    except Exception as e:  # noqa: BLE001
        return ["run", type(e).__name__, _msg(e), n]
    return ["ok", np.asarray(v).tolist(), n]


def _build(tf, fn):
    g = tf.get_default_graph()
    try:
        r = fn()
    except Exception as e:  # noqa: BLE001
        return ["build", type(e).__name__, _msg(e)]
    return ["ok", len(g.get_operations()), [o.name for o in g.get_operations()][-6:],
            [(t.shape.as_list() if t.shape.ndims is not None else None) for t in r]]


def _conv_cases(tf):
    x = lambda: tf.zeros([1, 5, 5, 1])  # noqa: E731
    w = lambda: tf.zeros([2, 2, 1, 1])  # noqa: E731
    conv = lambda **kw: tf.nn.convolution(x(), w(), "VALID", **kw)  # noqa: E731
    return {
        "conv/dilation_const": lambda: conv(dilation_rate=tf.constant([2, 2])),
        "conv/dilation_scalar": lambda: conv(dilation_rate=tf.constant(2)),
        "conv/dilation_ones": lambda: conv(dilation_rate=tf.constant([1, 1])),
        "conv/dilation_list": lambda: conv(dilation_rate=[tf.constant(2), 2]),
        "conv/dilation_placeholder": lambda: conv(
            dilation_rate=tf.placeholder(tf.int32, [2])),
        "conv/dilation_1d": lambda: tf.nn.convolution(
            tf.zeros([1, 5, 1]), tf.zeros([2, 1, 1]), "VALID", dilation_rate=tf.constant([2])),
        "conv/strides_const": lambda: conv(strides=tf.constant([2, 2])),
        "conv/strides_scalar": lambda: conv(strides=tf.constant(2)),
        "conv/strides_list": lambda: conv(strides=[2, tf.constant(2)]),
        "conv/strides_1d": lambda: tf.nn.convolution(
            tf.zeros([1, 5, 1]), tf.zeros([2, 1, 1]), "VALID", strides=tf.constant([2])),
        "conv/conv1d_stride": lambda: tf.nn.conv1d(
            tf.zeros([1, 5, 1]), tf.zeros([2, 1, 1]), tf.constant(2), "VALID"),
        "conv/strides_3d": lambda: tf.nn.convolution(
            tf.zeros([1, 5, 5, 5, 1]), tf.zeros([2, 2, 2, 1, 1]), "VALID",
            strides=tf.constant([2, 2, 2])),
        "conv/dilated_strides": lambda: conv(strides=tf.constant([1, 1]),
                                             dilation_rate=[2, 2]),
        "conv/channels_first": lambda: tf.nn.convolution(
            tf.zeros([1, 5, 5, 2]), w(), "VALID", dilation_rate=tf.constant(2)),
    }


def _conv_names(tf):
    """The op names of tf.nn.convolution calls after a refused one (its scope is taken)."""
    x = lambda: tf.zeros([1, 5, 5, 1])  # noqa: E731
    w = lambda: tf.zeros([2, 2, 1, 1])  # noqa: E731
    out = []
    for kw in ({"dilation_rate": tf.constant(2)}, {"strides": tf.constant(2)}, {}):
        try:
            out.append(tf.nn.convolution(x(), w(), "VALID", **kw).op.name)
        except Exception as e:  # noqa: BLE001
            out.append(type(e).__name__)
    return out + [len(tf.get_default_graph().get_operations())]


def _approx_cases(tf):
    ae = lambda a, b, name=None: tf.raw_ops.ApproximateEqual(x=a, y=b, name=name)  # noqa
    pwd = lambda n, name=None: tf.placeholder_with_default(  # noqa: E731
        tf.zeros([n]), [None], name=name)
    return {
        "approx/pwd_x": lambda: ae(pwd(2), tf.zeros([3])),
        "approx/pwd_y": lambda: ae(tf.zeros([3]), pwd(2)),
        "approx/named_sorted": lambda: ae(pwd(3, "a"), pwd(2, "b")),
        "approx/named_unsorted": lambda: ae(pwd(3, "b"), pwd(2, "a")),
        "approx/rank": lambda: ae(tf.placeholder_with_default(tf.zeros([2, 2]), None,
                                                              name="q"), pwd(4, "p")),
        "approx/equal": lambda: ae(pwd(2, "b"), pwd(2, "a")),
    }


def _xla_only_cases(tf):
    c = lambda v, dt: tf.constant(v, dt)  # noqa: E731
    ph = lambda v, dt: tf.placeholder_with_default(tf.constant(v, dt), [len(v)])  # noqa
    cx = lambda v, dt: tf.constant(np.asarray(v, np.complex128), dt)  # noqa: E731
    return {
        "recip/int32": lambda: tf.math.reciprocal(c([1, 2], tf.int32)),
        "recip/int64_ph": lambda: tf.math.reciprocal(ph([1, 2], tf.int64)),
        "recip/tf_reciprocal": lambda: tf.reciprocal(ph([1, 2], tf.int32)),
        "recip/inv_int32": lambda: tf.raw_ops.Inv(x=ph([1, 2], tf.int32)),
        "recip/inv_int64": lambda: tf.raw_ops.Inv(x=c([1, 2], tf.int64)),
        "recip/raw_int32": lambda: tf.raw_ops.Reciprocal(x=c([4], tf.int32)),
        "recip/int8": lambda: tf.math.reciprocal(c([1, 2], tf.int8)),
        "recip/float": lambda: tf.math.reciprocal(c([4., 2.], tf.float32)),
        "recip/inv_float": lambda: tf.raw_ops.Inv(x=c([4., 2.], tf.float64)),
        "clip/c64": lambda: tf.raw_ops.ClipByValue(
            t=cx([1 + 2j, 3j], tf.complex64), clip_value_min=cx(0, tf.complex64),
            clip_value_max=cx(3j, tf.complex64)),
        "clip/c128_ph": lambda: tf.raw_ops.ClipByValue(
            t=tf.placeholder_with_default(cx([1 + 2j], tf.complex128), [1]),
            clip_value_min=cx(0, tf.complex128), clip_value_max=cx(3j, tf.complex128)),
        "clip/by_value_c64": lambda: tf.clip_by_value(cx([1 + 2j], tf.complex64), 0., 1.),
        "clip/int8": lambda: tf.raw_ops.ClipByValue(
            t=c([1, 5], tf.int8), clip_value_min=c(0, tf.int8), clip_value_max=c(3, tf.int8)),
    }


def _loop_cases(tf):
    def loop(p, branch_t, branch_f, xs=None, pre=None):
        a0 = tf.ones([3])

        def body(j, a):
            q = p if pre is None else pre(p)
            r = tf.cond(a[0] > 0.5, lambda: branch_t(q, j, a), lambda: branch_f(q, j, a))
            return j + 1, a + r
        y = tf.while_loop(lambda j, a: j < 3, body, [tf.constant(0), a0])[1]
        return tf.gradients(tf.reduce_sum(y), [p] if xs is None else [a0])

    var = lambda shape, res: tf.get_variable("p", shape, use_resource=res)  # noqa: E731
    return {
        "loopgrad/resource_gather": lambda: loop(
            var([5, 3], True), lambda p, j, a: tf.gather(p, j) * 2., lambda p, j, a: a * .5),
        "loopgrad/resource_read": lambda: loop(
            var([3], True), lambda p, j, a: p * 2., lambda p, j, a: a * .5),
        "loopgrad/resource_both": lambda: loop(
            var([3], True), lambda p, j, a: p * 2., lambda p, j, a: p * a),
        "loopgrad/ref_variable": lambda: loop(
            var([3], False), lambda p, j, a: p * 2., lambda p, j, a: a * .5),
        "loopgrad/resource_read_outside": lambda: loop(
            var([3], True), lambda p, j, a: p * 2., lambda p, j, a: a * .5,
            pre=lambda p: p.read_value()),
        "loopgrad/resource_not_on_path": lambda: loop(
            var([3], True), lambda p, j, a: p * 2., lambda p, j, a: a * .5, xs="a0"),
    }


def _transpose_cases(tf):
    def grad(perm, xshape=(2, 3, 4), conj=False):
        x = tf.placeholder(tf.complex64 if conj else tf.float32, list(xshape))
        y = tf.transpose(x, perm, conjugate=conj)
        g = tf.gradients(y, x, grad_ys=tf.ones_like(y))[0]
        return [y, g, g.op.inputs[1]]
    return {
        "transpose/const_perm": lambda: grad([2, 0, 1]),
        "transpose/placeholder_perm": lambda: grad(tf.placeholder(tf.int32, [3])),
        "transpose/default_perm": lambda: grad(None),
        "transpose/unknown_dim": lambda: grad([2, 0, 1], (2, None, 4)),
        "transpose/conjugate": lambda: grad(tf.placeholder(tf.int32, [3]), conj=True),
        "transpose/pwd_perm": lambda: grad(tf.placeholder_with_default([1, 2, 0], [3])),
    }


def cases(tf):
    out = {}
    groups = [_conv_cases(tf), _approx_cases(tf), _xla_only_cases(tf)]
    for group in groups:
        for name, fn in group.items():
            with tf.Graph().as_default():
                out[name] = _run(tf, fn)
    with tf.Graph().as_default():
        out["conv/names_after"] = _conv_names(tf)
    for name, fn in _loop_cases(tf).items():
        with tf.Graph().as_default():
            out[name] = _build(tf, fn)
    for name, fn in _transpose_cases(tf).items():
        with tf.Graph().as_default():
            out[name] = _build(tf, fn)
    return out

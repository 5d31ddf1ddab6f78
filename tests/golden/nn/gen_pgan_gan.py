"""GAN-style TF1 programs (WGAN-GP's gradient penalty, DCGAN layers): the ops that second
order gradients build through activations, and seeded values."""
import numpy as np


def _ops(graph, start, stop=None):
    return [(op.name, op.type) for op in graph.get_operations()[start:stop]]


def grad_grad_ops(tf):
    """d/dx of |d critic / d x|^2 through Relu, Relu6 and LeakyRelu: the *Grad op's own
    gradient is TF's zeros(shape=shape(features)) (a Shape and a Fill) for the features."""
    out = {}
    x0 = np.random.RandomState(3).randn(4, 3).astype(np.float32)
    acts = [("relu", tf.nn.relu), ("relu6", tf.nn.relu6),
            ("leaky", lambda t: tf.nn.leaky_relu(t, alpha=0.3))]
    for shape in ([4, 3], [None, 3]):
        for name, act in acts:
            g = tf.Graph()
            with g.as_default(), tf.Session() as sess:
                x = tf.placeholder(tf.float32, shape, name="x")
                w = tf.constant(np.random.RandomState(4).randn(3, 2).astype(np.float32))
                y = tf.reduce_sum(act(tf.matmul(x, w) * 3.0))
                n0 = len(g.get_operations())
                dx = tf.gradients(y, x)[0]
                pen = tf.reduce_sum(tf.square(dx))
                n1 = len(g.get_operations())
                ddx = tf.gradients(pen, [x, w])
                key = "%s_%s" % (name, "known" if shape[0] else "batch")
                out[key] = {"ops1": _ops(g, n0, n1), "ops2": _ops(g, n1),
                            "values": sess.run([dx, pen] + ddx, {x: x0 * 2})}
    return out


def stop_gradient_ops(tf):
    """combine_adversarial_loss's stop_gradient(weight_factor) of a Python float: the
    constant is the op wrapper's 'StopGradient/input' (a variable read in its scope)."""
    g = tf.Graph()
    with g.as_default():
        tf.stop_gradient(0.5)
        tf.stop_gradient([1., 2.], name="sg")
        tf.stop_gradient(tf.Variable(1.0))
        tf.stop_gradient(tf.get_variable("r", [], use_resource=True))
        tf.stop_gradient(tf.constant(3))
    return _ops(g, 0)


def shape_messages(tf):
    """TensorShape.assert_is_compatible_with prints `other` as it was given."""
    out = []
    for other in ([], (6,), [None, 2], tf.TensorShape([3])):
        try:
            tf.TensorShape([6, 1]).assert_is_compatible_with(other)
        except ValueError as e:
            out.append(str(e))
    return out


def _outcome(f):
    try:
        return str(f())
    except (TypeError, ValueError) as e:
        return e


def cross_entropy_labels(tf):
    """The logistic losses convert labels without a dtype (a labels tensor or Python list
    of another type fails at `logits * labels`), name them 'labels', and
    weighted_cross_entropy_with_logits refuses both labels and targets."""
    g = tf.Graph()
    with g.as_default():
        sce = tf.nn.sigmoid_cross_entropy_with_logits
        wce = tf.nn.weighted_cross_entropy_with_logits
        calls = [
            lambda: wce(targets=[1.0, 0.0], logits=[0.5, 0.2], pos_weight=2.0),
            lambda: wce(labels=[1.0, 0.0], logits=[0.5, 0.2], pos_weight=2.0),
            lambda: wce(labels=[1.0], targets=[1.0], logits=[0.5], pos_weight=2.0),
            lambda: wce(labels=[1.0, 2.0, 3.0], logits=[0.5, 0.1], pos_weight=2.0),
            lambda: wce(labels=[1, 0], logits=[0.5, 0.1], pos_weight=2.0),
            lambda: sce(labels=[1, 0], logits=[0.5, 0.1]),
            lambda: sce(labels=tf.constant([1, 0]), logits=[0.5, 0.1]),
            lambda: sce(labels=[1., 0.], logits=tf.constant([0.5, 0.1], tf.float64)),
            lambda: sce(labels=[1., 0.], logits=[1, 2]),
            lambda: sce(labels=[1., 0.], logits=[0.5, 0.1]),
        ]
        out = [_outcome(f) for f in calls]
    return {"outcomes": out, "ops": _ops(g, 0)}


def reflected_operators(tf):
    """`python_value op tensor` converts the value to the tensor's dtype (TF's
    r_binary_op_wrapper): no Const is made when that fails; `tensor op value` only
    prefers the dtype."""
    g = tf.Graph()
    with g.as_default():
        c = tf.constant([1, 2])
        f = tf.constant([1., 2.])
        d = tf.constant([1., 2.], tf.float64)
        v = tf.Variable([1., 2.])
        calls = [lambda: c * 1.5, lambda: 1.5 * c, lambda: 1.0 * c, lambda: c + 1.0,
                 lambda: 2.0 - c, lambda: c / 2.5, lambda: 1.5 / c, lambda: 2 * f,
                 lambda: np.float64(2.5) * f, lambda: np.array([1., 2.]) * f,
                 lambda: np.array([1, 2]) * f, lambda: np.array([1., 2.], np.float32) * d,
                 lambda: [1, 2] + c, lambda: [1.5, 2] + c, lambda: 1 - f, lambda: 2 ** f,
                 lambda: 2 ** c, lambda: 2.0 ** c, lambda: np.int64(3) * c,
                 lambda: True & tf.constant(True), lambda: 3 / c, lambda: 3 // c,
                 lambda: 3 % f, lambda: 1 - v, lambda: 2.5 * v, lambda: np.float32(2) * c,
                 lambda: 1e40 * f]
        out = [_outcome(f) for f in calls]
        with tf.Session() as sess:
            big = sess.run(1e40 * f)
    return {"outcomes": out, "ops": _ops(g, 0), "big": big}


GRAD_KERNEL_SIZES = [1, 3, 7, 8, 13, 1003]


def grad_kernel_inputs(n, dtype):
    """(y, dy) for the *Grad kernels: y in (-0.9, 0.9), and |y| + 0.1 for Sqrt/Rsqrt."""
    rng = np.random.RandomState(n)
    y = (rng.rand(2, n) * 1.8 - 0.9).astype(dtype)
    return y, rng.randn(2, n).astype(dtype), np.abs(y) + dtype(0.1)


def grad_kernels(tf):
    """SigmoidGrad, TanhGrad, ReciprocalGrad, RsqrtGrad and SqrtGrad bit for bit: Eigen's
    expression order, packets of 8 float32s (4 float64s) and a scalar tail that rounds
    differently for SigmoidGrad and SqrtGrad."""
    out = {}
    ops = [("SigmoidGrad", 0), ("TanhGrad", 0), ("ReciprocalGrad", 0), ("RsqrtGrad", 1),
           ("SqrtGrad", 1)]
    with tf.Graph().as_default(), tf.Session() as sess:
        for dtype in (np.float32, np.float64):
            for n in GRAD_KERNEL_SIZES:
                y, dy, pos = grad_kernel_inputs(n, dtype)
                for name, positive in ops:
                    fn = getattr(tf.raw_ops, name)
                    key = "%s_%s_%d" % (name, np.dtype(dtype).name, n)
                    out[key] = sess.run(fn(y=pos if positive else y, dy=dy))
    return out


SECOND_ORDER = ["tanh", "sigmoid", "sqrt", "rsqrt", "reciprocal", "elu", "selu", "softplus",
                "relu", "relu6", "leaky", "exp", "log", "square"]


def second_order(tf):
    """d/dx sum((d sum(f(x)) / dx)^2): the ops the *Grad ops' gradients add (TF's Python
    operators: mul, mul/y, Less/y, truediv) and their values."""
    fns = {"tanh": tf.tanh, "sigmoid": tf.sigmoid, "sqrt": lambda t: tf.sqrt(t * t + 1.),
           "rsqrt": lambda t: tf.rsqrt(t * t + 1.),
           "reciprocal": lambda t: tf.reciprocal(t + 3.), "elu": tf.nn.elu,
           "selu": tf.nn.selu, "softplus": tf.nn.softplus, "relu": tf.nn.relu,
           "relu6": tf.nn.relu6, "leaky": tf.nn.leaky_relu, "exp": tf.exp,
           "log": lambda t: tf.log(t * t + 1.), "square": tf.square}
    x0 = np.array([[0.5, -1.2, 2.0, 0.0], [-0.1, 0.3, 7.0, -3.5]], np.float32)
    out = {}
    for name in SECOND_ORDER:
        g = tf.Graph()
        with g.as_default(), tf.Session() as sess:
            x = tf.placeholder(tf.float32, [None, 4], name="x")
            dx = tf.gradients(tf.reduce_sum(fns[name](x)), x)[0]
            n = len(g.get_operations())
            ddx = tf.gradients(tf.reduce_sum(tf.square(dx)), x)[0]
            out[name] = {"ops": _ops(g, n), "value": sess.run(ddx, {x: x0})}
    return out


def mean_grad_shapes(tf):
    """A Mean gradient over some axes of a known shape (layer norm's moments): TF's shape
    refiner evaluates reduced_shape's Range and DynamicStitch, so the Reshape and Tile
    are static and the second-order gradient's Shapes are Consts."""
    g = tf.Graph()
    with g.as_default():
        x = tf.constant(np.random.RandomState(5).randn(4, 3, 2, 5).astype(np.float32))
        m = tf.reduce_mean(tf.square(x), axis=[1, 2, 3], keepdims=True)
        n = len(g.get_operations())
        dx = tf.gradients(m, x)[0]
        first = [(op.name, op.type, [str(t.shape) for t in op.outputs])
                 for op in g.get_operations()[n:]]
        n = len(g.get_operations())
        tf.gradients(tf.reduce_sum(dx * dx), x)
        return {"first": first, "second": _ops(g, n)}


def dimension_conversions(tf):
    """A Dimension (x.shape[-1]) where an int32 list is expected, as self-attention and
    spectral-norm layers write `tf.reshape(t, [tf.shape(t)[0], -1, t.shape[-1]])`."""
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 4, 3])
        d = x.shape[-1]
        calls = [lambda: tf.reshape(x, [tf.shape(x)[0], -1, x.shape[-1]]),
                 lambda: tf.reshape(x, [-1, x.shape[-1]]),
                 lambda: tf.reshape(x, [-1, x.get_shape()[1] * x.get_shape()[2]]),
                 lambda: tf.constant(d), lambda: tf.convert_to_tensor(d),
                 lambda: tf.stack([tf.shape(x)[0], d]), lambda: tf.zeros([tf.shape(x)[0], d]),
                 lambda: tf.ones([2, d]), lambda: tf.fill([tf.shape(x)[0], d], 1.0),
                 lambda: tf.convert_to_tensor(x.shape[0]),
                 lambda: tf.reshape(x, [tf.shape(x)[0], x.shape[0]]),
                 lambda: tf.tile(x, [1, 1, d]), lambda: tf.convert_to_tensor(d, dtype=tf.int64),
                 lambda: tf.convert_to_tensor(d, dtype=tf.float32),
                 lambda: tf.constant([d, 3], dtype=tf.int64), lambda: tf.constant([[d]], tf.int32),
                 lambda: tf.constant([1.5, d], dtype=tf.float32)]
        out = []
        for f in calls:
            r = _outcome(f)
            # the Dimension class's module differs: keep the message's end
            out.append(r if isinstance(r, str) else type(r)(str(r).split("Dimension'>")[-1]))
        return {"outcomes": out, "ops": _ops(g, 0)}


def cases(tf):
    return {"dimension_conversions": dimension_conversions(tf),
            "mean_grad_shapes": mean_grad_shapes(tf),
            "grad_kernels": grad_kernels(tf), "second_order": second_order(tf),
            "cross_entropy_labels": cross_entropy_labels(tf),
            "reflected_operators": reflected_operators(tf),
            "grad_grad_ops": grad_grad_ops(tf), "stop_gradient_ops": stop_gradient_ops(tf),
            "shape_messages": shape_messages(tf)}

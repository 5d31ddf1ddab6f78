"""TF 1.14's batch norm of float16 and bfloat16 inputs: tf.nn.fused_batch_norm builds
FusedBatchNormV2 (T the input's type, U float32 for scale, offset and the statistics) and
its gradient FusedBatchNormGradV2; float32 inputs keep FusedBatchNorm. Values (forward and
gradients, training and inference, NHWC: TF 1.14's CPU kernels reject NCHW when run), the
op types built (NHWC and NCHW: the inference gradient transposes NCHW to NHWC), and the
TypeErrors for types V2 does not take. bfloat16 values are cast to float32 in the graph."""
import numpy as np

DTYPES = ["float16", "bfloat16"]
FORMATS = ["NHWC", "NCHW"]


def _inputs(c, fmt, seed):
    rng = np.random.RandomState(seed)
    shape = (2, 3, 4, c) if fmt == "NHWC" else (2, c, 3, 4)
    x = (rng.randn(*shape) * 3 + 1).astype(np.float32)
    scale = rng.rand(c).astype(np.float32) + 0.5
    offset = rng.rand(c).astype(np.float32)
    mean = rng.rand(c).astype(np.float32)
    var = rng.rand(c).astype(np.float32) + 0.2
    gy = rng.randn(*shape).astype(np.float32)
    return x, scale, offset, mean, var, gy


def _bn(tf, dtype, fmt, training, seed):
    x, scale, offset, mean, var, gy = _inputs(5, fmt, seed)
    with tf.Graph().as_default() as g, tf.Session() as sess:
        dt = getattr(tf, dtype)
        xt = tf.cast(tf.constant(x), dt)
        st, ot = tf.constant(scale), tf.constant(offset)
        kw = {} if training else {"mean": tf.constant(mean), "variance": tf.constant(var)}
        y, m, v = tf.nn.fused_batch_norm(xt, st, ot, epsilon=1e-3, data_format=fmt,
                                         is_training=training, **kw)
        grads = tf.gradients(y, [xt, st, ot], tf.cast(tf.constant(gy), dt))
        types = [op.type for op in g.get_operations()]
        if fmt == "NCHW":
            return {"types": types}
        # (inference: TF 1.14's CPU kernel leaves batch_mean and batch_variance unset)
        outs = ([y, m, v] if training else [y]) + grads
        vals = sess.run([tf.cast(t, tf.float32) if t.dtype == tf.bfloat16 else t
                         for t in outs])
        return {"values": vals, "types": types}


def training(tf):
    return dict(("%s|%s" % (d, f), _bn(tf, d, f, True, 1)) for d in DTYPES for f in FORMATS)


def inference(tf):
    return dict(("%s|%s" % (d, f), _bn(tf, d, f, False, 2)) for d in DTYPES for f in FORMATS)


def float32_keeps_v1(tf):
    with tf.Graph().as_default() as g:
        x = tf.ones([2, 2, 2, 3])
        y = tf.nn.fused_batch_norm(x, tf.ones([3]), tf.zeros([3]))[0]
        tf.gradients(y, x)
        return sorted(set(op.type for op in g.get_operations()))


def _error(tf, x_dtype, s_dtype):
    with tf.Graph().as_default():
        try:
            tf.nn.fused_batch_norm(tf.ones([2, 2, 2, 3], getattr(tf, x_dtype)),
                                   tf.ones([3], getattr(tf, s_dtype)),
                                   tf.zeros([3], getattr(tf, s_dtype)))
        except (TypeError, ValueError) as e:
            return e
        return None


def errors(tf):
    pairs = [("float16", "float16"), ("bfloat16", "float64"), ("float64", "float64"),
             ("float32", "float64"), ("int32", "float32"), ("float16", "int32")]
    return dict(("%s|%s" % p, _error(tf, *p)) for p in pairs)


def second_order(tf):
    """float16 x: the gradient of the gradient (TF's _BatchNormGrad in float32, cast back)."""
    x, scale, offset, _, _, gy = _inputs(5, "NHWC", 3)
    with tf.Graph().as_default(), tf.Session() as sess:
        xt = tf.constant(x.astype(np.float16))
        st, ot = tf.constant(scale), tf.constant(offset)
        y = tf.nn.fused_batch_norm(xt, st, ot, epsilon=1e-3)[0]
        dx, ds = tf.gradients(y, [xt, st], tf.constant(gy.astype(np.float16)))
        return sess.run(tf.gradients([dx, ds], [xt, st], [tf.constant(gy[::-1].astype(
            np.float16)), tf.constant(scale[::-1])]))


def second_order_ops(tf):
    """The ops tf.gradients adds for the gradient of a batch norm's gradient (TF's
    _FusedBatchNormGradGrad: _BatchNormGrad on a GradientTape), by type and count (the
    tape's order of its backward ops is not compared)."""
    out = {}
    for dtype in ("float32", "float16"):
        for training in (True, False):
            for fmt in FORMATS:
                with tf.Graph().as_default() as g:
                    x = tf.placeholder(getattr(tf, dtype), [2, 3, 2, 3])
                    kw = {} if training else {"mean": tf.zeros([3]),
                                              "variance": tf.ones([3])}
                    s = tf.ones([3])
                    y = tf.nn.fused_batch_norm(x, s, tf.zeros([3]), is_training=training,
                                               data_format=fmt, **kw)[0]
                    gx, gs = tf.gradients(y, [x, s])
                    n = len(g.get_operations())
                    tf.gradients([gx, gs], [x, s])
                    counts = {}
                    for op in g.get_operations()[n:]:
                        counts[op.type] = counts.get(op.type, 0) + 1
                    out["%s|%s|%s" % (dtype, training, fmt)] = counts
    return out


def cases(tf):
    return {"training": training(tf), "inference": inference(tf),
            "float32_keeps_v1": float32_keeps_v1(tf), "errors": errors(tf),
            "second_order": second_order(tf), "second_order_ops": second_order_ops(tf)}

"""Each op's gradient rule as TF 1.14 builds it: the ops tf.gradients adds (names, types
and control inputs, e.g. the `control_dependencies([grad])` of math_grad.py's unary rules
and TF's Python operators' names `mul`, `truediv`) and the gradient's value, for one
[2, 3] float32 input through ~130 ops, and ~40 second orders ("order2/<name>": the *Grad
ops' rules). Each case is a fresh graph."""
import numpy as np

X = np.array([[0.3, -0.7, 1.2], [0.5, 0.9, -0.4]], np.float32)
P = np.array([[0.2, 0.7, 0.4], [0.1, 0.6, 0.3]], np.float32)


def _builders(tf):
    return {
        "abs": lambda x: tf.abs(x),
        "sign": lambda x: tf.sign(x),
        "floor": lambda x: tf.floor(x),
        "ceil": lambda x: tf.ceil(x),
        "round": lambda x: tf.round(x),
        "rint": lambda x: tf.rint(x),
        "square": tf.square,
        "sqrt": lambda x: tf.sqrt(x * x + 1.),
        "rsqrt": lambda x: tf.rsqrt(x * x + 1.),
        "exp": tf.exp,
        "expm1": tf.expm1,
        "log": lambda x: tf.log(x * x + 1.),
        "log1p": lambda x: tf.log1p(x * x),
        "sin": tf.sin,
        "cos": tf.cos,
        "tan": tf.tan,
        "asin": lambda x: tf.asin(x * 0.5),
        "acos": lambda x: tf.acos(x * 0.5),
        "atan": tf.atan,
        "sinh": tf.sinh,
        "cosh": tf.cosh,
        "tanh": tf.tanh,
        "asinh": tf.asinh,
        "acosh": lambda x: tf.acosh(x * x + 1.5),
        "atanh": lambda x: tf.atanh(x * 0.5),
        "sigmoid": tf.sigmoid,
        "relu": tf.nn.relu,
        "relu6": tf.nn.relu6,
        "elu": tf.nn.elu,
        "selu": tf.nn.selu,
        "softplus": tf.nn.softplus,
        "softsign": tf.nn.softsign,
        "leaky": tf.nn.leaky_relu,
        "erf": tf.erf,
        "erfc": tf.erfc,
        "lgamma": lambda x: tf.lgamma(x + 2.),
        "digamma": lambda x: tf.digamma(x + 2.),
        "reciprocal": lambda x: tf.reciprocal(x + 2.),
        "neg": tf.negative,
        "softmax": tf.nn.softmax,
        "log_softmax": tf.nn.log_softmax,
        "l2norm": lambda x: tf.nn.l2_normalize(x, 1),
        "maximum": lambda x: tf.maximum(x, 0.1),
        "minimum": lambda x: tf.minimum(x, x * 2.),
        "pow": lambda x: tf.pow(x * x + 1., x),
        "pow_c": lambda x: tf.pow(x, 3.),
        "div": lambda x: x / (x * x + 1.),
        "floordiv": lambda x: x // 0.3,
        "mod": lambda x: tf.mod(x, 0.3),
        "sqdiff": lambda x: tf.squared_difference(x, 0.2),
        "atan2": lambda x: tf.atan2(x, x + 2.),
        "xlogy": lambda x: tf.math.xlogy(x, x * x + 1.),
        "xdivy": lambda x: tf.math.xdivy(x, x * x + 1.),
        "divnonan": lambda x: tf.div_no_nan(x, x),
        "clip": lambda x: tf.clip_by_value(x, -0.5, 0.5),
        "clipn": lambda x: tf.clip_by_norm(x, 0.5),
        "mean": lambda x: tf.reduce_mean(x, 1),
        "max": lambda x: tf.reduce_max(x, 1),
        "min": lambda x: tf.reduce_min(x),
        "prod": lambda x: tf.reduce_prod(x, 0),
        "lse": lambda x: tf.reduce_logsumexp(x, 1),
        "cumsum": lambda x: tf.cumsum(x, 1),
        "cumprod": lambda x: tf.cumprod(x, 1),
        "transpose": tf.transpose,
        "reshape": lambda x: tf.reshape(x, [3, 2]),
        "tile": lambda x: tf.tile(x, [2, 1]),
        "concat": lambda x: tf.concat([x, x * 2.], 1),
        "stack": lambda x: tf.stack([x, x]),
        "slice": lambda x: x[:, 1:],
        "gather": lambda x: tf.gather(x, [1, 0, 1], axis=1),
        "gathernd": lambda x: tf.gather_nd(x, [[0, 1], [1, 2]]),
        "pad": lambda x: tf.pad(x, [[1, 0], [0, 2]]),
        "mirror": lambda x: tf.pad(x, [[1, 1], [1, 1]], "REFLECT"),
        "reverse": lambda x: tf.reverse(x, [1]),
        "split": lambda x: tf.split(x, 3, 1)[1],
        "unstack": lambda x: tf.unstack(x)[0],
        "expand": lambda x: tf.expand_dims(x, 0),
        "squeeze": lambda x: tf.squeeze(tf.expand_dims(x, 0)),
        "matmul": lambda x: tf.matmul(x, x, transpose_b=True),
        "bmm": lambda x: tf.matmul(x[None], x[None], transpose_a=True),
        "diag": lambda x: tf.matrix_diag_part(tf.matmul(x, x, transpose_a=True)),
        "trace": lambda x: tf.trace(tf.matmul(x, x, transpose_a=True)),
        "where": lambda x: tf.where(x > 0, x, x * 2.),
        "topk": lambda x: tf.nn.top_k(x, 2)[0],
        "sortidx": lambda x: tf.contrib.framework.sort(x),
        "segsum": lambda x: tf.segment_sum(x, [0, 0]),
        "usegsum": lambda x: tf.unsorted_segment_sum(x, [1, 0], 2),
        "usegmax": lambda x: tf.unsorted_segment_max(x, [1, 1], 2),
        "bias": lambda x: tf.nn.bias_add(x, tf.constant([1., 2., 3.])),
        "dropout_det": lambda x: tf.nn.dropout(x, keep_prob=1.0),
        "xent": lambda x:
            tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.constant(P), logits=x),
        "sxent": lambda x:
            tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([0, 2]), logits=x),
        "sigxent": lambda x:
            tf.nn.sigmoid_cross_entropy_with_logits(labels=tf.constant(P), logits=x),
        "wxent": lambda x: tf.nn.weighted_cross_entropy_with_logits(tf.constant(P), x, 2.),
        "moments": lambda x: tf.nn.moments(x, [0])[1],
        "l2loss": tf.nn.l2_loss,
        "cast": lambda x: tf.cast(tf.cast(x, tf.float64), tf.float32),
        "identity_n": lambda x: tf.identity_n([x, x])[1],
        "stopgrad": lambda x: tf.stop_gradient(x) * x,
        "preventgrad": lambda x: tf.identity(x),
        "norm": lambda x: tf.norm(x),
        "norm1": lambda x: tf.norm(x, ord=1, axis=1),
        "einsum": lambda x: tf.einsum("ij,kj->ik", x, x),
        "tensordot": lambda x: tf.tensordot(x, x, [[1], [1]]),
        "sorted_segmean": lambda x: tf.segment_mean(x, [0, 1]),
        "select": lambda x: tf.where(tf.constant([True, False]), x, -x),
        "bcast": lambda x: tf.broadcast_to(x[:1], [4, 3]),
        "onehot_mul": lambda x: x * tf.one_hot([0, 2], 3),
        "logsig": tf.log_sigmoid,
        "matinv": lambda x: tf.matrix_inverse(tf.matmul(x, x, transpose_a=True) + tf.eye(3)),
        "det": lambda x: tf.matrix_determinant(tf.matmul(x, x, transpose_a=True) + tf.eye(3)),
        "chol": lambda x: tf.cholesky(tf.matmul(x, x, transpose_a=True) + tf.eye(3)),
        "conv1d": lambda x: tf.nn.conv1d(x[None, :, :], tf.ones([2, 3, 2]), 1, "SAME"),
        "maxpool": lambda x:
            tf.nn.max_pool(tf.reshape(x, [1, 2, 3, 1]), [1, 2, 2, 1], [1, 1, 1, 1], "VALID"),
        "avgpool": lambda x:
            tf.nn.avg_pool(tf.reshape(x, [1, 2, 3, 1]), [1, 2, 2, 1], [1, 1, 1, 1], "SAME"),
        "lrn": lambda x: tf.nn.lrn(tf.reshape(x, [1, 1, 2, 3])),
        "fused_bn": lambda x:
            tf.nn.fused_batch_norm(tf.reshape(x, [1, 1, 2, 3]), tf.ones([3]), tf.zeros([3]))[0],
        "resize": lambda x: tf.image.resize_bilinear(tf.reshape(x, [1, 2, 3, 1]), [4, 6]),
        "embedding": lambda x: tf.nn.embedding_lookup(x, [1, 1, 0]),
        "sparse_mm": lambda x:
            tf.sparse_tensor_dense_matmul(tf.SparseTensor([[0, 1]], [2.], [2, 2]), x),
        "depth2space": lambda x: tf.depth_to_space(tf.reshape(tf.tile(x, [1, 2]), [1, 1, 3, 4]), 2),
        "space2depth": lambda x:
            tf.space_to_depth(tf.reshape(tf.tile(x, [2, 2]), [1, 4, 3, 2])[:, :, :2, :], 2),
        "batch_to_space": lambda x:
            tf.batch_to_space(tf.reshape(tf.tile(x, [2, 4]), [4, 2, 3, 2])[:, :1, :1, :],
                              [[0, 0], [0, 0]], 2),
        "roll": lambda x: tf.roll(x, 1, 1),
        "fill": lambda x: tf.fill([2], tf.reduce_sum(x)),
        "argmax_mul": lambda x: x * tf.cast(tf.argmax(x, 1)[:, None], tf.float32),
        "zeros_like": lambda x: tf.zeros_like(x) + x,
        "ones_like_mul": lambda x: tf.ones_like(x) * x,
        "clip_avg": lambda x: tf.clip_by_average_norm(x, 0.1),
        "complex_abs": lambda x: tf.abs(tf.complex(x, x * 2.)),
        "real_imag": lambda x: tf.real(tf.complex(x, x)) + tf.imag(tf.complex(x, -x)),
        "fft": lambda x: tf.real(tf.fft(tf.complex(x, x))),
        "matrix_band": lambda x: tf.matrix_band_part(tf.matmul(x, x, transpose_a=True), 0, 1),
        "set_diag": lambda x: tf.matrix_set_diag(tf.matmul(x, x, transpose_a=True), x[0]),
        "scatter_nd": lambda x: tf.scatter_nd([[1], [0]], x, [3, 3]),
        "bool_mask": lambda x: tf.boolean_mask(x, [True, False]),
        "dyn_partition": lambda x: tf.dynamic_partition(x, [0, 1], 2)[1],
        "dyn_stitch": lambda x: tf.dynamic_stitch([[0], [1]], [x[:1], x[1:]]),
        "check_num": lambda x: tf.check_numerics(x, "m"),
        "ensure_shape": lambda x: tf.ensure_shape(x, [2, 3]),
        "lin_space": lambda x: x * tf.lin_space(0., 1., 3),
        "accum_n": lambda x: tf.accumulate_n([x, x * 2.]),
        "add_n": lambda x: tf.add_n([x, x, x]),
        "cross": lambda x: tf.cross(x, x * x),
        "batch_norm": lambda x: tf.nn.batch_normalization(x, 0.1, 0.5, 0.2, 1.5, 1e-3),
        "log_poisson": lambda x: tf.nn.log_poisson_loss(tf.constant(P), x),
        "ifft": lambda x: tf.real(tf.ifft(tf.complex(x, x * 2.))),
        "rfft": lambda x: tf.abs(tf.spectral.rfft(x)),
        "irfft": lambda x: tf.spectral.irfft(tf.complex(x, x)),
        "fft2d": lambda x: tf.real(tf.fft2d(tf.complex(x, x))),
        "polygamma": lambda x: tf.polygamma(tf.ones([2, 3]), x * x + 1.),
        "zeta": lambda x: tf.zeta(x * x + 2., tf.ones([2, 3])),
        "betainc": lambda x: tf.betainc(tf.ones([2, 3]) * 2., x * x + 1., tf.ones([2, 3]) * 0.5),
        "igamma": lambda x: tf.igamma(x * x + 1., tf.ones([2, 3])),
        "bessel_i0e": lambda x: tf.math.bessel_i0e(x),
        "bessel_i1e": lambda x: tf.math.bessel_i1e(x),
        "segmax": lambda x: tf.segment_max(x, [0, 1]),
        "segmin": lambda x: tf.segment_min(x, [0, 0]),
        "usegprod": lambda x: tf.unsorted_segment_prod(x, [0, 0], 1),
        "sparse_segsum": lambda x: tf.sparse.segment_sum(x, [0, 1], [0, 0]),
        "sparse_segmean": lambda x: tf.sparse.segment_mean(x, [0, 1], [0, 0]),
        "cumsum_rev": lambda x: tf.cumsum(x, 1, exclusive=True, reverse=True),
        "reverse_seq": lambda x: tf.reverse_sequence(x, [2, 3], 1, 0),
        "strided": lambda x: x[::-1, ::2],
        "relu_layer": lambda x: tf.nn.relu_layer(x, tf.ones([3, 2]), tf.zeros([2])),
        "xw_plus_b": lambda x: tf.nn.xw_plus_b(x, tf.ones([3, 2]), tf.zeros([2])),
        "quant": lambda x: tf.quantization.fake_quant_with_min_max_args(x),
    }


def _second_order_builders(tf):
    """Second order (the gradient of sum(dx * dx)): the *Grad ops' own rules."""
    return {
        "relu": tf.nn.relu, "tanh": tf.tanh, "sigmoid": tf.sigmoid,
        "softplus": tf.nn.softplus, "elu": tf.nn.elu, "selu": tf.nn.selu,
        "relu6": lambda x: tf.nn.relu6(x * 5.), "leaky": tf.nn.leaky_relu,
        "sqrt": lambda x: tf.sqrt(x * x + 1.), "rsqrt": lambda x: tf.rsqrt(x * x + 1.),
        "reciprocal": lambda x: tf.reciprocal(x + 2.), "softmax": tf.nn.softmax,
        "log_softmax": tf.nn.log_softmax,
        "xent": lambda x: tf.nn.softmax_cross_entropy_with_logits_v2(
            labels=tf.constant(P), logits=x),
        "sigxent": lambda x: tf.nn.sigmoid_cross_entropy_with_logits(
            labels=tf.constant(P), logits=x),
        "matmul": lambda x: tf.matmul(x, x, transpose_b=True),
        "bias": lambda x: tf.nn.bias_add(x * x, tf.constant([1., 2., 3.])),
        "max": lambda x: tf.reduce_max(x * x, 1), "mean": lambda x: tf.reduce_mean(x * x, 0),
        "l2loss": lambda x: tf.nn.l2_loss(x) * tf.reduce_sum(x),
        "lse": lambda x: tf.reduce_logsumexp(x, 1),
        "maxpool": lambda x: tf.nn.max_pool(tf.reshape(x * x, [1, 2, 3, 1]), [1, 2, 2, 1],
                                            [1, 1, 1, 1], "VALID"),
        "avgpool": lambda x: tf.nn.avg_pool(tf.reshape(x * x, [1, 2, 3, 1]), [1, 2, 2, 1],
                                            [1, 1, 1, 1], "SAME"),
        "conv": lambda x: tf.nn.conv2d(tf.reshape(x, [1, 2, 3, 1]),
                                       tf.reshape(x[0, :2] * x[1, 1:], [1, 2, 1, 1]),
                                       [1, 1, 1, 1], "SAME"),
        "exp": tf.exp, "log": lambda x: tf.log(x * x + 1.), "square": tf.square,
        "abs": tf.abs, "pow": lambda x: tf.pow(x * x + 1., 1.5),
        "div": lambda x: x / (x * x + 1.), "maximum": lambda x: tf.maximum(x, x * x),
        "sqdiff": lambda x: tf.squared_difference(x, x * x),
        "gather": lambda x: tf.gather(x * x, [1, 0, 1]),
        "concat": lambda x: tf.concat([x * x, x], 1), "norm": lambda x: tf.norm(x * x),
        "erf": tf.erf, "atan": tf.atan, "sin": tf.sin,
    }


def _case(tf, build, order=1):
    g = tf.Graph()
    with g.as_default():
        x = tf.constant(X)
        y = build(x)
        n0 = len(g.get_operations())
        gx = tf.gradients(tf.reduce_sum(y), x)[0]
        if order == 2:
            n0 = len(g.get_operations())
            gx = tf.gradients(tf.reduce_sum(gx * gx), x)[0]
        ops = [[o.name, o.type, sorted(c.name for c in o.control_inputs)]
               for o in g.get_operations()[n0:]]
        if gx is None:
            return [ops, None]
        with tf.Session() as s:
            v = s.run(gx)
        if hasattr(v, "values"):   # an IndexedSlicesValue
            v = [v.indices, v.values]
        return [ops, v]


def cases(tf):
    out = {name: _case(tf, build) for name, build in sorted(_builders(tf).items())}
    out.update(("order2/" + name, _case(tf, build, 2))
               for name, build in sorted(_second_order_builders(tf).items()))
    return out

"""TF 1.14's bfloat16 results on CPU for the ops tests/golden/math/gen_bfloat16_arith.py does
not cover, as bit patterns (bitcast to uint16): Sigmoid and the other unary functors that
Eigen evaluates step by step in bfloat16, Softmax / LogSoftmax, Conv2D, BatchMatMul,
Max / Min / ArgMax, bit copies (Concat, Gather, Pad, Tile, Select, Transpose), AddN with
many inputs, casts to and from bfloat16, Cumprod, segment sums, L2Loss, pools and
FusedBatchNorm, Conv3D, Conv2DBackpropInput, Dilation2D, Cross; the XLA_CPU-placed Tan, Asin,
Acos, Acosh, Atanh (near zero) and Sign (of zeros, denormals, NaN), SparseSoftmaxCrossEntropyWithLogits and
FusedBatchNormGradV2's x_backprop; seeded bfloat16 random ops; running sums and products of infinities, NaN
and overflowing values; and the placer's error for
Less / LessEqual (two bfloat16 CPU kernels registered). `build(tf)` makes the same graph
under TF and flowgrad (tests/test_bfloat16_ops.py); the host is recorded."""
import numpy as np
from goldenio import host_vendor


def inputs():
    rng = np.random.RandomState(5300)
    return {"x": rng.standard_normal((4, 300)).astype(np.float32) * 3,
            "s": np.linspace(-20.0, 20.0, 801).astype(np.float32),
            "img": rng.standard_normal((2, 9, 9, 16)).astype(np.float32),
            "w": rng.standard_normal((3, 3, 16, 8)).astype(np.float32),
            "bm": rng.standard_normal((3, 40, 50)).astype(np.float32),
            "bn": rng.standard_normal((3, 50, 20)).astype(np.float32),
            "d": (rng.standard_normal(600) * 100).astype(np.float64),
            "i": rng.randint(-70000, 70000, 600).astype(np.int32),
            "h": rng.standard_normal(600).astype(np.float16),
            "n": rng.standard_normal((20, 4, 300)).astype(np.float32),
            "big": np.array([-100.0, -88.5, -30.0, 17.0, 30.0, 88.0, 89.0, 100.0], np.float32),
            "special": rng.choice(np.array([np.inf, -np.inf, np.nan, 3.0e38, -3.0e38, 1e-39,
                                            -1e-39, 0.0, -0.0, 1.5, -2.5e-20, 6e37, 0.3],
                                           np.float32), (40, 24))}


def _bits(tf, patterns):
    """A bfloat16 constant of these bit patterns."""
    return tf.cast(tf.constant((np.array(patterns, np.uint32) << 16).view(np.float32)),
                   tf.bfloat16)


def build(tf):
    """{case: tensor} (bfloat16 unless the op's output is another type)."""
    a = inputs()
    b = {k: tf.cast(tf.constant(a[k]), tf.bfloat16)
         for k in ("x", "s", "img", "w", "bm", "bn", "n", "big", "special")}
    sp = b["special"]
    x, s, big = b["x"], b["s"], b["big"]
    ids = tf.constant([0] * 150 + [1] * 150)
    xt = tf.transpose(x)
    return {
        "sigmoid": tf.sigmoid(s), "sigmoid_x": tf.sigmoid(x), "sigmoid_big": tf.sigmoid(big),
        "softplus_big": tf.nn.softplus(big), "selu_big": tf.nn.selu(big),
        "sigmoid_grad": tf.gradients(tf.sigmoid(x), x, grad_ys=s[None, 100:400] + x)[0],
        "tanh_grad": tf.gradients(tf.tanh(x), x, grad_ys=s[None, 100:400] + x)[0],
        "rsqrt_grad": tf.gradients(tf.rsqrt(tf.abs(x) + 0.1), x, grad_ys=s[None, 100:400] + x)[0],
        "selu_grad": tf.gradients(tf.nn.selu(x), x, grad_ys=s[None, 100:400] + x)[0],
        "softsign_grad": tf.gradients(tf.nn.softsign(x), x, grad_ys=s[None, 100:400] + x)[0],
        "tanh": tf.tanh(s), "softplus": tf.nn.softplus(s), "elu": tf.nn.elu(s),
        "selu": tf.nn.selu(s), "softsign": tf.nn.softsign(s), "rsqrt": tf.rsqrt(tf.abs(s) + 1),
        "expm1": tf.expm1(s * 0.1), "log1p": tf.log1p(tf.abs(s)), "sin": tf.sin(s),
        "erf": tf.erf(s * 0.2), "pow": tf.pow(tf.abs(x) + 0.5, x * 0.3),
        "tan": tf.tan(s), "asin": tf.asin(s * 0.05), "acos": tf.acos(s * 0.05),
        "acos_ends": tf.acos(tf.constant([-1.0, 1.0, -0.0, 0.5], tf.bfloat16)),
        "acosh": tf.acosh(tf.abs(s) + 1), "sign_special": tf.sign(sp),
        # 7 elements: XLA_CPU's scalar loop (its vectorized lanes, in longer tensors, divide
        # by rcpps + Newton: atanh(0) is -2**-25 there)
        "atanh_small": tf.atanh(_bits(tf, [0x0000, 0x8000, 0x0001, 0x3300, 0x3493, 0x36B3, 0x3A83])),
        "atanh_small_neg": tf.atanh(_bits(tf, [0x8001, 0xB0CF, 0xB2FF, 0xB3EF, 0xB587, 0xB6FE,
                                           0xBC00])),
        "sparse_xent": tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=tf.constant(inputs()["i"][:4] % 300), logits=x),
        "sparse_xent_backprop": tf.gradients(tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=tf.constant(inputs()["i"][4:8] % 300), logits=x), x)[0],
        "softmax": tf.nn.softmax(x), "log_softmax": tf.nn.log_softmax(x),
        "conv2d": tf.nn.conv2d(b["img"], b["w"], [1, 1, 1, 1], "SAME"),
        "depthwise": tf.nn.depthwise_conv2d(b["img"], b["w"][:, :, :, :2], [1, 1, 1, 1], "SAME"),
        "batch_matmul": tf.matmul(b["bm"], b["bn"]),
        "max": tf.reduce_max(x, 1), "min": tf.reduce_min(x, 0),
        "argmax": tf.argmax(x, 1), "argmin": tf.argmin(x, 0),
        "concat": tf.concat([x, s[None, :300]], 0), "gather": tf.gather(x, [3, 0, 3]),
        "pad": tf.pad(x, [[1, 0], [2, 3]]), "pad_reflect": tf.pad(x, [[1, 1], [0, 2]], "REFLECT"),
        "tile": tf.tile(x, [2, 1]), "select": tf.where(x > 0, x, -x * 0.3),
        "transpose": tf.transpose(x), "addn_20": tf.add_n([tf.constant(v, tf.bfloat16, name="addn_in_%02d" % i)
                             for i, v in enumerate(a["n"])]),
        "cast_from_f64": tf.cast(tf.constant(a["d"]), tf.bfloat16),
        "cast_from_i32": tf.cast(tf.constant(a["i"]), tf.bfloat16),
        "cast_from_f16": tf.cast(tf.constant(a["h"]), tf.bfloat16),
        "cast_to_i32": tf.cast(x * 100, tf.int32), "cast_to_f16": tf.cast(x, tf.float16),
        "cast_to_f64": tf.cast(x, tf.float64),
        "cumprod": tf.cumprod(1 + x * 0.01, 1),
        "segment_sum": tf.segment_sum(x[0], ids), "segment_sum_2d": tf.segment_sum(xt, ids),
        "segment_mean": tf.segment_mean(xt, ids),
        "sparse_segment_sum": tf.sparse_segment_sum(xt, tf.range(300), ids),
        "unsorted_segment_prod": tf.unsorted_segment_prod(1 + xt * 0.01, ids, 2),
        "segment_prod": tf.segment_prod(1 + xt * 0.01, ids),
        "unsorted_segment_sum": tf.unsorted_segment_sum(x[0], tf.constant([0, 1, 2] * 100), 3),
        "l2loss": tf.nn.l2_loss(x), "bias_add": tf.nn.bias_add(x, x[0] * 0.1),
        "avgpool": tf.nn.avg_pool(b["img"], [1, 3, 3, 1], [1, 1, 1, 1], "VALID"),
        "maxpool": tf.nn.max_pool(b["img"], [1, 3, 3, 1], [1, 2, 2, 1], "SAME"),
        "fused_bn": tf.nn.fused_batch_norm(b["img"], tf.ones([16]), tf.zeros([16]))[0],
        "fused_bn_grad": tf.gradients(
            tf.nn.fused_batch_norm(b["img"], tf.range(1.0, 17.0) * 0.1, tf.zeros([16]))[0],
            [b["img"]], grad_ys=b["img"][::-1] * 0.5 + 0.25)[0],
        "fused_bn_grad_const_dy": tf.gradients(
            tf.nn.fused_batch_norm(b["img"], tf.ones([16]), tf.zeros([16]))[0] * 2.0,
            [b["img"]])[0],
        "conv3d": tf.nn.conv3d(b["img"][None], b["w"][None], [1, 1, 1, 1, 1], "SAME"),
        "conv2d_backprop_input": tf.nn.conv2d_backprop_input(
            tf.constant([2, 9, 9, 16]), b["w"], b["img"][:, :, :, :8], [1, 1, 1, 1], "SAME"),
        "dilation2d": tf.nn.dilation2d(b["img"], b["w"][:, :, :, 0], [1, 1, 1, 1],
                                       [1, 1, 1, 1], "SAME"),
        "cross": tf.cross(xt[:, :3], xt[:, 1:]),
        # infinities, NaN, overflow, denormals through the running sums and products, one
        # lane and many
        "special_cumsum": tf.cumsum(sp, 0), "special_cumsum_lane": tf.cumsum(sp[:, 5], 0),
        "special_cumprod": tf.cumprod(sp, 0), "special_sum": tf.reduce_sum(sp, 0),
        "special_sum_lane": tf.reduce_sum(sp[:, 3]), "special_prod": tf.reduce_prod(sp, 1),
        "special_addn": tf.add_n(tf.unstack(sp[:12])),
        # Philox's stream, converted as TF's bfloat16 distributions (seeded)
        "random_uniform": tf.random_uniform([1001], -3, 5, dtype=tf.bfloat16, seed=4),
        "random_normal": tf.random_normal([999], 2.0, 0.3, dtype=tf.bfloat16, seed=6),
        "truncated_normal": tf.truncated_normal([1003], -1.0, 3.0, dtype=tf.bfloat16, seed=9),
    }


def less_errors(tf):
    """{op: the placer's error} for Less and LessEqual of bfloat16 (a run of another op of
    the graph fails too)."""
    out = {}
    for fn in (tf.less, tf.less_equal):
        with tf.Graph().as_default():
            a = tf.constant([1.0, 2.0], tf.bfloat16, name="a")
            c = tf.constant([2.0], name="c")
            t = fn(a, a, name="cmp")
            for what in (t, c):
                try:
                    with tf.Session() as sess:
                        sess.run(what)
                except tf.errors.InvalidArgumentError as e:
                    out["%s/%s" % (t.op.type, what.op.name)] = e
    return out


def cases(tf):
    out = {"host": host_vendor()}
    with tf.Session() as sess:
        t = build(tf)
        names = sorted(t)
        vals = sess.run([tf.bitcast(t[k], tf.uint16) if t[k].dtype == tf.bfloat16 else t[k]
                         for k in names])
        for k, val in zip(names, vals):
            out[k] = np.asarray(val)
    out["errors"] = less_errors(tf)
    return out

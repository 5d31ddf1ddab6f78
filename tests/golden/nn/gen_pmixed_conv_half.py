"""float16 Conv2DBackpropFilter and Conv2DBackpropInput bits (TF 1.14's custom kernels: the
batch's im2col contracted with out_backprop in one Eigen contraction, adding in half; the
columns out_backprop @ filter^T, Col2im adding them in half), float16 AvgPool (sums in
half) and a float16 conv
net (conv2d, bias_add, relu, fused batch norm, reduce_mean) trained with
tf.contrib.mixed_precision.LossScaleOptimizer and a dynamic loss scale
(tests/test_pmixed_conv_half.py)."""
import numpy as np

FILTER_CASES = [((8, 6, 6, 3), (3, 3), 1, "SAME"), ((4, 9, 9, 5), (3, 3), 2, "VALID"),
                ((2, 12, 12, 8), (5, 5), 1, "SAME"), ((1, 16, 16, 4), (3, 3), 1, "SAME"),
                ((16, 10, 10, 16), (3, 3), 2, "SAME")]


def filter_grads(tf):
    out = {}
    rs = np.random.RandomState(0)
    with tf.Graph().as_default(), tf.Session(
            config=tf.ConfigProto(intra_op_parallelism_threads=2)) as s:
        for shape, (kh, kw), st, pad in FILTER_CASES:
            x = rs.rand(*shape).astype(np.float16)
            xp = tf.placeholder(tf.float16, shape)
            o = 6
            y = tf.nn.conv2d(xp, tf.zeros([kh, kw, shape[3], o], tf.float16), [1, st, st, 1], pad)
            dy = (rs.randn(*y.shape.as_list()) * 0.1).astype(np.float16)
            dp = tf.placeholder(tf.float16, dy.shape)
            r = tf.nn.conv2d_backprop_filter(xp, [kh, kw, shape[3], o], dp, [1, st, st, 1], pad)
            f = (rs.randn(kh, kw, shape[3], o) * 0.2).astype(np.float16)
            fp = tf.placeholder(tf.float16, f.shape)
            ri = tf.nn.conv2d_backprop_input(shape, fp, dp, [1, st, st, 1], pad)
            out["%s_%dx%d_s%d_%s" % ("x".join(map(str, shape)), kh, kw, st, pad)] = \
                s.run([r, ri], {xp: x, dp: dy, fp: f})
    return out


def avg_pools(tf):
    """float16 AvgPool: a window's inputs added in half in raster order, / count in half."""
    out = {}
    rs = np.random.RandomState(2)
    with tf.Graph().as_default(), tf.Session() as s:
        for shape, k, st, pad in [((2, 5, 5, 3), 2, 2, "SAME"), ((2, 7, 7, 4), 3, 2, "VALID"),
                                  ((1, 6, 6, 2), 3, 1, "SAME"), ((3, 8, 8, 5), 4, 4, "VALID")]:
            x = rs.randn(*shape).astype(np.float16)
            xp = tf.placeholder(tf.float16, shape)
            y = tf.nn.avg_pool(xp, [1, k, k, 1], [1, st, st, 1], pad)
            out["%s_k%d_s%d_%s" % ("x".join(map(str, shape)), k, st, pad)] = \
                s.run(y, {xp: x})
    return out


def loss_scaled_training(tf):
    rs = np.random.RandomState(1)
    X = rs.rand(8, 6, 6, 3).astype(np.float32)
    Y = rs.randint(0, 4, 8)
    out = {}
    with tf.Graph().as_default():
        tf.set_random_seed(3)
        x = tf.placeholder(tf.float32, [None, 6, 6, 3])
        y = tf.placeholder(tf.int32, [None])
        w = tf.get_variable("w", [3, 3, 3, 4], tf.float16, tf.glorot_uniform_initializer(seed=1))
        c = tf.nn.conv2d(tf.cast(x, tf.float16), w, [1, 1, 1, 1], "SAME")
        b = tf.get_variable("b", [4], initializer=tf.zeros_initializer())
        c = tf.nn.relu(tf.nn.bias_add(c, tf.cast(b, tf.float16)))
        bn = tf.layers.batch_normalization(c, training=True, fused=True)
        logits = tf.cast(tf.reduce_mean(bn, axis=[1, 2]), tf.float32)
        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y,
                                                                             logits=logits))
        mp = tf.contrib.mixed_precision
        opt = mp.LossScaleOptimizer(tf.train.GradientDescentOptimizer(0.1),
                                    mp.ExponentialUpdateLossScaleManager(2 ** 15, 2, 1, 2.0,
                                                                         0.5))
        gvs = opt.compute_gradients(loss)
        out["grads"] = [[v.op.name, g.dtype.name] for g, v in gvs]
        with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
            train = opt.apply_gradients(gvs)
        scale = opt._loss_scale_manager.get_loss_scale()
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            out["steps"] = [s.run([loss, train, scale], {x: X, y: Y})[::2] for _ in range(6)]
            out["w"] = s.run(w)
            out["bn"] = s.run(bn, {x: X})
            out["variables"] = [v.op.name for v in tf.global_variables()]
    return out


def cases(tf):
    return {"filter_grads": filter_grads(tf), "avg_pools": avg_pools(tf),
            "training": loss_scaled_training(tf)}

"""TF 1.14's float16 MatMul bits (Eigen::half rounds every product and every sum to half, so
the order of the additions shows): the GEBP kernel's column blocks of 16, its one-packet
columns' even / odd accumulators, Eigen's depth blocks (kc), the matrix-vector product's
blocks of 16 k, every transpose, with inputs fed through placeholders of known shapes
(MatMul, not BatchMatMulV2; nothing constant-folded) in a session of two intra-op
threads (the contraction's threads, its shards by depth and column panels); float16
BatchMatMulV2 (single matrices, vectors, tiny batched products); a float16 model with float32 master
weights (the NVIDIA custom getter) trained with a static loss scale
(tests/test_pmixed_half_matmul.py)."""
import numpy as np

SHAPES = [(2, 3, 2), (3, 5, 4), (8, 17, 8), (20, 64, 24), (64, 200, 50), (8, 400, 130),
          (3, 64, 9), (64, 17, 130), (32, 10, 16), (16, 300, 20), (128, 128, 40),
          (8, 900, 24), (2, 900, 100), (8, 500, 512), (128, 300, 100), (64, 400, 130),
          (1, 5, 1), (1, 17, 1), (1, 200, 1), (1, 17, 24), (1, 400, 50), (1, 64, 4),
          (20, 200, 1), (8, 17, 1), (64, 400, 1), (1, 300, 512), (32, 800, 1),
          (7, 1000, 1), (1, 1000, 7), (8, 2000, 8), (20, 3000, 3),
          (1000, 400, 2), (64, 700, 64), (8, 400, 300), (16, 400, 1024)]
FLAGS = [(False, False), (False, True), (True, False), (True, True)]


def operands(shape, seed):
    """float16 a [m, k] and b [k, n] (before any transpose) for a case."""
    m, k, n = shape
    rs = np.random.RandomState(seed)
    return ((rs.randn(m, k) * 0.3).astype(np.float16),
            (rs.randn(k, n) * 0.3).astype(np.float16))


def config(tf):
    """Two intra-op threads: Eigen's contraction picks its threads from the pool."""
    return tf.ConfigProto(intra_op_parallelism_threads=2)


def products(tf):
    out = {}
    with tf.Graph().as_default(), tf.Session(config=config(tf)) as s:
        for i, shape in enumerate(SHAPES):
            for j, (ta, tb) in enumerate(FLAGS):
                a, b = operands(shape, 10 * i + j)
                a, b = (a.T.copy() if ta else a), (b.T.copy() if tb else b)
                x = tf.placeholder(tf.float16, a.shape)
                y = tf.placeholder(tf.float16, b.shape)
                mm = tf.matmul(x, y, transpose_a=ta, transpose_b=tb)
                out["%dx%dx%d_%d%d" % (shape + (ta, tb))] = [mm.op.type, s.run(mm, {x: a, y: b})]
    return out


BATCH_SHAPES = [(b,) + s for b in (1, 3) for s in [
    (4, 8, 4), (2, 3, 2), (8, 17, 8), (16, 64, 16), (10, 20, 30), (1, 40, 7), (7, 40, 1),
    (1, 12, 1), (5, 130, 9), (32, 64, 64)]]


def batch_products(tf):
    """BatchMatMulV2 in half: a single matrix as MatMul (vectors: Eigen's matrix-vector
    products), more each on one thread (tiny ones: Eigen's lazy product)."""
    out = {}
    rs = np.random.RandomState(9)
    with tf.Graph().as_default(), tf.Session(config=config(tf)) as s:
        for shape in BATCH_SHAPES:
            bt, m, k, n = shape
            for ta, tb in FLAGS:
                a = (rs.randn(bt, m, k) * 0.3).astype(np.float16)
                b = (rs.randn(bt, k, n) * 0.3).astype(np.float16)
                a = np.swapaxes(a, 1, 2).copy() if ta else a
                b = np.swapaxes(b, 1, 2).copy() if tb else b
                x = tf.placeholder(tf.float16, a.shape)
                y = tf.placeholder(tf.float16, b.shape)
                mm = tf.matmul(x, y, transpose_a=ta, transpose_b=tb)
                out["%dx%dx%dx%d_%d%d" % (shape + (ta, tb))] = [mm.op.type,
                                                                s.run(mm, {x: a, y: b})]
    return out


def master_weights(tf):
    """A float16 MLP, float32 master weights, loss scale 128, Momentum: losses and weights."""
    def float32_variable_storage_getter(getter, name, shape=None, dtype=None,
                                        initializer=None, regularizer=None,
                                        trainable=True, *args, **kwargs):
        storage_dtype = tf.float32 if trainable else dtype
        variable = getter(name, shape, dtype=storage_dtype, initializer=initializer,
                          regularizer=regularizer, trainable=trainable, *args, **kwargs)
        if trainable and dtype != tf.float32:
            variable = tf.cast(variable, dtype)
        return variable

    rs = np.random.RandomState(0)
    X = rs.randn(32, 10).astype(np.float32)
    Y = rs.randint(0, 3, size=32)
    out = {}
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        x = tf.placeholder(tf.float32, [None, 10])
        y = tf.placeholder(tf.int64, [None])
        with tf.variable_scope("fp32_vars", custom_getter=float32_variable_storage_getter):
            h = tf.layers.dense(tf.cast(x, tf.float16), 16, activation=tf.nn.relu)
            h = tf.layers.dense(h, 3)
        loss = tf.losses.sparse_softmax_cross_entropy(y, tf.cast(h, tf.float32))
        opt = tf.train.MomentumOptimizer(0.1, 0.9)
        gvs = [(g / 128.0, v) for g, v in opt.compute_gradients(loss * 128.0)]
        out["grad_dtypes"] = [[v.name, v.dtype.name, g.dtype.name] for g, v in gvs]
        train = opt.apply_gradients(gvs)
        with tf.Session(config=config(tf)) as s:
            s.run(tf.global_variables_initializer())
            out["losses"] = [s.run([loss, train], {x: X, y: Y})[0] for _ in range(5)]
            out["weights"] = {v.op.name: s.run(v) for v in tf.trainable_variables()}
            out["logits"] = s.run(h, {x: X})
    return out


def cases(tf):
    return {"products": products(tf), "batch_products": batch_products(tf),
            "master_weights": master_weights(tf)}

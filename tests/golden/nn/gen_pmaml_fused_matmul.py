"""Grappler's _FusedMatMul: a float32 MatMul read only by a BiasAdd, with one output
column (a 1-unit dense layer: a WGAN critic, a regression head), sums its products as
MKL-DNN's sgemm does (one fused multiply-add after the other, in depth blocks), not as the
plain MatMul's matrix-vector kernel; when the remapper fuses and when it does not; a
WGAN-GP critic trained with its gradient penalty (second order through the fused layer).
Run with the session's default intra-op pool (the machine's CPUs)."""
import numpy as np

# (m, k): depth blocks of one slice, TF's slices, MKL-DNN's halves, Eigen's depth shards
SHAPES = [(8, 16), (5, 3), (64, 100), (2, 392), (7, 776), (16, 1160), (4, 1392),
          (1000, 392), (256, 1500)]


def fused_values(tf):
    """bias_add(matmul(x, w), b) for SHAPES and every transpose (float32, fed)."""
    rng = np.random.RandomState(0)
    g = tf.Graph()
    out = {}
    with g.as_default():
        fetches, feeds = {}, {}
        for m, k in SHAPES:
            for ta in (False, True):
                for tb in (False, True):
                    a = rng.randn(*((k, m) if ta else (m, k))).astype(np.float32)
                    b = rng.randn(*((1, k) if tb else (k, 1))).astype(np.float32)
                    c = rng.randn(1).astype(np.float32)
                    pa = tf.placeholder(tf.float32, a.shape)
                    pb = tf.placeholder(tf.float32, b.shape)
                    feeds[pa], feeds[pb] = a, b
                    y = tf.nn.bias_add(tf.matmul(pa, pb, transpose_a=ta, transpose_b=tb), c)
                    fetches["%d_%d_%d_%d" % (m, k, ta, tb)] = y
        with tf.Session(graph=g) as s:
            out = s.run(fetches, feeds)
    return out


def when_fused(tf):
    """Which products the remapper fuses: a second reader outside the run, a control edge
    to an op outside it (both pruned away), the MatMul fetched, float64, an Add, the
    remapper off."""
    rng = np.random.RandomState(1)
    h = rng.randn(8, 16).astype(np.float32)
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None, 16])
        w = tf.Variable(rng.randn(16, 1).astype(np.float32))
        b = tf.Variable(rng.randn(1).astype(np.float32))
        mm = tf.matmul(x, w)
        y = tf.nn.bias_add(mm, b)
        tf.sin(mm)
        mm2 = tf.matmul(x, w)
        y2 = tf.nn.bias_add(mm2, b)
        with tf.control_dependencies([mm2]):
            tf.identity(b)
        mm3 = tf.matmul(x, w)
        y3 = tf.nn.bias_add(mm3, b)
        y5 = tf.nn.bias_add(tf.matmul(tf.cast(x, tf.float64), tf.cast(w, tf.float64)),
                            tf.cast(b, tf.float64))
        y6 = tf.matmul(x, w) + b
        out = {}
        with tf.Session(graph=g) as s:
            s.run(tf.global_variables_initializer())
            out["second_reader"] = s.run(y, {x: h})
            out["control_edge"] = s.run(y2, {x: h})
            out["matmul_fetched"] = s.run([y3, mm3], {x: h})
            out["float64"] = s.run(y5, {x: h})
            out["add"] = s.run(y6, {x: h})
        cfg = tf.ConfigProto()
        cfg.graph_options.rewrite_options.remapping = 2   # RewriterConfig.OFF
        with tf.Session(graph=g, config=cfg) as s:
            s.run(tf.global_variables_initializer())
            out["remapping_off"] = s.run(y, {x: h})
    return out


def wgan_gp(tf):
    """A WGAN-GP (Gulrajani et al.'s gradient penalty, Adam with beta1 0.5 / 0.0): losses,
    the penalty and the critic's variables over a few steps, each loss run before its
    update (no race); the gradient subgraph's op count and types."""
    B, D, Z = 8, 4, 3
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(1)
        real = tf.placeholder(tf.float32, [None, D], name="real")
        z = tf.random_normal([B, Z], seed=3, name="z")

        def generator(z):
            with tf.variable_scope("generator"):
                h = tf.layers.dense(z, 16, activation=tf.nn.relu, name="h1")
                return tf.layers.dense(h, D, name="out")

        def critic(x, reuse=False):
            with tf.variable_scope("critic", reuse=reuse):
                h = tf.layers.dense(x, 16, activation=tf.nn.leaky_relu, name="h1")
                h = tf.layers.dense(h, 16, activation=tf.nn.leaky_relu, name="h2")
                return tf.layers.dense(h, 1, name="out")

        fake = generator(z)
        d_real = critic(real)
        d_fake = critic(fake, reuse=True)
        alpha = tf.random_uniform(shape=[B, 1], minval=0., maxval=1., seed=5)
        interpolates = real + alpha * (fake - real)
        grads = tf.gradients(critic(interpolates, reuse=True), [interpolates])[0]
        slopes = tf.sqrt(tf.reduce_sum(tf.square(grads), reduction_indices=[1]))
        penalty = tf.reduce_mean((slopes - 1.) ** 2)
        d_loss = tf.reduce_mean(d_fake) - tf.reduce_mean(d_real) + 10 * penalty
        g_loss = -tf.reduce_mean(d_fake)
        t_vars = tf.trainable_variables()
        d_vars = [v for v in t_vars if "critic" in v.name]
        g_vars = [v for v in t_vars if "generator" in v.name]
        d_opt = tf.train.AdamOptimizer(1e-3, beta1=0.5, beta2=0.9).minimize(d_loss, var_list=d_vars)
        g_opt = tf.train.AdamOptimizer(1e-3, beta1=0.0, beta2=0.9).minimize(g_loss, var_list=g_vars)
        ops = g.get_operations()
        out = {"n_ops": len(ops),
               "grad_types": sorted(set(o.type for o in ops if o.name.startswith("gradients_1/"))),
               "steps": []}
        rng = np.random.RandomState(0)
        data = rng.randn(B, D).astype(np.float32) + 2.0
        with tf.Session(graph=g) as s:
            s.run(tf.global_variables_initializer())
            out["first"] = s.run([d_loss, penalty, d_fake, d_real, grads], {real: data})
            for _ in range(3):
                dl, gp = s.run([d_loss, penalty], {real: data})
                s.run(d_opt, {real: data})
                gl = s.run(g_loss, {real: data})
                s.run(g_opt, {real: data})
                out["steps"].append([dl, gp, gl] + s.run(d_vars))
    return out


def conv_one_channel(tf):
    """Conv2D with one output channel (its contraction has one output column, so it sums
    as the fused MatMul above, fused with its BiasAdd or not): 3x3 SAME, 1x1, a filter as
    large as the input, a 5x5x40 filter (depth 1000: MKL-DNN's blocks), NCHW-free."""
    rng = np.random.RandomState(2)
    specs = [((2, 8, 8, 3), (3, 3, 3), "SAME"), ((2, 6, 6, 5), (1, 1, 5), "SAME"),
             ((3, 4, 4, 2), (4, 4, 2), "VALID"), ((1, 9, 9, 40), (5, 5, 40), "SAME")]
    out = []
    g = tf.Graph()
    with g.as_default():
        fetches, feeds = [], {}
        for xs, fs, pad in specs:
            x = tf.placeholder(tf.float32, xs)
            feeds[x] = rng.randn(*xs).astype(np.float32)
            f = tf.constant(rng.randn(*(fs + (1,))).astype(np.float32))
            conv = tf.nn.conv2d(x, f, [1, 1, 1, 1], pad)
            fetches.append(conv)
            fetches.append(tf.nn.bias_add(tf.nn.conv2d(x, f, [1, 1, 1, 1], pad),
                                          tf.constant([0.25])))
        with tf.Session(graph=g) as s:
            out = s.run(fetches, feeds)
    return out


def cases(tf):
    return {"fused_values": fused_values(tf), "when_fused": when_fused(tf),
            "wgan_gp": wgan_gp(tf), "conv_one_channel": conv_one_channel(tf)}

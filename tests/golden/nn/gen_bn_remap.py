"""FusedBatchNorm in inference as TF 1.14 runs it: the CPU kernel computes
(x - mean) * (rsqrt(variance + eps) * scale) + offset, Grappler's remapper replaces the node
by x * s + (offset - mean * s) when its scale and variance are constants (or 4 of its 5
inputs are) and only y is read, and constant folding, which runs first, folds a node of
constants only with the kernel. tf.layers and keras BatchNormalization in inference read
variables, so they get the kernel's rounding."""
import numpy as np


def _inputs(c=8, seed=3):
    rng = np.random.RandomState(seed)
    x = (rng.randn(4, 5, 6, c) * 3 + 1).astype(np.float32)
    scale = rng.rand(c).astype(np.float32) + 0.5
    offset = rng.rand(c).astype(np.float32)
    mean = rng.rand(c).astype(np.float32)
    var = rng.rand(c).astype(np.float32) + 0.2
    return x, scale, offset, mean, var


def fused_inputs(tf):
    """Constant or variable statistics, in and out of a cond, NCHW, a fed mean."""
    x, scale, offset, mean, var = _inputs()
    with tf.Graph().as_default(), tf.Session() as s:
        xt = tf.placeholder(tf.float32, [None, 5, 6, 8])
        mv, vv = tf.Variable(mean), tf.Variable(var)
        rmv = tf.Variable(mean, use_resource=True)
        rvv = tf.Variable(var, use_resource=True)
        sv = tf.Variable(scale)
        pm = tf.placeholder(tf.float32, [8])
        pt = tf.placeholder_with_default(False, [])

        def bn(*a, **k):
            return tf.nn.fused_batch_norm(xt, *a, epsilon=1e-3, is_training=False, **k)[0]

        ys = {"consts": bn(scale, offset, mean, var),
              "consts_times_one": bn(scale, offset, mean, var) * 1.0,
              "ref_statistics": bn(scale, offset, mv, vv),
              "resource_statistics": bn(scale, offset, rmv, rvv),
              "variable_scale": bn(sv, offset, mean, var),
              "fed_mean": bn(scale, offset, pm, var),
              "nchw": tf.nn.fused_batch_norm(tf.transpose(xt, [0, 3, 1, 2]), scale, offset,
                                             mean, var, epsilon=1e-3, is_training=False,
                                             data_format="NCHW")[0],
              "cond_variables": tf.cond(pt, lambda: tf.nn.fused_batch_norm(xt, scale, offset)[0],
                                        lambda: bn(scale, offset, mv, vv)),
              "cond_consts": tf.cond(pt, lambda: tf.nn.fused_batch_norm(xt, scale, offset)[0],
                                     lambda: bn(scale, offset, mean, var))}
        # (a graph reading output 1 is not remapped, but TF 1.14's kernel leaves that
        # output uninitialized in inference, so its values are garbage)
        s.run(tf.global_variables_initializer())
        out = {k: s.run(v, {xt: x, pm: mean}) for k, v in sorted(ys.items())}
    with tf.Graph().as_default(), tf.Session() as s:
        # constants only: constant folding evaluates the kernel unless y is fetched
        y = tf.nn.fused_batch_norm(tf.constant(x), scale, offset, mean, var, epsilon=1e-3,
                                   is_training=False)[0]
        out["all_consts_fetched"] = s.run(y)
        out["all_consts_folded"] = s.run(y * 1.0)
    return out


def layers_inference(tf):
    """tf.layers.batch_normalization with a training placeholder and keras
    BatchNormalization's predict, after a few SGD steps moved the statistics."""
    rng = np.random.RandomState(5)
    X = rng.rand(6, 7, 7, 4).astype(np.float32)
    with tf.Graph().as_default():
        tf.set_random_seed(1)
        x = tf.placeholder(tf.float32, [None, 7, 7, 4])
        training = tf.placeholder_with_default(True, [])
        h = tf.layers.conv2d(x, 5, 3, padding="same")
        h = tf.layers.batch_normalization(h, training=training)
        loss = tf.reduce_mean(tf.square(h - 0.5))
        with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
            train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for _ in range(3):
                s.run(train, {x: X})
            layers = s.run(h, {x: X, training: False})
    with tf.Graph().as_default():
        tf.set_random_seed(2)
        m = tf.keras.Sequential([tf.keras.layers.Conv2D(3, 3, input_shape=(7, 7, 4)),
                                 tf.keras.layers.BatchNormalization(momentum=0.5)])
        m.compile("sgd", "mse")
        m.fit(X, np.ones((6, 5, 5, 3), np.float32), batch_size=3, epochs=1, shuffle=False,
              verbose=0)
        keras = m.predict(X)
    return {"layers": layers, "keras": keras}


def cases(tf):
    return {"fused_inputs": fused_inputs(tf), "layers_inference": layers_inference(tf)}

"""TF 1.14's tf.keras.mixed_precision.experimental: Policy ('infer' / 'infer_float32_vars'
properties, the error of another name), global_policy / set_policy, a layer's dtype under
the 'infer' policy; LossScaleOptimizer in a Keras fit (fixed and dynamic loss scales,
the loss scale's variables after training, a dynamic scale that overflows (steps skipped,
scale halved) and one that grows), the graph's op count and names; its errors."""
import numpy as np

X = np.array([[1., 2.], [0.5, -1.], [2., 0.], [-1., 1.]], "float32")
Y = np.array([[1.], [0.], [2.], [-0.5]], "float32")


def policies(tf):
    mp = tf.keras.mixed_precision.experimental
    out = {}
    for name in ("infer", "infer_float32_vars"):
        p = mp.Policy(name)
        out[name] = [p.name, p.default_variable_dtype, p.should_cast_variables]
    try:
        mp.Policy("float16")
        out["bad"] = None
    except ValueError as e:
        out["bad"] = e
    out["global"] = mp.global_policy().name
    mp.set_policy("infer_float32_vars")
    out["after_set"] = mp.global_policy().name
    mp.set_policy(mp.Policy("infer"))
    out["after_reset"] = mp.global_policy().name
    with tf.Graph().as_default():
        layer = tf.keras.layers.Dense(2, dtype=mp.Policy("infer"))
        before = layer.dtype
        layer(tf.constant(np.ones((1, 3), "float64")))
        out["infer_layer_dtype"] = [before, layer.dtype, layer.kernel.dtype.name]
    return out


def fit(tf, loss_scale, epochs=3):
    """A Dense(1) (kernel ones) fitted with SGD(0.1) wrapped in a LossScaleOptimizer."""
    with tf.Graph().as_default() as g:
        with tf.Session() as sess:
            model = tf.keras.Sequential([tf.keras.layers.Dense(
                1, input_shape=(2,), kernel_initializer="ones")])
            if loss_scale == "custom_dynamic":
                loss_scale = tf.train.experimental.DynamicLossScale(
                    initial_loss_scale=4., increment_period=2, multiplier=4.)
            elif loss_scale == "overflow":
                loss_scale = tf.train.experimental.DynamicLossScale(initial_loss_scale=1e38)
            opt = tf.keras.mixed_precision.experimental.LossScaleOptimizer(
                tf.keras.optimizers.SGD(0.1), loss_scale)
            model.compile(opt, "mse")
            hist = model.fit(X, Y, epochs=epochs, batch_size=2, verbose=0, shuffle=False)
            scale = opt._loss_scale
            names = sorted(v.op.name for v in tf.global_variables())
            return {"history": hist.history, "weights": model.get_weights(),
                    "variables": names,
                    "scale_vars": sess.run([v for v in tf.global_variables()
                                            if v.op.name in ("current_loss_scale",
                                                             "good_steps")]),
                    "ops": [op.name for op in g.get_operations()],
                    "last_id": g._last_id,   # the op counter (graph-seeded ops see it)
                    "config": scale.get_config()}


def minimize(tf, loss_scale, grad_loss=None):
    """LossScaleOptimizer.minimize of a callable loss (a plain SGD where loss_scale is
    None; `grad_loss` the loss's output gradient, a constant), run three times."""
    with tf.Graph().as_default() as g:
        with tf.Session() as sess:
            w = tf.Variable([[1.], [-0.5]], name="w", use_resource=True)
            opt = tf.keras.optimizers.SGD(0.1)
            if loss_scale is not None:
                opt = tf.keras.mixed_precision.experimental.LossScaleOptimizer(
                    opt, loss_scale)
            x = tf.constant(X)
            if grad_loss is not None:
                grad_loss = tf.constant(grad_loss, name="grad_loss")
            step = opt.minimize(lambda: tf.reduce_mean(tf.square(tf.matmul(x, w) - Y)),
                                lambda: [w], grad_loss=grad_loss)
            sess.run(tf.global_variables_initializer())
            built = {"ops": [op.name for op in g.get_operations()], "last_id": g._last_id}
            for _ in range(3):
                sess.run(step)
            built["w"] = sess.run(w)
            return built


def errors(tf):
    mp = tf.keras.mixed_precision.experimental
    out = []
    for fn in (lambda: mp.LossScaleOptimizer(tf.train.GradientDescentOptimizer(0.1), 2),
               lambda: mp.LossScaleOptimizer(tf.keras.optimizers.SGD(clipnorm=1.), 2),
               lambda: mp.LossScaleOptimizer(tf.keras.optimizers.SGD(), "bogus"),
               lambda: mp.LossScaleOptimizer(tf.keras.optimizers.SGD(), 0.5),
               lambda: mp.LossScaleOptimizer(tf.keras.optimizers.SGD(), 2).get_config(),
               lambda: tf.keras.optimizers.SGD().minimize(
                   tf.constant(1.), [tf.Variable(1., use_resource=True)])):
        with tf.Graph().as_default():
            try:
                fn()
                out.append(None)
            except Exception as e:  # the error TF raises is the golden
                out.append([type(e).__name__, str(e).split(" object at ")[0]])
    return out


def cases(tf):
    out = {"policies": policies(tf), "errors": errors(tf),
           "minimize_fixed": minimize(tf, 8), "minimize_dynamic": minimize(tf, "dynamic"),
           "minimize_grad_loss_none": minimize(tf, None, 0.5),
           "minimize_grad_loss_fixed": minimize(tf, 8, 0.5),
           "minimize_grad_loss_dynamic": minimize(tf, "dynamic", 3.)}
    for name in (128, "dynamic", "custom_dynamic", "overflow"):
        out["fit_%s" % name] = fit(tf, name)
    return out

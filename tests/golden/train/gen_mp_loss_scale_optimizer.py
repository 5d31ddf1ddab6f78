"""TF 1.14's tf.train.experimental.MixedPrecisionLossScaleOptimizer: minimize (with
grad_loss and a global step) under fixed and dynamic loss scales, and a dynamic scale
that overflows (steps skipped, scale halved): the graph's ops by name, the op counter,
the values after three steps; the error of a wrapped object that is not an Optimizer."""
import numpy as np

X = np.array([[1., 2.], [0.5, -1.], [2., 0.], [-1., 1.]], "float32")
Y = np.array([[1.], [0.], [2.], [-0.5]], "float32")


def minimize(tf, loss_scale, grad_loss=None):
    with tf.Graph().as_default() as g:
        w = tf.Variable([[1.], [-0.5]], name="w")
        gs = tf.train.get_or_create_global_step()
        factor = 1.
        if loss_scale == "overflow":
            # 2**126 (its reciprocal still a normal float32: TF's CPU flushes denormals)
            # with the loss times 16: the scaled gradients are inf for three steps
            loss_scale = tf.train.experimental.DynamicLossScale(initial_loss_scale=2. ** 126)
            factor = 16.
        opt = tf.train.experimental.MixedPrecisionLossScaleOptimizer(
            tf.train.MomentumOptimizer(0.1, 0.9), loss_scale)
        loss = tf.reduce_mean(tf.square(tf.matmul(tf.constant(X), w) - Y)) * factor
        if grad_loss is not None:
            grad_loss = tf.constant(grad_loss, name="grad_loss")
        step = opt.minimize(loss, global_step=gs, grad_loss=grad_loss)
        out = {"ops": [op.name for op in g.get_operations()], "last_id": g._last_id,
               "step_name": step.name}
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(3):
                sess.run(step)
            out["w"], out["global_step"] = sess.run([w, gs])
            out["scale_vars"] = sess.run([v for v in tf.global_variables()
                                          if v.op.name in ("current_loss_scale",
                                                           "good_steps")])
        return out


def errors(tf):
    try:
        tf.train.experimental.MixedPrecisionLossScaleOptimizer(
            tf.keras.optimizers.SGD(), 2)
        return None
    except ValueError as e:
        return [type(e).__name__, str(e).split("'")[0]]


def cases(tf):
    return {"fixed": minimize(tf, 8), "dynamic": minimize(tf, "dynamic"),
            "fixed_grad_loss": minimize(tf, 8, 0.5),
            "dynamic_grad_loss": minimize(tf, "dynamic", 2.),
            "overflow": minimize(tf, "overflow"), "errors": errors(tf)}

"""A Mul by constant ones that broadcasts a variable (`tf.ones([2, 3]) * w`, w of shape
[1, 3]) in a graph an optimizer updates in place: TF 1.14's Grappler makes it a
BroadcastTo, whose kernel writes a buffer of its own, so x's gradient (w broadcast, read
by x's update after w's own update in the same run) is w before the step. flowgrad's
BroadcastTo returns a view; where its input is a variable's buffer mul_by_ones keeps the
Mul (engine/optimize/mul_by_ones.py). Each case: three runs of [x's gradient, w's
gradient, train], then the variables. tests/test_broadcast_ones_variable.py runs these
cases with flowgrad."""
import numpy as np

from goldenio import host_vendor

W = np.array([[1.0, 2.0, 3.0]], np.float32)
X = np.array([[1.0, 1.0, 1.0], [2.0, 2.0, 2.0]], np.float32)


def _steps(tf, make_opt, w_resource=False, x_resource=False, order="wx"):
    with tf.Graph().as_default():
        w = tf.Variable(W, name="w", use_resource=w_resource)
        x = tf.Variable(X, name="x", use_resource=x_resource)
        b = tf.ones([2, 3]) * w
        loss = tf.reduce_sum(b * x)
        opt = make_opt(tf)
        gv = opt.compute_gradients(loss, [w, x] if order == "wx" else [x, w])
        grads = {v.op.name: g for g, v in gv}
        train = opt.apply_gradients(gv)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            runs = [sess.run([grads["x"], grads["w"], train])[:2] for _ in range(3)]
            return {"runs": runs, "final": sess.run([w, x])}


def cases(tf):
    sgd = lambda tf: tf.train.GradientDescentOptimizer(0.5)     # noqa: E731
    momentum = lambda tf: tf.train.MomentumOptimizer(0.5, 0.5)  # noqa: E731
    return {
        "vendor": host_vendor(),
        "sgd": _steps(tf, sgd),
        "sgd_x_first": _steps(tf, sgd, order="xw"),
        "momentum": _steps(tf, momentum),
        "sgd_w_resource": _steps(tf, sgd, w_resource=True),
        "sgd_both_resource": _steps(tf, sgd, w_resource=True, x_resource=True),
    }

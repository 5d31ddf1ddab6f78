"""tf.hessians' while loop pushing a captured constant down, against TF 1.14 bit for bit
(ops/control_flow.py: captured constants and Enter names; optimize/minimize_broadcasts.py:
the second round's no-op removal on the body's known shapes).

The loop captures the first gradient's tensors. Grappler's constant folding makes a
captured constant a Const in the frame (MoveConstantsPastEnter: `ConstantFolding/
gradients/Mean_grad/truediv_enter`); the body's shapes are known, so the gradient's Sum
over no axes and Reshape to the same shape go, and the second round's ConstantPushDown
swaps that constant with the first input of the Mul below it, in the canonical order of
its inputs' names, where a captured tensor is read through its Enter (named in its first
reader's scope: `.../Exp_grad/mul_grad/Mul/Enter`, after `while/gradients/AddN`): a
logistic loss's `Log1p_grad/mul_grad/Mul_1` runs as `AddN * (C * Exp)`."""
import numpy as np
from goldenio import host_vendor

FORMS = ("logistic_mean", "logistic_mean_f32", "logistic_sum_scaled")


def cases(tf):
    rs = np.random.RandomState(11)
    out = {"host": host_vendor()}
    for form in FORMS:
        dt = np.float32 if form.endswith("f32") else np.float64
        x = rs.randn(40, 3).astype(dt)
        y = (rs.rand(40) > 0.5).astype(dt)
        w0 = rs.uniform(-1, 1, 3).astype(dt)
        g = tf.Graph()
        with g.as_default():
            w = tf.Variable(w0, name="w")
            xent = tf.nn.sigmoid_cross_entropy_with_logits(
                labels=tf.constant(y), logits=tf.linalg.matvec(tf.constant(x), w))
            if form == "logistic_sum_scaled":
                loss = 0.37 * tf.reduce_sum(xent) + 0.01 * tf.reduce_sum(tf.square(w))
            else:
                loss = tf.reduce_mean(xent) + 0.01 * tf.reduce_sum(tf.square(w))
            h = tf.hessians(loss, w)[0]
            with tf.Session() as s:
                s.run(w.initializer)
                out[form] = s.run(h)
    return out

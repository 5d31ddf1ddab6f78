"""A loop variable's gradient summed in a tf.while_loop's gradient body, with tf.gradients'
gate Identities (Optimizer.compute_gradients' GATE_OP) and without, against TF 1.14 bit
for bit (src/flowgrad/engine/optimize/addn_order.py: _named).

Grappler sorts the body gradient's AddN by its inputs' names. TF's body reads the loop
variable's incoming gradient as `<while>/Merge_k_grad/Switch:1`; flowgrad's body gradient
reads tf.gradients' `grad_ys_k` in its place, recorded under TF's name. With gates the
AddN reads that gradient through `add_grad/tuple/control_dependency` (which the
dependency optimizer removes), and it still sorts as `Merge_k_grad/Switch:1`: after the
body's `MatMul*_grad` contributions, not before them as `grad_ys_k` would (the body
`x - (x @ a) * (x @ b)`: x's gradient is AddN of three; a Sub, not an Add chain, which
AddOpsRewrite would regroup in the forward body)."""
import numpy as np
from goldenio import host_vendor

FORMS = ("while_gated", "while_ungated", "while_gated_f64", "scan_gated", "scan_ungated")


def _loop(tf, form, x0, a, b):
    if form.startswith("scan"):
        def step(x, e):
            return x - tf.matmul(x, a) * tf.matmul(x, b) * e
        return tf.scan(step, tf.constant([0.5, -0.25, 0.75], x0.dtype), initializer=x0)[-1]

    def body(i, x):
        return i + 1, x - tf.matmul(x, a) * tf.matmul(x, b)
    return tf.while_loop(lambda i, x: i < 4, body, [tf.constant(0), x0], name="loop")[1]


def cases(tf):
    rs = np.random.RandomState(7)
    out = {"host": host_vendor()}
    for form in FORMS:
        dt = np.float64 if form.endswith("f64") else np.float32
        g = tf.Graph()
        with g.as_default():
            v = tf.Variable(rs.uniform(-1, 1, (3, 3)).astype(dt), name="v")
            a = tf.constant(rs.uniform(-0.6, 0.6, (3, 3)).astype(dt))
            b = tf.constant(rs.uniform(-0.6, 0.6, (3, 3)).astype(dt))
            loss = tf.reduce_sum(_loop(tf, form, v * 1.5, a, b) ** 2)
            if "ungated" in form:
                grad = tf.gradients(loss, v)[0]
            else:
                grad = tf.train.GradientDescentOptimizer(0.1).compute_gradients(loss, [v])[0][0]
            with tf.Session() as s:
                s.run(v.initializer)
                out[form] = s.run(grad)
    return out

"""TF 1.14 goldens for LRN and its gradient, bit for bit: the forward over depths that
TF's band contraction sums whole, in slices (a matrix product over more than 320
channels) and 16 at a time (one row: a matrix-vector product), and the running sum it
uses above 384 channels for beta 0.5 or 1; beta 1, 0.5 and others (1 / s, rsqrt,
exp(log(s) * -beta)); LRNGrad (its op, inputs, attrs; gradients that are zero skip
their channel), the LookupError of a second derivative; float32 Pow where libm's powf
is not the correctly rounded power.
Output: pcnn_lrn.json, read by tests/test_pcnn_lrn.py.
"""
import numpy as np

LRN = [  # name, shape, depth_radius, bias, alpha, beta
    ("cifar", (2, 5, 5, 16), 4, 1.0, 0.001 / 9.0, 0.75),
    ("beta1", (2, 5, 5, 6), 2, 2.0, 1e-4, 1.0),
    ("beta_half", (2, 5, 5, 6), 2, 2.0, 1e-4, 0.5),
    ("defaults", (2, 3, 3, 5), 5, 1.0, 1.0, 0.5),
    ("odd", (1, 2, 3, 7), 1, 1.5, 0.3, 0.6),
    ("radius0", (1, 1, 1, 3), 0, 1.0, 1.0, 0.75),
    ("wide_sliced", (2, 1, 3, 500), 2, 1.0, 0.5, 0.75),
    ("wide_one_row", (1, 1, 1, 256), 2, 1.0, 0.5, 0.75),
    ("running_half", (1, 2, 1, 400), 5, 1.0, 0.5, 0.5),
    ("running_one", (1, 1, 2, 400), 3, 1.0, 0.5, 1.0),
]

# float32 pairs where powf's result is not the float64 power rounded once (glibc's powf)
POW_X = [2.545171022415161, 2.383193016052246, 0.17251847684383392, 1.9028161764144897,
         1.3801920413970947, 0.0485859289765358, 3.9844446182250977, 2.8077445030212402]
POW_E = [-0.75, 2.5, -0.5, -0.5, 1.5, 0.30000001192092896, 0.75, 0.30000001192092896]


def lrn_inputs(shape, seed):
    rng = np.random.RandomState(seed)
    x = (rng.randn(*shape) * 3).astype(np.float32)
    dy = rng.randn(*shape).astype(np.float32)
    dy[..., ::3] = 0
    return x, dy


def lrn_case(tf, i, cfg):
    """y and dx (with dy zero on every third channel), the gradient op's type and inputs."""
    _, shape, r, bias, alpha, beta = cfg
    x, dy = lrn_inputs(shape, i)
    xt = tf.constant(x)
    y = tf.nn.lrn(xt, r, bias, alpha, beta)
    dx = tf.gradients(y, xt, tf.constant(dy))[0]
    with tf.Session() as sess:
        yv, dxv = sess.run([y, dx])
    return {"y": yv, "dx": dxv, "grad_op": [dx.op.name, dx.op.type],
            "grad_inputs": [t.name for t in dx.op.inputs],
            "grad_attrs": [dx.op.get_attr(k) for k in ("depth_radius", "bias", "alpha", "beta")]}


def second_order(tf):
    x = tf.constant(lrn_inputs((1, 2, 2, 3), 0)[0])
    dx = tf.gradients(tf.nn.lrn(x, 1), x)[0]
    try:
        tf.gradients(dx, x)
    except LookupError as e:
        return e
    return "no error"


def pow_case(tf):
    rng = np.random.RandomState(4)
    x = np.concatenate([np.float32(POW_X), (rng.rand(200) * 4).astype(np.float32)])
    e = np.concatenate([np.float32(POW_E), rng.choice(np.float32([-0.75, 0.3, 1.5]), 200)])
    with tf.Session() as sess:
        return sess.run(tf.pow(tf.constant(x), tf.constant(e)))


def cases(tf):
    out = {}
    for i, cfg in enumerate(LRN):
        tf.reset_default_graph()
        out["lrn/" + cfg[0]] = lrn_case(tf, i, cfg)
    tf.reset_default_graph()
    out["second_order"] = second_order(tf)
    tf.reset_default_graph()
    out["pow"] = pow_case(tf)
    return out

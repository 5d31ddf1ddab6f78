"""ScipyOptimizerInterface as style-transfer and constrained-fit scripts drive it, under
TF 1.14 with the SciPy of its day (1.4): SLSQP with equalities / inequalities / bounds,
Nelder-Mead, L-BFGS-B with var_to_bounds on an image; the dtype of the points SciPy
hands to step_callback, the losses loss_callback sees, the final variables; what
minimize logs at INFO after L-BFGS-B (its Fortran code's messages, bytes)."""
import logging

import numpy as np


def _problem(tf):
    tf.reset_default_graph()
    x = tf.Variable(np.array([1.5, -2.0, 0.3], np.float32), name="x")
    y = tf.Variable(2.0, name="y")
    loss = (tf.reduce_sum(tf.square(x - 0.7)) + tf.square(y - 0.2) * 3.0
            + tf.reduce_sum(x) * y * 0.1)
    return [x, y], loss


def _minimize(tf, variables, loss, method, maxiter, **kw):
    """Minimizes from the initial values; the variables' values, the loss, what the
    callbacks saw."""
    opt = tf.contrib.opt.ScipyOptimizerInterface(loss, method=method,
                                                 options={"maxiter": maxiter}, **kw)
    steps, losses = [], []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        opt.minimize(sess, fetches=[loss], step_callback=steps.append,
                     loss_callback=losses.append)
        values = sess.run(variables + [loss])
    return {"values": values, "step_dtypes": sorted({str(s.dtype) for s in steps}),
            "steps": np.array(steps), "losses": np.array(losses)}


def run(tf, method, constraints=None):
    """`method` on the small problem; constraints(tf, x, y) -> the interface's keywords."""
    variables, loss = _problem(tf)
    kw = constraints(tf, *variables) if constraints else {}
    return _minimize(tf, variables, loss, method, 30, **kw)


def _equality(tf, x, y):
    return {"equalities": [y - 1.0]}


def _mixed(tf, x, y):
    return {"equalities": [tf.reduce_sum(x) - 1.0], "inequalities": [y - 0.5, 0.4 - x[0]],
            "var_to_bounds": {x: (-1.0, 1.0)}}


def image(tf):
    """A style-transfer-like image fit: conv features, total variation, pixel bounds."""
    tf.reset_default_graph()
    rng = np.random.RandomState(0)
    w = rng.randn(3, 3, 3, 4).astype(np.float32) * 0.3
    target = rng.rand(1, 8, 8, 3).astype(np.float32)
    img = tf.Variable(np.full((1, 8, 8, 3), 0.5, np.float32), name="img")
    feat = tf.nn.relu(tf.nn.conv2d(img, w, [1, 1, 1, 1], "SAME"))
    want = tf.nn.relu(tf.nn.conv2d(tf.constant(target), w, [1, 1, 1, 1], "SAME"))
    loss = tf.reduce_mean(tf.square(feat - want)) + 1e-3 * tf.reduce_sum(
        tf.image.total_variation(img))
    return _minimize(tf, [img], loss, "L-BFGS-B", 20, var_to_bounds={img: (0.0, 1.0)})


class _Records(logging.Handler):
    def __init__(self):
        logging.Handler.__init__(self)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


LBFGSB_STOPS = {"maxiter": {"options": {"maxiter": 2}}, "converged": {},
                "maxfun": {"options": {"maxfun": 2}}, "ftol": {"options": {"ftol": 1e-3}},
                "bounds": "bounds"}


def lbfgsb_log(tf, stop):
    """What minimize logs at INFO (the L-BFGS-B message as its Fortran code wrote it) and
    the variable it leaves, for one way of stopping."""
    tf.reset_default_graph()
    x = tf.Variable(np.array([1.5, -2.0, 0.3], np.float32), name="x")
    loss = tf.reduce_sum(tf.square(x - 0.7) * [1., 2., 3.]) + tf.reduce_sum(x ** 4)
    kw = LBFGSB_STOPS[stop]
    if kw == "bounds":
        kw = {"var_to_bounds": {x: (0.0, 0.5)}}
    logger, records = tf.get_logger(), _Records()
    verbosity = tf.logging.get_verbosity()
    tf.logging.set_verbosity(tf.logging.INFO)
    logger.addHandler(records)
    try:
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            tf.contrib.opt.ScipyOptimizerInterface(loss, **kw).minimize(sess)
            value = sess.run(x)
    finally:
        logger.removeHandler(records)
        tf.logging.set_verbosity(verbosity)
    return {"log": [m for m in records.messages if m.startswith("Optimization")],
            "x": value}


CASES = {"slsqp": ("SLSQP", None), "slsqp_equality": ("SLSQP", _equality),
         "slsqp_mixed": ("SLSQP", _mixed), "nelder_mead": ("Nelder-Mead", None)}


def cases(tf):
    out = {name: run(tf, method, c) for name, (method, c) in CASES.items()}
    out["lbfgsb_image"] = image(tf)
    for stop in LBFGSB_STOPS:
        out["lbfgsb_log/" + stop] = lbfgsb_log(tf, stop)
    return out

"""TF 1.14 goldens for tf.contrib.distributions' moving statistics (moving_mean_variance,
assign_moving_mean_variance, assign_log_moving_mean_exp): three streamed steps' values, the
ops each builds (names, types, inputs, control inputs, colocation), the variables made, and
TF's dtype errors; and its LogNormal quadrature schemes (Gauss-Hermite, quantiles: ops,
values, static shapes). Made on the host `vendor` names (tests/test_contrib_moving_stats.py runs
flowgrad with that CPU). Output: moving_stats.json."""
import numpy as np
from goldenio import host_vendor


def _ops(tf):
    return [[o.name, o.type, [i.name for i in o.inputs], [c.name for c in o.control_inputs],
             [c.decode() for c in o.colocation_groups()]]
            for o in tf.get_default_graph().get_operations()]


def streams(tf):
    d = tf.contrib.distributions
    x = tf.placeholder(tf.float32, [3])
    m, v = d.moving_mean_variance(x, 0.9)
    lme = tf.Variable([0.5, -1.0, 2.0], name="lme")
    lm = d.assign_log_moving_mean_exp(lme, x, 0.75)
    m64 = tf.Variable(np.zeros(2), name="m64")
    v64 = tf.Variable(np.ones(2), name="v64")
    a, b = d.assign_moving_mean_variance(m64, v64, [1.5, -2.0], 0.5, name="amv")
    names = [t.name for t in (m, v, lm, a, b)]
    made = [[t.name for t in tf.global_variables()], [t.name for t in tf.trainable_variables()]]
    steps = []
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        for xs in ([1.0, 2.0, 3.0], [0.5, -1.0, 4.0], [2.0, 2.0, 2.0]):
            steps.append(s.run([m, v, lm], {x: xs}))
        steps.append(s.run([a, b]))
    return [names, made, steps, _ops(tf)]


def errors(tf):
    d = tf.contrib.distributions
    f32 = tf.Variable([0.5], name="f32")
    f64 = tf.Variable(np.zeros(1), name="f64")
    i32 = tf.Variable([1], name="i32")
    out = []
    for fn in (lambda: d.moving_mean_variance([1, 2], 0.9),
               lambda: d.assign_moving_mean_variance(f64, f32, [1.0], 0.5),
               lambda: d.assign_log_moving_mean_exp(i32, [1], 0.5),
               lambda: d.assign_moving_mean_variance(i32, f32, [1], 0.5)):
        try:
            fn()
            out.append(None)
        except TypeError as e:
            out.append(str(e))
    return out


def _scheme(tf, out):
    with tf.Session() as s:
        vals = s.run(out)
    return [[[o.name, o.type] for o in tf.get_default_graph().get_operations()], vals,
            [t.shape.as_list() for t in out]]


def quadrature(tf):
    d = tf.contrib.distributions
    out = []
    for fn in (lambda: d.quadrature_scheme_lognormal_gauss_hermite(
                   tf.constant([0.5, -1.0]), tf.constant([1.0, 2.0]), 5),
               lambda: d.quadrature_scheme_lognormal_gauss_hermite(
                   tf.constant(np.float64(0.25)), tf.constant(np.float64(0.5)), 3, name="gh"),
               lambda: d.quadrature_scheme_lognormal_quantiles(
                   tf.constant([0.5, -1.0]), tf.constant([1.0, 2.0]), 4),
               lambda: d.quadrature_scheme_lognormal_quantiles(
                   tf.placeholder_with_default([[0.1, 0.2]], [None, None]), 1.5, 2,
                   name="q")):
        with tf.Graph().as_default():
            out.append(_scheme(tf, fn()))
    return out


CASES = {"streams": streams, "errors": errors, "quadrature": quadrature}


def cases(tf):
    out = {}
    for name, fn in CASES.items():
        with tf.Graph().as_default():
            out[name] = fn(tf)
    out["vendor"] = host_vendor()
    return out

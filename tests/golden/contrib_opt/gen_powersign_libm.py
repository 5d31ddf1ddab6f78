"""ApplyPowerSign's exp under TF 1.14: its functor computes
(logbase * sign_decay * sign(g) * sign(m)).exp() inside one Eigen expression, and Eigen's
sign functor has no packet op, so the whole expression runs coefficient by coefficient:
libm's expf on every element, in whole packets too (Eigen's pexp would round some of them
differently). The raw kernel (tf.raw_ops.ApplyPowerSign) on 64 float32 values, reference
and resource variables, for sign decays where pexp and expf disagree; made on the host
recorded in "host"."""
import numpy as np
from goldenio import host_vendor

N = 64
DECAYS = np.linspace(0.05, 0.95, 24).astype(np.float32)


def _inputs():
    rs = np.random.RandomState(7)
    return [rs.randn(N).astype(np.float32) for _ in range(3)]


def _run(tf, resource):
    v0, g0, m0 = _inputs()
    g = tf.Graph()
    with g.as_default():
        var = tf.get_variable("v", initializer=v0, use_resource=resource)
        m = tf.get_variable("m", initializer=m0, use_resource=resource)
        dec = tf.placeholder(tf.float32, [])
        apply = (tf.raw_ops.ResourceApplyPowerSign if resource
                 else tf.raw_ops.ApplyPowerSign)
        op = apply(var=var.handle if resource else var, m=m.handle if resource else m,
                   lr=0.01, logbase=1.3, sign_decay=dec, beta=0.9, grad=tf.constant(g0))
        out = []
        with tf.Session() as s:
            for d in DECAYS:
                s.run(tf.global_variables_initializer())
                s.run(op, {dec: d})
                out.append(s.run(var))
    return np.stack(out)


def cases(tf):
    return {"host": host_vendor(), "ref": _run(tf, False), "resource": _run(tf, True)}

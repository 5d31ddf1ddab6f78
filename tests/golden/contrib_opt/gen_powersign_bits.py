"""PowerSign's update bits under TF 1.14: ApplyPowerSign computes
exp(logbase * sign_decay * sign(g) * sign(m)) inside its one Eigen expression over the flat
variable; Eigen's sign has no packet op, so that expression runs coefficient-wise, libm's
expf on every element (these cases do not tell it from Eigen's pexp:
gen_powersign_libm.py does). Float32 variables of several sizes (reference and
resource), a float64 one, a sign decay; each variable's values after every step."""
import numpy as np

SIZES = [(3,), (8,), (5, 4), (10, 5), (37,)]


def _run(tf, shape, dtype, resource, decay, base):
    g = tf.Graph()
    with g.as_default():
        rs = np.random.RandomState(int(np.prod(shape)) + 7)
        v = tf.get_variable("v", initializer=rs.randn(*shape).astype(dtype), use_resource=resource)
        t = tf.constant(rs.randn(*shape).astype(dtype))
        gs = tf.train.get_or_create_global_step()
        kw = {"base": base}
        if decay:
            # sign_decay.get_linear_decay_fn(6), written out
            kw["sign_decay_fn"] = lambda step: (6.0 - tf.cast(tf.minimum(step, 6), tf.float32)) / 6.0
        opt = tf.contrib.opt.PowerSignOptimizer(0.07, **kw)
        loss = tf.reduce_sum(tf.square(v - t) * tf.sin(t))
        train = opt.minimize(loss, global_step=gs)
        out = []
        with tf.Session() as s:
            s.run(tf.global_variables_initializer())
            for _ in range(4):
                s.run(train)
                out.append(s.run(v).ravel().tolist())
        return out


def cases(tf):
    out = {}
    for shape in SIZES:
        name = "x".join(str(d) for d in shape)
        out["ref/" + name] = _run(tf, shape, np.float32, False, False, np.e)
        out["resource/" + name] = _run(tf, shape, np.float32, True, False, np.e)
    out["base2/10x5"] = _run(tf, (10, 5), np.float32, False, False, 2.0)
    out["decay/5x4"] = _run(tf, (5, 4), np.float32, False, True, np.e)
    out["float64/10x5"] = _run(tf, (10, 5), np.float64, False, False, np.e)
    return out

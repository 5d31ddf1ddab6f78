"""Variable.initialized_value() is TF 1.14's tf.cond(is_variable_initialized(v), v.read_value,
initial value): its output name, the op counter it advances (also for a variable whose
initial value reads it: TF's guard), the names of the ops flowgrad keeps, and its values
before and after the variable is initialized and in the run of the initializers
(tests/test_initialized_value.py)."""
import numpy as np


def _case(tf, resource, dependent):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(5)
        v = tf.Variable(tf.ones([2]), name="v", use_resource=resource)
        before = g._last_id
        w = v.initialized_value()
        after = g._last_id
        made = [o.name for o in g.get_operations() if o.name.startswith(("cond/", "Is", "Var"))]
        u = tf.Variable(w * 2.0, name="u", use_resource=resource) if dependent else None
        ema = tf.train.ExponentialMovingAverage(0.9) if dependent else None
        upd = ema.apply([v]) if dependent else None
        end = g._last_id
        r = tf.random_uniform([3])
        out = {"name": w.name, "counter": after - before, "total": end - before,
               "ops": made}
        with tf.Session(graph=g) as s:
            out["uninitialized"] = s.run(w)
            s.run(tf.global_variables_initializer())
            if dependent:
                out["init_run"] = s.run([u, ema.average(v)])
            s.run(v.assign([5.0, 6.0]) if resource else tf.assign(v, [5.0, 6.0]))
            out["assigned"] = s.run(w)
            if dependent:
                s.run(upd)
                out["ema"] = s.run(ema.average(v))
            out["random"] = s.run(r)
    return out


def cases(tf):
    out = {}
    for resource in (False, True):
        for dependent in (False, True):
            name = "%s_%s" % ("resource" if resource else "ref",
                              "dependent" if dependent else "alone")
            out[name] = _case(tf, resource, dependent)
    return out

"""A variable initialized from other variables: TF 1.14's guard of its initial value
(variables.py, _try_guard_against_uninitialized_dependencies) replaces each variable read
by that variable's initialized_value() cond and copies the ops on the way
(`<op>_<variable>`), an ExponentialMovingAverage's slot (initialized from
w.initialized_value()) included. Per case: the GraphDef's nodes (name, op, inputs,
colocation), the ops get_operations() lists, the initialized values (the initializers
in one run, before and after the source variable is assigned) and a graph-seeded random
op made after (its seed2 is the op counter) (tests/test_oplist_guard.py)."""
import numpy as np


def _ema(tf, resource, num_updates):
    w = tf.Variable(np.arange(6, dtype=np.float32).reshape(3, 2), name="w",
                    use_resource=resource)
    gs = tf.train.get_or_create_global_step() if num_updates else None
    ema = tf.train.ExponentialMovingAverage(0.9, num_updates=gs)
    upd = ema.apply([w])
    return w, [ema.average(w)], upd


def _from_read(tf, resource, _):
    v = tf.Variable([1.0, 2.0], name="v")
    x = tf.Variable(v * 3.0, name="x", use_resource=resource)
    u = tf.Variable(v.initialized_value() * 2.0, name="u", use_resource=resource)
    z = tf.Variable(tf.exp(v) + tf.sqrt(v.initialized_value()), name="z",
                    use_resource=resource)
    return v, [x, u, z], None


def _plain(tf, resource, _):
    # a variable itself, its initialized_value(), two reads, a random op's sum with it
    v = tf.Variable([1.0, 2.0], name="v")
    return v, [tf.Variable(v, name="x", use_resource=resource),
               tf.Variable(v.initialized_value(), name="y", use_resource=resource),
               tf.Variable(v + v.read_value(), name="z", use_resource=resource),
               tf.Variable(tf.random_normal([2]) + v, name="r", use_resource=resource)], None


def _unguarded(tf, resource, _):
    # no variable read (a constant), and a variable in no collection: nothing copied
    v = tf.Variable([1.0, 2.0], name="v", collections=[])
    a = tf.Variable(tf.ones([2]) * 4.0, name="a", use_resource=resource)
    b = tf.Variable(v * 5.0, name="b", use_resource=resource)
    return v, [a, b], None


def _case(tf, build, resource, extra):
    g = tf.Graph()
    with g.as_default():
        tf.set_random_seed(3)
        src, made, upd = build(tf, resource, extra)
        r = tf.random_uniform([2])
        out = {"nodes": [[n.name, n.op, list(n.input), list(n.attr["_class"].list.s)]
                         for n in g.as_graph_def().node],
               "kept": [o.name for o in g.get_operations()]}
        with tf.Session(graph=g) as s:
            if src not in tf.global_variables():
                s.run(src.initializer)
            s.run(tf.global_variables_initializer())
            out["init"] = s.run(made)
            s.run(tf.assign(src, src.initial_value * 2.0) if not resource or src.op.type ==
                  "VariableV2" else src.assign(src.initial_value * 2.0))
            s.run([v.initializer for v in made])
            out["reinit"] = s.run(made)
            if upd is not None:
                s.run(upd)
                out["updated"] = s.run(made)
            out["random"] = s.run(r)
    return out


def cases(tf):
    out = {}
    for resource in (False, True):
        kind = "resource" if resource else "ref"
        out["ema_" + kind] = _case(tf, _ema, resource, False)
        out["ema_num_updates_" + kind] = _case(tf, _ema, resource, True)
        out["from_read_" + kind] = _case(tf, _from_read, resource, None)
        out["plain_" + kind] = _case(tf, _plain, resource, None)
        out["unguarded_" + kind] = _case(tf, _unguarded, resource, None)
    return out

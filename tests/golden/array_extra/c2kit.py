"""What the array_extra generators share: each case's value and the ops its graph holds,
each misuse's error as "<class>: <first line>" (TF's source locations left out)."""
from __future__ import absolute_import

import numpy as np


def value(v):
    if isinstance(v, (list, tuple)):
        return [value(a) for a in v]
    v = np.asarray(v)
    if v.dtype.kind == "O":
        return [b.decode() for b in v.reshape(-1).tolist()]
    return v.tolist()


def error(e):
    first = str(e).splitlines()[0] if str(e) else ""
    for marker in (" (defined at ", "\t [["):
        first = first.split(marker)[0]
    return "%s: %s" % (type(e).__name__, first)


def _run(tf, fn, init):
    r = fn(tf)
    sess = tf.Session()
    if init:
        sess.run(tf.global_variables_initializer())
    return sess.run(r)


def run_cases(tf, cases, errors, init=False):
    """{name: [value, [[op name, op type], ...]]} for `cases` and {"error:" + name: error}
    for `errors`, each in a graph of its own (with init: variables initialized first)."""
    out = {}
    for name, fn in sorted(cases.items()):
        g = tf.Graph()
        with g.as_default():
            v = _run(tf, fn, init)
            out[name] = [value(v), [[o.name, o.type] for o in g.get_operations()]]
    for name, fn in sorted(errors.items()):
        g = tf.Graph()
        with g.as_default():
            try:
                _run(tf, fn, init)
                out["error:" + name] = None
            except Exception as e:  # noqa: BLE001 - TF's verdict is the golden
                out["error:" + name] = error(e)
    return out

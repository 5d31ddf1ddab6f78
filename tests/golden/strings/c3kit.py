"""What the c3 generators of this folder share (strings, complex numbers, encodings, tf.io
aliases, special functions): each case is a function `build(tf)` run in a graph of its own;
`record` returns the graph's ops (name, type) and the fetched values, or the error raised
at build or run time (class name and first line). The tests run the same functions with
flowgrad (tests/test_strings_c3.py). Python 3.7: imported by the oracle."""
from __future__ import absolute_import

import numpy as np


def first_line(e):
    lines = [ln.strip() for ln in str(e).splitlines()
             if ln.strip() and "root error(s) found" not in ln]
    first = lines[0] if lines else ""
    if first.startswith("(0) "):
        first = first[4:]
    for marker in (" (defined at ", "\t [[", " [[", "\n"):
        first = first.split(marker)[0]
    return first.strip()


class Err(object):
    """An error as recorded: class name and first line."""

    def __init__(self, e):
        self.cls = type(e).__name__
        self.message = first_line(e)


class Py(object):
    """A plain Python answer (no graph run): `build` returns Py(value)."""

    def __init__(self, value):
        self.value = value


def _plain(v):
    if hasattr(v, "indices") and hasattr(v, "values") and hasattr(v, "dense_shape"):
        return ["sparse", _plain(v.indices), _plain(v.values), _plain(v.dense_shape)]
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return dict((k, _plain(x)) for k, x in v.items())
    if isinstance(v, (np.ndarray, np.generic)):
        return np.asarray(v)
    return v


def record(tf, build, fetch_ops=True):
    """{"ops": [[name, type], ...], "out": values} of build(tf), or an Err."""
    g = tf.Graph()
    with g.as_default():
        try:
            out = build(tf)
        except Exception as e:  # noqa: BLE001 - the error is the answer
            return Err(e)
        ops = [[o.name, o.type] for o in g.get_operations()] if fetch_ops else None
        if isinstance(out, Py):
            return {"ops": None, "out": _plain(out.value)}
        if out is None:
            return {"ops": ops, "out": None}
        try:
            with tf.Session(graph=g) as sess:
                val = _plain(sess.run(out))
        except Exception as e:  # noqa: BLE001
            val = Err(e)
    return {"ops": ops, "out": val}


def run_all(tf, cases, values_only=()):
    """{name: record(tf, build)} over a {name: build} table; errors as (class, line).
    Cases in `values_only` record no op list (where flowgrad's op order is not TF's in
    parts outside the function under test, e.g. the second order of Mul's gradient)."""
    res = {}
    for name in sorted(cases):
        r = record(tf, cases[name], fetch_ops=name not in values_only)
        if isinstance(r, Err):
            r = {"error": [r.cls, r.message]}
        elif isinstance(r["out"], Err):
            r = {"ops": r["ops"], "run_error": [r["out"].cls, r["out"].message]}
        res[name] = r
    return res

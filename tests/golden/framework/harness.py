"""Runs the framework cases (gen_cases_*.py) against a TF-like module and records the results.

Each case is a function `case_<name>(tf)` that builds on a fresh default graph
and returns JSON-able data. Exceptions are recorded as {"error": class name,
"msg": message}; for `tf.errors.OpError` only the first line of the message is
kept (TF appends node definitions and a Python stack trace).

Each gen_cases_<x>.py ends with `cases(tf)` = `run_all(tf, globals())`, so that
`python tools/goldens.py regen framework` records every case under TF 1.14 in
cases_<x>.json, and the tests (tests/test_*.py, via tests/framework_golden.py) run
the same case functions with flowgrad and compare with `check`.
Tests never import TensorFlow.
"""
import importlib.util
import json
import os
import sys

import goldenio

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE) if HERE not in sys.path else None


def load(module):
    spec = importlib.util.spec_from_file_location("gen_" + module,
                                                  os.path.join(HERE, "gen_" + module + ".py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def cases(module):
    mod = load(module)
    return {k[len("case_"):]: getattr(mod, k) for k in dir(mod) if k.startswith("case_")}


def run_case(tf, fn):
    tf.reset_default_graph()
    try:
        with tf.Graph().as_default():
            return {"ok": fn(tf)}
    except Exception as e:  # noqa: BLE001 - recorded for comparison
        msg = str(e)
        if isinstance(e, tf.errors.OpError):
            msg = e.message.split("\n")[0]
        return {"error": type(e).__name__, "msg": msg}
    finally:
        tf.reset_default_graph()


def _default(o):
    if hasattr(o, "item"):
        return o.item()
    if isinstance(o, (set, frozenset)):
        return sorted(o)
    return repr(o)


def normalize(result):
    """The JSON round trip of a case result (what the golden file holds)."""
    return json.loads(json.dumps(result, default=_default, sort_keys=True))


def check(module, name, tf, adjust=None):
    """Runs case `name` of `module` with `tf` and asserts it equals the TF 1.14 golden.

    `adjust(result)` may normalize both sides the same way (a documented deviation).
    """
    expected = _golden(module)[name]
    got = normalize(run_case(tf, cases(module)[name]))
    if adjust is not None:
        expected, got = adjust(expected), adjust(got)
    assert got == expected


def golden_path(module):
    return os.path.join(HERE, module + ".json")


_GOLDEN = {}


def _golden(module):
    if module not in _GOLDEN:
        _GOLDEN[module] = goldenio.read(golden_path(module))[1]
    return _GOLDEN[module]


def run_all(tf, namespace):
    """{name: normalized result} of every `case_<name>` function in `namespace` (a module's
    globals()): what gen_cases_*.py's `cases(tf)` returns."""
    return {k[len("case_"):]: normalize(run_case(tf, fn)) for k, fn in sorted(namespace.items())
            if k.startswith("case_") and callable(fn)}

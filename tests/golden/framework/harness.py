"""Runs the framework cases (cases_*.py) against a TF-like module and records the results.

Each case is a function `case_<name>(tf)` that builds on a fresh default graph
and returns JSON-able data. Exceptions are recorded as {"error": class name,
"msg": message}; for `tf.errors.OpError` only the first line of the message is
kept (TF appends node definitions and a Python stack trace).

The goldens are produced by running this file under TF 1.14:

    /tmp/tf114/bin/python tests/golden/framework/harness.py

and the tests (tests/test_*.py) run the same cases with flowgrad and compare.
Tests never import TensorFlow.
"""
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE) if HERE not in sys.path else None
MODULES = ["cases_graph", "cases_types", "cases_session", "cases_variables"]


def load(module):
    spec = importlib.util.spec_from_file_location(module, os.path.join(HERE, module + ".py"))
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
    with open(golden_path(module)) as f:
        expected = json.load(f)[name]
    got = normalize(run_case(tf, cases(module)[name]))
    if adjust is not None:
        expected, got = adjust(expected), adjust(got)
    assert got == expected


def golden_path(module):
    return os.path.join(HERE, module + ".json")


def main():
    import tensorflow as tf
    tf.logging.set_verbosity(tf.logging.ERROR)
    for module in sys.argv[1:] or MODULES:
        out = {name: run_case(tf, fn) for name, fn in sorted(cases(module).items())}
        with open(golden_path(module), "w") as f:
            json.dump(out, f, indent=1, sort_keys=True, default=_default)
            f.write("\n")
        print(module, len(out), "cases")


if __name__ == "__main__":
    main()

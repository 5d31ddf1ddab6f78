"""Helpers for the framework tests: run a TF 1.14 golden case (tests/golden/framework:
gen_cases_<module>.py holds the case functions, cases_<module>.json TF 1.14's results)."""
import os
import re
import sys

import goldens  # noqa: F401 - puts tests/golden (goldenio) on sys.path

HERE = os.path.join(os.path.dirname(__file__), "golden", "framework")
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import harness

import flowgrad as tf


def case_names(module):
    return sorted(harness.cases(module))


def check(module, name, adjust=None):
    harness.check(module, name, tf, adjust)


def drop_items(*indices):
    """An `adjust` that ignores some items of a case's result list (documented deviations)."""
    def adjust(result):
        if "ok" not in result:
            return result
        return {"ok": [x for i, x in enumerate(result["ok"]) if i not in indices]}
    return adjust


def lowercase_scoped_names(result):
    """Compares op names case-insensitively (internal names of another module's ops)."""
    return _map_strings(result, lambda s: s.lower())


def _map_strings(x, fn):
    if isinstance(x, str):
        return fn(x)
    if isinstance(x, list):
        return [_map_strings(v, fn) for v in x]
    if isinstance(x, dict):
        return {k: _map_strings(v, fn) for k, v in x.items()}
    return x


def before(marker):
    """An `adjust` that keeps error messages only up to `marker` (e.g. a traceback)."""
    def cut(s):
        return s.split(marker)[0] if marker in s else s
    return lambda result: _map_strings(result, cut)


_ = re

"""TF 1.14's results for the fuzzer's minimized programs (tools/fuzz/regression_specs.json)."""
from __future__ import absolute_import

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "tools", "fuzz"))

import programs  # noqa: E402


def cases(tf):
    with open(os.path.join(HERE, "..", "..", "..", "tools", "fuzz", "regression_specs.json")) as f:
        specs = json.load(f)
    return {"seed_%d" % s["seed"]: programs.run(tf, s) for s in specs}

"""TF 1.14's answers for every row of tests/op_samples.py (forward, and first- and
second-order gradients for float64 and complex rows).

Case "<sample>|<dtype>" holds {"in": inputs, "out": outputs, "g1": ..., "g2": ...};
"error" replaces "out" where TF rejects the dtype (no kernel, or a TypeError at
build time; errors are recorded as "<class>: <first line>", without the source
locations TF adds, so that the file changes only when an answer does), "grad_error" replaces "g1" and "g2" where TF cannot build the gradient, "g2_error"
replaces "g2" where TF cannot build the second-order gradient (no gradient for the
gradient op, or one TF disables).
"""
from __future__ import absolute_import

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

import op_samples  # noqa: E402


def _error(e):
    lines = [ln.strip() for ln in str(e).splitlines()
             if ln.strip() and "root error(s) found" not in ln]
    first = lines[0] if lines else ""
    if first.startswith("(0) "):
        first = first[4:]
    for marker in (" (defined at ", "\t [["):
        first = first.split(marker)[0]
    return "%s: %s" % (type(e).__name__, first)


def one(tf, sample, dtype):
    inputs = sample.inputs(dtype)
    case = {"in": inputs}
    try:
        res = op_samples.run_sample(tf, sample, dtype, inputs)
    except Exception as e:  # noqa: BLE001 - TF's verdict is the golden
        case["error"] = _error(e)
        return case
    case["out"] = res["out"]
    if dtype in sample.grad_dtypes():
        try:
            case["g1"] = op_samples.run_sample(tf, sample, dtype, inputs, True, 1)["g1"]
        except Exception as e:  # noqa: BLE001
            case["grad_error"] = _error(e)
            return case
        if sample.order >= 2:
            try:
                case["g2"] = op_samples.run_sample(tf, sample, dtype, inputs, True, 2)["g2"]
            except Exception as e:  # noqa: BLE001
                case["g2_error"] = _error(e)
    return case


def cases(tf):
    out = {}
    for sample in op_samples.SAMPLES:
        for dtype in sample.dtypes or ("none",):
            out[sample.name + "|" + dtype] = one(tf, sample, dtype)
    return out

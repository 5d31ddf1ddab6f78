"""Regenerates gradients.json with TF 1.14: `$(../shared/tools/oracle-tf114.sh) make_goldens.py`."""
import json
import os
import sys

import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", ".."))
import gradient_cases  # noqa: E402

out = {c.__name__: gradient_cases.run_case(tf, c) for c in gradient_cases.CASES}
with open(os.path.join(HERE, "gradients.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
print("wrote", len(out), "cases")

"""Runs fuzz programs under the TF 1.14 oracle: JSON specs in (one per line), results out.

    /tmp/tf114/bin/python tools/fuzz/oracle_worker.py < specs.jsonl > results.jsonl

One process serves many programs (TF's start-up dominates otherwise). Python 3.7.
"""
from __future__ import absolute_import

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "golden"))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import goldenio  # noqa: E402
import programs  # noqa: E402
import tensorflow as tf  # noqa: E402


def main():
    for line in sys.stdin:
        spec = json.loads(line)
        result = programs.run(tf, spec)
        sys.stdout.write(json.dumps({"seed": spec["seed"], "result": goldenio.encode(result)})
                         + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()

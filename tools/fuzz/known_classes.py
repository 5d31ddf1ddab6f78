"""Mismatch classes of the recorded regression cases, as a fuzz.py --known file.

    python tools/fuzz/known_classes.py /tmp/known.json

Runs every case of tools/fuzz/regression_specs.json on flowgrad against TF 1.14's
recorded results (tests/golden/fuzz/regressions.json) and records the class of each
documented or pending difference, so a fuzz run reports only classes new to them.
Cases that agree now are listed by the class they were found as, when it was saved.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests"))

import goldens  # noqa: E402
import programs  # noqa: E402


def main(path):
    import flowgrad as tf
    with open(os.path.join(HERE, "regression_specs.json")) as f:
        specs = json.load(f)
    want = goldens.load("fuzz", "regressions")
    classes = {}
    for s in specs:
        key = programs.mismatch_class(s, programs.run(tf, s), want["seed_%d" % s["seed"]]) \
            or s.get("mismatch_class")
        if key:
            classes.setdefault(key, {"seed": s["seed"], "detail": s.get("note", "")})
    with open(path, "w") as f:
        json.dump({"classes": classes, "ops": [], "programs": 0}, f, indent=1, sort_keys=True)
    print("\n".join(sorted(classes)))


if __name__ == "__main__":
    main(sys.argv[1])

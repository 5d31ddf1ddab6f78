"""Regenerates golden.json from real TensorFlow 1.14 (run with the oracle's Python).

    /tmp/tf114/bin/python tests/golden/math/make_golden.py
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from cases import CASES  # noqa: E402


def encode(v):
    if v is None:
        return None
    a = np.asarray(v)
    if a.dtype.kind in "SUO":
        return {"dtype": "string", "shape": list(a.shape),
                "value": [x.decode() if isinstance(x, bytes) else str(x) for x in a.ravel()]}
    if a.dtype.kind == "c":
        return {"dtype": a.dtype.name, "shape": list(a.shape),
                "value": [[float(x.real), float(x.imag)] for x in a.ravel()]}
    return {"dtype": a.dtype.name, "shape": list(a.shape),
            "value": [float(x) if a.dtype.kind == "f" else
                      (bool(x) if a.dtype.kind == "b" else int(x)) for x in a.ravel()]}


def run_case(case):
    g = tf.Graph()
    with g.as_default():
        env = {"tf": tf, "np": np}
        try:
            exec(case["setup"], env)
            fetches = eval(case["expr"], env)
            if case.get("static"):
                return {"static": [[t.name, t.op.type, t.dtype.base_dtype.name,
                                    None if t.shape.ndims is None else t.shape.as_list()]
                                   for t in fetches]}
            with tf.Session() as sess:
                if "init" in env:
                    sess.run(env["init"])
                real = [f for f in fetches if f is not None]
                vals = iter(sess.run(real))
                out = [None if f is None else next(vals) for f in fetches]
        except Exception as e:  # noqa: BLE001 - recorded, then checked below
            return {"error": type(e).__name__, "message": str(e).split("\n")[0]}
    return {"outputs": [encode(v) for v in out]}


def main():
    result = {}
    for case in CASES:
        r = run_case(case)
        if "error" in case:
            assert r.get("error") == case["error"], (case["name"], r)
            for m in case["match"]:
                assert m in r["message"], (case["name"], m, r["message"])
        else:
            assert "error" not in r, (case["name"], r)
        result[case["name"]] = r
    with open(os.path.join(HERE, "golden.json"), "w") as f:
        json.dump(result, f, indent=0, sort_keys=True)
    print(f"wrote {len(result)} cases")


if __name__ == "__main__":
    main()

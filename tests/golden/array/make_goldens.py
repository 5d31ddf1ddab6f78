"""Generates tests/golden/array/*.json from TensorFlow 1.14 (run with the oracle's Python).

    /tmp/tf114/bin/python tests/golden/array/make_goldens.py

Each case is a code string run in a fresh graph with `tf` and `np` bound; the
tests run the same strings with flowgrad as `tf` and compare.
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from cases import (ERROR_CASES, INDEXED_SLICES_CASES, NAME_CASES, RUN_CASES,  # noqa: E402
                   RUNTIME_ERROR_CASES, SHAPE_CASES)


def _build(code):
    env = {"tf": tf, "np": np}
    exec(code, env)
    return env


def _shape(t):
    s = t.shape
    return None if s.ndims is None else [d.value if hasattr(d, "value") else d for d in s.dims]


def _as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _encode(v):
    v = np.asarray(v)
    return {"dtype": str(v.dtype), "shape": list(v.shape),
            "data": v.astype(object if v.dtype.kind == "c" else v.dtype).tolist()}


def main():
    out = {"shapes": {}, "names": {}, "errors": {}, "runtime_errors": {}, "runs": {},
           "indexed_slices": {}}
    for key, code in SHAPE_CASES.items():
        with tf.Graph().as_default():
            outs = _as_list(_build(code)["out"])
            out["shapes"][key] = {"code": code, "outputs": [[t.dtype.base_dtype.name, _shape(t)]
                                                            for t in outs]}
    for key, code in NAME_CASES.items():
        with tf.Graph().as_default() as g:
            _build(code)
            out["names"][key] = {"code": code, "ops": [[o.name, o.type]
                                                       for o in g.get_operations()]}
    for key, code in ERROR_CASES.items():
        with tf.Graph().as_default():
            try:
                _build(code)
                raise SystemExit(f"{key}: no error")
            except (ValueError, TypeError) as e:
                msg = str(e).split(" for '")[0]
                out["errors"][key] = {"code": code, "type": type(e).__name__, "message": msg}
    for key, code in RUNTIME_ERROR_CASES.items():
        with tf.Graph().as_default():
            env = _build(code)
            with tf.Session() as sess:
                try:
                    sess.run(env["out"], env.get("feed"))
                    raise SystemExit(f"{key}: no error")
                except tf.errors.OpError as e:
                    out["runtime_errors"][key] = {"code": code, "type": type(e).__name__,
                                                  "message": e.message.split("\n")[0]}
    for key, code in RUN_CASES.items():
        with tf.Graph().as_default():
            env = _build(code)
            with tf.Session() as sess:
                vals = sess.run(_as_list(env["out"]), env.get("feed"))
            out["runs"][key] = {"code": code, "values": [_encode(v) for v in vals]}
    for key, code in INDEXED_SLICES_CASES.items():
        with tf.Graph().as_default():
            env = _build(code)
            grads = _as_list(env["out"])
            kinds = [type(gr).__name__ if gr is not None else None for gr in grads]
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                vals = sess.run([gr for gr in grads if gr is not None], env.get("feed"))
            enc = []
            it = iter(vals)
            for gr in grads:
                if gr is None:
                    enc.append(None)
                    continue
                v = next(it)
                if isinstance(gr, tf.IndexedSlices):
                    enc.append({"values": _encode(v.values), "indices": _encode(v.indices),
                                "dense_shape": _encode(v.dense_shape),
                                "indices_dtype": gr.indices.dtype.name})
                else:
                    enc.append({"dense": _encode(v)})
            out["indexed_slices"][key] = {"code": code, "kinds": kinds, "values": enc}
    with open(os.path.join(HERE, "goldens.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
    print("wrote", sum(len(v) for v in out.values()), "cases")


if __name__ == "__main__":
    main()

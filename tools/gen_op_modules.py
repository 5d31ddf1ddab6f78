"""Writes src/flowgrad/ops/gen_op_modules.json: for each of TF 1.14's generated op modules
(tensorflow.python.ops.gen_nn_ops, gen_array_ops, ...), the op types flowgrad runs whose
Python function it holds ({module: [op type, ...]}), for the `gen_*_ops` modules scripts
import (src/flowgrad/ops/_gen_ops.py).

Run under the oracle (it reads flowgrad's op_defs.json, and TF 1.14's raw ops):
    /tmp/tf114/bin/python tools/gen_op_modules.py
"""
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "src", "flowgrad")
OP_DEFS = os.path.join(ROOT, "engine", "framework", "op_defs.json")
OUT = os.path.join(ROOT, "ops", "gen_op_modules.json")


def main():
    import tensorflow as tf
    from tensorflow.python.util import tf_decorator
    with open(OP_DEFS) as f:
        op_defs = json.load(f)
    out = {}
    for name, od in sorted(op_defs.items()):
        if "pyfn" not in od or not hasattr(tf.raw_ops, name):
            continue
        fn = tf_decorator.unwrap(getattr(tf.raw_ops, name))[1]
        module = fn.__module__.rpartition(".")[2]
        if module.startswith("gen_") and getattr(
                __import__(fn.__module__, fromlist=["_"]), od["pyfn"], None) is not None:
            out.setdefault(module, []).append(name)
    with open(OUT, "w") as f:
        json.dump(out, f, sort_keys=True, indent=0)
        f.write("\n")
    print(sum(map(len, out.values())), "ops in", len(out), "modules")


if __name__ == "__main__":
    main()

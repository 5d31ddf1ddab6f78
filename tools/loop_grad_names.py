"""How far flowgrad's written loop gradients are from TF 1.14's graphs of the same models.

    PYTHONPATH=src python tools/loop_grad_names.py

For each loop-gradient model of tests/golden/ckpt/lowered_model.py: the node count of
TF's own graph (its names are recorded by gen_flowgrad_lowered.py in the golden), the
node count of the GraphDef flowgrad writes, and the names both have. No TensorFlow needed.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "golden"))
sys.path.insert(0, os.path.join(ROOT, "tests", "golden", "ckpt"))

import goldenio  # noqa: E402


def main():
    import flowgrad as tf
    from flowgrad.engine.framework import proto

    import lowered_model
    import make_flowgrad_lowered
    _, golden = goldenio.read(os.path.join(ROOT, "tests", "golden", "ckpt",
                                        "flowgrad_lowered.json"))
    total = [0, 0, 0]
    print(f"{'model':22s} {'TF':>6s} {'flowgrad':>9s} {'shared':>7s}")
    for name in lowered_model.GRAPHS:
        case = golden.get(name, {})
        if "tf_names" not in case:
            continue
        gd = proto.pb().graph_pb2.GraphDef()
        gd.ParseFromString(make_flowgrad_lowered.graph_bytes(tf, name))
        mine = {n.name for n in gd.node}
        theirs = set(case["tf_names"])
        row = [len(theirs), len(mine), len(mine & theirs)]
        total = [a + b for a, b in zip(total, row)]
        print(f"{name:22s} {row[0]:6d} {row[1]:9d} {row[2]:7d}")
    print(f"{'total':22s} {total[0]:6d} {total[1]:9d} {total[2]:7d}")


if __name__ == "__main__":
    main()

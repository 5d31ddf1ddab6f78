"""Writes flowgrad_canned_ckpt/<model>/: the checkpoint files flowgrad's canned estimators
write after 3 steps from scratch (gen_canned_ckpt.scratch), for gen_canned_ckpt.py to resume
under TF 1.14 (TF reads flowgrad's checkpoints). Run with flowgrad:
    PYTHONPATH=src python tests/golden/estimator/make_flowgrad_canned_ckpt.py"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import gen_canned_ckpt  # noqa: E402

import flowgrad as tf  # noqa: E402


def main():
    for name in sorted(gen_canned_ckpt._models()):
        files = gen_canned_ckpt.scratch(tf, name)["files"]
        tf.reset_default_graph()
        d = os.path.join(HERE, "flowgrad_canned_ckpt", name)
        os.makedirs(d, exist_ok=True)
        for fname, data in files.items():
            with open(os.path.join(d, fname), "wb") as f:
                f.write(bytes.fromhex(data))


if __name__ == "__main__":
    main()

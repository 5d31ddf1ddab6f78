"""Writes tests/golden/ckpt/flowgrad_lowered/<name>.pb: flowgrad's GraphDefs of
lowered_model.py (run with flowgrad: `python tests/golden/ckpt/make_flowgrad_lowered.py`);
TF 1.14 imports and runs them in gen_flowgrad_lowered.py; tests/test_export_lowered.py
checks flowgrad still writes these bytes."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import lowered_model  # noqa: E402


def graph_bytes(tf, name):
    with tf.Graph().as_default() as g:
        lowered_model.build(tf, name)
        return g.as_graph_def().SerializeToString(deterministic=True)


if __name__ == "__main__":
    import flowgrad as tf
    for name in lowered_model.GRAPHS:
        with open(os.path.join(HERE, "flowgrad_lowered", name + ".pb"), "wb") as f:
            f.write(graph_bytes(tf, name))

"""Writes flowgrad's GraphDefs tests/golden/ckpt/flowgrad_graphs/forward.pbtxt and .pb (run
with flowgrad: `python tests/golden/ckpt/make_flowgrad_graphs.py`); TF 1.14 imports and runs
them in gen_graph_def.py; tests/test_graph_def_canonical.py checks flowgrad still writes them."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import graph_model  # noqa: E402


def write(tf, directory):
    with tf.Graph().as_default() as g:
        graph_model.build(tf)
        tf.train.write_graph(g, directory, "forward.pbtxt")
        tf.train.write_graph(g, directory, "forward.pb", as_text=False)


if __name__ == "__main__":
    import flowgrad
    write(flowgrad, os.path.join(HERE, "flowgrad_graphs"))

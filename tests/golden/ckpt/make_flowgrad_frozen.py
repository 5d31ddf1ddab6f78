"""Writes flowgrad_graphs/frozen.pb (run with flowgrad: `python
tests/golden/ckpt/make_flowgrad_frozen.py`): flowgrad's freeze_graph of flowgrad_graphs/
forward.pbtxt with the checkpoint flowgrad_graphs/model, outputs out and s. TF 1.14 imports
and runs it in gen_freeze_graph.py; tests/test_freeze_graph.py checks flowgrad still writes
these bytes."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "flowgrad_graphs")


def write(freeze_graph, output):
    """freeze_graph: the module (flowgrad's or TF's tensorflow.python.tools.freeze_graph)."""
    return freeze_graph.freeze_graph(
        os.path.join(SRC, "forward.pbtxt"), "", False, os.path.join(SRC, "model"), "out,s",
        "save/restore_all", "save/Const:0", output, True, "")


if __name__ == "__main__":
    from flowgrad.tools import freeze_graph as fg
    write(fg, os.path.join(SRC, "frozen.pb"))

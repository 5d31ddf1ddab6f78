"""Tools on top of the graph: GraphDef export (graph_def.py), the graph viewer
(graph_viewer.py: `show_graph`)."""
import importlib


def __getattr__(name):
    if name == "show_graph":   # lazy: the viewer imports the optimizer passes
        return importlib.import_module("flowgrad.tools.graph_viewer").show_graph
    raise AttributeError(f"module 'flowgrad.tools' has no attribute {name!r}")

"""Tools on top of the graph: GraphDef export (graph_def.py), the graph viewer
(graph_viewer.py: `show_graph`)."""


def __getattr__(name):
    if name in ("show_graph", "graph_viewer"):
        from . import graph_viewer  # lazy: the viewer imports the optimizer passes
        return graph_viewer.show_graph if name == "show_graph" else graph_viewer
    raise AttributeError(f"module 'flowgrad.tools' has no attribute {name!r}")

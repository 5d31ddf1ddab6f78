"""Tools on top of the graph: GraphDef export (graph_def.py)."""

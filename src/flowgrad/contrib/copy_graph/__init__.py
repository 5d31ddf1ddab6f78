"""tf.contrib.copy_graph: copies of variables and ops from one Graph to another, under a
scope (TF 1.14's contrib/copy_graph/python/util/copy_elements.py).

    v2 = tf.contrib.copy_graph.copy_variable_to_graph(v, g2, "copy")
    y2 = tf.contrib.copy_graph.copy_op_to_graph(y, g2, [v2], "copy")
"""
from .copy_elements import copy_op_to_graph, copy_variable_to_graph, get_copied_op

__all__ = ["copy_op_to_graph", "copy_variable_to_graph", "get_copied_op"]

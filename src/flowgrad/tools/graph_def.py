"""`tf.train.write_graph`: a graph's GraphDef written to a file.

The GraphDef conversion itself is engine/framework/graph_def.py
(`Graph.as_graph_def`); this module re-exports it.
"""
from __future__ import annotations

import os

from ..engine.framework.graph import Graph
from ..engine.framework.graph_def import graph_to_graph_def  # noqa: F401 - re-exported
from ..engine.framework.proto import tf_text
from ..train.checkpoint_management import atomic_write

__all__ = ["graph_to_graph_def", "write_graph"]


def write_graph(graph_or_graph_def, logdir, name, as_text=True):
    """Writes a graph's GraphDef to `logdir/name` (text format by default); returns the path.

    >>> import os, tempfile
    >>> _ = tf.constant(1.0, name="c")
    >>> path = tf.train.write_graph(tf.get_default_graph(), tempfile.mkdtemp(), "graph.pbtxt")
    >>> os.path.basename(path)
    'graph.pbtxt'
    """
    gd = graph_or_graph_def.as_graph_def() if isinstance(graph_or_graph_def, Graph) \
        else graph_or_graph_def
    logdir = os.fspath(logdir)
    os.makedirs(logdir, exist_ok=True)
    path = os.path.join(logdir, name)
    if as_text:
        data = tf_text(gd).encode("utf-8")  # floats as TF's float_format=''
    else:
        data = gd.SerializeToString(deterministic=True)  # attrs sorted, as TF's
    atomic_write(path, data)
    return path

"""Which view of a graph's edges the running code reads.

A graph holding flowgrad's functional control flow has two forms: the ops flowgrad builds
and runs (an op of a tf.cond branch reads the tensor it was built on, made outside the
branch) and TF 1.14's dataflow form, which `Operation.inputs`, `Tensor.consumers()` and
`Graph.get_operations()` show (that op reads the Switch TF's CondContext inserted,
tf_nodes.py). flowgrad's own passes (the GraphDef export, gradient walks and rules, static
values, plan building) read flowgrad's form: they run inside `engine_side`, in which the
public properties answer flowgrad's edges and never export the graph."""
from __future__ import annotations

import functools
import threading

_local = threading.local()


def active() -> bool:
    """Whether the calling thread runs inside `engine_side`."""
    return _local.__dict__.get("depth", 0) > 0


def engine_side(fn):
    """Runs `fn` with flowgrad's view of the edges (see the module's doc)."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        d = _local.__dict__
        d["depth"] = d.get("depth", 0) + 1
        try:
            return fn(*args, **kwargs)
        finally:
            d["depth"] -= 1
    return wrapper

"""TF 1.14's tensorflow.python.eager.context (tensor2tensor, sonnet and official/ models
import it for `context.executing_eagerly()` / `context.in_eager_mode()`), for a program in
graph mode, which flowgrad always is: executing_eagerly and in_eager_mode give False,
default_execution_mode is GRAPH_MODE, num_gpus 0 (the CPU), graph_mode() a context that
changes nothing. eager_mode() (eager execution) raises NotImplementedError.
"""
from __future__ import annotations

import contextlib

from .. import executing_eagerly

__all__ = ["ASYNC", "DEVICE_PLACEMENT_EXPLICIT", "DEVICE_PLACEMENT_SILENT",
           "DEVICE_PLACEMENT_SILENT_FOR_INT32", "DEVICE_PLACEMENT_WARN", "EAGER_MODE",
           "GRAPH_MODE", "SYNC", "default_execution_mode", "eager_mode", "executing_eagerly",
           "graph_mode", "in_eager_mode", "num_gpus"]

# the constants of TF 1.14's python/eager/context.py
GRAPH_MODE = 0
EAGER_MODE = 1
default_execution_mode = GRAPH_MODE
SYNC = 0
ASYNC = 1
DEVICE_PLACEMENT_EXPLICIT = 0
DEVICE_PLACEMENT_WARN = 1
DEVICE_PLACEMENT_SILENT = 2
DEVICE_PLACEMENT_SILENT_FOR_INT32 = 3

in_eager_mode = executing_eagerly


def num_gpus():
    """The number of GPUs TF's eager context sees: flowgrad runs on the CPU (0)."""
    return 0


@contextlib.contextmanager
def graph_mode():
    """TF's context that turns eager execution off for the thread: flowgrad is in graph
    mode already."""
    yield


def eager_mode():
    raise NotImplementedError("tensorflow.python.eager.context.eager_mode: flowgrad has no "
                              "eager execution (TF 1.x graph mode only)")

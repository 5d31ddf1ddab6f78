"""tf.config.threading: the thread counts of later Sessions' ConfigProto (0: the runtime
chooses)."""
from __future__ import annotations

from ..engine.framework.context import context as _context

__all__ = ["get_inter_op_parallelism_threads", "get_intra_op_parallelism_threads",
           "set_inter_op_parallelism_threads", "set_intra_op_parallelism_threads"]


def get_intra_op_parallelism_threads() -> int:
    """Threads one op may use (ConfigProto.intra_op_parallelism_threads)."""
    return _context().config().intra_op_parallelism_threads


def set_intra_op_parallelism_threads(num_threads) -> None:
    """Sets the threads one op may use; RuntimeError once the runtime is initialized."""
    _context().set_threads("intra", num_threads)


def get_inter_op_parallelism_threads() -> int:
    """Ops run at once (ConfigProto.inter_op_parallelism_threads)."""
    return _context().config().inter_op_parallelism_threads


def set_inter_op_parallelism_threads(num_threads) -> None:
    """Sets the ops run at once; RuntimeError once the runtime is initialized."""
    _context().set_threads("inter", num_threads)

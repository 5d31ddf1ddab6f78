"""`tf.contrib.tfprof.tfprof_logger`: write_op_log (tf.profiler.write_op_log)."""
from ...profiler.tfprof_logger import write_op_log as _write_op_log

__all__ = ["write_op_log"]


def write_op_log(graph, log_dir, op_log=None, run_meta=None, add_trace=True):
    """Writes the op log of `graph` (float ops, trainable variables, traces) merged with
    `op_log` to `log_dir`/tfprof_log, as tf.profiler.write_op_log; returns None."""
    _write_op_log(graph, log_dir, op_log, run_meta, add_trace)

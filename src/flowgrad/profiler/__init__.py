"""`tf.profiler`: `profile` (scope and op views: float operations, parameters, time,
bytes, run counts), `Profiler` (steps; scope, op and code views; advise), `advise`,
`ProfileOptionBuilder`, `write_op_log` and `OpLogProto`."""
from .model_analyzer import GraphNodeProto, MultiGraphNodeProto, profile
from .option_builder import ProfileOptionBuilder
from .profiler import AdviceProto, Profiler, advise
from .tfprof_logger import OpLogProto, write_op_log

__all__ = ["AdviceProto", "GraphNodeProto", "MultiGraphNodeProto", "OpLogProto",
           "ProfileOptionBuilder", "Profiler", "advise", "profile", "write_op_log"]

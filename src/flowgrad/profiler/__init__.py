"""`tf.profiler`: `profile` (scope and op views: float operations, parameters, time,
bytes, run counts), `Profiler` (steps; scope, op and code views; advise), `advise` and
`ProfileOptionBuilder`."""
from .model_analyzer import GraphNodeProto, MultiGraphNodeProto, profile
from .option_builder import ProfileOptionBuilder
from .profiler import AdviceProto, Profiler, advise

__all__ = ["AdviceProto", "GraphNodeProto", "MultiGraphNodeProto", "ProfileOptionBuilder",
           "Profiler", "advise", "profile"]

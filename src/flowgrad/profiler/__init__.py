"""`tf.profiler`: `profile` (scope view: float operations, parameters, time and bytes) and
`ProfileOptionBuilder`."""
from .model_analyzer import GraphNodeProto, profile
from .option_builder import ProfileOptionBuilder

__all__ = ["GraphNodeProto", "ProfileOptionBuilder", "profile"]

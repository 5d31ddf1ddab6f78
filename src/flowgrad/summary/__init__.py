"""tf.summary: summaries and FileWriter (event files TensorBoard reads).

Needs the `summary` extra (tensorboard, protobuf) when used; importing this
package does not import tensorboard. The proto classes `Summary`, `Event`,
`SessionLog`, `HistogramProto`, `SummaryMetadata` are loaded on first access.
"""
# ruff: noqa: F401
from .summary_ops import audio, histogram, image, merge, merge_all, scalar, tensor_summary, text
from .writer import FileWriter, FileWriterCache
from ._description import all_v2_summary_ops, get_summary_description
from .summary_ops_v2 import initialize
from ..engine.framework.proto import pb

_PROTOS = {"Summary": "summary_pb2", "SummaryMetadata": "summary_pb2",
           "SummaryDescription": "summary_pb2",
           "HistogramProto": "summary_pb2", "Event": "event_pb2", "SessionLog": "event_pb2",
           "TaggedRunMetadata": "event_pb2"}


def __getattr__(name):
    mod = _PROTOS.get(name)
    if mod is None:
        raise AttributeError(f"module 'flowgrad.summary' has no attribute '{name}'")
    return getattr(getattr(pb(), mod), name)

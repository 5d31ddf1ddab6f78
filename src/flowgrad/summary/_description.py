"""tf.summary.get_summary_description and all_v2_summary_ops (TF 1.14's summary/summary.py
and ops/summary_ops_v2.py, graph mode)."""
from __future__ import annotations

from ..engine.framework.graph import get_collection
from ..engine.framework.proto import pb

__all__ = ["all_v2_summary_ops", "get_summary_description"]

_SUMMARY_COLLECTION = "_SUMMARY_V2"   # TF's GraphKeys._SUMMARY_COLLECTION


def all_v2_summary_ops():
    """The V2-style summary ops of the default graph (its "_SUMMARY_V2" collection: TF's
    tf.contrib.summary ops add themselves there; TF 1.x tf.summary ops do not)."""
    return get_collection(_SUMMARY_COLLECTION)


def get_summary_description(node_def):
    """The SummaryDescription in the `description` attr (JSON) of a TensorSummary NodeDef;
    ValueError for another op."""
    if node_def.op != "TensorSummary":
        raise ValueError("Can't get_summary_description on %s" % node_def.op)
    from google.protobuf import json_format  # lazy: protobuf is the optional summary extra
    raw = node_def.attr["description"].s
    text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
    description = pb().summary_pb2.SummaryDescription()
    json_format.Parse(text, description)
    return description

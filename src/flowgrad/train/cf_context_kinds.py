"""The `cond_context` / `while_context` collections in a MetaGraphDef: TF's CondContextDef /
WhileContextDef protos of the context objects (engine/framework/cf_contexts.py) written by
export_meta_graph and a Saver's .meta, and read back by import_meta_graph (as TF's
from_proto)."""
from __future__ import annotations

import logging

from ..engine.framework import cf_contexts, meta_graph
from ..engine.framework.cf_contexts import CondContext, WhileContext
from ..engine.framework.meta_graph import _b64, _unb64

_log = logging.getLogger("tensorflow")   # (as meta_graph's warnings)


def _protos():
    from ..protos import control_flow_pb2  # lazy: protobuf loads on first use
    return control_flow_pb2


cf_contexts.use_protos(_protos)


def _kind(key, cls, proto_name):
    def parse(value):
        return getattr(_protos(), proto_name).FromString(_unb64(value))

    def to_json(item, scope):
        try:
            p = item.to_proto(scope)
        except ImportError as e:   # no protobuf / tensorboard: the context is left out
            _log.warning("Leaving %s out of the collection %s: %s", item.name, key, e)
            return None
        return None if p is None else _b64(p.SerializeToString())

    def check(value, has_node):
        name = parse(value).pivot_name
        if not has_node(name.split(":")[0]):
            raise ValueError(f"names {name!r}, which is not a node of the meta graph")

    meta_graph.register_collection_kind(
        key, lambda x: isinstance(x, cls), to_json,
        lambda value, scope: cls.from_proto(parse(value), import_scope=scope), check,
        tf_bytes=(_unb64, _b64))


_kind(cf_contexts.COND_CONTEXT, CondContext, "CondContextDef")
_kind(cf_contexts.WHILE_CONTEXT, WhileContext, "WhileContextDef")

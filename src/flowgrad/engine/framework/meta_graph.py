"""Meta graphs: a Graph, its collections and its SaverDef as one JSON document.

This document is flowgrad's own, internal form; files are written as TF's MetaGraphDef
protobuf (to_tf_meta_graph, as TF 1.14's create_meta_graph_def builds it: stripped_op_list,
_output_shapes, default attrs stripped on request, $unbound_inputs_ for a scoped export),
and that proto is what tf.train.export_meta_graph returns (export_scoped_meta_graph with
as_proto). A collection TF's proto cannot hold (a registered kind without tf_bytes, plain
Python objects) is left out of it with TF's "Issue encountered when serializing" warning.

`export_scoped_meta_graph` serializes every op (type, name, inputs, control
inputs, device, colocation, gradient override, attrs) and every collection
that can be named; `import_scoped_meta_graph` rebuilds the ops with
`Graph._create_op` under their exact names, so a model can be restored and
run by name without the code that built it (tf.train.import_meta_graph).

Collections of Tensors, Operations, strings and numbers are built in; other
objects are described by the layer that owns them, registered with
`register_collection_kind` (TF's `ops.register_proto_function`): the Saver
registers Savers and Variables, so this module imports nothing above the
engine.

Attrs are tagged JSON values: DTypes, TensorShapes, tuples, lists, dicts,
bytes, NumPy arrays and scalars (raw bytes in base64; string arrays as
base64 items). Nothing is pickled: loading a meta graph never runs code.

A meta graph file is read as untrusted input: it must be a regular file of
at most MAX_META_GRAPH_BYTES; every field is type-checked when it is parsed
(DecodeError, TF's error for a malformed proto; read_meta_graph_file reports
it as TF's IOError "Cannot parse file"); attr values nest at most
MAX_ATTR_DEPTH deep; and before anything is added to the graph, import checks
that every op type is registered (NotFoundError), that names are valid and
unique, that every input exists and that there is no cycle (ValueError, with
TF's messages).
"""
from __future__ import annotations

import base64
import binascii
import heapq
import json
import logging
import math
import os
import re
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from . import dtypes as _dt
from . import errors, file_io, proto
from .graph import Graph, GraphKeys, Operation, Tensor, _ControlDependencies, get_default_graph
from .registry import registered
from .tensor_shape import TensorShape

__all__ = ["DecodeError", "MetaGraphDef", "SaverDef", "export_scoped_meta_graph",
           "import_scoped_meta_graph", "read_meta_graph_file", "register_collection_kind",
           "strip_name_scope", "variable_def_dict", "variable_def_proto"]

_log = logging.getLogger("tensorflow")  # as TF: tf.logging (its verbosity) governs these
FORMAT = "flowgrad-meta-graph"
FORMAT_VERSION = 1
MAX_META_GRAPH_BYTES = 2 << 30   # protobuf's limit on a serialized message
MAX_ATTR_DEPTH = 64

# TF's node name rule (tensorflow/core/framework/node_def_util.cc).
_NODE_NAME = re.compile(r"[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*")
_INPUT = re.compile(r"(\^)?((?:\$unbound_inputs_)?[A-Za-z0-9.][A-Za-z0-9_.\\/>-]*)(?::(\d+))?")
# TF's prefix of an input from outside a scoped export's scope (import needs it in input_map)
UNBOUND_INPUT_PREFIX = "$unbound_inputs_"


class DecodeError(ValueError):
    """A document that is not a well-formed meta graph (protobuf's message.DecodeError)."""


# ---------------------------------------------------------------------------------------
# Attr values <-> tagged JSON
# ---------------------------------------------------------------------------------------
def _b64(b):
    return base64.b64encode(b).decode("ascii")


def _unb64(s):
    if not isinstance(s, str):
        raise DecodeError(f"expected base64 text, got {type(s).__name__}")
    try:
        return base64.b64decode(s, validate=True)
    except (binascii.Error, ValueError):
        raise DecodeError(f"invalid base64 data {s[:40]!r}") from None


def encode_value(v, where="value"):
    """A JSON-able, type-tagged form of an attr value (ValueError if it has none)."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int) and not isinstance(v, bool):
        return v
    if isinstance(v, float):
        if np.isfinite(v):
            return v
        return {"float": repr(v)}
    if isinstance(v, _dt.DType):
        return {"dtype": v.name}
    if isinstance(v, TensorShape):
        return {"shape": v.as_list() if v.ndims is not None else None}
    if isinstance(v, tuple):
        return {"tuple": [encode_value(x, where) for x in v]}
    if isinstance(v, list):
        return {"list": [encode_value(x, where) for x in v]}
    if isinstance(v, dict):
        return {"dict": [[encode_value(k, where), encode_value(x, where)] for k, x in v.items()]}
    if isinstance(v, bytes):
        return {"bytes": _b64(v)}
    if isinstance(v, complex):
        return {"complex": [v.real, v.imag]}
    if isinstance(v, np.ndarray):
        if v.dtype == object:
            items = [_b64(x if isinstance(x, bytes) else str(x).encode()) for x in v.reshape(-1)]
            return {"ndarray": {"dtype": "string", "shape": list(v.shape), "items": items}}
        return {"ndarray": {"dtype": v.dtype.str, "shape": list(v.shape),
                            "data": _b64(np.ascontiguousarray(v).tobytes())}}
    if isinstance(v, np.generic):
        return {"scalar": {"dtype": v.dtype.str, "data": _b64(v.tobytes())}}
    raise ValueError(f"Cannot serialize {where} of type {type(v).__name__} ({v!r}) into a meta "
                     "graph")


def _np_dtype(s):
    """The NumPy dtype named `s`: plain numbers only (no objects, records or strings)."""
    try:
        d = np.dtype(s) if isinstance(s, str) else None
    except TypeError:
        d = None
    if d is None or d.kind not in "biufc" or d.fields is not None or d.subdtype is not None:
        raise DecodeError(f"array dtype {s!r} is not a numeric dtype")
    return d


def _shape_list(x):
    if not isinstance(x, list) or len(x) > 254 or \
            not all(type(d) is int and d >= 0 for d in x):
        raise DecodeError(f"array shape {x!r} is not a list of sizes")
    return tuple(x)


def _float(x):
    if type(x) is float or type(x) is int:
        return float(x)
    raise DecodeError(f"expected a number, got {type(x).__name__}")


def _decode_float_tag(x):
    if x not in ("inf", "-inf", "nan"):
        raise DecodeError(f"float tag holds {x!r}; only 'inf', '-inf', 'nan' are tagged")
    return float(x)


def _decode_shape(x):
    if x is None:
        return TensorShape(None)
    if not isinstance(x, list) or len(x) > 254 or \
            not all(d is None or (type(d) is int and d >= 0) for d in x):
        raise DecodeError(f"shape {x!r} is not a list of sizes or nulls")
    return TensorShape(x)


def _decode_ndarray(x):
    if not isinstance(x, dict):
        raise DecodeError("ndarray value is not an object")
    shape = _shape_list(x.get("shape"))
    count = math.prod(shape)
    if x.get("dtype") == "string":
        if set(x) != {"dtype", "shape", "items"} or not isinstance(x["items"], list) or \
                len(x["items"]) != count:
            raise DecodeError(f"string array of shape {list(shape)} does not hold {count} items")
        out = np.empty(count, dtype=object)
        out[:] = [_unb64(s) for s in x["items"]]
        return out.reshape(shape)
    if set(x) != {"dtype", "shape", "data"}:
        raise DecodeError(f"ndarray fields {sorted(x)}, expected ['data', 'dtype', 'shape']")
    d = _np_dtype(x["dtype"])
    raw = _unb64(x["data"])
    if len(raw) != count * d.itemsize:
        raise DecodeError(f"array of {d}{list(shape)} needs {count * d.itemsize} bytes, "
                          f"has {len(raw)}")
    return np.frombuffer(raw, dtype=d).reshape(shape).copy()


def _decode_scalar(x):
    if not isinstance(x, dict) or set(x) != {"dtype", "data"}:
        raise DecodeError("scalar value is not an object with dtype and data")
    d = _np_dtype(x["dtype"])
    raw = _unb64(x["data"])
    if len(raw) != d.itemsize:
        raise DecodeError(f"scalar of {d} needs {d.itemsize} bytes, has {len(raw)}")
    return np.frombuffer(raw, dtype=d)[0]


def _decode_dtype(x):
    try:
        d = _dt.as_dtype(x) if isinstance(x, str) else None
    except TypeError:
        d = None
    if d is None:
        raise DecodeError(f"unknown dtype {x!r}")
    return d


def _decode_list(x, depth):
    if not isinstance(x, list):
        raise DecodeError(f"expected a list, got {type(x).__name__}")
    return [decode_value(e, depth + 1) for e in x]


def _decode_dict(x, depth):
    if not isinstance(x, list) or not all(isinstance(p, list) and len(p) == 2 for p in x):
        raise DecodeError("dict value is not a list of [key, value] pairs")
    out = {}
    for k, v in x:
        k = decode_value(k, depth + 1)
        k = tuple(k) if isinstance(k, list) else k
        try:
            hash(k)
        except TypeError:
            raise DecodeError(f"dict key {k!r} is not hashable") from None
        out[k] = decode_value(v, depth + 1)
    return out


def _decode_complex(x):
    if not isinstance(x, list) or len(x) != 2:
        raise DecodeError("complex value is not [real, imag]")
    return complex(_float(x[0]), _float(x[1]))


_TAGS = {
    "float": lambda x, depth: _decode_float_tag(x),
    "dtype": lambda x, depth: _decode_dtype(x),
    "shape": lambda x, depth: _decode_shape(x),
    "tuple": lambda x, depth: tuple(_decode_list(x, depth)),
    "list": _decode_list,
    "dict": _decode_dict,
    "bytes": lambda x, depth: _unb64(x),
    "complex": lambda x, depth: _decode_complex(x),
    "ndarray": lambda x, depth: _decode_ndarray(x),
    "scalar": lambda x, depth: _decode_scalar(x),
}


def decode_value(j, depth=0):
    """Inverse of `encode_value`; DecodeError for anything it would not have written."""
    if j is None or isinstance(j, (bool, str, int, float)):
        return j
    if depth >= MAX_ATTR_DEPTH:
        raise DecodeError(f"attr value nested more than {MAX_ATTR_DEPTH} deep")
    if not isinstance(j, dict) or len(j) != 1:
        raise DecodeError(f"malformed attr value {str(j)[:60]}")
    (tag, x), = j.items()
    decode = _TAGS.get(tag)
    if decode is None:
        raise DecodeError(f"unknown attr value tag {tag!r}")
    return decode(x, depth)


# ---------------------------------------------------------------------------------------
# SaverDef (TF's saver_pb2.SaverDef: a proto the MetaGraphDef holds)
# ---------------------------------------------------------------------------------------
class SaverDef:
    """TF's SaverDef proto: the names a Saver runs, and its retention policy."""

    V1, V2 = 1, 2
    _FIELDS = ("filename_tensor_name", "save_tensor_name", "restore_op_name", "max_to_keep",
               "sharded", "keep_checkpoint_every_n_hours", "version")
    _TYPES = {"filename_tensor_name": (str,), "save_tensor_name": (str,),
              "restore_op_name": (str,), "max_to_keep": (int,), "sharded": (bool,),
              "keep_checkpoint_every_n_hours": (int, float), "version": (int,)}

    def __init__(self, filename_tensor_name="", save_tensor_name="", restore_op_name="",
                 max_to_keep=0, sharded=False, keep_checkpoint_every_n_hours=0.0, version=2):
        self.filename_tensor_name = filename_tensor_name
        self.save_tensor_name = save_tensor_name
        self.restore_op_name = restore_op_name
        self.max_to_keep = max_to_keep
        self.sharded = sharded
        self.keep_checkpoint_every_n_hours = keep_checkpoint_every_n_hours
        self.version = version

    def to_dict(self):
        return {k: getattr(self, k) for k in self._FIELDS}

    @classmethod
    def from_dict(cls, d):
        """The SaverDef of a dict written by to_dict (DecodeError if it is not one)."""
        if not isinstance(d, dict) or not set(d) <= set(cls._FIELDS):
            raise DecodeError(f"saver_def is not an object with fields {list(cls._FIELDS)}")
        for k, v in d.items():
            if type(v) not in cls._TYPES[k] or (type(v) is float and not math.isfinite(v)):
                raise DecodeError(f"saver_def field {k} holds {type(v).__name__} {v!r}")
        return cls(**d)

    def __eq__(self, other):
        return isinstance(other, SaverDef) and self.to_dict() == other.to_dict()

    def __str__(self):
        lines = []
        for k in self._FIELDS:
            v = getattr(self, k)
            if k == "version":
                lines.append(f"version: V{v}")
            elif isinstance(v, str):
                if v:
                    lines.append(f'{k}: "{v}"')
            elif isinstance(v, bool):
                if v:
                    lines.append(f"{k}: true")
            elif v:
                lines.append(f"{k}: {v}")
        return "\n".join(lines) + "\n"

    __repr__ = __str__


# ---------------------------------------------------------------------------------------
# Collections: built-in kinds and the registry (TF's register_proto_function)
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CollectionKind:
    """How one kind of collection item is written to and read from a meta graph.

    matches(item) -> bool: the item is of this kind.
    to_proto(item, export_scope) -> JSON value.
    from_proto(value, import_scope) -> item (in the default graph).
    check(value, has_node) -> None: raises ValueError if `value` is malformed or
      names a node for which has_node(name) is False; runs before anything is
      imported.
    tf_bytes: (encode(value) -> bytes, decode(bytes) -> value), the item as the
      serialized proto TF's MetaGraphDef holds in the collection named `kind`
      (a bytes_list); None if TF's files do not carry this kind.
    tf_node_name: value -> node name, for a kind TF's MetaGraphDef holds as a node_list
      of names (its saveable objects); None if not.
    """
    kind: str
    matches: Callable[[Any], bool]
    to_proto: Callable[[Any, Any], Any]
    from_proto: Callable[[Any, Any], Any]
    check: Callable[[Any, Callable[[str], bool]], None]
    tf_bytes: Any = None
    tf_node_name: Any = None


_KINDS: dict[str, CollectionKind] = {}


def register_collection_kind(kind, matches, to_proto, from_proto, check, tf_bytes=None,
                             tf_node_name=None):
    """Registers how items of `kind` are exported and imported (see CollectionKind).

    Registered kinds are tried before the built-in ones (node_list, bytes_list,
    str_list, int64_list, float_list), in registration order.
    """
    if kind in _BUILTIN_KINDS:
        raise ValueError(f"collection kind {kind!r} is built in")
    _KINDS[kind] = CollectionKind(kind, matches, to_proto, from_proto, check, tf_bytes,
                                  tf_node_name)


def _check_node_name(name, has_node):
    if not isinstance(name, str) or not has_node(name):
        raise ValueError(f"names {name!r}, which is not a node of the meta graph")


def _check_type(*types):
    def check(x, has_node):
        if type(x) not in types:
            raise ValueError(f"holds a {type(x).__name__}, expected "
                             f"{' or '.join(t.__name__ for t in types)}")
    return check


def _check_b64(x, has_node):
    _unb64(x)


def _is_any_proto(x):
    """A google.protobuf Any message (what TF's any_list collections hold)."""
    d = getattr(x, "DESCRIPTOR", None)
    return getattr(d, "full_name", None) == "google.protobuf.Any"


def _any_from_bytes(b):
    from google.protobuf import any_pb2  # lazy: protobuf is needed only for these items
    a = any_pb2.Any()
    a.ParseFromString(_unb64(b))
    return a


_BUILTIN_KINDS = {
    "any_list": CollectionKind(
        "any_list", _is_any_proto, lambda x, scope: _b64(x.SerializeToString()),
        lambda b, scope: _any_from_bytes(b), _check_b64),
    "node_list": CollectionKind(
        "node_list", lambda x: isinstance(x, (Tensor, Operation)),
        lambda x, scope: _strip(x.name, scope),
        lambda n, scope: get_default_graph().as_graph_element(_join(scope, n)),
        _check_node_name),
    "bytes_list": CollectionKind(
        "bytes_list", lambda x: isinstance(x, bytes), lambda x, scope: _b64(x),
        lambda b, scope: _unb64(b), _check_b64),
    "str_list": CollectionKind(
        "str_list", lambda x: isinstance(x, str), lambda x, scope: x, lambda x, scope: x,
        _check_type(str)),
    "int64_list": CollectionKind(
        "int64_list", lambda x: isinstance(x, (int, np.integer)) and not isinstance(x, bool),
        lambda x, scope: int(x), lambda x, scope: x, _check_type(int)),
    "float_list": CollectionKind(
        "float_list", lambda x: isinstance(x, (float, np.floating)),
        lambda x, scope: float(x), lambda x, scope: float(x), _check_type(float, int)),
}


def _join(scope, name):
    return f"{scope}/{name}" if scope else name


# the collections TF 1.14 registers a VariableDef to_proto for (resource_variable_ops.py):
# each item must be a variable, or the whole collection is left out with a warning
_VARIABLE_KEYS = frozenset({"variables", "trainable_variables", "moving_average_variables",
                            "local_variables", "model_variables", "global_step",
                            "metric_variables"})


def _encode_collection(key, items, export_scope):
    if not items:
        return None
    if key in _VARIABLE_KEYS and "variables" in _KINDS:
        for x in items:
            if not _KINDS["variables"].matches(x):   # (TF: the item's to_proto fails)
                raise AttributeError(f"'{type(x).__name__}' object has no attribute "
                                     "'to_proto'")
    for k in list(_KINDS.values()) + list(_BUILTIN_KINDS.values()):
        if all(k.matches(x) for x in items):
            protos = (k.to_proto(x, export_scope) for x in items)   # None: left out (TF)
            return {"kind": k.kind, "value": [p for p in protos if p is not None]}
    raise ValueError(f"collection '{key}' holds objects that a meta graph cannot describe")


# ---------------------------------------------------------------------------------------
# MetaGraphDef
# ---------------------------------------------------------------------------------------
class _GraphDefDoc:
    """The graph part of a MetaGraphDef: `node` is a list of node dicts."""

    def __init__(self, nodes, versions=None, library=None):
        self.node = nodes
        self.versions = versions or {"producer": 27}
        self.tf_versions = None   # the VersionDef proto of a TF GraphDef
        # {name: FunctionDef proto} of a TF GraphDef's function library (call ops' bodies)
        self.library = library or {}
        self.gradients = {}   # {function name: its gradient function's name} (the library's)


_NODE_FIELDS = {"name", "op", "input", "attr", "device", "colocation", "gradient_op_type"}


def _check_node(i, node):
    """Type-checks node `i` of a graph_def (DecodeError naming it); returns its attrs, decoded."""
    if not isinstance(node, dict) or not {"name", "op"} <= set(node) <= _NODE_FIELDS:
        raise DecodeError(f"graph_def.node[{i}] is not an object with fields "
                          f"{sorted(_NODE_FIELDS)}")
    name = node["name"]
    if not isinstance(name, str) or not _NODE_NAME.fullmatch(name):
        raise DecodeError(f"graph_def.node[{i}] has name {str(name)[:80]!r}, which is not a "
                          "valid node name")
    where = f"node '{name}'"
    if not isinstance(node["op"], str):
        raise DecodeError(f"{where}: op is a {type(node['op']).__name__}, not a string")
    for field in ("input", "colocation"):
        v = node.get(field, [])
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise DecodeError(f"{where}: {field} is not a list of strings")
    for field in ("device", "gradient_op_type"):
        if not isinstance(node.get(field, ""), str):
            raise DecodeError(f"{where}: {field} is not a string")
    attrs = node.get("attr", {})
    if not isinstance(attrs, dict):
        raise DecodeError(f"{where}: attr is not an object")
    out = {}
    for k, v in attrs.items():
        try:
            out[k] = decode_value(v)
        except DecodeError as e:
            raise DecodeError(f"{where}: attr '{k}': {e}") from None
    return out


def _check_collections(collection_def):
    if not isinstance(collection_def, dict):
        raise DecodeError("collection_def is not an object")
    for key, col in collection_def.items():
        if not isinstance(col, dict) or set(col) != {"kind", "value"} or \
                not isinstance(col["kind"], str) or not isinstance(col["value"], list):
            raise DecodeError(f"collection '{key}' is not an object with a kind and a value list")


class MetaGraphDef:
    """A serialized graph with its collections and SaverDef (TF's MetaGraphDef).

    Attributes: `meta_info_def` (dict), `graph_def` (`.node`: list of dicts with
    name/op/input/device/attr), `saver_def` (SaverDef or None),
    `collection_def` (dict of {"kind", "value"}).
    """

    def __init__(self, meta_info_def=None, graph_def=None, saver_def=None, collection_def=None):
        self.meta_info_def = meta_info_def or {}
        self.graph_def = graph_def or _GraphDefDoc([])
        self.saver_def = saver_def
        self.collection_def = collection_def or {}

    def to_json(self, indent=None) -> str:
        doc = {"format": FORMAT, "version": FORMAT_VERSION, "meta_info_def": self.meta_info_def,
               "graph_def": {"node": self.graph_def.node, "versions": self.graph_def.versions},
               "saver_def": self.saver_def.to_dict() if self.saver_def is not None else None,
               "collection_def": self.collection_def}
        return json.dumps(doc, indent=indent)

    def SerializeToString(self) -> bytes:
        return self.to_json().encode("utf-8")

    @classmethod
    def from_json(cls, text):
        """Parses and type-checks a document written by to_json (DecodeError if it is not)."""
        try:
            doc = json.loads(text)
        except RecursionError:
            raise DecodeError("the document nests too deeply") from None
        except ValueError as e:
            raise DecodeError(f"not JSON: {e}") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise DecodeError("not a flowgrad meta graph document")
        version = doc.get("version", 0)
        if type(version) is not int:
            raise DecodeError(f"format version {version!r} is not an integer")
        if version > FORMAT_VERSION:
            raise DecodeError(f"meta graph format version {version} is newer than this "
                              f"flowgrad reads ({FORMAT_VERSION})")
        info = doc.get("meta_info_def")
        info = {} if info is None else info
        gd = doc.get("graph_def")
        gd = {} if gd is None else gd
        if not isinstance(info, dict) or not isinstance(gd, dict):
            raise DecodeError("meta_info_def and graph_def must be objects")
        nodes = gd.get("node", [])
        versions = gd.get("versions")
        if not isinstance(nodes, list):
            raise DecodeError("graph_def.node is not a list")
        if versions is not None and (not isinstance(versions, dict) or not all(
                type(v) is int or (isinstance(v, list) and all(type(x) is int for x in v))
                for v in versions.values())):
            raise DecodeError("graph_def.versions is not an object of integers")
        for i, node in enumerate(nodes):
            _check_node(i, node)
        sd = doc.get("saver_def")
        collections = doc.get("collection_def")
        collections = {} if collections is None else collections
        _check_collections(collections)
        return cls(info, _GraphDefDoc(nodes, versions),
                   SaverDef.from_dict(sd) if sd is not None else None, collections)

    @classmethod
    def FromString(cls, data):
        if isinstance(data, bytes):
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError as e:
                raise DecodeError(f"not UTF-8 text ({e.reason} at byte {e.start})") from None
        return cls.from_json(data)


def read_meta_graph_file(filename):
    """Reads a MetaGraphDef written by export_meta_graph.

    Raises:
      IOError: the file does not exist, is not a regular file, is larger than
        MAX_META_GRAPH_BYTES, or does not parse (TF: "Cannot parse file").
      FailedPreconditionError: it is a directory (as TF).
    """
    filename = os.fspath(filename)
    try:
        fd, st = file_io.open_regular(filename)
    except FileNotFoundError:
        raise OSError(f"File {filename} does not exist.") from None
    except file_io.NotRegularFileError as e:
        if e.kind == "directory":
            raise errors.FailedPreconditionError(None, None, f"{filename}; Is a directory") \
                from None
        raise OSError(f"Cannot parse file {filename}: it is a {e.kind}, not a regular "
                      "file.") from None
    try:
        if st.st_size > MAX_META_GRAPH_BYTES:
            raise OSError(f"Cannot parse file {filename}: {st.st_size} bytes, more than a meta "
                          f"graph can have ({MAX_META_GRAPH_BYTES}).")
        data = file_io.read_fd(fd, st.st_size)
    finally:
        os.close(fd)
    if data.lstrip()[:1] not in (b"{", b"["):  # not flowgrad's JSON: TF's protobuf?
        try:
            return from_tf_meta_graph(parse_tf_meta_graph(data))
        except DecodeError as e:
            raise OSError(f"Cannot parse file {filename}: {e}.") from None
    try:
        return MetaGraphDef.FromString(data)
    except DecodeError as e:
        raise OSError(f"Cannot parse file {filename}: {e}.") from None


# ---------------------------------------------------------------------------------------
# TF's MetaGraphDef protobuf (binary or text .meta files TF writes)
# ---------------------------------------------------------------------------------------
def _stripped_op_list(out):
    """TF's stripped_op_list_for_graph: the OpDefs of the op types the graph_def's nodes
    (and its functions' nodes) use, sorted by name; functions and op types TF does not
    have are left out."""
    from .graph_def import op_def_proto  # lazy: needs the optional protos
    functions = {f.signature.name for f in out.graph_def.library.function}
    used = {n.op for n in out.graph_def.node}
    for f in out.graph_def.library.function:
        used.update(n.op for n in f.node_def)
    for op_type in sorted(used - functions):
        od = op_def_proto(op_type)
        if od is not None:
            out.meta_info_def.stripped_op_list.op.add().CopyFrom(od)


def _strip_default_attrs(out):
    """TF's strip_graph_default_valued_attrs: removes the attrs that equal their OpDef's
    default from the nodes (and functions' nodes) of op types TF has."""
    from .graph_def import op_def_proto  # lazy: needs the optional protos
    functions = {f.signature.name for f in out.graph_def.library.function}
    defaults = {}

    def strip(node):
        if node.op in functions:
            return
        if node.op not in defaults:
            od = op_def_proto(node.op)
            defaults[node.op] = {} if od is None else {
                a.name: a.default_value for a in od.attr if a.HasField("default_value")}
        for name in [k for k, v in node.attr.items() if defaults[node.op].get(k) == v]:
            del node.attr[name]

    for node in out.graph_def.node:
        strip(node)
    for f in out.graph_def.library.function:
        for node in f.node_def:
            strip(node)
    out.meta_info_def.stripped_default_attrs = True


def to_tf_meta_graph(mg, graph, export_scope=None, clear_devices=False,
                     strip_default_attrs=False, meta_info_def=None, saver_def=None,
                     library_set=False, graph_def=None):
    """TF's meta_graph_pb2.MetaGraphDef of flowgrad's `mg` exported from `graph`, as TF
    1.14's create_meta_graph_def builds it: meta_info_def (`meta_info_def`'s fields, TF's
    version strings, the stripped_op_list), the GraphDef in TF's canonical form (default
    attrs stripped with `strip_default_attrs`), the SaverDef, and the collections TF 1.14
    writes (node_list, bytes_list of VariableDef / SaverDef / QueueRunnerDef protos,
    int64_list, float_list, bytes_list, any_list); collections of other kinds are left out
    with a warning. `library_set`: the graph_def's function library is set even when
    empty (as TF's scoped export of a given GraphDef). `graph_def`: TF's GraphDef proto
    written in place of the graph's (as TF: without _output_shapes unless it has them).
    ImportError without the protobuf classes."""
    from .graph_def import graph_to_graph_def  # lazy: needs the optional protos
    p = proto.pb()
    out = p.meta_graph_pb2.MetaGraphDef()
    info = out.meta_info_def
    if meta_info_def is not None:
        info.MergeFrom(meta_info_def)
    info.tensorflow_version = "1.14.0"
    info.tensorflow_git_version = "flowgrad"   # (tf.GIT_VERSION)
    gd = graph_to_graph_def(graph, add_shapes=True) if graph_def is None else graph_def
    for node in gd.node:
        if export_scope and not node.name.startswith(export_scope):   # (TF: a prefix)
            continue
        n = out.graph_def.node.add()
        n.CopyFrom(node)
        if export_scope:
            n.name = strip_name_scope(node.name, export_scope)
            del n.input[:]
            n.input.extend(_scoped_input(i, export_scope, []) for i in node.input)
            if "_class" in n.attr:   # as TF's _node_def: loc:@ names in the scope, stripped
                locs = [strip_name_scope(c.decode(), export_scope).encode()
                        for c in n.attr["_class"].list.s
                        if c.decode().partition("@")[2].startswith(export_scope)]
                del n.attr["_class"].list.s[:]
                n.attr["_class"].list.s.extend(locs)
        if clear_devices:
            n.device = ""
    out.graph_def.versions.CopyFrom(gd.versions)
    if gd.library.function or gd.library.gradient or library_set or (
            graph_def is not None and not (export_scope or clear_devices)
            and graph_def.HasField("library")):
        out.graph_def.library.CopyFrom(gd.library)
    if not info.stripped_op_list.op:
        _stripped_op_list(out)
    if strip_default_attrs:
        _strip_default_attrs(out)
    sd = saver_def if saver_def is not None else mg.saver_def   # (TF: not scope-stripped)
    if sd is not None:
        out.saver_def.CopyFrom(p.saver_pb2.SaverDef(
            filename_tensor_name=sd.filename_tensor_name,
            save_tensor_name=sd.save_tensor_name, restore_op_name=sd.restore_op_name,
            max_to_keep=sd.max_to_keep, sharded=sd.sharded,
            keep_checkpoint_every_n_hours=sd.keep_checkpoint_every_n_hours,
            version=sd.version))
    for key in sorted(mg.collection_def):
        col = mg.collection_def[key]
        kind, values = col["kind"], col["value"]
        c = out.collection_def[key]
        if kind == "node_list":
            c.node_list.value.extend(values)
        elif kind == "int64_list":
            c.int64_list.value.extend(values)
        elif kind == "float_list":
            c.float_list.value.extend(values)
        elif kind == "bytes_list":
            c.bytes_list.value.extend(_unb64(v) for v in values)
        elif kind == "str_list":
            c.bytes_list.value.extend(v.encode("utf-8") for v in values)
        elif kind == "any_list":
            c.any_list.SetInParent()
            for v in values:
                c.any_list.value.add().ParseFromString(_unb64(v))
        elif kind == "variables":
            for d in values:
                c.bytes_list.value.append(variable_def_proto(d).SerializeToString())
        elif kind == "savers":
            for d in values:
                c.bytes_list.value.append(p.saver_pb2.SaverDef(**d).SerializeToString())
        elif kind in _KINDS and _KINDS[kind].tf_bytes is not None and key == kind:
            c.bytes_list.value.extend(_KINDS[kind].tf_bytes[0](d) for d in values)
        elif kind in _KINDS and _KINDS[kind].tf_node_name is not None:
            c.node_list.value.extend(_KINDS[kind].tf_node_name(d) for d in values)
        else:
            del out.collection_def[key]   # as TF for objects it cannot serialize
            _log.warning("Issue encountered when serializing %s.\nType is unsupported, or the "
                         "types of the items don't match field type in CollectionDef. Note "
                         "this is a warning and probably safe to ignore.\n%s", key,
                         f"collection kind {kind} has no TF proto (register_collection_kind "
                         "without tf_bytes)")
    return out


def parse_tf_meta_graph(data):
    """The meta_graph_pb2.MetaGraphDef in `data` (binary, else text format).

    Raises DecodeError saying what the bytes are when they are neither.
    """
    from google.protobuf import message, text_format  # lazy: optional (summary extra)
    p = proto.pb()
    mg = p.meta_graph_pb2.MetaGraphDef()
    try:
        mg.ParseFromString(data)
        if mg.graph_def.node or mg.HasField("meta_info_def"):
            return mg
    except (message.DecodeError, RuntimeError, ValueError):
        pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DecodeError(f"neither a flowgrad meta graph (JSON) nor a TensorFlow MetaGraphDef "
                          f"(binary or text protobuf): {len(data)} bytes starting "
                          f"{bytes(data[:12])!r}") from None
    mg = p.meta_graph_pb2.MetaGraphDef()
    try:
        text_format.Merge(text, mg)
    except text_format.ParseError as e:
        raise DecodeError(f"neither a flowgrad meta graph (JSON) nor a TensorFlow MetaGraphDef "
                          f"(not a binary protobuf; as text: {e})") from None
    return mg


def variable_def_proto(d):
    """TF's VariableDef proto of a VariableDef dict."""
    vd = proto.pb().variable_pb2.VariableDef(
        variable_name=d["variable_name"], initializer_name=d["initializer_name"],
        snapshot_name=d.get("snapshot_name") or "", trainable=bool(d.get("trainable", True)),
        initial_value_name=d.get("initial_value_name") or "",
        is_resource=bool(d.get("is_resource", False)))
    info = d.get("save_slice_info_def")
    if info is not None:
        vd.save_slice_info_def.full_name = info["full_name"]
        vd.save_slice_info_def.full_shape.extend(int(x) for x in info["full_shape"])
        vd.save_slice_info_def.var_offset.extend(int(x) for x in info["var_offset"])
        vd.save_slice_info_def.var_shape.extend(int(x) for x in info["var_shape"])
    return vd


def variable_def_dict(vd):
    """The dict of a VariableDef proto (a dict is returned as is)."""
    if isinstance(vd, dict):
        return vd
    d = {"variable_name": vd.variable_name, "initializer_name": vd.initializer_name,
         "snapshot_name": vd.snapshot_name, "trainable": bool(vd.trainable)}
    if vd.initial_value_name:
        d["initial_value_name"] = vd.initial_value_name
    if vd.is_resource:
        d["is_resource"] = True
    if vd.HasField("save_slice_info_def"):
        info = vd.save_slice_info_def
        d["save_slice_info_def"] = {"full_name": info.full_name,
                                    "full_shape": list(info.full_shape),
                                    "var_offset": list(info.var_offset),
                                    "var_shape": list(info.var_shape)}
    return d


def _variable_def_dict(raw):
    vd = proto.pb().variable_pb2.VariableDef()
    vd.ParseFromString(raw)
    return variable_def_dict(vd)


def _saver_def_of(sd):
    return SaverDef(filename_tensor_name=sd.filename_tensor_name,
                    save_tensor_name=sd.save_tensor_name, restore_op_name=sd.restore_op_name,
                    max_to_keep=int(sd.max_to_keep), sharded=bool(sd.sharded),
                    keep_checkpoint_every_n_hours=float(sd.keep_checkpoint_every_n_hours),
                    version=int(sd.version))


# Collections whose bytes are protos of objects flowgrad does not rebuild from a meta graph.
_PROTO_COLLECTIONS = {"queue_runners", "local_resources", "resources", "iterators",
                      "summary_ops"}
# What a skipped collection of TF's holds, and why flowgrad leaves it out (the warning).
_SKIPPED = {"summary_ops": "summary ops",
            "local_resources": "resource protos", "resources": "resource protos",
            "iterators": "iterator protos"}
_SKIP_REASON: dict[str, str] = {}


def from_tf_meta_graph(mg):
    """flowgrad's MetaGraphDef of TF's protobuf one: nodes with flowgrad's attrs, node_list,
    int64/float/bytes lists, Variables (VariableDef) and Savers (SaverDef) collections.
    Collections of other protos (queue runners, summaries of functions, ...) are left out
    with a warning; DecodeError for an attr flowgrad cannot hold."""
    from .graph_def import node_attrs_from_proto  # lazy: graph_def needs the optional protos
    nodes = []
    for n in mg.graph_def.node:
        try:
            attrs = node_attrs_from_proto(n.op, n.attr)
            encoded = {k: encode_value(v, where=f"attr '{k}'") for k, v in attrs.items()}
        except (ValueError, TypeError) as e:
            raise DecodeError(f"node '{n.name}' ({n.op}): {e}") from None
        node = {"name": n.name, "op": n.op, "input": list(n.input), "attr": encoded}
        if n.device:
            node["device"] = n.device
        if "_class" in n.attr:
            node["colocation"] = [c.decode()[5:] for c in n.attr["_class"].list.s
                                  if c.startswith(b"loc:@")]
        if "_gradient_op_type" in n.attr:   # gradient_override_map's mark, kept by TF
            node["gradient_op_type"] = n.attr["_gradient_op_type"].s.decode()
        nodes.append(node)
    collections = {}
    p = proto.pb()
    for key, col in mg.collection_def.items():
        kind = col.WhichOneof("kind")
        if kind == "node_list":
            collections[key] = {"kind": "node_list", "value": list(col.node_list.value)}
        elif kind == "int64_list":
            collections[key] = {"kind": "int64_list", "value": list(col.int64_list.value)}
        elif kind == "float_list":
            collections[key] = {"kind": "float_list", "value": list(col.float_list.value)}
        elif kind == "bytes_list" and key in _VARIABLE_KEYS:
            collections[key] = {"kind": "variables",
                                "value": [_variable_def_dict(b) for b in col.bytes_list.value]}
        elif kind == "bytes_list" and key == "savers":
            values = []
            for b in col.bytes_list.value:
                sd = p.saver_pb2.SaverDef()
                sd.ParseFromString(b)
                values.append(_saver_def_of(sd).to_dict())
            collections[key] = {"kind": "savers", "value": values}
        elif kind == "bytes_list" and key in _KINDS and _KINDS[key].tf_bytes is not None:
            decode = _KINDS[key].tf_bytes[1]
            collections[key] = {"kind": key, "value": [decode(b) for b in col.bytes_list.value]}
        elif kind == "bytes_list" and key not in _PROTO_COLLECTIONS:
            collections[key] = {"kind": "bytes_list",
                                "value": [_b64(b) for b in col.bytes_list.value]}
        elif kind == "any_list":   # kept as Any protos (SavedModel assets, ...)
            collections[key] = {"kind": "any_list",
                                "value": [_b64(a.SerializeToString())
                                          for a in col.any_list.value]}
        else:
            _log.warning("Skipping collection %s (%s of %s: %s)", key, kind,
                         _SKIPPED.get(key, "protos flowgrad does not rebuild"),
                         _SKIP_REASON.get(key, "not imported"))
    info = {}
    if mg.HasField("meta_info_def"):
        info = {"tags": list(mg.meta_info_def.tags),
                "tensorflow_version": mg.meta_info_def.tensorflow_version}
    library = {f.signature.name: f for f in mg.graph_def.library.function}
    doc = _GraphDefDoc(nodes, {"producer": mg.graph_def.versions.producer}, library)
    doc.gradients = {g.function_name: g.gradient_func for g in mg.graph_def.library.gradient}
    doc.tf_versions = mg.graph_def.versions   # what importing it does to the graph's
    return MetaGraphDef(info, doc,
                        _saver_def_of(mg.saver_def) if mg.HasField("saver_def") else None,
                        collections)


# ---------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------
def _strip(name, export_scope):
    if not export_scope:
        return name
    ctrl = name.startswith("^")
    n = name[1:] if ctrl else name
    pre = export_scope + "/"
    if not n.startswith(pre):
        raise ValueError(f"{n} is outside export scope {export_scope}")
    return ("^" if ctrl else "") + n[len(pre):]


def strip_name_scope(name, export_scope):
    """TF's ops.strip_name_scope: `export_scope/` removed after ^, loc:@ or the start."""
    if not export_scope:
        return name
    scope = export_scope.rstrip("/")
    return re.sub(r"([\^]|loc:@|^)" + re.escape(scope) + r"[\/]+(.*)", r"\1\2", name, count=1)


def _scoped_input(i, export_scope, unbound):
    """TF's _node_def for one input: outside `export_scope` it becomes
    `$unbound_inputs_<name>` (appended to `unbound`), inside it is stripped of the scope."""
    if not export_scope:
        return i
    if not i.lstrip("^").startswith(export_scope):
        i = ("^" if i.startswith("^") else "") + UNBOUND_INPUT_PREFIX + i.lstrip("^")
        unbound.append(i)
        return i
    return strip_name_scope(i, export_scope)


def _node(op, export_scope, clear_devices, strip_default_attrs, unbound):
    inputs = [t._as_node_def_input() for t in op._inputs]
    inputs += ["^" + c._name for c in op._control_inputs]
    attrs = {}
    for k, v in op._attrs.items():
        attrs[k] = encode_value(v, where=f"attr '{k}' of op '{op._name}' ({op._type})")
    node = {"name": strip_name_scope(op._name, export_scope), "op": op._type,
            "input": [_scoped_input(i, export_scope, unbound) for i in inputs], "attr": attrs}
    if op._device and not clear_devices:
        node["device"] = op._device
    if op._colocation:
        node["colocation"] = [strip_name_scope(c, export_scope) for c in op._colocation
                              if not export_scope or c.startswith(export_scope)]
    if op._grad_type:
        node["gradient_op_type"] = op._grad_type
    return node


def _in_scope(x, export_scope):
    """TF's _should_include_node: an item without a name is kept; a string is a name."""
    if not isinstance(x, str):
        try:
            x = x.name
        except AttributeError:
            return True
    x = str(x)
    return x.startswith("$unbound_inputs_") or x.startswith(export_scope)


_SAVER_NAMES = ("filename_tensor_name", "save_tensor_name", "restore_op_name")


def export_scoped_meta_graph(filename=None, graph=None, saver_def=None, collection_list=None,
                             as_text=False, export_scope=None, clear_devices=False,
                             strip_default_attrs=False, meta_info_def=None, atomic=False,
                             as_proto=False, library_set=False, graph_def=None,
                             unbound_inputs_col_name="unbound_inputs", **kwargs):
    """Builds the MetaGraphDef of `graph` and writes it to `filename` if given.

    Args:
      filename: where to write (JSON; pretty-printed with `as_text`).
      graph: the graph (default: the default graph).
      saver_def: the SaverDef to record (import_meta_graph rebuilds a Saver).
      collection_list: the collection keys to keep (default: all).
      export_scope: keep only ops under this scope, with the scope removed; an input from
        outside it becomes `$unbound_inputs_<name>` (as TF), listed in the graph's
        collection `unbound_inputs_col_name` (import then needs it in input_map).
      clear_devices: drop device strings.
      atomic: write through a fsync'ed temporary renamed into place.
      meta_info_def: TF's MetaInfoDef proto whose fields the meta graph's start from.
      graph_def: TF's GraphDef proto to write in TF's MetaGraphDef in place of the graph's.
      as_proto: return TF's meta_graph_pb2.MetaGraphDef (what the file holds) instead of
        flowgrad's document (ImportError without the protobuf classes).
    Returns:
      The MetaGraphDef: flowgrad's document, or TF's proto with `as_proto`.
    Raises:
      ValueError: an op has an attr that cannot be serialized (naming it).
    """
    graph = graph or get_default_graph()
    nodes, unbound = [], []
    for op in graph._flowgrad_operations():
        # as TF's _should_include_node: a name that merely starts with export_scope is in
        # it ("base" for "b"; its name then kept whole)
        if (export_scope and not op._name.startswith(export_scope)) or \
                op._type == "V1Frames":
            continue   # (V1Frames: how flowgrad runs imported TF control flow, not a node)
        nodes.append(_node(op, export_scope, clear_devices, strip_default_attrs, unbound))
    if (export_scope or clear_devices) and unbound_inputs_col_name:
        graph.clear_collection(unbound_inputs_col_name)   # as TF: the graph's collection
        for name in unbound:
            graph.add_to_collection(unbound_inputs_col_name, name)
    keys = graph.get_all_collection_keys() if collection_list is None else list(collection_list)
    collections = {}
    for key in keys:
        items = graph.get_collection(key)
        if export_scope:   # as TF's _should_include_node: a string is a node name
            items = [x for x in items if _in_scope(x, export_scope)]
        try:
            c = _encode_collection(key, items, export_scope)
        except Exception as e:  # noqa: BLE001 - as TF: any item's failure drops the collection
            _log.warning("Issue encountered when serializing %s.\nType is unsupported, or the "
                         "types of the items don't match field type in CollectionDef. Note "
                         "this is a warning and probably safe to ignore.\n%s", key, str(e))
            continue
        if c is not None:
            collections[key] = c
    info = {"meta_graph_version": "", "tags": [], "tensorflow_version": "1.14.0",
            "tensorflow_git_version": "flowgrad",
            "stripped_op_list": sorted({n["op"] for n in nodes})}
    if meta_info_def is not None:
        info["tags"] = list(meta_info_def.tags)
    sd = saver_def
    if sd is not None and export_scope and all(
            getattr(sd, k).startswith(export_scope + "/") for k in _SAVER_NAMES):
        sd = SaverDef.from_dict(sd.to_dict())
        for k in _SAVER_NAMES:
            setattr(sd, k, _strip(getattr(sd, k), export_scope))
    mg = MetaGraphDef(info, _GraphDefDoc(nodes), sd, collections)
    if as_proto:
        tf_mg = to_tf_meta_graph(mg, graph, export_scope, clear_devices, strip_default_attrs,
                                 meta_info_def, saver_def, library_set, graph_def)
    if filename:
        try:
            if not as_proto:
                tf_mg = to_tf_meta_graph(mg, graph, export_scope, clear_devices,
                                         strip_default_attrs, meta_info_def, saver_def,
                                         library_set, graph_def)
        except ImportError:  # no protobuf classes: flowgrad's own JSON document
            _log.warning("Writing %s as flowgrad's JSON meta graph: TF's format needs the "
                         "'tensorboard' and 'protobuf' packages", filename)
            tf_mg = None
        if tf_mg is None:
            text = mg.to_json(indent=1 if as_text else None).encode("utf-8")
        elif as_text:
            text = proto.tf_text(tf_mg).encode("utf-8")  # graph_io.write_graph's floats
        else:
            text = tf_mg.SerializeToString(deterministic=True)
        filename = os.fspath(filename)
        d = os.path.dirname(filename)
        if d:
            os.makedirs(d, exist_ok=True)
        if atomic:
            file_io.atomic_write(filename, text, "meta")
        else:
            with open(filename, "wb") as f:
                f.write(text)
    return tf_mg if as_proto else mg


# ---------------------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------------------
def _mark_used(graph, name):
    key = name.lower()
    if graph._names_in_use.get(key, 0) < 1:
        graph._names_in_use[key] = 1


def _parse_input(node_name, i):
    """(is_control, op name, output index) of input string `i` (ValueError as TF's)."""
    m = _INPUT.fullmatch(i)
    if m is None or (m.group(1) and m.group(3) is not None):
        raise ValueError(f"Node '{node_name}': Unknown input node '{i}'")
    return bool(m.group(1)), m.group(2), int(m.group(3) or 0)


def _plan_import(nodes, input_map, graph, full):
    """Checks the nodes before anything is added.

    Returns (creation order, parsed inputs, decoded attrs) of the nodes.

    Raises NotFoundError for an unregistered op type, ValueError (TF's
    messages) for a duplicate or taken name, an unknown input, or a cycle.
    """
    index = {}
    attrs = []
    for n, node in enumerate(nodes):
        attrs.append(_check_node(n, node))  # in-memory documents are checked too
        if not registered(node["op"]):
            raise errors.NotFoundError(
                None, None, f"Op type not registered '{node['op']}' in binary running on "
                "flowgrad. Make sure the Op and Kernel are registered in the binary running in "
                "this process. Note that if you are loading a saved graph which used ops from "
                "tf.contrib, accessing (e.g.) `tf.contrib.resampler` should be done before "
                "importing the graph, as contrib ops are lazily registered when the module is "
                "first accessed.")
        if node["name"] in index:
            raise ValueError(f"Node '{node['name']}' is not unique")
        index[node["name"]] = n
        if full(node["name"]) in graph._ops_by_name:
            raise ValueError(f"Cannot import node '{full(node['name'])}': the graph already has "
                             "an op of that name (use import_scope)")
    parsed, data_deps, all_deps = [], [], []
    for node in nodes:
        ins, data, every = [], set(), set()
        for i in node.get("input", []):
            ctrl, src, idx = _parse_input(node["name"], i)
            mapped = not ctrl and (f"{src}:{idx}" in input_map or i in input_map)
            if not mapped and src not in index:
                raise ValueError(f"Node '{node['name']}': Unknown input node '{i}'")
            ins.append((ctrl, src, idx, i, mapped))
            if not mapped and not _back_edge(node, nodes[index[src]], ctrl):
                every.add(index[src])
                if not ctrl:
                    data.add(index[src])
        for c in node.get("colocation", []):
            if c.startswith("loc:@"):
                c = c[5:]
            if not _NODE_NAME.fullmatch(c):
                raise ValueError(f"Node '{node['name']}': invalid colocation {c!r}")
        parsed.append(ins)
        data_deps.append(data)
        all_deps.append(every)
    order = _topological_order(data_deps)
    sortable = min(len(order), len(_topological_order(all_deps)))
    if sortable < len(nodes):
        raise ValueError(f"{len(nodes) - sortable} nodes in a cycle")
    return order, parsed, attrs


_MERGES = ("Merge", "RefMerge")
_NEXTS = ("NextIteration", "RefNextIteration")


def _back_edge(node, src_node, ctrl):
    """A TF while loop's back edge (NextIteration -> Merge): added after both exist."""
    return not ctrl and node["op"] in _MERGES and src_node["op"] in _NEXTS


# TF's TensorArray ops take (handle, ..., flow_in); flowgrad's carry the array in the flow
# and take (flow, ...): {op: (TF's input count, TF's input positions in flowgrad's order)}
_TF_LAYOUTS = {"TensorArrayWriteV3": (4, (3, 1, 2)), "TensorArrayReadV3": (3, (2, 1)),
               "TensorArrayGatherV3": (3, (2, 1)), "TensorArrayScatterV3": (4, (3, 1, 2)),
               "TensorArrayConcatV3": (2, (1,)), "TensorArraySplitV3": (4, (3, 1, 2)),
               "TensorArraySizeV3": (2, (1,))}


# fn(graph, ops) called with the ops an import added (ops/control_flow_v1.py: TF's frames)
_IMPORT_HOOKS = []
# op type -> fn(graph, inputs, attrs, name, library) making a call op of the GraphDef's
# function library (engine/ops/functional.py: Case, PartitionedCall)
CALL_BUILDERS = {}
# fn(library {name: FunctionDef}, gradients {name: gradient function name}), run before a
# GraphDef's nodes are checked: registers the op types of the library's Defun functions
LIBRARY_IMPORTERS = []


def register_import_hook(fn):
    _IMPORT_HOOKS.append(fn)


def _topological_order(deps):
    """Node indices, each after its dependencies, otherwise in document order (Kahn)."""
    users = [[] for _ in deps]
    waiting = [len(d) for d in deps]
    for n, d in enumerate(deps):
        for m in d:
            users[m].append(n)
    ready = [n for n, w in enumerate(waiting) if w == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        n = heapq.heappop(ready)
        order.append(n)
        for u in users[n]:
            waiting[u] -= 1
            if waiting[u] == 0:
                heapq.heappush(ready, u)
    return order


def _check_collection_values(mg, predicate, has_node):
    for key, col in mg.collection_def.items():
        if predicate is not None and not predicate(key):
            continue
        kind = _KINDS.get(col["kind"]) or _BUILTIN_KINDS.get(col["kind"])
        if kind is None:
            continue  # skipped with a warning on import
        for n, value in enumerate(col["value"]):
            try:
                kind.check(value, has_node)
            except (ValueError, TypeError, KeyError) as e:
                raise ValueError(f"Collection '{key}' (kind {col['kind']}) item {n} {e}") \
                    from None


def _build(graph, mg, order, parsed, node_attrs, input_map, full, clear_devices, import_scope,
           predicate, source, warn):
    """Adds the checked nodes and collections of `mg` to `graph` (the default graph)."""
    nodes = mg.graph_def.node
    ctrl_pending, back_pending, made = [], [], []
    by_name = None
    for n in order:
        node = nodes[n]
        inputs, ctrls = [], []
        for k, (ctrl, src, idx, raw, mapped) in enumerate(parsed[n]):
            if ctrl:
                ctrls.append(src)
                continue
            if not mapped and node["op"] in _MERGES:
                if by_name is None:
                    by_name = {d["name"]: d for d in nodes}
                if _back_edge(node, by_name[src], False):
                    back_pending.append((node, len(inputs), src, idx))
                    continue
            if mapped:
                inputs.append(input_map[f"{src}:{idx}"] if f"{src}:{idx}" in input_map
                              else input_map[raw])
                continue
            op = graph._get_operation_by_name_unsafe(full(src))
            if idx >= len(op._outputs):
                raise ValueError(f"Node '{node['name']}': Connecting to invalid output {idx} "
                                 f"of source node {src} which has {len(op._outputs)} "
                                 f"outputs{source}")
            inputs.append(op._outputs[idx])
        layout = _TF_LAYOUTS.get(node["op"])
        if layout is not None and len(inputs) == layout[0]:
            inputs = [inputs[i] for i in layout[1]]
        builder = CALL_BUILDERS.get(node["op"])
        try:
            if builder is not None:
                op = builder(graph, inputs, dict(node_attrs[n]), full(node["name"]) + "/",
                             getattr(mg.graph_def, "library", {}))
            else:
                op = graph._create_op(node["op"], inputs, dict(node_attrs[n]),
                                      full(node["name"]) + "/")
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as e:
            if isinstance(e, ValueError) and f"for '{full(node['name'])}' (op: '" in str(e):
                raise ValueError(str(e)) from None   # TF's shape function error, as TF's
            # Attrs or inputs this op's shape rule cannot accept (TF: "NodeDef missing
            # attr ...", "Input 0 of node ... was passed ...").
            raise ValueError(f"Node '{node['name']}' ({node['op']}) cannot be imported: "
                             f"{type(e).__name__}: {e}{source}") from None
        _mark_used(graph, op._name)
        if node.get("device") and not clear_devices:
            op._device = node["device"]
        if node.get("colocation"):
            op._colocation = [full(c) for c in node["colocation"]]
        if node.get("gradient_op_type"):
            op._grad_type = node["gradient_op_type"]
        if ctrls:
            ctrl_pending.append((op, ctrls))
        made.append(op)
    for node, pos, src, idx in back_pending:
        op = graph._get_operation_by_name_unsafe(full(node["name"]))
        t = graph._get_operation_by_name_unsafe(full(src))._outputs[idx]
        op._inputs = op._inputs[:pos] + (t,) + op._inputs[pos:]
        t._consumers.append(op)
        graph._backward_edges = True
    for op, ctrls in ctrl_pending:
        op._add_control_inputs([graph._get_operation_by_name_unsafe(full(c)) for c in ctrls])
    for hook in _IMPORT_HOOKS:
        hook(graph, made)

    memo = {}
    # TF's order: trainable_variables first, then the other keys sorted (graph.get_all_
    # collection_keys() of the importing graph shows it)
    keys = sorted(mg.collection_def, key=lambda k: (k != "trainable_variables", k))
    for key, col in ((k, mg.collection_def[k]) for k in keys):
        if predicate is not None and not predicate(key):
            continue
        kind = _KINDS.get(col["kind"]) or _BUILTIN_KINDS.get(col["kind"])
        if kind is None:
            if warn:
                _log.warning("Skipping collection %s of unknown kind %s", key, col["kind"])
            continue
        for value in col["value"]:
            # The same proto in two collections (a Variable in GLOBAL_VARIABLES and
            # TRAINABLE_VARIABLES) becomes one object, as in the exported graph.
            ident = (kind.kind, json.dumps(value, sort_keys=True))
            obj = memo.get(ident)
            if obj is None:
                try:
                    obj = memo[ident] = kind.from_proto(value, import_scope)
                except (ValueError, TypeError, KeyError, AttributeError) as e:
                    raise ValueError(f"Collection '{key}' (kind {col['kind']}) cannot be "
                                     f"imported: {type(e).__name__}: {e}{source}") from None
            graph.add_to_collection(key, obj)


def _unbound_inputs(mg, col_name):
    """The names in `mg`'s collection `col_name` (str_list, or bytes_list from TF's proto)."""
    col = mg.collection_def.get(col_name) if col_name else None
    if not isinstance(col, dict) or not isinstance(col.get("value"), list):
        return []
    if col.get("kind") == "bytes_list":
        return [_unb64(v).decode("utf-8", "replace") for v in col["value"]]
    return [str(v) for v in col["value"]]


def _is_tf_meta_graph(x):
    """TF's MetaGraphDef proto (tensorboard's class, or TensorFlow's own)."""
    d = getattr(x, "DESCRIPTOR", None)
    return getattr(d, "full_name", "").endswith(".MetaGraphDef") and hasattr(x, "ListFields")


def import_scoped_meta_graph(meta_graph_or_file, clear_devices=False, graph=None,
                             import_scope=None, input_map=None,
                             unbound_inputs_col_name="unbound_inputs",
                             restore_collections_predicate=None, *, source=None, **kwargs):
    """Adds the ops and collections of a MetaGraphDef to `graph` (the default graph).

    Op names are kept exactly (prefixed by `import_scope/` if given). Nothing
    is added unless all of it can be: the document is checked, then built in
    a scratch graph (input_map tensors stand in as placeholders of their
    dtype and shape), and only then in `graph`. Errors name the file the
    document came from (`meta_graph_or_file`, or `source` for a MetaGraphDef
    read from a file).

    Returns:
      A dict mapping the imported global variables' names (without the
      import scope) to their Variable objects, as TF.
    Raises:
      IOError: a file that does not exist or does not parse.
      NotFoundError: a node names an op type that is not registered.
      ValueError: a name is taken or not unique, an input does not exist, the
        nodes form a cycle, an op's attrs do not fit it, or a collection item
        is malformed.
    """
    mg = meta_graph_or_file
    if _is_tf_meta_graph(mg):
        mg = from_tf_meta_graph(mg)   # TF's proto (what export_meta_graph returns)
    elif not isinstance(mg, MetaGraphDef):
        source = os.fspath(mg)
        mg = read_meta_graph_file(mg)
    source = f" (meta graph {source})" if source else ""
    graph = graph or get_default_graph()
    pre = import_scope + "/" if import_scope else ""
    input_map = dict(input_map or {})

    def full(n):
        return pre + n

    nodes = mg.graph_def.node
    unbound = _unbound_inputs(mg, unbound_inputs_col_name)
    if unbound and sorted(unbound) != sorted(input_map):
        raise ValueError("Graph contains unbound inputs: %s. Must provide these inputs through "
                         "input_map." % ",".join(v for v in unbound if v not in input_map))
    if unbound_inputs_col_name:   # as TF: that collection is not imported
        keep = restore_collections_predicate

        def restore_collections_predicate(key):
            return key != unbound_inputs_col_name and (keep is None or keep(key))
    try:
        if not isinstance(nodes, list):
            raise DecodeError("graph_def.node is not a list")
        _check_collections(mg.collection_def)
        for hook in LIBRARY_IMPORTERS:   # (a TF Defun's call op type: engine/ops/defun.py)
            hook(getattr(mg.graph_def, "library", {}), getattr(mg.graph_def, "gradients", {}))
        order, parsed, node_attrs = _plan_import(nodes, input_map, graph, full)
        names = {node["name"] for node in nodes}
        _check_collection_values(mg, restore_collections_predicate,
                                 lambda n: n.partition(":")[0] in names)
    except (ValueError, errors.OpError) as e:
        if source:
            e.args = (f"{e.args[0] if e.args else e}{source}",) + e.args[1:]
            if isinstance(e, errors.OpError):
                e._message = e.args[0]
        raise
    mapped = {k: graph.as_graph_element(t) for k, t in input_map.items()}
    scratch = Graph()
    with scratch.as_default():
        stand_ins = {k: scratch._create_op("Placeholder", [], {
            "dtype": t.dtype, "shape": t.shape.as_tuple()}, "input_map").outputs[0]
            for k, t in mapped.items()}
        _build(scratch, mg, order, parsed, node_attrs, stand_ins, full, clear_devices, import_scope,
               restore_collections_predicate, source, warn=False)
    # (TF's importer adds no control inputs, but its ops join the tf.while_loop body or
    # tf.cond branch being built: _ProcessNewOps' _control_flow_post_processing)
    # TF's UpdateVersionDef runs before the nodes are built (a versionless GraphDef's
    # producer 0 makes its scalar Placeholders unknown-shaped), and is undone if they fail
    saved = graph._def_versions
    if getattr(mg.graph_def, "tf_versions", None) is not None:
        graph._merge_def_versions(mg.graph_def.tf_versions)
    try:
        with graph.as_default(), _ControlDependencies(graph, None, unframe=False):
            _build(graph, mg, order, parsed, node_attrs, mapped, full, clear_devices,
                   import_scope, restore_collections_predicate, source, warn=True)
    except BaseException:
        graph._def_versions = saved
        raise
    out = {}
    for v in graph.get_collection(GraphKeys.GLOBAL_VARIABLES, scope=import_scope):
        name = v.name
        if pre and name.startswith(pre):
            name = name[len(pre):]
        out[name] = v
    return out

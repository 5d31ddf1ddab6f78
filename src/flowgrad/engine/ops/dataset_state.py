"""Iterator state: what SerializeIterator saves and DeserializeIterator restores.

A state is a VariantTensorData (engine/framework/variant.py), the value TF 1.14
stores under `<iterator>:0-state` in a checkpoint. flowgrad's (type name
"flowgrad::Iterator") describes the iterator's dataset as the dataset ops of the
graph that made it, with their argument values (the fresh seeds an unseeded
shuffle drew included), and the number of elements pulled. Restoring rebuilds
the dataset from those ops in the restoring session and pulls that many elements
again: the elements that follow are the ones the saved iterator would have
produced (seeded or not, shuffled or not). TF 1.14 stores each iterator's own
position instead; a state TF wrote ("tensorflow::Iterator") is refused with a
clear error.
"""
from __future__ import annotations

import json

import numpy as np

from ..framework import errors
from ..framework.graph_def_functions import FUNCTION_BODIES
from ..framework.variant import VariantTensorData
from .dataset_core import _FUNCTIONS, MAKERS, DatasetValue, function_runners, make_dataset
from .dataset_fn import FunctionInfo

__all__ = ["TYPE_NAME", "serialize", "deserialize"]

TYPE_NAME = "flowgrad::Iterator"
_TF_TYPE_NAME = "tensorflow::Iterator"
_VERSION = 1


def _tensor_arg(a, name, i):
    arr = np.asarray(a)
    if arr.dtype == object:
        if not all(isinstance(x, bytes) for x in arr.reshape(-1)):
            raise errors.UnimplementedError(
                None, None, f"Cannot save the state of an iterator: argument {i} of dataset "
                f"op '{name}' is not a tensor flowgrad can serialize.")
    elif arr.dtype.kind not in "biufc":
        raise errors.UnimplementedError(
            None, None, f"Cannot save the state of an iterator: argument {i} of dataset op "
            f"'{name}' has dtype {arr.dtype}.")
    return arr


# ops flowgrad registers as stateful that TF does not (or that only carry function
# arguments and control flow): they never stop a save
_NOT_STATEFUL = frozenset(("Placeholder", "Cond", "While", "WhileGrad", "LoopVar",
                           "CheckNumerics", "MatchingFiles"))


def _stateless_functions(op):
    """InvalidArgumentError, as TF 1.14's, if a function of dataset op `op` (or of a
    dataset op inside it) runs a stateful op: TF cannot save such iterators either."""
    if op.type == "GeneratorDataset":
        raise errors.InvalidArgumentError(
            None, None, "Op[name: PyFunc, type: PyFunc] in function "
            "__inference_Dataset_from_generator_finalize_fn is stateful. Saving stateful "
            "functions is not supported yet.")
    for info in _FUNCTIONS.get(op, ()):
        if not isinstance(info, FunctionInfo):
            continue
        for o in info.graph._flowgrad_operations():
            if o.type.endswith(("Dataset", "DatasetV2")):
                _stateless_functions(o)
            elif o.type == "If" and _stateless_branches(o):
                continue
            elif o._def.stateful and o.type not in _NOT_STATEFUL:
                raise errors.InvalidArgumentError(
                    None, None, f"Op[name: {o.name}, type: {o.type}] in function "
                    f"{info.graph.name} is stateful. Saving stateful functions is not "
                    "supported yet.")


def _stateless_branches(op):
    """True if no branch of If `op` (nested Ifs included) runs a stateful op: TF 1.14 lowers
    an If in a tf.data function to Switch / Merge before its check (TF then names a branch's
    stateful op after a counter of its lowering, `cond/then/_0/...`: not modelled, such an
    If is named instead)."""
    for bodies in FUNCTION_BODIES["If"](op).values():
        for graph, _, _ in bodies:
            for o in graph._flowgrad_operations():
                if o.type == "If":
                    if not _stateless_branches(o):
                        return False
                elif o._def.stateful and o.type not in _NOT_STATEFUL:
                    return False
    return True


def serialize(root, optimized, pulls, graph):
    """The state of an iterator over `root` that has pulled `pulls` elements (its dataset
    ops are ops of `graph`)."""
    nodes, tensors, seen = [], [], {}

    def visit(dv):
        key = id(dv)
        if key in seen:
            return seen[key]
        if dv.origin is None:
            raise errors.UnimplementedError(
                None, None, "Cannot save the state of an iterator over a dataset that no "
                "dataset op of the graph made.")
        name, args = dv.origin
        try:
            op = graph.get_operation_by_name(name)
        except (KeyError, ValueError):
            raise errors.UnimplementedError(
                None, None, f"Cannot save the state of an iterator over dataset op '{name}', "
                "which is not an op of the iterator's graph.") from None
        _stateless_functions(op)
        refs = []
        for i, a in enumerate(args):
            if isinstance(a, DatasetValue):
                refs.append(["d", visit(a)])
            else:
                tensors.append(_tensor_arg(a, name, i))
                refs.append(["t", len(tensors) - 1])
        nodes.append({"op": name, "args": refs})
        seen[key] = len(nodes) - 1
        return seen[key]
    visit(root)
    meta = {"version": _VERSION, "optimized": bool(optimized), "pulls": int(pulls),
            "nodes": nodes}
    return VariantTensorData(TYPE_NAME, json.dumps(meta, sort_keys=True).encode(), tensors)


def _bad(why):
    return errors.InvalidArgumentError(None, None, f"Invalid iterator state: {why}")


def _parse(state):
    if isinstance(state, np.ndarray):
        if state.shape != () or state.dtype != object:
            raise _bad(f"expected a scalar variant, got shape {list(state.shape)}")
        state = state[()]
    if not isinstance(state, VariantTensorData):
        raise _bad(f"expected a variant tensor, got {type(state).__name__}")
    if state.type_name == _TF_TYPE_NAME:
        raise errors.UnimplementedError(
            None, None, "Restoring an iterator state that TensorFlow wrote "
            "(tensorflow::Iterator) is not supported: flowgrad restores the iterator "
            "states flowgrad saved.")
    if state.type_name != TYPE_NAME:
        raise _bad(f"its type is {state.type_name!r}, not {TYPE_NAME!r}")
    try:
        meta = json.loads(state.metadata.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _bad("its description is not JSON") from None
    if not isinstance(meta, dict) or meta.get("version") != _VERSION:
        raise _bad("unknown version")
    nodes, pulls = meta.get("nodes"), meta.get("pulls")
    if not isinstance(nodes, list) or not nodes or type(pulls) is not int or pulls < 0 or \
            not isinstance(meta.get("optimized"), bool):
        raise _bad("malformed description")
    ntensors = len(state.tensors)
    for k, n in enumerate(nodes):
        if not isinstance(n, dict) or not isinstance(n.get("op"), str) or \
                not isinstance(n.get("args"), list):
            raise _bad(f"malformed node {k}")
        for ref in n["args"]:
            ok = isinstance(ref, list) and len(ref) == 2 and type(ref[1]) is int and (
                (ref[0] == "d" and 0 <= ref[1] < k) or (ref[0] == "t" and 0 <= ref[1] < ntensors))
            if not ok:
                raise _bad(f"malformed argument of node {k}")
    return nodes, state.tensors, meta["optimized"], pulls


def deserialize(state, graph, ctx):
    """(root dataset, optimized, pulls) of a saved state, the dataset rebuilt from the ops
    of `graph` in session context `ctx`."""
    nodes, tensors, optimized, pulls = _parse(state)
    built = []
    for n in nodes:
        try:
            op = graph.get_operation_by_name(n["op"])
        except (KeyError, ValueError):
            raise errors.NotFoundError(
                None, None, f"Restoring an iterator: the graph has no dataset op "
                f"'{n['op']}' (the iterator state names the graph's dataset ops).") from None
        make = MAKERS.get(op.type)
        if make is None:
            raise _bad(f"'{n['op']}' is a {op.type} op, not a dataset op")
        args = [built[i] if kind == "d" else tensors[i] for kind, i in n["args"]]
        built.append(make_dataset(make, op.name, args, op._attrs, function_runners(op, ctx)))
    return built[-1], optimized, pulls

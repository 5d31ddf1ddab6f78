"""Importing a GraphDef's tf.data ops that run functions (MapDataset's f, FilterDataset's
predicate, ...): each function attr names a FunctionDef of the GraphDef's library (TF
1.14's traced defuns, graph_def_functions.py writes flowgrad's the same way), rebuilt in a
FuncGraph as the traced function the dataset op runs; its arguments are the input
dataset's element components (or a state, a key, a window), then the op's captures
(`other_arguments`) (meta_graph.CALL_BUILDERS)."""
from __future__ import annotations

from ..framework import dtypes as _dt
from ..framework import meta_graph as _meta_graph
from ..framework.registry import op_defs
from ..framework.tensor_shape import TensorShape
from .dataset_core import set_functions, set_one_shot_dataset
from .dataset_fn import FunctionInfo
from .functional import _imported_body

__all__ = []

# op type -> whether flowgrad's op runs its function in parallel (attr "parallel")
_ONE_FUNCTION = {"MapDataset": False, "ParallelMapDataset": True, "FilterDataset": False,
                 "FlatMapDataset": False, "InterleaveDataset": False,
                 "ParallelInterleaveDatasetV2": False,
                 "ExperimentalMapAndBatchDataset": False,
                 "ExperimentalParallelInterleaveDataset": False}
# op type -> [(func attr, how many leading arguments it takes before its captures, from
# the elements' component count and the state's)], for flowgrad's ops that take
# `n_captures_each` (engine/ops/dataset_grouping.py)
_SEVERAL = {"ExperimentalScanDataset": [("f", lambda e, st: st + e)],
            "ReduceDataset": [("f", lambda e, st: st + e)],
            "ExperimentalTakeWhileDataset": [("predicate", lambda e, st: e)],
            "ExperimentalGroupByWindowDataset": [
                ("key_func", lambda e, st: e), ("reduce_func", lambda e, st: 2),
                ("window_size_func", lambda e, st: 1)],
            "ExperimentalGroupByReducerDataset": [
                ("key_func", lambda e, st: e), ("init_func", lambda e, st: 1),
                ("reduce_func", lambda e, st: st + e), ("finalize_func", lambda e, st: st)]}


class _Spec:
    """An argument of the function: its dtype and the element component's shape."""

    def __init__(self, dtype, shape):
        self.dtype = dtype
        self.shape = shape


def _element_types(dataset):
    try:
        return [_dt.as_dtype(t) for t in dataset.op._get_attr("output_types")]
    except (KeyError, ValueError, AttributeError, TypeError):
        return None


def _element_shapes(dataset, n):
    """The static shapes of the `n` components of `dataset`'s elements (its op's
    output_shapes), unknown where the op does not say."""
    try:
        shapes = dataset.op._get_attr("output_shapes")
    except (KeyError, ValueError, AttributeError):
        shapes = None
    if shapes is None or len(shapes) != n:
        return [TensorShape(None)] * n
    return [TensorShape(s) for s in shapes]


def _build_one(op_type):
    def build(graph, inputs, attrs, name, library):
        # (other_arguments: the inputs but the OpDef's single ones)
        n_caps = len(inputs) - (len(op_defs()[op_type]["in"]) - 1)
        info = _rebuilt(graph, attrs.get("f", attrs.get("predicate")), inputs,
                        inputs[1:1 + n_caps], library, op_type)
        attrs["n_captures"] = n_caps
        if _ONE_FUNCTION[op_type]:
            attrs["parallel"] = True
        op = graph._create_op(op_type, inputs, attrs, name)
        set_functions(op, [info])
        return op
    return build


def _rebuilt(graph, fname, inputs, caps, library, op_type):
    """The traced function `fname` of the library, as a dataset op runs it: its arguments
    the input dataset's element components (shaped as its elements) when they are what it
    takes, else of unknown shapes, then the captures `caps`."""
    sig = _function_def(library, fname, op_type).signature.input_arg
    n_args = len(sig) - len(caps)
    dtypes = [_dt.as_dtype(a.type) for a in sig]
    shapes = [TensorShape(None)] * n_args
    if dtypes[:n_args] == _element_types(inputs[0]):
        shapes = _element_shapes(inputs[0], n_args)
    specs = [_Spec(d, s) for d, s in zip(dtypes, shapes + [t.shape for t in caps])]
    body = _imported_body(graph, fname, specs, library)
    info = FunctionInfo(body.graph, body.args[:n_args], body.outputs)
    info.outer_captures = list(caps)
    info.inner_captures = list(body.args[n_args:])
    return info


def _function_def(library, fname, op_type):
    fdef = library.get(fname) if isinstance(fname, str) else None
    if fdef is None:
        raise ValueError(f"{op_type}'s function {fname!r} is not in the GraphDef's library")
    return fdef


def _build_several(op_type):
    def build(graph, inputs, attrs, name, library):
        # (TF's T<attr>_other_arguments and Tstate are not among the attrs: the counts
        # come from the functions' signatures)
        funcs = _SEVERAL[op_type]
        fdefs = [_function_def(library, attrs.get(f), op_type) for f, _ in funcs]
        n_elem = len(_element_types(inputs[0]) or ())
        stateful = op_type in ("ExperimentalScanDataset", "ReduceDataset")
        if stateful:   # (scan's function returns the state, then the outputs)
            n_state = len(fdefs[0].signature.output_arg) - \
                (len(attrs["output_types"]) if op_type == "ExperimentalScanDataset" else 0)
            attrs["Tstate"] = [t.dtype.base_dtype for t in inputs[1:1 + n_state]]
        elif op_type == "ExperimentalGroupByReducerDataset":   # (init_func's outputs)
            n_state = len(fdefs[1].signature.output_arg)
        else:
            n_state = 0
        start = 1 + (n_state if stateful else 0)
        infos, counts, i = [], [], start
        for (f, leading), fdef in zip(funcs, fdefs):
            n = len(fdef.signature.input_arg) - leading(n_elem, n_state)
            infos.append(_rebuilt(graph, attrs.get(f), inputs, inputs[i:i + n], library,
                                  op_type))
            counts.append(n)
            i += n
        attrs["n_captures_each"] = counts
        op = graph._create_op(op_type, inputs, attrs, name)
        set_functions(op, infos)
        return op
    return build


def _build_generator(graph, inputs, attrs, name, library):
    """A GeneratorDataset (from_generator's, in its flat_map function): init_func takes
    its argument, next_func and finalize_func the iterator id, each then its captures (the
    counts from the signatures: TF's T*_func_args are not among the attrs)."""
    fdefs = [_function_def(library, attrs.get(f), "GeneratorDataset") for f in _GENERATOR]
    k = len(fdefs[0].signature.input_arg)
    j = k + len(fdefs[1].signature.input_arg) - 1
    parts = [inputs[:k], inputs[k:j], inputs[j:]]
    infos = [_rebuilt(graph, attrs.get(f), [None], ins[1:] if f == "init_func" else ins,
                      library, "GeneratorDataset") for f, ins in zip(_GENERATOR, parts)]
    for f, ins in zip(_GENERATOR, parts):
        attrs[f"T{f}_args"] = [t.dtype.base_dtype for t in ins]
    op = graph._create_op("GeneratorDataset", inputs, attrs, name)
    set_functions(op, infos)
    return op


_GENERATOR = ("init_func", "next_func", "finalize_func")


def _build_one_shot(graph, inputs, attrs, name, library):
    """A OneShotIterator: its dataset_factory function (TF's `_make_dataset_<hash>`, the
    pipeline and the OptimizeDataset applying TF's optimizations) rebuilt as the dataset
    it makes."""
    fname = attrs.get("dataset_factory")
    _function_def(library, fname, "OneShotIterator")
    body = _imported_body(graph, fname, [], library)
    op = graph._create_op("OneShotIterator", inputs, attrs, name)
    set_one_shot_dataset(op, body.outputs[0], fuse=False)   # (its own OptimizeDataset)
    return op


_meta_graph.CALL_BUILDERS["OneShotIterator"] = _build_one_shot
_meta_graph.CALL_BUILDERS["GeneratorDataset"] = _build_generator
for _type in _ONE_FUNCTION:
    _meta_graph.CALL_BUILDERS[_type] = _build_one(_type)
for _type in _SEVERAL:
    _meta_graph.CALL_BUILDERS[_type] = _build_several(_type)

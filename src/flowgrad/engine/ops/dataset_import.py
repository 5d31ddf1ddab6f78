"""Importing a GraphDef's tf.data ops that run functions (MapDataset's f, FilterDataset's
predicate, ...): each function attr names a FunctionDef of the GraphDef's library (TF
1.14's traced defuns, graph_def_functions.py writes flowgrad's the same way), rebuilt in a
FuncGraph as the traced function the dataset op runs; its arguments are the input
dataset's element components, then the op's `other_arguments` (the captures). The ops of
several functions or a state (scan, group_by_window, reduce, take_while) are refused at
import, naming what is missing (meta_graph.CALL_BUILDERS)."""
from __future__ import annotations

from ..framework import dtypes as _dt
from ..framework import meta_graph as _meta_graph
from ..framework.registry import op_defs
from ..framework.tensor_shape import TensorShape
from .dataset_core import set_functions
from .dataset_fn import FunctionInfo
from .functional import _imported_body

__all__ = []

# op type -> whether flowgrad's op runs its function in parallel (attr "parallel")
_ONE_FUNCTION = {"MapDataset": False, "ParallelMapDataset": True, "FilterDataset": False,
                 "FlatMapDataset": False, "InterleaveDataset": False,
                 "ParallelInterleaveDatasetV2": False,
                 "ExperimentalMapAndBatchDataset": False,
                 "ExperimentalParallelInterleaveDataset": False}
_REFUSED = ("ExperimentalScanDataset", "ExperimentalTakeWhileDataset",
            "ExperimentalGroupByWindowDataset", "ExperimentalGroupByReducerDataset",
            "ReduceDataset")


class _Spec:
    """An argument of the function: its dtype and the element component's shape."""

    def __init__(self, dtype, shape):
        self.dtype = dtype
        self.shape = shape


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
        fname = attrs.get("f", attrs.get("predicate"))
        fdef = library.get(fname) if isinstance(fname, str) else None
        if fdef is None:
            raise ValueError(f"{op_type}'s function {fname!r} is not in the GraphDef's "
                             "library")
        # (other_arguments: the inputs but the OpDef's single ones)
        n_caps = len(inputs) - (len(op_defs()[op_type]["in"]) - 1)
        caps = inputs[1:1 + n_caps]
        sig = fdef.signature.input_arg
        n_args = len(sig) - n_caps
        specs = [_Spec(_dt.as_dtype(a.type), s) for a, s in
                 zip(sig, _element_shapes(inputs[0], n_args) +
                     [t.shape for t in caps])]
        body = _imported_body(graph, fname, specs, library)
        info = FunctionInfo(body.graph, body.args[:n_args], body.outputs)
        info.outer_captures = list(caps)
        info.inner_captures = list(body.args[n_args:])
        attrs["n_captures"] = n_caps
        if _ONE_FUNCTION[op_type]:
            attrs["parallel"] = True
        op = graph._create_op(op_type, inputs, attrs, name)
        set_functions(op, [info])
        return op
    return build


def _refuse(op_type):
    def build(graph, inputs, attrs, name, library):
        raise NotImplementedError(
            f"flowgrad cannot import a {op_type} op of a GraphDef (its functions from the "
            "GraphDef's library are not rebuilt): build the pipeline with tf.data")
    return build


for _type in _ONE_FUNCTION:
    _meta_graph.CALL_BUILDERS[_type] = _build_one(_type)
for _type in _REFUSED:
    _meta_graph.CALL_BUILDERS[_type] = _refuse(_type)

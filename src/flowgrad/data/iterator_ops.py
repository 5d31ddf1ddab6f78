"""tf.data.Iterator (TF 1.14, graph mode): one-shot, initializable, reinitializable
(`from_structure` + `make_initializer`) and feedable (`from_string_handle`) iterators.

The iterator is a per-session resource (engine/ops/dataset.py); `get_next()` adds
one IteratorGetNext op whose run raises OutOfRangeError("End of sequence") at the end.
"""
from __future__ import annotations

import warnings

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import Graph, Tensor, colocate_with, get_default_graph
from ..engine.framework.graph_def_functions import ONE_SHOT_FACTORIES
from ..engine.framework.registry import get_op_def
from ..engine.framework.tensor_shape import TensorShape, as_shape
from ..engine.ops import dataset as _ds
from ..engine.ops._base import apply_op
from ..engine.ops.construction import constant
from ..ops.sparse_tensor import SparseTensor
from . import _nest

__all__ = ["Iterator", "GET_NEXT_CALL_WARNING_THRESHOLD"]

GET_NEXT_CALL_WARNING_THRESHOLD = 32
GLOBAL_ITERATORS = "iterators"
GET_NEXT_CALL_WARNING_MESSAGE = (
    "An unusually high number of `Iterator.get_next()` calls was detected. This often "
    "indicates that `Iterator.get_next()` is being called inside a training loop, which "
    "will cause gradual slowdown and eventual resource exhaustion. If this is the case, "
    "restructure your code to call `next_element = iterator.get_next()` once outside the "
    "loop, and use `next_element` as the input to some computation that is invoked inside "
    "the loop.")


class _TensorSpec:
    """A flat component of an iterator built from types, shapes and classes alone."""

    __slots__ = ("dtype", "shape", "dataset", "sparse", "ragged_rank", "_ragged_class")

    def __init__(self, dtype, shape, sparse=False, ragged_rank=None):
        self.dtype = dtype
        self.shape = shape
        self.dataset = None
        self.sparse = sparse
        self.ragged_rank = ragged_rank

    boxed = property(lambda self: self.sparse or self.ragged_rank is not None)
    flat_dtype = property(lambda self: _dt.variant if self.boxed else self.dtype)
    flat_shape = property(lambda self: TensorShape(None) if self.boxed else self.shape)

    def types(self):
        return self.dtype

    def shapes(self):
        return self.shape

    def classes(self):
        if self.ragged_rank is not None:
            return self._ragged_class
        return SparseTensor if self.sparse else Tensor


def _flat_attrs(structure):
    flat = _nest.flatten(structure)
    return {"output_types": [s.flat_dtype for s in flat],
            "output_shapes": [s.flat_shape for s in flat]}


# op types whose stateful flag in flowgrad's registry (its runtime's notion) is not TF 1.14's
# op registry's is_stateful, which decides what a one-shot iterator cannot capture
_TF_NOT_STATEFUL = frozenset((
    "AccumulatorApplyGradient", "AccumulatorNumAccumulated", "AccumulatorSetGlobalStep",
    "AccumulatorTakeGradient", "ApplyAdaMax", "ApplyAdadelta", "ApplyAdagrad",
    "ApplyAdagradDA", "ApplyAdam", "ApplyAddSign", "ApplyCenteredRMSProp", "ApplyFtrl",
    "ApplyFtrlV2", "ApplyGradientDescent", "ApplyMomentum", "ApplyPowerSign",
    "ApplyProximalAdagrad", "ApplyProximalGradientDescent", "ApplyRMSProp", "Assign",
    "AssignAdd", "AssignSub", "CheckNumerics", "ControlTrigger", "CountUpTo",
    "CudnnRNNCanonicalToParams", "CudnnRNNParamsSize", "CudnnRNNParamsToCanonical", "Enter",
    "Exit", "FractionalAvgPool", "FractionalMaxPool", "IsVariableInitialized", "LoopCond",
    "MatchingFiles", "Merge", "NextIteration", "Placeholder", "ReadFile",
    "ReaderNumRecordsProduced", "ReaderNumWorkUnitsCompleted", "ReaderRead", "ReaderReadUpTo",
    "ReaderReset", "ReaderRestoreState", "ReaderSerializeState", "RefEnter", "RefExit",
    "RefMerge", "RefNextIteration", "RefSwitch", "ScatterAdd", "ScatterDiv", "ScatterMax",
    "ScatterMin", "ScatterMul", "ScatterNdAdd", "ScatterNdSub", "ScatterNdUpdate",
    "ScatterSub", "ScatterUpdate", "SparseAccumulatorApplyGradient",
    "SparseAccumulatorTakeGradient", "SparseApplyAdadelta", "SparseApplyAdagrad",
    "SparseApplyAdagradDA", "SparseApplyCenteredRMSProp", "SparseApplyFtrl",
    "SparseApplyFtrlV2", "SparseApplyMomentum", "SparseApplyProximalAdagrad",
    "SparseApplyProximalGradientDescent", "SparseApplyRMSProp", "StridedSliceAssign",
    "Switch", "WriteFile",
    # flowgrad's own control-flow ops (TF's Switch / Merge / Enter ... are not stateful)
    "Cond", "LoopVar", "V1Frames", "V1FramesGrad", "WhileGrad"))
_TF_STATEFUL = frozenset((
    "BipartiteMatch", "GuaranteeConst", "LoadAndRemapMatrix", "ReadVariableOp",
    "ResourceGather", "ResourceGatherNd", "TensorArrayConcatV3", "TensorArrayGatherV3",
    "TensorArrayReadV3", "TensorArrayScatterV3", "TensorArraySizeV3", "TensorArraySplitV3",
    "TensorArrayWriteV3", "VarIsInitializedOp", "VariableShape"))
_ONE_SHOT_STATEFUL = (
    "Failed to create a one-shot iterator for a dataset. `Dataset.make_one_shot_iterator()` "
    "does not support datasets that capture stateful objects, such as a `Variable` or "
    "`LookupTable`. In these cases, use `Dataset.make_initializable_iterator()`. (Original "
    "error: Cannot capture a stateful node (name:%s, type:%s) by value.)")


def _tf_stateful(op):
    """Whether TF 1.14 registers op's type as stateful."""
    if op.type in _TF_STATEFUL or op.type in _TF_NOT_STATEFUL:
        return op.type in _TF_STATEFUL
    try:
        return get_op_def(op.type).stateful
    except ValueError:
        return False


def _check_stateless_capture(t):
    """make_one_shot_iterator captures the dataset by value, as TF 1.14's Defun: the ops
    `t` depends on (through inputs, depth first) copied, except the datasets' own (variant)
    ops; a stateful op or a Placeholder is a ValueError."""
    seen = set()
    stack = [t.op]
    while stack:
        op = stack.pop()
        if op in seen:
            continue
        seen.add(op)
        if not (op.outputs and op.outputs[0].dtype.base_dtype is _dt.variant):
            if _tf_stateful(op):
                raise ValueError(_ONE_SHOT_STATEFUL % (op.name, op.type))
            if op.type in ("Placeholder", "PlaceholderV2"):
                raise ValueError(f"Cannot capture a placeholder (name:{op.name}, "
                                 f"type:{op.type}) by value.")
        stack.extend(reversed([i.op for i in op.inputs]))


class Iterator:
    """Represents the state of iterating through a Dataset (TF 1.14's tf.data.Iterator)."""

    def __init__(self, iterator_resource, initializer, output_types, output_shapes,
                 output_classes):
        self._iterator_resource = iterator_resource
        self._initializer = initializer
        self._output_types = output_types
        self._output_shapes = output_shapes
        self._output_classes = output_classes
        self._structure = None
        self._get_next_call_count = 0
        self._string_handle = apply_op("IteratorToStringHandle", [iterator_resource], {}) \
            .outputs[0]
        # as TF 1.14: CheckpointInputPipelineHook saves the iterators of this collection
        iterator_resource.graph.add_to_collection(GLOBAL_ITERATORS, iterator_resource)

    @classmethod
    def _make(cls, resource, initializer, structure):
        it = cls(resource, initializer,
                 _nest.map_structure(lambda s: s.types(), structure),
                 _nest.map_structure(lambda s: s.shapes(), structure),
                 _nest.map_structure(lambda s: s.classes(), structure))
        it._structure = structure
        return it

    @classmethod
    def _one_shot(cls, dataset):
        _check_stateless_capture(dataset._variant_tensor)
        options = _PIPELINE_OPTIONS(dataset._variant_tensor)
        _check_supported(options)
        agg = options.experimental_stats.aggregator
        if agg is not None:     # as TF 1.14: its handle is a stateful capture
            _check_stateless_capture(agg._resource)
        attrs = dict(_flat_attrs(dataset._structure), container="", shared_name="")
        # TF's _make_dataset Defun is traced as the op takes it: the options applied in a
        # graph of its own, the pipeline copied in by value (each op once each time it is
        # reached), each tensor made taking an ops.uid() (the later functions' numbers;
        # the factory graph's placeholder standing for the pipeline is not TF's)
        try:
            made = _factory_graph(dataset, options)
        except (KeyError, IndexError, NotImplementedError) as e:   # (not written: as TF's
            made = e                                               # graph, without it)
        for _ in range(_by_value_tensors(dataset._variant_tensor.op) - 1):
            _ds.next_uid()
        op = apply_op("OneShotIterator", [], attrs)
        # TF 1.14 applies the options inside the iterator's dataset function (no op here)
        static = options._static_optimizations()
        scope = "OptimizeDataset/" if static else \
            "ModelDataset/" if options.experimental_optimization.autotune is not False else ""
        _ds.set_one_shot_dataset(op, dataset._variant_tensor, fuse="shuffle_and_repeat_fusion"
                                 in static, scope=scope)
        # (a GraphDef writes TF's _make_dataset function: the options applied in it)
        ONE_SHOT_FACTORIES[op] = (dataset._variant_tensor, lambda: _made(made))
        return cls._make(op.outputs[0], None, dataset._structure)

    @classmethod
    def _initializable(cls, dataset, shared_name=None):
        variant = _apply_options(dataset._variant_tensor, dataset._structure,
                                 _PIPELINE_OPTIONS(dataset._variant_tensor))
        attrs = dict(_flat_attrs(dataset._structure), container="",
                     shared_name=shared_name or "")
        resource = apply_op("IteratorV2", [], attrs).outputs[0]
        with colocate_with(resource.op):   # TF's: the initializer beside its iterator
            init = apply_op("MakeIterator", [variant, resource], {})
        return cls._make(resource, init, dataset._structure)

    @staticmethod
    def from_structure(output_types, output_shapes=None, shared_name=None,
                       output_classes=None):
        """A reinitializable iterator: `make_initializer(dataset)` points it at a dataset."""
        structure = _structure_from(output_types, output_shapes, output_classes)
        attrs = dict(_flat_attrs(structure), container="", shared_name=shared_name or "")
        resource = apply_op("IteratorV2", [], attrs).outputs[0]
        return Iterator._make(resource, None, structure)

    @staticmethod
    def from_string_handle(string_handle, output_types, output_shapes=None,
                           output_classes=None):
        """A feedable iterator: which iterator it reads is the string handle fed at run."""
        structure = _structure_from(output_types, output_shapes, output_classes)
        handle = convert_to_tensor(string_handle, dtype=_dt.string)
        resource = apply_op("IteratorFromStringHandleV2", [handle],
                            _flat_attrs(structure)).outputs[0]
        return Iterator._make(resource, None, structure)

    @property
    def initializer(self):
        """The op that initializes this iterator (initializable iterators only)."""
        if self._initializer is not None:
            return self._initializer
        raise ValueError("Iterator does not have an initializer.")

    def make_initializer(self, dataset, name=None):
        """An op that points this iterator at `dataset` (same structure required)."""
        _nest.assert_same_structure(self._output_types, dataset.output_types)
        _nest.assert_same_structure(self._output_shapes, dataset.output_shapes)
        if _nest.flatten(dataset.output_classes) != _nest.flatten(self._output_classes):
            raise TypeError(f"Expected output classes {self._output_classes!r} but got dataset "
                            f"with output class {dataset.output_classes!r}.")
        if _nest.flatten(dataset.output_types) != _nest.flatten(self._output_types):
            raise TypeError(f"Expected output types {self._output_types!r} but got dataset with "
                            f"output types {dataset.output_types!r}.")
        for a, b in zip(_nest.flatten(self._output_shapes),
                        _nest.flatten(dataset.output_shapes)):
            if not a.is_compatible_with(b):
                raise TypeError(f"Expected output shapes compatible with {self._output_shapes!r}"
                                f" but got dataset with output shapes {dataset.output_shapes!r}.")
        g = get_default_graph()
        with g.name_scope(name or "make_initializer") as scope, \
                colocate_with(self._iterator_resource.op):
            return apply_op("MakeIterator", [dataset._variant_tensor, self._iterator_resource],
                            {}, scope)

    def get_next(self, name=None):
        """A nested structure of tensors: the next element each time it is run."""
        self._get_next_call_count += 1
        if self._get_next_call_count > GET_NEXT_CALL_WARNING_THRESHOLD:
            warnings.warn(GET_NEXT_CALL_WARNING_MESSAGE)
        attrs = _flat_attrs(self._structure)
        op = apply_op("IteratorGetNext", [self._iterator_resource], attrs, name)
        flat = list(op.outputs)
        specs = _nest.flatten(self._structure)
        values = [_FROM_FLAT(t, s) for t, s in zip(flat, specs)]
        return _nest.pack(self._structure, values)

    def string_handle(self, name=None):
        """A string tensor that names this iterator (feed it to a feedable iterator)."""
        if name is None:
            return self._string_handle
        return apply_op("IteratorToStringHandle", [self._iterator_resource], {}, name) \
            .outputs[0]

    @property
    def output_types(self):
        return self._output_types

    @property
    def output_shapes(self):
        return self._output_shapes

    @property
    def output_classes(self):
        return self._output_classes

    def __repr__(self):
        return f"<Iterator output_types: {self._output_types}>"


# Set by dataset_ops (which imports this module): a flat tensor as its component (a
# Dataset for a variant dataset, a SparseTensor for a boxed one).
_VARIANT_DATASET = None
_FROM_FLAT = None
_RAGGED_STRUCTURE = [None]    # set by data/structure.py: RaggedTensorStructure
_PIPELINE_OPTIONS = None      # a dataset's merged tf.data.Options


_SET_STATS_AGGREGATOR = None  # data/stats.py: TF's _SetStatsAggregatorDataset


def _check_supported(options):
    if options.experimental_stats.latency_all_edges:
        raise NotImplementedError("flowgrad's tf.data does not record latencies on every "
                                  "edge (option experimental_stats.latency_all_edges)")


def _made(made):
    if isinstance(made, Exception):
        raise made
    return made


def _by_value_tensors(op):
    """The tensors TF's capture by value makes copying `op` and its inputs (no memo)."""
    return len(op.outputs) + sum(_by_value_tensors(t.op) for t in op.inputs)


def _factory_graph(dataset, options):
    """A graph of its own holding a placeholder for `dataset` and the options applied to
    it as TF 1.14's one-shot _make_dataset function applies them: (graph, placeholder,
    the dataset it makes)."""
    g = Graph()
    with g.as_default():
        v = dataset._variant_tensor
        stand_in = apply_op("Placeholder", [], {"dtype": v.dtype.base_dtype, "shape": v.shape},
                            "make_dataset_input").outputs[0]
        return g, stand_in, _apply_options(stand_in, dataset._structure, options)


def _apply_options(variant, structure, options):
    """TF 1.14's Dataset._apply_options: the datasets an initializable iterator reads
    through. flowgrad's threads come from its own budget (the thread-pool datasets pass
    elements through); OptimizeDataset applies the listed optimizations that change
    results; ModelDataset is TF's autotuning (a pass-through)."""
    _check_supported(options)
    attrs = _flat_attrs(structure)
    threading = options.experimental_threading
    if threading.max_intra_op_parallelism is not None:
        n = constant(threading.max_intra_op_parallelism, _dt.int64,
                     name="max_intra_op_parallelism")
        variant = apply_op("ExperimentalMaxIntraOpParallelismDataset", [variant, n],
                           attrs).outputs[0]
    if threading.private_threadpool_size is not None:
        n = constant(threading.private_threadpool_size, _dt.int64, name="num_threads")
        variant = apply_op("ExperimentalPrivateThreadPoolDataset", [variant, n],
                           attrs).outputs[0]
    static = options._static_optimizations()
    if static:
        opt = constant(static, _dt.string, name="optimizations")
        variant = apply_op("OptimizeDataset", [variant, opt], dict(
            attrs, optimization_configs=options._static_optimization_configs())).outputs[0]
    tuning = options.experimental_optimization
    if tuning.autotune is not False:
        budget = tuning.autotune_cpu_budget
        variant = apply_op("ModelDataset", [variant], dict(
            attrs, cpu_budget=0 if budget is None else budget)).outputs[0]
    if options.experimental_stats.aggregator is not None:
        variant = _SET_STATS_AGGREGATOR(variant, structure, options.experimental_stats)
    return variant


def _spec_for(t, s, c):
    """The _TensorSpec of one component of output_types/shapes/classes."""
    if c is SparseTensor:
        return _TensorSpec(t, s, True)
    if c is Tensor:
        return _TensorSpec(t, s)
    if isinstance(c, _RAGGED_STRUCTURE[0]):      # TF 1.14's class of a ragged component
        spec = _TensorSpec(c._dtype, c._shape, ragged_rank=c._ragged_rank)
        spec._ragged_class = c
        return spec
    raise NotImplementedError(f"flowgrad's iterators take output_classes of tf.Tensor, "
                              f"tf.SparseTensor and RaggedTensorStructure only, not {c!r} "
                              "(argument output_classes)")


def _structure_from(output_types, output_shapes, output_classes=None):
    types = _nest.map_structure(_dt.as_dtype, output_types)
    if output_shapes is None:
        shapes = _nest.map_structure(lambda _: TensorShape(None), types)
    elif _nest.is_nested(types):
        shapes = _nest.map_structure(lambda _, s: as_shape(s), types, output_shapes)
    else:
        shapes = as_shape(output_shapes)
    if output_classes is None:
        classes = _nest.map_structure(lambda _: Tensor, types)
    elif _nest.is_nested(types):
        classes = _nest.map_structure(lambda _, c: c, types, output_classes)
    else:
        classes = output_classes
    if not _nest.is_nested(types):
        return _spec_for(types, shapes, classes)
    return _nest.map_structure(_spec_for, types, shapes, classes)


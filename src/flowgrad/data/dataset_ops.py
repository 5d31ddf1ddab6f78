"""tf.data.Dataset (TF 1.14's DatasetV1, graph mode): each method adds TF's dataset op
(TensorSliceDataset, MapDataset, BatchDatasetV2, ...) with its argument constants, named
as TF names them. The ops and their per-session iterators are in engine/ops/dataset.py.
"""
from __future__ import annotations

import collections.abc
import os
import sys
import threading
import types
import warnings
import weakref

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import (const_value, constant, convert_n_to_tensor,
                                            convert_to_tensor)
from ..engine.framework.graph import Tensor, get_default_graph
from ..engine.framework.tensor_shape import TensorShape, as_shape
from ..engine.ops import dataset as _ds
from ..engine.ops import sparse_serialize as _sparse_serialize  # noqa: F401 - its ops
from ..engine.framework.static_value import constant_value
from ..engine.ops._array_util import shape_value as _shape_value
from ..engine.ops._array_util import smart_constant_value
from ..engine.ops._base import apply_op
from ..engine.ops.comparison import equal, greater as _greater, logical_and
from ..engine.ops.construction import placeholder
from ..engine.ops.elementwise import maximum as _maximum
from ..engine.ops.joining import stack as _stack
from ..engine.ops.shape import identity as _identity
from ..engine.ops.shape import shape as _shape_of
from ..ops import script_ops as _script_ops
from ..ops.logging_ops import Assert as _Assert
from ..ops.random_ops import get_seed as _core_get_seed
from ..ops.ragged_tensor import RaggedTensor, convert_to_tensor_or_ragged_tensor
from ..ops.ragged_tensor_value import RaggedTensorValue
from ..ops.sparse_tensor import SparseTensor, SparseTensorValue
from ..ops.tensor_array_ops import TensorArray
from . import _cache_file  # noqa: F401 - cache files in TF's format
from . import _nest
from . import iterator_ops as _iterator_ops
from .options import Options
from .iterator_ops import Iterator

__all__ = ["Dataset", "DatasetV1", "Options", "get_output_classes", "get_output_shapes",
           "get_output_types", "make_initializable_iterator", "make_one_shot_iterator",
           "AUTOTUNE"]

AUTOTUNE = -1


# ---------------------------------------------------------------------------------------
# Component specs
# ---------------------------------------------------------------------------------------
# Set by data/structure.py (which imports this module): RaggedTensorStructure, the
# output_classes entry of a ragged component, and _to_structure, a function's output
# structure as TF's Structure object (in errors).
_RAGGED_STRUCTURE = [None]
_TO_STRUCTURE = [None]     # structure._to_structure: nested _Specs as TF's Structure object
_DATASET_STRUCTURE = [None]     # structure.DatasetStructure


class _Spec:
    """One flat component: a tensor (dtype, shape), a SparseTensor (values dtype, dense
    shape; carried boxed in a variant tensor as TF 1.14 does), a RaggedTensor (values
    dtype, shape, ragged_rank; boxed likewise) or a nested dataset (its structure)."""

    __slots__ = ("dtype", "shape", "dataset", "sparse", "ragged_rank", "_dataset_structure")

    def __init__(self, dtype, shape, dataset=None, sparse=False, ragged_rank=None):
        self.dtype = dtype
        self.shape = shape
        self.dataset = dataset      # for a dataset component: the inner structure of _Spec
        self.sparse = sparse
        self.ragged_rank = ragged_rank     # for a RaggedTensor component
        self._dataset_structure = None     # a dataset component's DatasetStructure, once made

    @property
    def boxed(self):
        return self.sparse or self.ragged_rank is not None

    @property
    def flat_dtype(self):
        return _dt.variant if self.dataset is not None or self.boxed else self.dtype

    @property
    def flat_shape(self):
        if self.boxed:
            return TensorShape(None)
        return TensorShape([]) if self.dataset is not None else self.shape

    def dataset_structure(self):
        """A dataset component's DatasetStructure: its legacy type, shape and class all (TF
        1.14's DatasetStructure._to_legacy_output_types/shapes/classes return self, one
        object each time: the element structure holds it)."""
        if self._dataset_structure is None:
            self._dataset_structure = _DATASET_STRUCTURE[0](_TO_STRUCTURE[0](self.dataset))
        return self._dataset_structure

    def types(self):
        return self.dataset_structure() if self.dataset is not None else self.dtype

    def shapes(self):
        return self.dataset_structure() if self.dataset is not None else self.shape

    def classes(self):
        if self.dataset is not None:
            return self.dataset_structure()
        if self.sparse:
            return SparseTensor
        if self.ragged_rank is not None:    # TF 1.14's class of a ragged component
            return _RAGGED_STRUCTURE[0](self.dtype, self.shape, self.ragged_rank)
        return Tensor

    def with_shape(self, shape):
        """This component with another (dense) shape; a ragged component gains (or loses)
        a ragged dimension per dimension added (removed) in front, as TF's batch/unbatch."""
        rank = self.ragged_rank
        if rank is not None and shape.ndims is not None and self.shape.ndims is not None:
            rank += shape.ndims - self.shape.ndims
        return _Spec(self.dtype, shape, self.dataset, self.sparse, rank)


def _spec_of(value):
    if isinstance(value, DatasetV1):
        return _Spec(None, None, value._structure)
    if isinstance(value, SparseTensor):
        return _Spec(value.dtype.base_dtype, _sparse_shape(value), sparse=True)
    if isinstance(value, RaggedTensor):
        return _Spec(value.dtype.base_dtype, value.shape, ragged_rank=value.ragged_rank)
    return _Spec(value.dtype.base_dtype, value.shape)


def _sparse_shape(sp):
    """A SparseTensor's dense shape as TF's constant_value_as_shape sees it."""
    dims = _shape_value(sp.dense_shape)
    if dims is None:
        return TensorShape(None)
    return TensorShape([None if d is None or d < 0 else d for d in dims])


def _to_flat(value, name=None):
    """A component as the one tensor a dataset op takes (a SparseTensor boxed)."""
    if isinstance(value, SparseTensor):
        return _op("SerializeSparse", [value.indices, value.values, value.dense_shape],
                   {"T": value.dtype.base_dtype, "out_type": _dt.variant}, name)
    if isinstance(value, DatasetV1):
        return value._variant_tensor
    if isinstance(value, RaggedTensor):
        return value._to_variant()
    return value


def _no_tensor_arrays(value):
    """TF 1.14 carries a tf.TensorArray dataset element as a TensorList variant (its
    TensorArrayStructure); flowgrad has no TensorList ops: say so."""
    if isinstance(value, TensorArray):
        raise NotImplementedError("flowgrad does not implement tf.TensorArray dataset "
                                  "elements (TF 1.14's TensorArrayStructure: TensorList "
                                  "variants); stack() the TensorArray into a Tensor first")


def _normalize(value, i):
    """TF's structure.normalize_tensors for one component."""
    _no_tensor_arrays(value)
    if isinstance(value, (DatasetV1, SparseTensor, RaggedTensor)):
        return value
    if isinstance(value, SparseTensorValue):
        return SparseTensor.from_value(value)
    if isinstance(value, RaggedTensorValue):
        return convert_to_tensor_or_ragged_tensor(value, name=f"component_{i}")
    return convert_to_tensor(value, name=f"component_{i}")


def _to_flat_many(value):
    """A component of from_tensor_slices as one tensor (a SparseTensor boxed row by row,
    TF's SerializeManySparse)."""
    if isinstance(value, SparseTensor):
        if _sparse_shape(value).ndims == 0:
            raise ValueError("Unbatching a sparse tensor is only supported for rank >= 1")
        return _op("SerializeManySparse", [value.indices, value.values, value.dense_shape],
                   {"T": value.dtype.base_dtype, "out_type": _dt.variant})
    if isinstance(value, RaggedTensor):
        return value._to_variant(batched_input=True)
    return value


def _from_flat(t, spec, name=None):
    """A flat tensor as the component `spec` describes (a boxed SparseTensor unboxed)."""
    if spec.sparse:
        op = apply_op("DeserializeSparse", [t], {"dtype": spec.dtype,
                                                 "Tserialized": _dt.variant}, name)
        ind, vals, shp = op.outputs
        rank = spec.shape.ndims
        if rank is not None:
            ind.set_shape(TensorShape([None, rank]))
            shp.set_shape(TensorShape([rank]))
        return SparseTensor(ind, vals, shp)
    if spec.ragged_rank is not None:
        if spec.ragged_rank <= 0:
            raise ValueError("ragged_rank must be greater than zero. Found ragged_rank: %d"
                             % spec.ragged_rank)
        return RaggedTensor._from_variant(t, dtype=spec.dtype,
                                          output_ragged_rank=spec.ragged_rank)
    if spec.dataset is not None:
        return _VariantDataset(t, spec.dataset)
    return t


# ---------------------------------------------------------------------------------------
# Seeds and constants
# ---------------------------------------------------------------------------------------
def _get_seed(seed):
    """tf.data's seed pair: the `seed` Const and the `seed2` Select TF 1.14 builds."""
    s, s2 = _core_get_seed(seed)
    if s is None:
        return constant(0, _dt.int64, name="seed"), constant(0, _dt.int64, name="seed2")
    seed_t = constant(s, _dt.int64, name="seed")
    g = get_default_graph()
    with g.name_scope("seed2") as scope:
        s2_t = constant(s2, _dt.int64)
        both_zero = logical_and(equal(seed_t, 0), equal(s2_t, 0))
        fallback = constant(2 ** 31 - 1, _dt.int64)
    out = apply_op("Select", [both_zero, fallback, s2_t], {}, scope)
    return seed_t, out.outputs[0]


def _const(value, dtype, name):
    if isinstance(value, Tensor):
        return value if value.dtype.base_dtype is dtype else \
            convert_to_tensor(value, dtype=dtype, name=name)
    return constant(value, dtype, name=name)


def _op(op_type, inputs, attrs, name=None):
    return apply_op(op_type, inputs, attrs, name).outputs[0]


# ---------------------------------------------------------------------------------------
# Function tracing (TF's StructuredFunctionWrapper)
# ---------------------------------------------------------------------------------------
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))   # src/flowgrad


class _Traced:
    def __init__(self, info, structure):
        self.info = info
        self.structure = structure      # nested _Spec of the outputs


# the transformation TF 1.14 names in a function's errors, by the name traced under
_TRANSFORMATION_NAMES = {
    "map": "Dataset.map()", "filter": "Dataset.filter()", "flat_map": "Dataset.flat_map()",
    "interleave": "Dataset.interleave()", "reduce": "reduce()",
    "parallel_interleave": "tf.data.experimental.parallel_interleave()",
    "map_and_batch": "tf.data.experimental.map_and_batch()",
    "take_while": "tf.data.experimental.take_while()",
    "scan": "tf.data.experimental.scan()",
    "key_func": "tf.data.experimental.group_by_window()",
    "reduce_func": "tf.data.experimental.group_by_window()",
    "window_size_func": "tf.data.experimental.group_by_window()",
    "init_func": "tf.data.experimental.group_by_reducer()",
    "finalize_func": "tf.data.experimental.group_by_reducer()"}


def _func_name(func):
    """TF's function_utils.get_func_name, as tf.data names a traced function after it."""
    if isinstance(func, types.MethodType):
        return "%s.%s" % (type(func.__self__).__name__, func.__func__.__name__)
    if isinstance(func, types.FunctionType):
        return func.__name__
    return str(type(func))


def _trace(func, in_structure, what="map_func", transformation=None, fname=None):
    outer = get_default_graph()
    fg = _ds.FuncGraph(outer)
    fg._cond_v2 = True   # (tf.cond in it builds TF's cond_v2: an If op)
    flat_specs = _nest.flatten(in_structure)
    with fg.as_default():
        args = [placeholder(s.flat_dtype, s.flat_shape, name=f"args_{i}")
                for i, s in enumerate(flat_specs)]
        values = [_from_flat(a, s) for a, s in zip(args, flat_specs)]
        nested = _nest.pack(in_structure, values)
        if type(nested) is tuple:
            ret = func(*nested)
        else:
            ret = func(nested)
        if isinstance(ret, list):
            ret = tuple(ret)
        flat = _nest.flatten(ret)
        outs = []
        specs = []
        for v in flat:
            _no_tensor_arrays(v)
            if isinstance(v, (DatasetV1, SparseTensor, RaggedTensor)):
                t = _to_flat(v)
            else:
                try:
                    t = convert_to_tensor(v)
                except (TypeError, ValueError):
                    name = transformation or _TRANSFORMATION_NAMES.get(what, what)
                    raise TypeError(f"Unsupported return value from function passed to "
                                    f"{name}: {ret}.") from None
            if t._op._graph is not fg:
                t = fg.capture(t)
            outs.append(t)
            specs.append(_spec_of(v) if isinstance(v, (DatasetV1, SparseTensor, RaggedTensor))
                         else
                         _Spec(t.dtype.base_dtype, t.shape))
    # TF 1.14's StructuredFunctionWrapper: its defun's FunctionDef is named
    # __inference_<transformation>_<function>_<ops.uid()> (Dataset_map_<lambda>_42), the
    # number taken once traced (after those of the functions traced inside it)
    readable = (transformation or _TRANSFORMATION_NAMES.get(what, what)).replace(".", "_")
    for _ in outs:   # (TF's Identity of each output, written with the function: its uid)
        _ds.next_uid()
    fg.name = "__inference_%s_%s_%d" % (readable[:-2] if readable.endswith("()") else readable,
                                         fname or _func_name(func), _ds.next_uid())
    if outer.seed and fg.seed == outer.seed and fg._seed_used:
        _warn_seed_used(outer.seed, transformation or _TRANSFORMATION_NAMES.get(what, what),
                        fname or _func_name(func))
    info = _ds.FunctionInfo(fg, args, outs)
    return _Traced(info, _nest.pack(ret, specs))


def _warn_seed_used(seed, transformation, fname):
    """TF 1.14's UserWarning for a random op in a tf.data function seeded by the graph seed
    alone, shown at the first caller outside flowgrad (TF's stacklevel reaches the user's
    line for Dataset.map; for the other transformations it shows a line of TF's own)."""
    name = transformation.replace(".", "_")[:-2] + "_" + fname
    frame, level = sys._getframe(1), 2
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        frame, level = frame.f_back, level + 1
    warnings.warn("Seed %s from outer graph might be getting used by function %s, if the "
                  "random op has not been provided any seed. Explicitly set the seed in the "
                  "function if this is not the intended behavior." % (seed, name),
                  stacklevel=level)


def _function_op(op_type, inputs_before, traced_list, inputs_after, attrs, name=None):
    caps = [t for tr in traced_list for t in tr.info.outer_captures]
    attrs = dict(attrs)
    attrs["n_captures"] = len(caps)
    attrs["Targuments"] = [t.dtype.base_dtype for t in caps]
    op = apply_op(op_type, list(inputs_before) + caps + list(inputs_after), attrs, name)
    _ds.set_functions(op, [tr.info for tr in traced_list])
    return op.outputs[0]


def _structure_attrs(structure):
    flat = _nest.flatten(structure)
    return {"output_types": [s.flat_dtype for s in flat],
            "output_shapes": [s.flat_shape for s in flat]}


# ---------------------------------------------------------------------------------------
# Dataset
# ---------------------------------------------------------------------------------------
def _py_func_value(value, dtype):
    """What TF's py_func makes of a value the function returned for `dtype`
    (FuncRegistry._convert, then the kernel's copy: a str becomes UTF-8 bytes)."""
    a = np.asarray(value, dtype=dtype.as_numpy_dtype, order="C")
    if a.dtype == object:
        flat = [x.encode("utf8") if isinstance(x, str) else x for x in a.ravel()]
        b = np.empty(a.size, dtype=object)
        b[:] = flat
        a = b.reshape(a.shape)
    return a


class _GeneratorState:
    """TF 1.14's from_generator state: each iterator's generator arguments by id, then the
    generator made on the first element asked for, dropped once finalized."""

    def __init__(self, generator):
        self._generator = generator
        self._args = {}
        self._iterators = {}
        self._next_id = 0
        self._lock = threading.Lock()

    def next_id(self, *args):
        with self._lock:
            ret = self._next_id
            self._next_id += 1
        self._args[ret] = args
        return np.array(ret, dtype=np.int64)

    def iterator(self, iterator_id):
        key = int(iterator_id)
        it = self._iterators.get(key)
        if it is None:
            it = self._iterators[key] = iter(self._generator(*self._args.pop(key)))
        return it

    def completed(self, iterator_id):
        self._iterators.pop(int(iterator_id), None)
        return np.array(0, dtype=np.int64)


class DatasetV1:
    """Represents a potentially large set of elements (TF 1.14's tf.data.Dataset)."""

    def __init__(self, variant_tensor, structure):
        self._variant_tensor = variant_tensor
        self._structure = structure

    # -- structure ------------------------------------------------------------------
    @property
    def output_types(self):
        return _nest.map_structure(lambda s: s.types(), self._structure)

    @property
    def output_shapes(self):
        return _nest.map_structure(lambda s: s.shapes(), self._structure)

    @property
    def output_classes(self):
        return _nest.map_structure(lambda s: s.classes(), self._structure)

    def _attrs(self):
        return _structure_attrs(self._structure)

    def _unary(self, op_type, inputs, attrs=None, structure=None, name=None):
        structure = self._structure if structure is None else structure
        a = _structure_attrs(structure)
        if attrs:
            a.update(attrs)
        return DatasetV1(_op(op_type, [self._variant_tensor] + list(inputs), a, name), structure)

    def __iter__(self):
        raise RuntimeError("dataset.__iter__() is only supported when eager execution is "
                           "enabled.")

    _repr_name = "DatasetV1Adapter"   # TF 1.14's class name (its file datasets: their own)

    def __repr__(self):
        # TF's layout: each shape's str and each dtype's repr, quotes dropped
        shapes = str(_nest.map_structure(str, self.output_shapes)).replace("'", "")
        types = str(_nest.map_structure(repr, self.output_types)).replace("'", "")
        return f"<{self._repr_name} shapes: {shapes}, types: {types}>"

    # -- sources --------------------------------------------------------------------
    @staticmethod
    def from_tensors(tensors):
        """A dataset with one element, `tensors`."""
        with get_default_graph().name_scope("normalize_tensors"):
            flat = [_normalize(v, i) for i, v in enumerate(_nest.flatten(tensors))]
        structure = _nest.pack(tensors, [_spec_of(v) for v in flat])
        comps = [_to_flat(v) for v in flat]
        attrs = {"Toutput_types": [c.dtype.base_dtype for c in comps],
                 "output_shapes": [s.flat_shape for s in _nest.flatten(structure)]}
        return DatasetV1(_op("TensorDataset", comps, attrs), structure)

    @staticmethod
    def from_tensor_slices(tensors):
        """A dataset whose elements are the slices of `tensors` along their first dimension."""
        g = get_default_graph()
        with g.name_scope("tensors"), g.name_scope("normalize_tensors"):
            flat = [_normalize(v, i) for i, v in enumerate(_nest.flatten(tensors))]
        specs = [_spec_of(t).with_shape(_spec_of(t).shape[1:])
                 if isinstance(t, (SparseTensor, RaggedTensor)) else
                 _Spec(t.dtype.base_dtype, t.shape[1:])
                 for t in flat]
        flat = [_to_flat_many(t) for t in flat]
        if not flat:
            raise ValueError("Expected at least one tensor, got none.")
        for t in flat:
            if t.shape.ndims == 0:   # TF's TensorSpec._unbatch, before the first dimensions
                raise ValueError("Unbatching a tensor is only supported for rank >= 1")
        # TF compares each component's first dimension with the first component's only
        lead = [t.shape.as_list()[0] if t.shape.ndims is not None else None for t in flat]
        for d in lead[1:]:
            if None not in (lead[0], d) and d != lead[0]:
                raise ValueError(f"Dimensions {lead[0]} and {d} are not compatible")
        structure = _nest.pack(tensors, specs)
        attrs = {"Toutput_types": [t.dtype.base_dtype for t in flat],
                 "output_shapes": [s.flat_shape for s in specs]}
        return DatasetV1(_op("TensorSliceDataset", flat, attrs), structure)

    @staticmethod
    def from_sparse_tensor_slices(sparse_tensor):
        """The rows of a rank-N SparseTensor, each as (indices, values, dense_shape) of
        rank N-1 (TF 1.14's SparseTensorSliceDataset)."""
        if not isinstance(sparse_tensor, SparseTensor):
            raise TypeError(f"`sparse_tensor` must be a `tf.SparseTensor` object. Was "
                            f"{sparse_tensor}.")
        ind, shp = sparse_tensor.indices.shape, sparse_tensor.dense_shape.shape
        a = ind[1] - 1 if ind.ndims is not None and ind[1] is not None else None
        b = shp[0] - 1 if shp.ndims is not None and shp[0] is not None else None
        if a is not None and b is not None and a != b:
            raise ValueError(f"Dimensions {a} and {b} are not compatible")
        rank = a if a is not None else b
        structure = (_Spec(_dt.int64, TensorShape([None, rank])),
                     _Spec(sparse_tensor.dtype.base_dtype, TensorShape([None])),
                     _Spec(_dt.int64, TensorShape([rank])))
        return DatasetV1(_op("SparseTensorSliceDataset",
                             [sparse_tensor.indices, sparse_tensor.values,
                              sparse_tensor.dense_shape],
                             dict(_structure_attrs(structure),
                                  Tvalues=sparse_tensor.dtype.base_dtype)), structure)

    @staticmethod
    def from_generator(generator, output_types, output_shapes=None, args=None):
        """A dataset whose elements come from calling `generator()` in the session."""
        if not callable(generator):
            raise TypeError("`generator` must be callable.")
        types = _nest.map_structure(_dt.as_dtype, output_types)
        if output_shapes is None:
            shapes = _nest.map_structure(lambda _: TensorShape(None), types)
        else:
            # TF: nest.map_structure_up_to(output_types, as_shape, output_shapes)
            shapes = _nest.pack(types, [as_shape(s) for s in
                                        _nest.flatten_up_to(types, output_shapes)])
        # TF 1.14: the args become tensors ("args"), evaluated each time an iterator starts
        # and given to `generator` as its py_func gives them (NumPy scalars / arrays, bytes)
        if args is not None and not isinstance(args, collections.abc.Sequence):
            raise TypeError("values must be a sequence.")     # TF's convert_n_to_tensor
        arg_tensors = [] if args is None else list(convert_n_to_tensor(args, name="args"))
        flat_types = _nest.flatten(types)
        flat_shapes = _nest.flatten(shapes)

        def element(value):
            # TF 1.14's generator_py_func: its checks, as Python errors of its messages
            # (raised while handling the first error, whose traceback TF's message shows)
            try:
                vals = _nest.flatten_up_to(types, value)
            except (TypeError, ValueError):
                raise TypeError(f"`generator` yielded an element that did not match the "
                                f"expected structure. The expected structure was {types!r}, "
                                f"but the yielded element was {value}.")
            out = []
            for v, t, s in zip(vals, flat_types, flat_shapes):
                try:
                    a = _py_func_value(v, t)
                except (TypeError, ValueError):
                    raise TypeError(f"`generator` yielded an element that could not be "
                                    f"converted to the expected type. The expected type was "
                                    f"{t.name}, but the yielded element was {v}.")
                if not s.is_compatible_with(TensorShape(a.shape)):
                    raise ValueError(f"`generator` yielded an element of shape {a.shape} "
                                     f"where an element of shape {s} was expected.")
                out.append(a)
            return tuple(out)

        structure = _nest.pack(types, [_Spec(t, s) for t, s in zip(flat_types, flat_shapes)])
        state = _GeneratorState(generator)

        def generator_next(iterator_id):
            # TF 1.14's generator_py_func (its errors are the PyFunc op's, as TF's)
            return list(element(next(state.iterator(iterator_id))))

        def get_iterator_id_fn(unused_dummy):
            return _script_ops.py_func(state.next_id, arg_tensors, _dt.int64, stateful=True)

        def generator_next_fn(iterator_id_t):
            flat = _script_ops.py_func(generator_next, [iterator_id_t], flat_types,
                                       stateful=True)
            for t, s in zip(flat, flat_shapes):   # (py_func drops the shapes: set again)
                t.set_shape(s)
            return _nest.pack(types, flat)

        def finalize_fn(iterator_id_t):
            return _script_ops.py_func(state.completed, [iterator_id_t], _dt.int64,
                                       stateful=True)

        def flat_map_fn(dummy_arg):
            # TF 1.14's _GeneratorDataset: its three functions traced as
            # StructuredFunctionWrapper traces them (each one's input the init's output)
            name = "Dataset.from_generator()"
            init = _trace(get_iterator_id_fn, _Spec(_dt.int32, TensorShape([])),
                          transformation=name)
            nxt = _trace(generator_next_fn, init.structure, transformation=name)
            fin = _trace(finalize_fn, init.structure, transformation=name)
            ins = ([dummy_arg] + init.info.outer_captures, nxt.info.outer_captures,
                   fin.info.outer_captures)
            attrs = dict(_structure_attrs(structure), **{
                f"T{k}_func_args": [t.dtype.base_dtype for t in v]
                for k, v in zip(("init", "next", "finalize"), ins)})
            op = apply_op("GeneratorDataset", [t for v in ins for t in v], attrs)
            _ds.set_functions(op, [init.info, nxt.info, fin.info])
            return DatasetV1(op.outputs[0], structure)
        # TF 1.14: Dataset.from_tensors(0).flat_map(flat_map_fn)
        return DatasetV1.from_tensors(0).flat_map(flat_map_fn)

    @staticmethod
    def range(*args):
        """A dataset of int64 values, as Python's range(start, stop, step)."""
        if len(args) == 1:
            start, stop, step = 0, args[0], 1
        elif len(args) == 2:
            (start, stop), step = args, 1
        elif len(args) == 3:
            start, stop, step = args
        else:
            raise ValueError(f"Invalid arguments to RangeDataset: {args}")
        ins = [_const(start, _dt.int64, "start"), _const(stop, _dt.int64, "stop"),
               _const(step, _dt.int64, "step")]
        structure = _Spec(_dt.int64, TensorShape([]))
        return DatasetV1(_op("RangeDataset", ins, _structure_attrs(structure)), structure)

    @staticmethod
    def zip(datasets):
        """A dataset of the elements of `datasets` (a nested structure of datasets) zipped."""
        flat = _nest.flatten(datasets)
        for d in flat:
            if not isinstance(d, DatasetV1):
                # tf.data's nest keeps a list whole: TF names the tuple it wants instead
                raise TypeError("The argument to `Dataset.zip()` must be a nested structure "
                                "of `Dataset` objects." + (
                                    " Nested structures do not support Python lists; please "
                                    "use a tuple instead." if isinstance(d, list) else ""))
        structure = _nest.pack(datasets, [d._structure for d in flat])
        return DatasetV1(_op("ZipDataset", [d._variant_tensor for d in flat],
                             dict(_structure_attrs(structure), N=len(flat))), structure)

    @staticmethod
    def list_files(file_pattern, shuffle=None, seed=None):
        """A dataset of the file names matching `file_pattern` (sorted, then shuffled),
        built from TF 1.14's ops (so graph-seeded shuffles draw TF's order)."""
        g = get_default_graph()
        with g.name_scope("list_files"):
            if shuffle is None:
                shuffle = True
            pattern = convert_to_tensor(file_pattern, dtype=_dt.string, name="file_pattern")
            files = _op("MatchingFiles", [pattern], {}, "MatchingFiles")
            cond = _greater(_shape_of(files)[0], constant(0, _dt.int32), name="match_not_empty")
            joined = _op("ReduceJoin", [pattern, constant(np.zeros(0, np.int32), _dt.int32)],
                         {"keep_dims": False, "separator": ", "}, "ReduceJoin")
            with g.name_scope("message") as scope:
                prefix = constant("No files matched pattern: ", _dt.string, name="x")
            message = _op("Add", [prefix, joined], {}, scope)
            check = _Assert(cond, [message], summarize=1, name="assert_not_empty")
            with g.control_dependencies([check]):
                files = _identity(files)
            ds = DatasetV1.from_tensor_slices(files)
            if shuffle:
                n = _maximum(_shape_of(files, out_type=_dt.int64)[0], 1)
                ds = ds.shuffle(n, seed=seed)
        return ds

    # -- transformations ---------------------------------------------------------------
    def apply(self, transformation_func):
        """Applies `transformation_func(dataset)`, which must return a Dataset."""
        out = transformation_func(self)
        if not isinstance(out, DatasetV1):
            raise TypeError("`transformation_func` must return a Dataset. Got "
                            f"{out}.")
        return out

    def batch(self, batch_size, drop_remainder=False):
        """Combines consecutive elements into batches (the last smaller unless dropped)."""
        bs = _const(batch_size, _dt.int64, "batch_size")
        dr = _const(drop_remainder, _dt.bool_, "drop_remainder")
        static = _constant_value(bs) if _constant_value(dr) else None   # as TF's
        structure = _nest.map_structure(
            lambda s: s.with_shape(TensorShape([static]).concatenate(s.shape)),
            self._structure)
        return self._unary("BatchDatasetV2", [bs, dr], structure=structure)

    def padded_batch(self, batch_size, padded_shapes, padding_values=None,
                     drop_remainder=False):
        """Batches elements, padding each component to `padded_shapes`."""
        flat_specs = _nest.flatten(self._structure)
        if any(s.sparse for s in flat_specs):
            raise TypeError("Batching of padded sparse tensors is not currently supported")
        bs = _const(batch_size, _dt.int64, "batch_size")
        # as TF's map_structure_up_to: its TypeError / ValueError for another structure
        shapes, shape_ts = [], []
        for sp, s in zip(flat_specs, _nest.flatten_up_to(self._structure, padded_shapes)):
            # as TF: each shape made a tensor, then checked (TF's
            # _is_padded_shape_compatible_with)
            s = _padded_shape(s)
            shapes.append(s)
            shape_ts.append(constant([-1 if d is None else d for d in s.as_list()], _dt.int64)
                            if isinstance(s, TensorShape) else s)
            if sp.ragged_rank is not None:
                continue
            want = s if isinstance(s, TensorShape) else _padded_tensor_shape(s, None)
            have = sp.shape
            if want.ndims is None or have.ndims is None:
                continue
            if want.ndims != have.ndims or any(
                    p is not None and d is not None and p < d
                    for p, d in zip(want.as_list(), have.as_list())):
                raise ValueError(f"The padded shape {want} is not compatible with the "
                                 f"corresponding input component shape {have}.")
        if padding_values is None:
            pads = [constant("" if s.dtype is _dt.string else 0, s.dtype, name="padding_value")
                    for s in flat_specs]
        else:
            pv = _nest.flatten_up_to(self._structure, padding_values)
            pads = [_padding_value(v, s.dtype) for v, s in zip(pv, flat_specs)]
        dr = _const(drop_remainder, _dt.bool_, "drop_remainder")
        # TF: constant_value(batch_size) if smart_constant_value(drop_remainder)
        static = _constant_value(bs) if _smart_value(dr) else None
        out_specs = [sp if sp.ragged_rank is not None else   # TF keeps a ragged one's spec
                     _Spec(sp.dtype, TensorShape([static]).concatenate(
                         s if isinstance(s, TensorShape) else
                         _padded_tensor_shape(s, sp.shape.ndims)))
                     for sp, s in zip(flat_specs, shapes)]
        structure = _nest.pack(self._structure, out_specs)
        attrs = dict(_structure_attrs(structure), N=len(flat_specs))
        return DatasetV1(_op("PaddedBatchDatasetV2", [self._variant_tensor, bs] + shape_ts +
                             pads + [dr], attrs), structure)

    def cache(self, filename=""):
        """Caches the elements (in memory, or in `filename`) after the first pass."""
        return self._unary("CacheDataset", [_const(filename, _dt.string, "filename")])

    def concatenate(self, dataset):
        """This dataset's elements followed by `dataset`'s."""
        a, b = self.output_types, dataset.output_types
        if _nest.flatten(a) != _nest.flatten(b) or \
                len(_nest.flatten(a)) != len(_nest.flatten(b)):
            raise TypeError(f"Two datasets to concatenate have different types {a} and {b}")
        structure = _nest.map_structure(
            lambda x, y: x.with_shape(_most_specific(x.shape, y.shape)),
            self._structure, dataset._structure)
        attrs = _structure_attrs(structure)
        return DatasetV1(_op("ConcatenateDataset", [self._variant_tensor,
                                                    dataset._variant_tensor], attrs), structure)

    def filter(self, predicate):
        """Keeps the elements for which `predicate` returns True."""
        traced = _trace(predicate, self._structure, "filter")
        outs = traced.info.outputs
        if len(outs) != 1 or outs[0].dtype.base_dtype is not _dt.bool_ or \
                outs[0].shape.ndims not in (0, None):
            raise ValueError("`predicate` return type must be convertible to a scalar boolean "
                             f"tensor. Was {_TO_STRUCTURE[0](traced.structure)}.")
        return DatasetV1(_function_op("FilterDataset", [self._variant_tensor], [traced], [],
                                      self._attrs()), self._structure)

    def flat_map(self, map_func):
        """Maps each element to a dataset and flattens the result."""
        traced = _trace(map_func, self._structure, "flat_map")
        _require_dataset(traced)
        structure = traced.structure.dataset
        return DatasetV1(_function_op("FlatMapDataset", [self._variant_tensor], [traced], [],
                                      _structure_attrs(structure)), structure)

    def interleave(self, map_func, cycle_length, block_length=1, num_parallel_calls=None):
        """Maps each element to a dataset and interleaves `cycle_length` of them."""
        traced = _trace(map_func, self._structure, "interleave")
        _require_dataset(traced)
        structure = traced.structure.dataset
        after = [_const(cycle_length, _dt.int64, "cycle_length"),
                 _const(block_length, _dt.int64, "block_length")]
        op_type = "InterleaveDataset"
        if num_parallel_calls is not None:
            after.append(_const(num_parallel_calls, _dt.int64, "num_parallel_calls"))
            op_type = "ParallelInterleaveDatasetV2"
        return DatasetV1(_function_op(op_type, [self._variant_tensor], [traced], after,
                                      _structure_attrs(structure)), structure)

    def map(self, map_func, num_parallel_calls=None):
        """Maps `map_func` across the elements (traced once into a function graph)."""
        traced = _trace(map_func, self._structure, "map")
        structure = traced.structure
        attrs = _structure_attrs(structure)
        if num_parallel_calls is None:
            return DatasetV1(_function_op("MapDataset", [self._variant_tensor], [traced], [],
                                          attrs), structure)
        npc = _const(num_parallel_calls, _dt.int32, "num_parallel_calls")
        attrs["parallel"] = True
        return DatasetV1(_function_op("ParallelMapDataset", [self._variant_tensor], [traced],
                                      [npc], attrs), structure)

    def map_with_legacy_function(self, map_func, num_parallel_calls=None):
        return self.map(map_func, num_parallel_calls)

    def filter_with_legacy_function(self, predicate):
        return self.filter(predicate)

    def prefetch(self, buffer_size):
        """Prepares up to `buffer_size` elements ahead in a background thread."""
        return self._unary("PrefetchDataset", [_const(buffer_size, _dt.int64, "buffer_size")])

    def repeat(self, count=None):
        """Repeats the dataset `count` times (forever when None or -1)."""
        return self._unary("RepeatDataset", [_const(-1 if count is None else count, _dt.int64,
                                                    "count")])

    def shard(self, num_shards, index):
        """Every `num_shards`-th element, starting at `index`."""
        return self._unary("ShardDataset", [_const(num_shards, _dt.int64, "num_shards"),
                                            _const(index, _dt.int64, "index")])

    def shuffle(self, buffer_size, seed=None, reshuffle_each_iteration=None):
        """Shuffles with a buffer of `buffer_size` elements (TF's order for a given seed)."""
        bs = _const(buffer_size, _dt.int64, "buffer_size")
        seed_t, seed2_t = _get_seed(seed)
        reshuffle = True if reshuffle_each_iteration is None else bool(reshuffle_each_iteration)
        return self._unary("ShuffleDataset", [bs, seed_t, seed2_t],
                           {"reshuffle_each_iteration": reshuffle})

    def skip(self, count):
        """All but the first `count` elements (-1 skips all)."""
        return self._unary("SkipDataset", [_const(count, _dt.int64, "count")])

    def take(self, count):
        """At most `count` elements (-1 takes all)."""
        return self._unary("TakeDataset", [_const(count, _dt.int64, "count")])

    def window(self, size, shift=None, stride=1, drop_remainder=False):
        """A dataset of windows: each element is a structure of datasets of `size` elements."""
        ins = [_const(size, _dt.int64, "size"),
               _const(size if shift is None else shift, _dt.int64, "shift"),
               _const(stride, _dt.int64, "stride"),
               _const(drop_remainder, _dt.bool_, "drop_remainder")]
        structure = _nest.map_structure(lambda s: _Spec(None, None, s), self._structure)
        return self._unary("WindowDataset", ins, structure=structure)

    def reduce(self, initial_state, reduce_func):
        """`reduce_func(state, element) -> new state` over all elements from
        `initial_state`: the final state, as tensors (one ReduceDataset op)."""
        return _dataset_reduce(self, initial_state, reduce_func)

    def enumerate(self, start=0):
        """(index, element) pairs, counting from `start`."""
        counter = DatasetV1.range(start, np.iinfo(np.int64).max)
        return DatasetV1.zip((counter, self))

    def options(self):
        """The options of this dataset and its inputs, merged (tf.data.Options)."""
        return _pipeline_options(self._variant_tensor)

    def with_options(self, options):
        """This dataset with `options` merged into its pipeline's (ValueError where an
        option is set to two different values); they apply when an iterator is made."""
        self.options().merge(options)   # TF's checks: the type, conflicting values
        _OPTIONS.setdefault(self._variant_tensor, []).append(options)
        return DatasetV1(self._variant_tensor, self._structure)

    # -- iterators -------------------------------------------------------------------
    def make_one_shot_iterator(self):
        """An iterator that initializes itself on first use (no placeholders allowed)."""
        return Iterator._one_shot(self)

    def make_initializable_iterator(self, shared_name=None):
        """An iterator whose `initializer` must be run (with any placeholders fed) first."""
        return Iterator._initializable(self, shared_name)


Dataset = DatasetV1


class _VariantDataset(DatasetV1):
    """A dataset given as a variant tensor (a function argument: window, flat_map)."""


_iterator_ops._VARIANT_DATASET = _VariantDataset
_iterator_ops._FROM_FLAT = _from_flat


# Options given by with_options, by the variant tensor of the dataset they were given to
# (TF 1.14's _OptionsDataset adds no op): a pipeline's are those of the variant tensors
# upstream of its own, merged.
_OPTIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _pipeline_options(variant):
    options = Options()
    if not _OPTIONS:
        return options
    seen = set()
    stack = [variant]
    found = []
    while stack:
        t = stack.pop()
        if t in seen:
            continue
        seen.add(t)
        found.extend(_OPTIONS.get(t, ()))
        stack.extend(i for i in t.op.inputs if i.dtype.base_dtype is _dt.variant)
    for o in found:
        options = options.merge(o)
    return options


_iterator_ops._PIPELINE_OPTIONS = _pipeline_options


def _static(t):
    v = const_value(t)
    return None if v is None else v.item()


def _constant_value(t):
    """TF's tensor_util.constant_value of a scalar (Size, Rank, Fill, Cast... folded; `t`
    becomes unfeedable), as a Python value."""
    v = constant_value(t)
    return None if v is None else v.item()


def _smart_value(t):
    """TF's smart_cond.smart_constant_value of a scalar, as a Python value."""
    v = smart_constant_value(t)
    return None if v is None else v.item()


def _padding_value(value, dtype):
    """A padding value as TF's _padding_value_to_tensor takes it: converted as it is (no
    dtype asked), then a scalar of the component's dtype required."""
    t = convert_to_tensor(value, name="padding_value")
    if not t.shape.is_compatible_with(TensorShape([])):
        raise ValueError(f"Padding value should be a scalar, but is not: {t}")
    if t.dtype != dtype:
        raise TypeError(f"Padding value tensor ({t}) does not match output type: {dtype}")
    return t


def _padded_shape(s):
    """A padded shape: a TensorShape, or an int64 tensor where it holds tensors (TF's
    _padded_shape_to_tensor)."""
    if isinstance(s, (list, tuple)) and any(isinstance(d, Tensor) for d in s):
        return _stack([convert_to_tensor(-1 if d is None else d, dtype=_dt.int64)
                       for d in s], name="padded_shape")
    if not isinstance(s, Tensor):
        try:
            return as_shape(s)
        except (TypeError, ValueError):   # e.g. [-1, 2]: TF falls back on a tensor
            pass
    t = convert_to_tensor(s, preferred_dtype=_dt.int64)
    if t.shape.ndims is not None and t.shape.ndims != 1:
        raise ValueError(f"Padded shape {s} must be a 1-D tensor of tf.int64 values, but its "
                         f"shape was {t.shape}.")
    if t.dtype.base_dtype is not _dt.int64:
        raise TypeError(f"Padded shape {s} must be a 1-D tensor of tf.int64 values, but its "
                        f"element type was {t.dtype.base_dtype.name}.")
    return t


def _padded_tensor_shape(t, ndims):
    """TF's constant_value_as_shape of a padded-shape tensor (-1: unknown)."""
    v = _shape_value(t)
    if v is None:
        return TensorShape([None] * ndims) if ndims is not None else TensorShape(None)
    return TensorShape([None if d is None or d < 0 else int(d) for d in v])


def _require_dataset(traced):
    """TF's check that a flat_map / interleave function returns a Dataset: its TypeError
    names the class of the Structure it returned instead."""
    if not isinstance(traced.structure, _Spec) or traced.structure.dataset is None:
        raise TypeError("`map_func` must return a `Dataset` object. Got "
                        f"{type(_TO_STRUCTURE[0](traced.structure))}")


def _most_specific(a, b):
    if a.ndims is None or b.ndims is None or a.ndims != b.ndims:
        return TensorShape(None)
    return TensorShape([x if x == y else None for x, y in zip(a.as_list(), b.as_list())])


def get_output_types(dataset_or_iterator):
    return dataset_or_iterator.output_types


def get_output_shapes(dataset_or_iterator):
    return dataset_or_iterator.output_shapes


def get_output_classes(dataset_or_iterator):
    return dataset_or_iterator.output_classes


def make_one_shot_iterator(dataset):
    return dataset.make_one_shot_iterator()


def make_initializable_iterator(dataset, shared_name=None):
    return dataset.make_initializable_iterator(shared_name)


# ---------------------------------------------------------------------------------------
# Functions with a state (Dataset.reduce; scan and group_by_reducer in _grouping.py)
# ---------------------------------------------------------------------------------------
def _state_tensors(initial_state):
    with get_default_graph().name_scope("initial_state"):
        flat = [convert_to_tensor(v, name=f"component_{i}")
                for i, v in enumerate(_nest.flatten(initial_state))]
    return flat


def _types_str(structure, types):
    """The dtypes as TF prints a nested structure of them (`%s`)."""
    return str(_nest.pack(structure, types))


def _trace_state(func, initial_state, extra_structure, what, n_out_extra):
    """Traces `func(state, extra)` until the state's shapes stop changing (TF relaxes a
    changing dimension to unknown). Returns (traced, state specs, state tensors)."""
    flat = _state_tensors(initial_state)
    specs = [_Spec(t.dtype.base_dtype, t.shape) for t in flat]
    for _ in range(len(flat) * 8 + 2):
        state_structure = _nest.pack(initial_state, specs)
        in_structure = (state_structure,) + tuple(extra_structure) if extra_structure \
            else state_structure
        traced = _trace(func, in_structure, what)
        out = traced.structure
        if n_out_extra:
            if not isinstance(out, tuple) or len(out) != 2:
                raise TypeError(f"The {what} function must return a pair comprising the new "
                                "state and the output value.")
            new_state = out[0]
        else:
            new_state = out
        try:
            new_flat = _nest.flatten(_nest.pack(initial_state, _nest.flatten(new_state)))
            if len(_nest.flatten(new_state)) != len(specs):
                raise ValueError
        except ValueError:
            raise TypeError(f"The element structure for the new state must match the initial "
                            f"state. Expected {initial_state!r}; got {new_state!r}.") from None
        want = [s.dtype for s in specs]
        got = [s.dtype for s in new_flat]
        if want != got:
            raise TypeError(f"The element types for the new state must match the initial "
                            f"state. Expected {_types_str(initial_state, want)}; got "
                            f"{_types_str(initial_state, got)}.")
        relaxed = [_Spec(s.dtype, _most_specific(s.shape, n.shape)) for s, n in
                   zip(specs, new_flat)]
        if all(_same_shape(r.shape, s.shape) for r, s in zip(relaxed, specs)):
            return traced, specs, flat
        specs = relaxed
    raise ValueError(f"{what}: the state's shapes did not converge")


def _same_shape(a, b):
    if a.ndims is None or b.ndims is None:
        return a.ndims is None and b.ndims is None
    return a.as_list() == b.as_list()


def _dataset_reduce(dataset, initial_state, reduce_func):
    """Dataset.reduce: `reduce_func(state, element) -> state` over all elements; the final
    state as tensors."""
    traced, specs, flat = _trace_state(reduce_func, initial_state, (dataset._structure,),
                                       "reduce", 0)
    attrs = {"Tstate": [s.dtype for s in specs], "output_types": [s.dtype for s in specs],
             "output_shapes": [s.shape for s in specs],
             "n_captures_each": [len(traced.info.outer_captures)]}
    op = apply_op("ReduceDataset", [dataset._variant_tensor] + flat +
                  list(traced.info.outer_captures), attrs)
    _ds.set_functions(op, [traced.info])
    return _nest.pack(initial_state, list(op.outputs))


"""tf.data.experimental's stateful transformations (TF 1.14): scan, unique, take_while,
group_by_window, group_by_reducer + Reducer, bucket_by_sequence_length, Counter, and
Dataset.reduce. Their ops run in engine/ops/dataset_grouping.py."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import get_default_graph
from ..engine.framework.tensor_shape import TensorShape
from ..engine.framework.constant_op import constant as _c
from ..engine.ops import comparison as _cmp
from ..engine.ops import dataset as _ds
from ..engine.ops import reductions as _red
from ..engine.ops._base import apply_op
from ..engine.ops.elementwise import add as _add
from ..engine.ops.elementwise import maximum as _max
from ..engine.ops.indexing import gather as _gather
from ..engine.ops.indexing import where as _where
from ..ops.check_ops import assert_less as _assert_less
from . import _nest
from .dataset_ops import (DatasetV1, _func_name, _most_specific, _same_shape, _Spec,
                          _structure_attrs, _trace, _trace_state, _types_str)

__all__ = ["Counter", "Reducer", "bucket_by_sequence_length", "group_by_reducer",
           "group_by_window", "reduce_dataset", "scan", "take_while", "unique"]


def _multi_function_op(op_type, inputs_before, traced_list, inputs_after, attrs,
                       func_attrs=()):
    """A dataset op running several functions: their captures one after the other (TF's
    `T<func attr>_other_arguments` attrs, `func_attrs` naming the functions)."""
    caps = [[t for t in tr.info.outer_captures] for tr in traced_list]
    attrs = dict(attrs)
    attrs["n_captures_each"] = [len(c) for c in caps]
    for name, c in zip(func_attrs, caps):
        attrs[f"T{name}_other_arguments"] = [t.dtype.base_dtype for t in c]
    op = apply_op(op_type, list(inputs_before) + [t for c in caps for t in c] +
                  list(inputs_after), attrs)
    _ds.set_functions(op, [tr.info for tr in traced_list])
    return op


# -- scan -------------------------------------------------------------------------------------
def scan(initial_state, scan_func):
    """A transformation that scans `scan_func(state, element) -> (new_state, output)` across
    the elements, starting from `initial_state`."""
    def apply(dataset):
        traced, specs, flat = _trace_state(scan_func, initial_state, (dataset._structure,),
                                           "scan", 1)
        out_structure = traced.structure[1]
        attrs = dict(_structure_attrs(out_structure))
        attrs["Tstate"] = [s.dtype for s in specs]
        attrs["preserve_cardinality"] = True   # (TF 1.14's scan)
        # the function returns the state then the outputs: its outputs in that order
        op = _multi_function_op("ExperimentalScanDataset", [dataset._variant_tensor] + flat,
                                [traced], [], attrs)
        return DatasetV1(op.outputs[0], out_structure)
    return apply


# -- unique / take_while ----------------------------------------------------------------------
def unique():
    """A transformation that drops the elements seen before (int32, int64 or string
    scalars)."""
    def apply(dataset):
        flat = _nest.flatten(dataset._structure)
        if len(flat) != 1 or flat[0].dataset is not None or \
                flat[0].dtype not in (_dt.int32, _dt.int64, _dt.string):
            raise TypeError("`tf.data.experimental.unique()` only supports inputs with a "
                            "single `tf.int32`, `tf.int64`, or `tf.string` component.")
        return DatasetV1(apply_op("ExperimentalUniqueDataset", [dataset._variant_tensor],
                                  dataset._attrs()).outputs[0], dataset._structure)
    return apply


def take_while(predicate):
    """A transformation that stops the dataset at the first element for which
    `predicate` is False."""
    def apply(dataset):
        traced = _trace(predicate, dataset._structure, "take_while")
        outs = traced.info.outputs
        if len(outs) != 1 or outs[0].dtype.base_dtype is not _dt.bool_ or \
                outs[0].shape.ndims not in (0, None):
            raise ValueError("`predicate` must return a scalar boolean tensor.")
        op = _multi_function_op("ExperimentalTakeWhileDataset", [dataset._variant_tensor],
                                [traced], [], dataset._attrs())
        return DatasetV1(op.outputs[0], dataset._structure)
    return apply


# -- group_by_window / group_by_reducer -------------------------------------------------------
def _key_func(key_func, structure, transformation, fname=None):
    """The traced key function: TF's group_by_window traces its `key_func_wrapper`,
    group_by_reducer the user's function (named `fname`)."""
    def as_int64(*args):
        return convert_to_tensor(key_func(*args), dtype=_dt.int64)
    traced = _trace(as_int64, structure, "key_func", transformation,
                    fname or "key_func_wrapper")
    outs = traced.info.outputs
    if len(outs) != 1 or outs[0].dtype.base_dtype is not _dt.int64 or \
            outs[0].shape.ndims not in (0, None):
        got = outs[0].dtype if len(outs) == 1 else [t.dtype for t in outs]
        raise ValueError("`key_func` must return a single tf.int64 tensor. Got type="
                         f"{got} and shape={outs[0].shape if len(outs) == 1 else None}")
    return traced


def group_by_window(key_func, reduce_func, window_size=None, window_size_func=None):
    """Groups the elements by `key_func` in windows of `window_size` (or
    `window_size_func(key)`) elements and maps each window with `reduce_func(key, window
    dataset)`, flattening the datasets it returns."""
    if (window_size is not None and window_size_func) or \
            not (window_size is not None or window_size_func):
        raise ValueError("Must pass either window_size or window_size_func.")
    if window_size is not None:
        def window_size_func(_):
            return window_size

    def apply(dataset):
        key_spec = _Spec(_dt.int64, TensorShape([]))
        k = _key_func(key_func, dataset._structure, "tf.data.experimental.group_by_window()")
        r = _trace(reduce_func, (key_spec, _Spec(None, None, dataset._structure)),
                   "reduce_func")
        if not isinstance(r.structure, _Spec) or r.structure.dataset is None:
            raise TypeError("`reduce_func` must return a `Dataset` object.")
        w = _trace(lambda key: convert_to_tensor(window_size_func(key), dtype=_dt.int64),
                   key_spec, "window_size_func", fname="window_size_func_wrapper")
        out = r.structure.dataset
        op = _multi_function_op("ExperimentalGroupByWindowDataset", [dataset._variant_tensor],
                                [k, r, w], [], _structure_attrs(out),
                                ("key_func", "reduce_func", "window_size_func"))
        return DatasetV1(op.outputs[0], out)
    return apply


class Reducer:
    """A reducer for group_by_reducer: `init_func(key) -> state`, `reduce_func(state,
    element) -> state`, `finalize_func(state) -> output`."""

    def __init__(self, init_func, reduce_func, finalize_func):
        self._init_func = init_func
        self._reduce_func = reduce_func
        self._finalize_func = finalize_func

    @property
    def init_func(self):
        return self._init_func

    @property
    def reduce_func(self):
        return self._reduce_func

    @property
    def finalize_func(self):
        return self._finalize_func


def group_by_reducer(key_func, reducer):
    """Groups the elements by `key_func` and reduces each group with `reducer`: one output
    per key, in key order (after the whole input is read)."""
    def apply(dataset):
        key_spec = _Spec(_dt.int64, TensorShape([]))
        k = _key_func(key_func, dataset._structure, "tf.data.experimental.group_by_reducer()",
                      _func_name(key_func))
        init = _trace(reducer.init_func, key_spec, "init_func")
        state0 = init.structure
        specs = _nest.flatten(state0)
        for _ in range(len(specs) * 8 + 2):
            red = _trace(reducer.reduce_func, (state0, dataset._structure), "reduce_func",
                         "tf.data.experimental.group_by_reducer()")
            new = _nest.flatten(red.structure)
            if len(new) != len(specs):
                raise TypeError("The element structure for the new state must match the "
                                f"initial state. Expected {state0}; got {red.structure}.")
            want, got = [s.dtype for s in specs], [s.dtype for s in new]
            if want != got:
                raise TypeError("The element types for the new state must match the initial "
                                f"state. Expected {_types_str(init.structure, want)}; got "
                                f"{_types_str(init.structure, got)}.")
            relaxed = [_Spec(s.dtype, _most_specific(s.shape, n.shape))
                       for s, n in zip(specs, new)]
            if all(_same_shape(a.shape, b.shape) for a, b in zip(relaxed, specs)):
                break
            specs = relaxed
            state0 = _nest.pack(state0, specs)
        fin = _trace(reducer.finalize_func, state0, "finalize_func")
        out = fin.structure
        op = _multi_function_op("ExperimentalGroupByReducerDataset", [dataset._variant_tensor],
                                [k, init, red, fin], [], _structure_attrs(out),
                                ("key_func", "init_func", "reduce_func", "finalize_func"))
        return DatasetV1(op.outputs[0], out)
    return apply


def reduce_dataset(dataset, reducer):
    """tf.contrib.data.reduce_dataset: `reducer` over all of `dataset` (one key)."""
    if not isinstance(dataset, DatasetV1):
        raise TypeError("`dataset` must be a `tf.data.Dataset` object.")
    reduced = dataset.apply(group_by_reducer(lambda *_: np.int64(0), reducer))
    op = apply_op("DatasetToSingleElement", [reduced._variant_tensor], reduced._attrs())
    return _nest.pack(reduced._structure, list(op.outputs))


# -- bucket_by_sequence_length ----------------------------------------------------------------
def bucket_by_sequence_length(element_length_func, bucket_boundaries, bucket_batch_sizes,
                              padded_shapes=None, padding_values=None,
                              pad_to_bucket_boundary=False, no_padding=False,
                              drop_remainder=False):
    """Batches elements of similar length (element_length_func) together: one bucket per
    interval of `bucket_boundaries`, batched (padded) with its `bucket_batch_sizes`."""
    with get_default_graph().name_scope("bucket_by_seq_length"):   # (as TF: the Const)
        if len(bucket_batch_sizes) != len(bucket_boundaries) + 1:
            raise ValueError("len(bucket_batch_sizes) must equal len(bucket_boundaries) + 1")
        batch_sizes = _c(bucket_batch_sizes, dtype=_dt.int64)

    def element_to_bucket_id(*args):
        seq_length = element_length_func(*args)
        boundaries = list(bucket_boundaries)
        buckets_min = [np.iinfo(np.int32).min] + boundaries
        buckets_max = boundaries + [np.iinfo(np.int32).max]
        conditions_c = _cmp.logical_and(
            _cmp.less_equal(buckets_min, seq_length), _cmp.less(seq_length, buckets_max))
        bucket_id = _red.reduce_min(_where(conditions_c))
        return bucket_id

    def window_size_fn(bucket_id):
        return _gather(batch_sizes, bucket_id)

    def make_padded_shapes(shapes, none_filler=None):
        padded = []
        for shape in _nest.flatten(shapes):
            shape = TensorShape(shape)
            shape = [none_filler if d is None else d for d in shape.as_list()]
            padded.append(shape)
        return _nest.pack(shapes, padded)

    def batching_fn(bucket_id, grouped_dataset):
        batch_size = window_size_fn(bucket_id)
        if no_padding:
            return grouped_dataset.batch(batch_size, drop_remainder=drop_remainder)
        none_filler = None
        if pad_to_bucket_boundary:
            err_msg = ("When pad_to_bucket_boundary=True, elements must have length < "
                       "max(bucket_boundaries).")
            check = _assert_less(bucket_id, _c(len(bucket_batch_sizes) - 1, dtype=_dt.int64),
                                 message=err_msg)
            with get_default_graph().control_dependencies([check]):
                boundaries = _c(bucket_boundaries, dtype=_dt.int64)
                bucket_boundary = _gather(boundaries, bucket_id)
                pad_to = _max(_add(bucket_boundary, np.int64(-1)), np.int64(0))
                none_filler = pad_to
        shapes = make_padded_shapes(padded_shapes or grouped_dataset.output_shapes,
                                    none_filler=none_filler)
        return grouped_dataset.padded_batch(batch_size, shapes, padding_values,
                                            drop_remainder=drop_remainder)

    def apply(dataset):
        if no_padding and (padded_shapes is not None or padding_values is not None):
            raise ValueError("If no_padding is True, padded_shapes and padding_values must "
                             "not be set.")
        return dataset.apply(group_by_window(element_to_bucket_id, batching_fn,
                                             window_size_func=window_size_fn))
    return apply


# -- Counter, Dataset.reduce --------------------------------------------------------------------
def Counter(start=0, step=1, dtype=_dt.int64):  # noqa: N802 - TF's name
    """A dataset counting from `start` by `step`, without end."""
    with get_default_graph().name_scope("counter"):
        start = convert_to_tensor(start, dtype=dtype, name="start")
        step = convert_to_tensor(step, dtype=dtype, name="step")
        return DatasetV1.from_tensors(0).repeat(None).apply(
            scan(start, lambda state, _: (state + step, state)))

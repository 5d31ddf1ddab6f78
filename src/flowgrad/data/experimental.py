"""tf.data.experimental (TF 1.14): the transformations scripts use most."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops._base import apply_op
from ._batched_features import make_batched_features_dataset, parse_example_dataset
from ._extras import (Optional, TFRecordWriter, copy_to_device, get_next_as_optional,
                      prefetch_to_device)
from ._grouping import (Counter, Reducer, bucket_by_sequence_length, group_by_reducer,
                        group_by_window, scan, take_while, unique)
from ._resampling import rejection_resample
from ._sampling import (RandomDataset, dense_to_sparse_batch, directed_interleave,
                        sample_from_datasets, unbatch)
from ._saveable import CheckpointInputPipelineHook, make_saveable_from_iterator
from ._transforms import ignore_errors, parallel_interleave, shuffle_and_repeat
from .csv import CsvDataset, make_csv_dataset
from .readers import SqlDataset
from .stats import StatsAggregator, bytes_produced_stats, latency_stats
from .structure import (DatasetStructure, NestedStructure, OptionalStructure,
                        RaggedTensorStructure, TensorArrayStructure,
                        SparseTensorStructure, Structure, TensorStructure, from_variant,
                        get_structure, to_variant)
from .options import (DistributeOptions, MapVectorizationOptions, OptimizationOptions,
                      StatsOptions, ThreadingOptions)
from .dataset_ops import (AUTOTUNE, DatasetV1, _const, _constant_value, _from_flat, _function_op,
                          _nest, _structure_attrs, _trace)

__all__ = ["AUTOTUNE", "CheckpointInputPipelineHook", "Counter", "CsvDataset", "Optional",
           "DistributeOptions", "MapVectorizationOptions", "OptimizationOptions",
           "StatsOptions", "ThreadingOptions", "SqlDataset", "DatasetStructure",
           "StatsAggregator", "bytes_produced_stats", "latency_stats",
           "NestedStructure", "OptionalStructure", "SparseTensorStructure", "Structure",
           "TensorStructure", "from_variant", "get_structure", "to_variant",
           "RaggedTensorStructure", "TensorArrayStructure",
           "RandomDataset", "Reducer",
           "TFRecordWriter", "bucket_by_sequence_length", "copy_to_device",
           "get_next_as_optional", "group_by_reducer", "group_by_window",
           "prefetch_to_device", "rejection_resample", "scan", "take_while", "unique",
           "make_csv_dataset", "cardinality", "make_batched_features_dataset",
           "parse_example_dataset", "map_and_batch_with_legacy_function",
           "choose_from_datasets", "dense_to_sparse_batch", "enumerate_dataset",
           "get_single_element", "ignore_errors",
           "make_saveable_from_iterator", "map_and_batch", "parallel_interleave",
           "sample_from_datasets",
           "shuffle_and_repeat", "unbatch", "INFINITE_CARDINALITY", "UNKNOWN_CARDINALITY"]

INFINITE_CARDINALITY = -1
UNKNOWN_CARDINALITY = -2


def map_and_batch(map_func, batch_size, num_parallel_batches=None, drop_remainder=False,
                  num_parallel_calls=None):
    """map then batch, fused (TF's ExperimentalMapAndBatchDataset)."""
    if num_parallel_batches is not None and num_parallel_calls is not None:
        raise ValueError("The `num_parallel_batches` and `num_parallel_calls` arguments are "
                         "mutually exclusive.")
    # TF: batch_size calls at a time (batch_size * num_parallel_batches), computed now
    if num_parallel_calls is None:
        num_parallel_calls = (batch_size if num_parallel_batches is None else
                              batch_size * num_parallel_batches)

    def apply(dataset):
        traced = _trace(map_func, dataset._structure, "map_and_batch")
        bs = _const(batch_size, _dt.int64, "batch_size")
        npc_t = _const(num_parallel_calls, _dt.int64, "num_parallel_calls")
        dr = _const(drop_remainder, _dt.bool_, "drop_remainder")
        static = _constant_value(bs) if _constant_value(dr) else None   # as TF's
        structure = _nest.map_structure(
            lambda s: s.with_shape(TensorShape([static]).concatenate(s.shape)),
            traced.structure)
        attrs = dict(_structure_attrs(structure), preserve_cardinality=True)   # (TF 1.14's)
        return DatasetV1(_function_op("ExperimentalMapAndBatchDataset",
                                      [dataset._variant_tensor], [traced], [bs, npc_t, dr],
                                      attrs), structure)
    return apply


def choose_from_datasets(datasets, choice_dataset):
    """Elements of `datasets[i]` for each i that `choice_dataset` (int64 scalars) yields
    (no datasets: as TF 1.14, `datasets[0]`'s IndexError)."""
    if choice_dataset.output_types != _dt.int64 or \
            not TensorShape([]).is_compatible_with(choice_dataset.output_shapes):
        raise TypeError("`choice_dataset` must be a dataset of scalar `tf.int64` tensors.")
    return directed_interleave(choice_dataset, datasets)


def cardinality(dataset):
    """The number of elements of `dataset` as an int64 scalar tensor: INFINITE_CARDINALITY
    (-1) for an endless one, UNKNOWN_CARDINALITY (-2) when its transformations cannot say
    (filter, flat_map, file readers, ...)."""
    return apply_op("ExperimentalDatasetCardinality", [dataset._variant_tensor], {}).outputs[0]


def map_and_batch_with_legacy_function(map_func, batch_size, num_parallel_batches=None,
                                       drop_remainder=False, num_parallel_calls=None):
    """map_and_batch (flowgrad traces every function the same way)."""
    return map_and_batch(map_func, batch_size, num_parallel_batches, drop_remainder,
                         num_parallel_calls)


def enumerate_dataset(start=0):
    """(index, element) pairs counting from `start` (Dataset.enumerate as a transformation)."""
    def apply(dataset):
        return dataset.enumerate(start)
    return apply


def get_single_element(dataset):
    """The one element of `dataset` as tensors (InvalidArgumentError at run if it has none
    or more than one)."""
    if not isinstance(dataset, DatasetV1):
        raise TypeError("`dataset` must be a `tf.data.Dataset` object.")
    op = apply_op("DatasetToSingleElement", [dataset._variant_tensor], dataset._attrs())
    return _nest.pack(dataset._structure, [
        _from_flat(t, s) for t, s in zip(op.outputs, _nest.flatten(dataset._structure))])

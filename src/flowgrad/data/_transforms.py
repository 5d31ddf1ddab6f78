"""shuffle_and_repeat, ignore_errors and parallel_interleave: the tf.data.experimental
transformations make_csv_dataset also applies (re-exported by experimental.py)."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from .dataset_ops import (DatasetV1, _const, _function_op, _get_seed, _op, _Spec,
                          _structure_attrs, _trace)

__all__ = ["ignore_errors", "parallel_interleave", "shuffle_and_repeat"]


def shuffle_and_repeat(buffer_size, count=None, seed=None):
    """shuffle + repeat in one op: epochs may mix in the buffer (TF's ShuffleAndRepeatDataset)."""
    def apply(dataset):
        bs = _const(buffer_size, _dt.int64, "buffer_size")
        c = _const(-1 if count is None else count, _dt.int64, "count")
        seed_t, seed2_t = _get_seed(seed)
        return DatasetV1(_op("ShuffleAndRepeatDataset", [dataset._variant_tensor, bs, seed_t,
                                                         seed2_t, c], dataset._attrs()),
                         dataset._structure)
    return apply


def ignore_errors():
    """Drops the elements whose computation raised an error."""
    def apply(dataset):
        return DatasetV1(_op("ExperimentalIgnoreErrorsDataset", [dataset._variant_tensor],
                             dataset._attrs()), dataset._structure)
    return apply


def parallel_interleave(map_func, cycle_length, block_length=1, sloppy=False,
                        buffer_output_elements=None, prefetch_input_elements=None):
    """interleave with `cycle_length` inputs (TF's ExperimentalParallelInterleaveDataset;
    flowgrad gives the deterministic order, which `sloppy` also allows)."""
    def apply(dataset):
        traced = _trace(map_func, dataset._structure, "parallel_interleave")
        if not isinstance(traced.structure, _Spec) or traced.structure.dataset is None:
            raise TypeError("`map_func` must return a `Dataset` object.")
        structure = traced.structure.dataset
        cl = _const(cycle_length, _dt.int64, "cycle_length")
        bl = _const(block_length, _dt.int64, "block_length")
        sl = _const(sloppy, _dt.bool_, "sloppy")
        boe = _const(2 * block_length if buffer_output_elements is None else
                     buffer_output_elements, _dt.int64, "buffer_output_elements")
        pie = _const(2 * cycle_length if prefetch_input_elements is None else
                     prefetch_input_elements, _dt.int64, "prefetch_input_elements")
        return DatasetV1(_function_op("ExperimentalParallelInterleaveDataset",
                                      [dataset._variant_tensor], [traced],
                                      [cl, bl, sl, boe, pie], _structure_attrs(structure)),
                         structure)
    return apply

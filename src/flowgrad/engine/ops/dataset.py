"""tf.data's graph ops: dataset ops with variant outputs, iterators with resource outputs.

A dataset op (TensorSliceDataset, MapDataset, BatchDatasetV2, ...) computes a
`DatasetValue`: a description of a sequence of elements (tuples of NumPy arrays,
one per flat component) that can make any number of independent Python
iterators. It costs nothing until an iterator pulls from it.

Iterators are per-session resources, as in TF: `IteratorV2` (and
`OneShotIterator`, `IteratorFromStringHandleV2`) return the session's
`IteratorResource` for the op; `MakeIterator` points it at a dataset and
`IteratorGetNext` pulls one element, raising OutOfRangeError("End of sequence")
at the end and FailedPreconditionError before initialization.

Functions (map, filter, flat_map, interleave, ...) are traced once into a
`FuncGraph`, a graph nested in the user's: tensors it uses from outside become
its placeholders ("captures") and inputs of the dataset op, as TF's
`other_arguments`. Binding the dataset op compiles the function into a
sub-plan of the same session (one per worker thread for parallel maps).
"""
from __future__ import annotations

from . import dataset_cardinality  # noqa: F401 - registers its op
from . import dataset_grouping  # noqa: F401 - registers its ops
from . import dataset_parse  # noqa: F401 - registers its op
from . import dataset_import  # noqa: F401 - imports the ops of functions
from . import dataset_io as _io
from .dataset_core import (END_OF_SEQUENCE, DatasetValue, register_dataset_op, seed_generator,
                           set_functions, set_one_shot_dataset)
from .dataset_fn import FuncGraph, FunctionInfo, next_uid
from .dataset_iterators import IteratorResource
from .dataset_map import optimize

__all__ = ["DatasetValue", "FuncGraph", "FunctionInfo", "IteratorResource", "END_OF_SEQUENCE",
           "register_dataset_op", "set_functions", "set_one_shot_dataset", "seed_generator",
           "optimize", "set_cache_files", "next_uid"]


def set_cache_files(files):
    """flowgrad.data (data/_cache_file.py) reads and writes cache files in TF's format."""
    _io.CACHE_FILES = files

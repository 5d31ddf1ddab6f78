"""tf.data.experimental's random sources and samplers (TF 1.14): RandomDataset,
sample_from_datasets (seeded StatelessMultinomial picks), and unbatch."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import get_default_graph
from ..engine.framework.tensor_shape import TensorShape, as_shape
from ..engine.ops._base import apply_op
from ..engine.ops.elementwise import log as _log
from ..engine.ops.joining import stack as _stack
from ..engine.ops.shape import expand_dims as _expand_dims
from ..engine.ops.shape import squeeze as _squeeze
from ..ops.ragged_tensor import RaggedTensor
from ..ops.sparse_tensor import SparseTensor
from .dataset_ops import (DatasetV1, _get_seed, _most_specific, _nest, _op, _Spec,
                          _structure_attrs)

__all__ = ["RandomDataset", "dense_to_sparse_batch", "sample_from_datasets", "unbatch"]


def unbatch():
    """Splits each element into the slices along its first dimension (TF 1.14's graph: a
    map that boxes each SparseTensor row by row, then ExperimentalUnbatchDataset)."""
    def apply(dataset):
        specs = _nest.flatten(dataset._structure)
        for sp in specs:
            if sp.shape.ndims == 0:
                raise ValueError("Unbatching a tensor is only supported for rank >= 1")

        def normalize(*args):
            flat = _nest.flatten(args)
            return tuple(_op("SerializeManySparse", [v.indices, v.values, v.dense_shape],
                             {"T": v.dtype.base_dtype, "out_type": _dt.variant})
                         if isinstance(v, SparseTensor) else
                         v._to_variant(batched_input=True) if isinstance(v, RaggedTensor) else v
                         for v in flat)
        normalized = dataset.map(normalize)
        structure = _nest.pack(dataset._structure,
                               [sp.with_shape(sp.shape[1:]) for sp in specs])
        return DatasetV1(_op("ExperimentalUnbatchDataset", [normalized._variant_tensor],
                             _structure_attrs(structure)), structure)
    return apply


def dense_to_sparse_batch(batch_size, row_shape):
    """Batches ragged dense elements (one component each) into SparseTensors of dense shape
    [batch, *row_shape] (a None/-1 dimension: the batch's largest)."""
    def apply(dataset):
        if not isinstance(dataset.output_types, _dt.DType):
            # as TF 1.14, `%` with the types: a tuple of them raises TypeError("not all
            # arguments converted during string formatting") there and then
            raise TypeError("DenseToSparseDataset requires an input whose elements have a "
                            "single component, whereas the input has %r." %
                            dataset.output_types)
        shape = as_shape(row_shape)
        structure = _Spec(dataset.output_types, TensorShape([None]).concatenate(shape),
                          sparse=True)
        rs = _partial_shape_to_tensor(shape)
        with get_default_graph().name_scope("ExperimentalDenseToSparseBatchDataset") as scope:
            bs = convert_to_tensor(batch_size, dtype=_dt.int64, name="batch_size")
        return DatasetV1(_op("ExperimentalDenseToSparseBatchDataset",
                             [dataset._variant_tensor, bs, rs], _structure_attrs(structure),
                             scope), structure)
    return apply


def _partial_shape_to_tensor(shape):
    """TF's convert.partial_shape_to_tensor for a TensorShape: an int64 vector, -1 for an
    unknown dimension."""
    if shape.ndims is None:
        raise ValueError("The given shape must have a known rank")
    return convert_to_tensor([-1 if d is None else d for d in shape.as_list()],
                             dtype=_dt.int64)


class RandomDataset(DatasetV1):
    """An endless dataset of pseudorandom int64 scalars (TF's uint32 Philox draws)."""
    _repr_name = "RandomDatasetV1"   # TF 1.14's class name

    def __init__(self, seed=None):
        seed_t, seed2_t = _get_seed(seed)
        structure = _Spec(_dt.int64, TensorShape([]))
        super().__init__(_op("ExperimentalRandomDataset", [seed_t, seed2_t],
                             _structure_attrs(structure)), structure)


def sample_from_datasets(datasets, weights=None, seed=None):
    """Elements drawn from `datasets` at random, input i with probability `weights[i]`
    (TF 1.14's graph: a RandomDataset batched in pairs seeds a StatelessMultinomial)."""
    num = len(datasets)
    if not isinstance(weights, DatasetV1):
        if weights is None:
            logits = [[1.0] * num]
        else:
            weights = convert_to_tensor(weights, name="weights")
            if weights.dtype.base_dtype not in (_dt.float32, _dt.float64):
                raise TypeError("`weights` must be convertible to a tensor of `tf.float32` "
                                "or `tf.float64` elements.")
            if not weights.shape.is_compatible_with([num]):
                raise ValueError("`weights` must be a vector of length `len(datasets)`.")
            logits = _expand_dims(_log(weights, name="logits"), 0)
        if num == 1:
            return datasets[0]

        def select_constant(pair):
            return _squeeze(_stateless_multinomial(logits, pair), axis=[0, 1])
        selector = RandomDataset(seed).batch(2).map(select_constant)
    else:
        logits_ds = weights.map(lambda *p: _log(_stack(list(p)), name="logits"))

        def select_varying(lg, pair):
            return _squeeze(_stateless_multinomial(lg, pair), axis=[0, 1])
        selector = DatasetV1.zip((logits_ds, RandomDataset(seed).batch(2))).map(select_varying)
    return directed_interleave(selector, datasets)


def _stateless_multinomial(logits, seed):
    """gen_stateless_random_ops.stateless_multinomial(logits, 1, seed): the bare op."""
    lg = convert_to_tensor(logits, name="logits")
    n = convert_to_tensor(1, _dt.int32, name="num_samples")
    return apply_op("StatelessMultinomial", [lg, n, seed], {"output_dtype": _dt.int64},
                    "StatelessMultinomial").outputs[0]


def directed_interleave(selector, datasets):
    """TF's _DirectedInterleaveDataset: the element of `datasets[i]` for each i `selector`
    yields; all must have one type and class, the shapes merge to the most specific one
    compatible with all."""
    first = datasets[0]
    for d in datasets[1:]:
        if d.output_types != first.output_types or d.output_classes != first.output_classes:
            raise TypeError("All datasets must have the same type and class.")
    structure = first._structure
    for d in datasets[1:]:
        structure = _nest.map_structure(
            lambda x, y: x.with_shape(_most_specific(x.shape, y.shape)), structure, d._structure)
    return DatasetV1(_op("ExperimentalDirectedInterleaveDataset",
                         [selector._variant_tensor] + [d._variant_tensor for d in datasets],
                         dict(_structure_attrs(structure), N=len(datasets))), structure)

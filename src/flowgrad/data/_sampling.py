"""tf.data.experimental's random sources and samplers (TF 1.14): RandomDataset,
sample_from_datasets (seeded StatelessMultinomial picks), and unbatch."""
from __future__ import annotations

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.tensor_shape import TensorShape
from ..engine.ops._base import apply_op
from ..engine.ops.elementwise import log as _log
from ..engine.ops.joining import stack as _stack
from ..engine.ops.shape import expand_dims as _expand_dims
from ..engine.ops.shape import squeeze as _squeeze
from .dataset_ops import DatasetV1, _get_seed, _nest, _op, _Spec, _structure_attrs

__all__ = ["RandomDataset", "sample_from_datasets", "unbatch"]


def unbatch():
    """Splits each element into the slices along its first dimension."""
    def apply(dataset):
        structure = _nest.map_structure(lambda s: type(s)(s.dtype, s.shape[1:]),
                                        dataset._structure)
        return DatasetV1(_op("ExperimentalUnbatchDataset", [dataset._variant_tensor],
                             _structure_attrs(structure)), structure)
    return apply


class RandomDataset(DatasetV1):
    """An endless dataset of pseudorandom int64 scalars (TF's uint32 Philox draws)."""

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
    return _directed_interleave(selector, datasets)


def _stateless_multinomial(logits, seed):
    """gen_stateless_random_ops.stateless_multinomial(logits, 1, seed): the bare op."""
    lg = convert_to_tensor(logits, name="logits")
    n = convert_to_tensor(1, _dt.int32, name="num_samples")
    return apply_op("StatelessMultinomial", [lg, n, seed], {"output_dtype": _dt.int64},
                    "StatelessMultinomial").outputs[0]


def _directed_interleave(selector, datasets):
    first = datasets[0]
    for d in datasets[1:]:
        if _nest.flatten(d.output_types) != _nest.flatten(first.output_types):
            raise TypeError(f"Dataset {d} has incompatible type {d.output_types}.")
    return DatasetV1(_op("ExperimentalDirectedInterleaveDataset",
                         [selector._variant_tensor] + [d._variant_tensor for d in datasets],
                         dict(first._attrs(), N=len(datasets))), first._structure)

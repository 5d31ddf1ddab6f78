"""tf.data.experimental.rejection_resample (TF 1.14): resamples a dataset towards a
target class distribution by rejecting elements per class, mixed with the original
stream in the proportion that makes the result follow the target (TF's graph: the
class estimate is a scan over batches of 32 class values; the acceptance draw is a
seeded random_uniform in a filter; the mix is sample_from_datasets)."""
from __future__ import annotations

import numpy as np

from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.static_value import constant_value
from ..engine.ops import reductions as _red
from ..engine.ops.cast import cast as _cast
from ..engine.ops.comparison import less as _less
from ..engine.ops.construction import fill as _fill
from ..engine.ops.construction import one_hot as _one_hot
from ..engine.ops.control_flow import cond as _cond
from ..engine.ops.elementwise import add as _add
from ..engine.ops.elementwise import truediv as _truediv
from ..engine.ops.indexing import gather as _gather
from ..engine.ops.joining import tile as _tile
from ..engine.ops.shape import expand_dims as _expand_dims
from ..engine.ops.shape import shape as _shape
from ..ops.logging_ops import Print as _Print
from ..ops.random_ops import random_uniform as _random_uniform
from ._grouping import scan
from .dataset_ops import DatasetV1
from ._sampling import sample_from_datasets, unbatch

__all__ = ["rejection_resample"]


def rejection_resample(class_func, target_dist, initial_dist=None, seed=None):
    """A transformation giving (class, element) pairs whose classes (`class_func(element)`,
    int32 scalars) follow `target_dist`; `initial_dist` (else estimated as the elements
    go by) is the input's class distribution."""
    def apply(dataset):
        target_dist_t = convert_to_tensor(target_dist, name="target_dist")
        class_values_ds = dataset.map(class_func)
        if initial_dist is not None:
            initial_dist_t = convert_to_tensor(initial_dist, name="initial_dist")
            acceptance_dist, prob_of_original = _acceptance_probs_with_mixing(
                initial_dist_t, target_dist_t)
            initial_dist_ds = DatasetV1.from_tensors(initial_dist_t).repeat()
            acceptance_dist_ds = DatasetV1.from_tensors(acceptance_dist).repeat()
            prob_of_original_ds = DatasetV1.from_tensors(prob_of_original).repeat()
        else:
            initial_dist_ds = _estimate_initial_dist_ds(target_dist_t, class_values_ds)
            both = initial_dist_ds.map(
                lambda initial: _acceptance_probs_with_mixing(initial, target_dist_t))
            acceptance_dist_ds = both.map(lambda accept_prob, _: accept_prob)
            prob_of_original_ds = both.map(lambda _, prob_original: prob_original)
        filtered_ds = _filter_ds(dataset, acceptance_dist_ds, initial_dist_ds,
                                 class_values_ds, seed)
        filtered_ds = filtered_ds.prefetch(3)
        prob_original_static = _prob_original_static(initial_dist_t, target_dist_t) \
            if initial_dist is not None else None
        if prob_original_static == 1:
            return DatasetV1.zip((class_values_ds, dataset))
        if prob_original_static == 0:
            return filtered_ds
        return sample_from_datasets(
            [DatasetV1.zip((class_values_ds, dataset)), filtered_ds],
            weights=prob_of_original_ds.map(lambda prob: [(prob, 1.0 - prob)]), seed=seed)
    return apply


def _prob_original_static(initial_dist_t, target_dist_t):
    init_static = constant_value(initial_dist_t)   # TF: tensor_util.constant_value
    target_static = constant_value(target_dist_t)
    if init_static is None or target_static is None:
        return None
    return np.min(target_static / init_static)


def _filter_ds(dataset, acceptance_dist_ds, initial_dist_ds, class_values_ds, seed):
    def maybe_warn_on_large_rejection(accept_dist, initial_dist):
        proportion_rejected = _red.reduce_sum((1 - accept_dist) * initial_dist)
        return _cond(_less(proportion_rejected, .5), lambda: accept_dist,
                     lambda: _Print(accept_dist, [proportion_rejected, initial_dist,
                                                  accept_dist],
                                    message="Proportion of examples rejected by sampler is "
                                    "high: ", summarize=100, first_n=10))

    acceptance_dist_ds = DatasetV1.zip((acceptance_dist_ds, initial_dist_ds)).map(
        maybe_warn_on_large_rejection)

    def gather_and_copy(class_val, acceptance_prob, data):
        return class_val, _gather(acceptance_prob, class_val), data

    current = DatasetV1.zip((class_values_ds, acceptance_dist_ds, dataset)).map(
        gather_and_copy)
    filtered = current.filter(lambda _1, p, _2: _random_uniform([], seed=seed) < p)
    return filtered.map(lambda class_value, _, data: (class_value, data))


def _estimate_initial_dist_ds(target_dist_t, class_values_ds, dist_estimation_batch_size=32,
                              smoothing_constant=10):
    num_classes = target_dist_t.shape[0].value if hasattr(target_dist_t.shape[0], "value") \
        else target_dist_t.shape[0]
    num_classes = num_classes or _shape(target_dist_t)[0]
    initial_examples_per_class_seen = _fill([num_classes], np.int64(smoothing_constant))

    def update_estimate_and_tile(num_examples_per_class_seen, c):
        updated, dist = _estimate_data_distribution(c, num_examples_per_class_seen)
        tiled_dist = _tile(_expand_dims(dist, 0), [dist_estimation_batch_size, 1])
        return updated, tiled_dist

    return class_values_ds.batch(dist_estimation_batch_size).apply(
        scan(initial_examples_per_class_seen, update_estimate_and_tile)).apply(unbatch())


def _target_to_initial_ratio(initial_probs, target_probs):
    denom = initial_probs + np.finfo(initial_probs.dtype.as_numpy_dtype).tiny
    return target_probs / denom


def _estimate_data_distribution(c, num_examples_per_class_seen):
    num_classes = num_examples_per_class_seen.shape[0]
    num_examples_per_class_seen = _add(num_examples_per_class_seen, _red.reduce_sum(
        _one_hot(c, num_classes, dtype=_dt.int64), 0))
    init_prob_estimate = _truediv(num_examples_per_class_seen,
                                  _red.reduce_sum(num_examples_per_class_seen))
    return num_examples_per_class_seen, _cast(init_prob_estimate, _dt.float32)


def _acceptance_probs_with_mixing(initial_probs, target_probs):
    """(per-class acceptance probabilities a_i, probability m of taking the original
    stream): m = min_i(t_i / p_i), a_i = (t_i / p_i - m) / (max_i(t_i / p_i) - m)."""
    ratio_l = _target_to_initial_ratio(initial_probs, target_probs)
    max_ratio = _red.reduce_max(ratio_l)
    min_ratio = _red.reduce_min(ratio_l)
    m = min_ratio
    a_i = (ratio_l - m) / (max_ratio - m)
    return a_i, m

"""Segment reductions (`tf.unsorted_segment_sum`, `tf.segment_sum/mean/max`) and the
IndexedSlices <-> dense conversions: defined in engine/ops/segment.py (and
engine/autodiff/gradients.py for `dense_to_indexed_slices`), re-exported here."""
from __future__ import annotations

from ..engine.autodiff.gradients import dense_to_indexed_slices  # noqa: F401
from ..engine.ops.segment import (  # noqa: F401
    LARGE_SPARSE_NUM_ELEMENTS,
    densify_indexed_slices,
    indexed_slices_to_tensor,
    segment_max,
    segment_mean,
    segment_sum,
    unsorted_segment_sum,
)

__all__ = ["unsorted_segment_sum", "segment_sum", "segment_mean", "segment_max"]

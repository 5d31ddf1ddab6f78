"""CTC (TF 1.14's ctc_ops.py): tf.nn.ctc_greedy_decoder over the op of engine/ops/sparse.py."""
from __future__ import annotations

from ..engine.ops.sparse import ctc_greedy_decoder as _greedy
from .sparse_tensor import SparseTensor

__all__ = ["ctc_greedy_decoder"]


def ctc_greedy_decoder(inputs, sequence_length, merge_repeated=True):
    """Best-path decoding of `inputs` [max_time, batch, num_classes] logits (the last
    class is the blank): at each step the most likely class, repeats merged when
    `merge_repeated`, blanks dropped.

    Returns ([decoded], log_probability): `decoded` a SparseTensor of int64 labels with
    dense shape [batch, longest decoding]; log_probability [batch, 1] the negated sum of
    the per-step maximum logits.
    """
    ind, val, shape, log_prob = _greedy(inputs, sequence_length,
                                        merge_repeated=merge_repeated)
    return [SparseTensor(ind, val, shape)], log_prob

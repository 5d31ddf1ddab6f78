"""CTC (TF 1.14's ctc_ops.py): tf.nn.ctc_loss, tf.nn.ctc_greedy_decoder,
tf.nn.ctc_beam_search_decoder(_v2) over the ops of engine/ops/ctc.py and engine/ops/sparse.py."""
from __future__ import annotations

from ..engine.ops.ctc import ctc_beam_search_decoder as _beam
from ..engine.ops.ctc import ctc_loss as _ctc_loss
from ..engine.framework.tensor_shape import dimension_value
from ..engine.ops.shape import shape as _shape
from ..engine.ops.shape import transpose
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.ops.cast import cast
from ..engine.ops.comparison import logical_and as _logical_and
from ..engine.ops.construction import range as _range
from ..engine.ops.indexing import unique
from ..engine.ops.joining import pad
from . import array_ops, math_ops
from .ctc_dense import ctc_loss_dense
from .functional_ops import map_fn
from ..engine.ops.sparse import ctc_greedy_decoder as _greedy
from .sparse_tensor import SparseTensor

__all__ = ["ctc_loss", "ctc_loss_v2", "ctc_unique_labels", "ctc_greedy_decoder",
           "ctc_beam_search_decoder", "ctc_beam_search_decoder_v2", "collapse_repeated"]


def ctc_loss(labels, inputs=None, sequence_length=None, preprocess_collapse_repeated=False,
             ctc_merge_repeated=True, ignore_longer_outputs_than_inputs=False, time_major=True,
             logits=None):
    """The CTC loss per batch entry (op CTCLoss) of `inputs` logits [max_time, batch,
    num_classes] (`time_major=False`: [batch, max_time, num_classes]; the last class is the
    blank) against `labels`, a SparseTensor of int32 labels [batch, max_label_length].

    `preprocess_collapse_repeated` merges repeated labels before the loss;
    `ctc_merge_repeated=False` keeps repeated outputs of a path as separate labels;
    `ignore_longer_outputs_than_inputs` gives 0 loss and gradient to entries whose labels
    are longer than their sequence instead of an error. The gradient w.r.t. the logits is
    TF's (softmax minus the label posteriors); a second derivative raises LookupError.
    """
    if not isinstance(labels, SparseTensor):
        raise TypeError("Expected labels (first argument) to be a SparseTensor")
    if inputs is not None and logits is not None:
        raise ValueError("Cannot specify both 'inputs' and 'logits'")
    inputs = logits if logits is not None else inputs
    if not time_major:
        inputs = transpose(inputs, [1, 0, 2])
    loss, _ = _ctc_loss(inputs, labels.indices, labels.values, sequence_length,
                        preprocess_collapse_repeated=preprocess_collapse_repeated,
                        ctc_merge_repeated=ctc_merge_repeated,
                        ignore_longer_outputs_than_inputs=ignore_longer_outputs_than_inputs)
    return loss


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


def ctc_beam_search_decoder(inputs, sequence_length, beam_width=100, top_paths=1,
                            merge_repeated=True):
    """Prefix beam search over `inputs` [max_time, batch, num_classes] logits (op
    CTCBeamSearchDecoder, TF's default scorer).

    Returns ([decoded_0, ..., decoded_{top_paths-1}], log_probability): each decoded a
    SparseTensor of int64 labels [batch, longest of that rank], log_probability [batch,
    top_paths] the beams' log probabilities (per-step log-softmax summed).
    """
    ixs, vals, shapes, log_probs = _beam(inputs, sequence_length, beam_width=beam_width,
                                         top_paths=top_paths, merge_repeated=merge_repeated)
    return [SparseTensor(ix, val, shape) for ix, val, shape in zip(ixs, vals, shapes)], log_probs


def ctc_beam_search_decoder_v2(inputs, sequence_length, beam_width=100, top_paths=1):
    """ctc_beam_search_decoder with merge_repeated=False (TF 2's tf.nn.ctc_beam_search_decoder)."""
    return ctc_beam_search_decoder(inputs, sequence_length, beam_width=beam_width,
                                   top_paths=top_paths, merge_repeated=False)


def _get_dim(tensor, i):
    return dimension_value(tensor.shape[i]) or _shape(tensor)[i]


def ctc_loss_v2(labels, logits, label_length, logit_length, logits_time_major=True,
                unique=None, blank_index=None, name=None):
    """TF 2's CTC loss (tf.nn.ctc_loss_v2 in TF 1.14). SparseTensor `labels`: the blank is
    class `blank_index` (moved last, labels above it shifted down), then ctc_loss with
    `logit_length` as the sequence lengths (`label_length` is not used). Dense labels
    [batch, max_label_length] of lengths `label_length`: TF's ctc_loss_dense (ctc_dense.py),
    the blank class `blank_index` (default 0).
    """
    if not isinstance(labels, SparseTensor):
        return ctc_loss_dense(labels=labels, logits=logits, label_length=label_length,
                              logit_length=logit_length, logits_time_major=logits_time_major,
                              unique=unique, blank_index=0 if blank_index is None
                              else blank_index, name=name)
    if blank_index is None:
        raise ValueError("blank_index must be given when using SparseTensor labels.")
    if blank_index < 0:
        blank_index += _get_dim(logits, 2)
    if blank_index != _get_dim(logits, 2) - 1:
        logits = array_ops.concat([logits[:, :, :blank_index], logits[:, :, blank_index + 1:],
                                   logits[:, :, blank_index:blank_index + 1]], axis=2)
        labels = SparseTensor(labels.indices,
                              array_ops.where(labels.values < blank_index, labels.values,
                                              labels.values - 1), labels.dense_shape)
    return ctc_loss(labels=labels, inputs=logits, sequence_length=logit_length,
                    time_major=logits_time_major)


def ctc_unique_labels(labels, name=None):
    """(unique labels of each row of the dense int `labels` [batch, max_len], zero-padded to
    max_len, int64; each label's position in them, int32) via map_fn of Unique as TF."""
    with name_scope(name, "ctc_unique_labels", [labels]):
        labels = convert_to_tensor(labels, name="labels")

        def _unique(x):
            u = unique(x)
            y = pad(u.y, [[0, _get_dim(u.idx, 0) - _get_dim(u.y, 0)]])
            return [cast(y, _dt.int64), u.idx]

        return map_fn(_unique, labels, dtype=[_dt.int64, _dt.int32])


def _get_dim(tensor, i):
    """TF's _get_dim: the static size of dimension i, else shape(tensor)[i]."""
    return dimension_value(tensor.shape[i]) or _shape(tensor)[i]


def collapse_repeated(labels, seq_length, name=None):
    """Merges repeated labels into single labels: (collapsed labels padded with 0 to the
    longest new length, the new lengths), as TF 1.14's ctc_ops composes it."""
    with name_scope(name, "collapse_repeated_labels", [labels, seq_length]):
        labels = convert_to_tensor(labels, name="labels")
        seq_length = convert_to_tensor(seq_length, name="seq_length")
        label_mask = array_ops.concat([
            array_ops.ones_like(labels[:, :1], _dt.bool_),
            math_ops.not_equal(labels[:, 1:], labels[:, :-1])], axis=1)
        maxlen = _get_dim(labels, 1)
        seq_mask = array_ops.sequence_mask(seq_length, maxlen=maxlen)
        label_mask = _logical_and(label_mask, seq_mask)
        new_seq_len = math_ops.reduce_sum(cast(label_mask, _dt.int32), axis=1)
        new_maxlen = math_ops.reduce_max(new_seq_len)
        idx_mask = array_ops.sequence_mask(new_seq_len, maxlen=new_maxlen)
        flat_labels = array_ops.reshape(labels, [-1])
        flat_label_mask = array_ops.reshape(label_mask, [-1])
        flat_idx_mask = array_ops.reshape(idx_mask, [-1])
        idx = _range(_get_dim(flat_idx_mask, 0))
        flat = array_ops.scatter_nd(
            indices=array_ops.expand_dims(array_ops.boolean_mask(idx, flat_idx_mask), axis=1),
            updates=array_ops.boolean_mask(flat_labels, flat_label_mask),
            shape=array_ops.shape(flat_idx_mask))
        batch_size = _get_dim(labels, 0)
        return (array_ops.reshape(flat, [batch_size, new_maxlen]),
                cast(new_seq_len, seq_length.dtype))


"""TF 1.14's ctc_loss_dense (tf.nn.ctc_loss_v2 with dense labels): the CTC loss as a
forward-backward pass over the label states in log space, composed of TF ops as TF's
ctc_ops.py composes it (the blank is class 0; the gradient w.r.t. the logits is the
softmax minus the posteriors of each class, a custom gradient). TF's `_scan` (a Defun'd
While over in-place updates) is a tf.while_loop over a TensorArray here: the same values,
other op names; Grappler rewrites its body as TF's function body, whose arguments have no
shape (control_flow.as_function_while: no AddOpsRewrite of the forward step's
`logsumexp + obs`, which would sum it in another order)."""
from __future__ import annotations

from ..engine.autodiff.custom_gradient import custom_gradient
from ..engine.framework import dtypes as _dt
from ..engine.framework.constant_op import constant, convert_to_tensor
from ..engine.framework.graph import name_scope
from ..engine.framework.tensor_shape import dimension_value
from ..engine.ops.activations import log_softmax
from ..engine.ops.cast import cast
from ..engine.ops.comparison import equal, greater_equal, less
from ..engine.ops.construction import one_hot
from ..engine.ops.construction import range as _range
from ..engine.ops.control_flow import as_function_while, while_loop
from ..engine.ops.indexing import scatter_nd
from ..engine.ops.shape import shape as _shape
from . import array_ops, math_ops
from .tensor_array_ops import TensorArray

__all__ = ["ctc_loss_dense"]


def _get_dim(tensor, i):
    return dimension_value(tensor.shape[i]) or _shape(tensor)[i]


def _ctc_state_trans(label_seq):
    """The alignment model's transition matrix [batch, states, states] of each sequence."""
    with name_scope("ctc_state_trans"):
        label_seq = convert_to_tensor(label_seq, name="label_seq")
        batch_size = _get_dim(label_seq, 0)
        num_labels = _get_dim(label_seq, 1)
        num_label_states = num_labels + 1
        num_states = 2 * num_label_states
        label_states = _range(num_label_states)
        blank_states = label_states + num_label_states
        start_to_label = [[1, 0]]
        blank_to_label = array_ops.stack([label_states[1:], blank_states[:-1]], 1)
        label_to_blank = array_ops.stack([blank_states, label_states], 1)
        indices = array_ops.concat([start_to_label, blank_to_label, label_to_blank], 0)
        values = array_ops.ones([_get_dim(indices, 0)])
        trans = scatter_nd(indices, values, shape=[num_states, num_states])
        trans += array_ops.eye(num_states)  # self-loops
        batch_idx = array_ops.zeros_like(label_states[2:])
        indices = array_ops.stack([batch_idx, label_states[2:], label_states[1:-1]], 1)
        indices = array_ops.tile(array_ops.expand_dims(indices, 0), [batch_size, 1, 1])
        batch_idx = array_ops.expand_dims(_range(batch_size), 1) * [1, 0, 0]
        indices += array_ops.expand_dims(batch_idx, 1)
        repeats = equal(label_seq[:, :-1], label_seq[:, 1:])
        values = 1.0 - cast(repeats, _dt.float32)
        batched_shape = [batch_size, num_states, num_states]
        label_to_label = scatter_nd(indices, values, batched_shape)
        return array_ops.expand_dims(trans, 0) + label_to_label


def _state_log_probs(seq_lengths, max_seq_length):
    """(initial, final) state log probabilities, log(0) as TF's float64 log(1e-307)."""
    batch_size = _get_dim(seq_lengths, 0)
    num_label_states = max_seq_length + 1
    num_states = 2 * num_label_states
    log_0 = cast(math_ops.log(cast(0, _dt.float64) + 1e-307), _dt.float32)
    initial = one_hot(indices=array_ops.zeros([batch_size], dtype=_dt.int32), depth=num_states,
                      on_value=0.0, off_value=log_0, axis=1)
    label_final_state_mask = one_hot(seq_lengths, depth=num_label_states, axis=0)
    duration_final_state_mask = array_ops.ones([2, 1, batch_size])
    final_state_mask = duration_final_state_mask * label_final_state_mask
    final = (1.0 - final_state_mask) * log_0
    final = array_ops.reshape(final, [num_states, batch_size])
    return initial, array_ops.transpose(final)


def _ilabel_to_state(labels, num_labels, ilabel_log_probs):
    """Class log probs projected to state log probs."""
    num_label_states = _get_dim(labels, 1)
    blank = ilabel_log_probs[:, :, :1]
    blank = array_ops.tile(blank, [1, 1, num_label_states + 1])
    hot = array_ops.expand_dims(one_hot(labels, depth=num_labels), axis=0)
    ilabel_log_probs = array_ops.expand_dims(ilabel_log_probs, axis=2)
    state_log_probs = math_ops.reduce_sum(ilabel_log_probs * hot, axis=3)
    state_log_probs = array_ops.concat([state_log_probs, blank], axis=2)
    return array_ops.pad(state_log_probs, [[0, 0], [0, 0], [1, 0]],
                         constant_values=math_ops.log(0.0))


def _state_to_olabel(labels, num_labels, states):
    """State log probs summed to class log probs."""
    num_label_states = _get_dim(labels, 1) + 1
    label_states = states[:, :, 1:num_label_states]
    blank_states = states[:, :, num_label_states:]
    hot = one_hot(labels - 1, depth=(num_labels - 1), on_value=0.0,
                  off_value=math_ops.log(0.0))
    hot = array_ops.expand_dims(hot, axis=0)
    label_states = array_ops.expand_dims(label_states, axis=3)
    label_olabels = math_ops.reduce_logsumexp(label_states + hot, axis=2)
    blank_olabels = math_ops.reduce_logsumexp(blank_states, axis=2, keepdims=True)
    return array_ops.concat([blank_olabels, label_olabels], axis=-1)


def _sum_states(idx, states):
    """The label states' log probs [frames, batch, label_length] summed (logsumexp) per
    unique label of each sequence (`idx`: each label's position among them)."""
    with name_scope("sum_states"):
        idx = convert_to_tensor(idx, name="idx")
        num_states = _get_dim(states, 2)
        states = array_ops.expand_dims(states, axis=2)
        hot = one_hot(idx, depth=num_states, on_value=0.0, off_value=math_ops.log(0.0),
                      axis=1)
        return math_ops.reduce_logsumexp(states + hot, axis=-1)


def _state_to_olabel_unique(labels, num_labels, states, unique):
    """_state_to_olabel through the unique labels (y, idx) of each sequence: their summed
    states scattered to their classes (classes without one: log(0))."""
    num_label_states = _get_dim(labels, 1) + 1
    label_states = states[:, :, 1:num_label_states]
    blank_states = states[:, :, num_label_states:]
    unique_y, unique_idx = unique
    mul_reduce = _sum_states(unique_idx, label_states)
    num_frames = states.shape[0]
    batch_size = states.shape[1]
    num_states = num_label_states - 1
    batch_state_major = array_ops.transpose(mul_reduce, perm=[1, 2, 0])
    batch_state_major = array_ops.reshape(batch_state_major,
                                          [batch_size * num_states, num_frames])
    batch_offset = _range(batch_size, dtype=unique_y.dtype) * num_labels
    indices = unique_y + array_ops.expand_dims(batch_offset, axis=-1)
    indices = array_ops.reshape(indices, [-1, 1])
    scatter = scatter_nd(indices=indices, updates=batch_state_major,
                         shape=[batch_size * num_labels, num_frames])
    scatter = array_ops.reshape(scatter, [batch_size, num_labels, num_frames])
    scatter = array_ops.where(equal(scatter, 0.0),
                              array_ops.fill(_shape(scatter), math_ops.log(0.0)), scatter)
    label_olabels = array_ops.transpose(scatter, [2, 0, 1])
    label_olabels = label_olabels[:, :, 1:]
    blank_olabels = math_ops.reduce_logsumexp(blank_states, axis=2, keepdims=True)
    return array_ops.concat([blank_olabels, label_olabels], axis=-1)


def _scan(fn, elems, initial, reverse=False):
    """TF's inclusive `_scan`: [n + 1, ...] accumulators per accumulator of `initial` (a
    tensor or a tuple), the initial one first (last when `reverse`)."""
    elems = elems if isinstance(elems, tuple) else (elems,)
    single = not isinstance(initial, tuple)
    initial = (initial,) if single else initial
    n = _shape(elems[0])[0]
    tas = [TensorArray(x.dtype, size=n + 1, element_shape=x.shape).write(
        n if reverse else 0, x) for x in initial]

    def body(i, accum, tas):
        sl = [array_ops.gather(e, i) for e in elems]
        new = fn(accum[0] if single else accum, sl[0] if len(sl) == 1 else tuple(sl))
        new = (new,) if single else tuple(new)
        at = i if reverse else i + 1
        return (i - 1 if reverse else i + 1, new, [t.write(at, v) for t, v in zip(tas, new)])

    start = n - 1 if reverse else constant(0, dtype=_dt.int32)
    last, _, tas = while_loop(lambda i, a, t: greater_equal(i, 0) if reverse else less(i, n),
                              body, (start, initial, tas))
    as_function_while(last)
    out = [t.stack() for t in tas]
    return out[0] if single else tuple(out)


def _forward_backward_log(state_trans_log_probs, initial_state_log_probs,
                          final_state_log_probs, observed_log_probs, sequence_length):
    """(state posteriors in log space [frames, batch, states], log likelihoods [batch])."""
    bwd_state_trans_log_probs = array_ops.transpose(state_trans_log_probs, [0, 2, 1])
    batch_size = _get_dim(observed_log_probs, 1)

    def _forward(state_log_prob, obs_log_prob):
        state_log_prob = array_ops.expand_dims(state_log_prob, axis=1)
        state_log_prob += state_trans_log_probs
        state_log_prob = math_ops.reduce_logsumexp(state_log_prob, axis=-1)
        state_log_prob += obs_log_prob
        log_prob_sum = math_ops.reduce_logsumexp(state_log_prob, axis=-1, keepdims=True)
        return state_log_prob - log_prob_sum

    fwd = _scan(_forward, observed_log_probs, initial_state_log_probs)

    def _backward(accs, elems):
        state_log_prob, cum_log_sum = accs
        obs_log_prob, mask = elems
        state_log_prob += obs_log_prob
        state_log_prob = array_ops.expand_dims(state_log_prob, axis=1)
        state_log_prob += bwd_state_trans_log_probs
        state_log_prob = math_ops.reduce_logsumexp(state_log_prob, axis=-1)
        log_prob_sum = math_ops.reduce_logsumexp(state_log_prob, axis=-1, keepdims=True)
        state_log_prob -= log_prob_sum
        cum_log_sum += array_ops.squeeze(log_prob_sum) * mask
        batched_mask = array_ops.expand_dims(mask, axis=1)
        out = state_log_prob * batched_mask
        out += final_state_log_probs * (1.0 - batched_mask)
        return out, cum_log_sum

    zero_log_sum = array_ops.zeros([batch_size])
    maxlen = _get_dim(observed_log_probs, 0)
    mask = array_ops.sequence_mask(sequence_length, maxlen, _dt.float32)
    mask = array_ops.transpose(mask, perm=[1, 0])
    bwd, cum_log_sum = _scan(_backward, (observed_log_probs, mask),
                             (final_state_log_probs, zero_log_sum), reverse=True)
    fwd_bwd_log_probs = fwd[1:] + bwd[1:]
    fwd_bwd_log_probs_sum = math_ops.reduce_logsumexp(fwd_bwd_log_probs, axis=2, keepdims=True)
    fwd_bwd_log_probs -= fwd_bwd_log_probs_sum
    fwd_bwd_log_probs += math_ops.log(array_ops.expand_dims(mask, axis=2))
    log_likelihood = bwd[0, :, 0] + cum_log_sum[0]
    return fwd_bwd_log_probs, log_likelihood


def _ctc_loss_and_grad(logits, labels, label_length, logit_length, unique=None):
    """(loss [batch], its gradient w.r.t. the logits [frames, batch, classes])."""
    num_labels = _get_dim(logits, 2)
    max_label_seq_length = _get_dim(labels, 1)
    ilabel_log_probs = log_softmax(logits)
    state_log_probs = _ilabel_to_state(labels, num_labels, ilabel_log_probs)
    state_trans_probs = _ctc_state_trans(labels)
    initial, final = _state_log_probs(label_length, max_label_seq_length)
    fwd_bwd_log_probs, log_likelihood = _forward_backward_log(
        state_trans_log_probs=math_ops.log(state_trans_probs),
        initial_state_log_probs=initial, final_state_log_probs=final,
        observed_log_probs=state_log_probs, sequence_length=logit_length)
    if unique:
        olabel_log_probs = _state_to_olabel_unique(labels, num_labels, fwd_bwd_log_probs,
                                                   unique)
    else:
        olabel_log_probs = _state_to_olabel(labels, num_labels, fwd_bwd_log_probs)
    grad = math_ops.exp(ilabel_log_probs) - math_ops.exp(olabel_log_probs)
    return -log_likelihood, grad


def ctc_loss_dense(labels, logits, label_length, logit_length, logits_time_major=True,
                   unique=None, blank_index=0, name=None):
    """The CTC loss [batch] of dense int `labels` [batch, max_label_length] (their lengths
    `label_length`) under `logits` [frames, batch, classes] (`logits_time_major=False`:
    [batch, frames, classes]) of lengths `logit_length`; the blank is class `blank_index`.
    `unique`: the labels' (unique labels, their positions) as ctc_unique_labels makes
    them, TF's path for large vocabularies (the same loss)."""
    with name_scope(name, "ctc_loss_dense", [logits, labels, label_length, logit_length]):
        logits = convert_to_tensor(logits, name="logits")
        labels = convert_to_tensor(labels, name="labels")
        label_length = convert_to_tensor(label_length, name="label_length")
        logit_length = convert_to_tensor(logit_length, name="logit_length")
        if not logits_time_major:
            logits = array_ops.transpose(logits, perm=[1, 0, 2])
        if blank_index != 0:
            if blank_index < 0:
                blank_index += _get_dim(logits, 2)
            logits = array_ops.concat([logits[:, :, blank_index:blank_index + 1],
                                       logits[:, :, :blank_index],
                                       logits[:, :, blank_index + 1:]], axis=2)
            labels = array_ops.where(labels < blank_index, labels + 1, labels)
        args = [logits, labels, label_length, logit_length]
        if unique:
            unique_y, unique_idx = unique
            args.extend([unique_y, unique_idx])

        @custom_gradient
        def compute_ctc_loss(logits_t, labels_t, label_length_t, logit_length_t, *unique_t):
            logits_t.set_shape(logits.shape)
            labels_t.set_shape(labels.shape)
            label_length_t.set_shape(label_length.shape)
            logit_length_t.set_shape(logit_length.shape)
            loss, grad_logits = _ctc_loss_and_grad(logits_t, labels_t, label_length_t,
                                                   logit_length_t, unique_t or None)

            def grad(grad_loss):
                return [array_ops.reshape(grad_loss, [1, -1, 1]) * grad_logits] + \
                    [None] * (len(args) - 1)
            return loss, grad

        return compute_ctc_loss(*args)

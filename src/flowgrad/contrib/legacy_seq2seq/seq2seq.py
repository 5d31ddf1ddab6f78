"""tf.contrib.legacy_seq2seq (TF 1.14's contrib/legacy_seq2seq/python/ops/seq2seq.py):
decoders over Python lists of per-step tensors (one graph copy per step, shared
weights), with the variable scopes TF uses ("rnn_decoder", "basic_rnn_seq2seq",
"combined_tied_rnn_seq2seq", "embedding_rnn_decoder"), and the per-example losses."""
from __future__ import annotations

import copy

from ...engine.framework import dtypes
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...ops import array_ops, math_ops, nn_ops
from ...ops import variable_scope as vs
from ...ops.rnn import static_rnn

__all__ = ["basic_rnn_seq2seq", "embedding_rnn_decoder", "rnn_decoder", "sequence_loss",
           "sequence_loss_by_example", "tied_rnn_seq2seq"]


def _extract_argmax_and_embed(embedding, output_projection=None, update_embedding=True):
    def loop_function(prev, _):
        if output_projection is not None:
            prev = nn_ops.xw_plus_b(prev, output_projection[0], output_projection[1])
        prev_symbol = math_ops.argmax(prev, 1)
        emb_prev = nn_ops.embedding_lookup(embedding, prev_symbol)
        if not update_embedding:
            emb_prev = array_ops.stop_gradient(emb_prev)
        return emb_prev
    return loop_function


def rnn_decoder(decoder_inputs, initial_state, cell, loop_function=None, scope=None):
    """Runs `cell` over the list `decoder_inputs` from `initial_state`; with
    `loop_function(prev_output, i)` the input of step i > 0 is made from the previous
    output instead. Returns (outputs list, final state)."""
    with vs.variable_scope(scope or "rnn_decoder"):
        state = initial_state
        outputs = []
        prev = None
        for i, inp in enumerate(decoder_inputs):
            if loop_function is not None and prev is not None:
                with vs.variable_scope("loop_function", reuse=True):
                    inp = loop_function(prev, i)
            if i > 0:
                vs.get_variable_scope().reuse_variables()
            output, state = cell(inp, state)
            outputs.append(output)
            if loop_function is not None:
                prev = output
    return outputs, state


def basic_rnn_seq2seq(encoder_inputs, decoder_inputs, cell, dtype=dtypes.float32, scope=None):
    """Encodes with a copy of `cell` (static_rnn), decodes from its final state."""
    with vs.variable_scope(scope or "basic_rnn_seq2seq"):
        enc_cell = copy.deepcopy(cell)
        _, enc_state = static_rnn(enc_cell, encoder_inputs, dtype=dtype)
        return rnn_decoder(decoder_inputs, enc_state, cell)


def tied_rnn_seq2seq(encoder_inputs, decoder_inputs, cell, loop_function=None,
                     dtype=dtypes.float32, scope=None):
    """basic_rnn_seq2seq with the encoder's and decoder's weights shared."""
    with vs.variable_scope("combined_tied_rnn_seq2seq"):
        scope = scope or "tied_rnn_seq2seq"
        _, enc_state = static_rnn(cell, encoder_inputs, dtype=dtype, scope=scope)
        vs.get_variable_scope().reuse_variables()
        return rnn_decoder(decoder_inputs, enc_state, cell, loop_function=loop_function,
                           scope=scope)


def embedding_rnn_decoder(decoder_inputs, initial_state, cell, num_symbols, embedding_size,
                          output_projection=None, feed_previous=False,
                          update_embedding_for_previous=True, scope=None):
    """rnn_decoder over embedded symbol ids (an `embedding` variable [num_symbols,
    embedding_size]); with feed_previous the argmax of each output (projected by
    output_projection = (W, b) when given) is embedded as the next input."""
    with vs.variable_scope(scope or "embedding_rnn_decoder") as scope:
        if output_projection is not None:
            dtype = scope.dtype
            proj_weights = convert_to_tensor(output_projection[0], dtype=dtype)
            proj_weights.shape.assert_is_compatible_with([None, num_symbols])
            proj_biases = convert_to_tensor(output_projection[1], dtype=dtype)
            proj_biases.shape.assert_is_compatible_with([num_symbols])
        embedding = vs.get_variable("embedding", [num_symbols, embedding_size])
        loop_function = _extract_argmax_and_embed(
            embedding, output_projection, update_embedding_for_previous) \
            if feed_previous else None
        emb_inp = (nn_ops.embedding_lookup(embedding, i) for i in decoder_inputs)
        return rnn_decoder(emb_inp, initial_state, cell, loop_function=loop_function)


def sequence_loss_by_example(logits, targets, weights, average_across_timesteps=True,
                             softmax_loss_function=None, name=None):
    """Weighted cross-entropy [batch] of lists of per-step logits, targets and weights
    (divided by the summed weights + 1e-12 when average_across_timesteps)."""
    if len(targets) != len(logits) or len(weights) != len(logits):
        raise ValueError("Lengths of logits, weights, and targets must be the same %d, %d, "
                         "%d." % (len(logits), len(weights), len(targets)))
    with name_scope(name, "sequence_loss_by_example", logits + targets + weights):
        log_perp_list = []
        for logit, target, weight in zip(logits, targets, weights):
            if softmax_loss_function is None:
                target = array_ops.reshape(target, [-1])
                crossent = nn_ops.sparse_softmax_cross_entropy_with_logits(labels=target,
                                                                           logits=logit)
            else:
                crossent = softmax_loss_function(labels=target, logits=logit)
            log_perp_list.append(crossent * weight)
        log_perps = math_ops.add_n(log_perp_list)
        if average_across_timesteps:
            total_size = math_ops.add_n(weights)
            total_size += 1e-12
            log_perps /= total_size
    return log_perps


def sequence_loss(logits, targets, weights, average_across_timesteps=True,
                  average_across_batch=True, softmax_loss_function=None, name=None):
    """sequence_loss_by_example summed over the batch (divided by the batch size when
    average_across_batch)."""
    with name_scope(name, "sequence_loss", logits + targets + weights):
        cost = math_ops.reduce_sum(sequence_loss_by_example(
            logits, targets, weights, average_across_timesteps=average_across_timesteps,
            softmax_loss_function=softmax_loss_function))
        if average_across_batch:
            batch_size = array_ops.shape(targets[0])[0]
            return cost / math_ops.cast(batch_size, cost.dtype)
        return cost

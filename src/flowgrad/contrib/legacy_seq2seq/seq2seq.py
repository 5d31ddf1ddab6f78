"""tf.contrib.legacy_seq2seq (TF 1.14's contrib/legacy_seq2seq/python/ops/seq2seq.py):
decoders over Python lists of per-step tensors (one graph copy per step, shared
weights), with the variable scopes TF uses ("rnn_decoder", "basic_rnn_seq2seq",
"combined_tied_rnn_seq2seq", "embedding_rnn_decoder"), and the per-example losses."""
from __future__ import annotations

import copy

from ...engine.framework import dtypes
from ...engine.framework.constant_op import convert_to_tensor
from ...engine.framework.graph import name_scope
from ...engine.framework.tensor_shape import dimension_value
from ...engine.ops.control_flow import cond
from ...engine.ops.convolution import conv2d
from ...ops import _nest as nest
from ...ops import array_ops, math_ops, nn_ops
from ...ops import variable_scope as vs
from ...ops.rnn import static_rnn
from ...ops.rnn_cell_impl import RNNCell
from ..rnn._core import EmbeddingWrapper, OutputProjectionWrapper
from ..rnn._core import _Linear as Linear

__all__ = ["attention_decoder", "basic_rnn_seq2seq", "embedding_attention_decoder",
           "embedding_attention_seq2seq", "embedding_rnn_decoder", "embedding_rnn_seq2seq",
           "embedding_tied_rnn_seq2seq", "model_with_buckets", "one2many_rnn_seq2seq",
           "rnn_decoder", "sequence_loss", "sequence_loss_by_example", "tied_rnn_seq2seq"]


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


def _flat_state(outputs, state):
    return outputs + (nest.flatten(state) if nest.is_sequence(state) else [state])


def _feed_previous_cond(feed_previous, decoder, n_outputs, structure):
    """TF's tf.cond over a feed_previous tensor: both decoders built, the second reusing
    the first's variables; returns (outputs, state packed like `structure`)."""
    outputs_and_state = cond(feed_previous, lambda: decoder(True), lambda: decoder(False))
    state_list = outputs_and_state[n_outputs:]
    state = state_list[0]
    if nest.is_sequence(structure):
        state = nest.pack_sequence_as(structure=structure, flat_sequence=state_list)
    return outputs_and_state[:n_outputs], state


def embedding_rnn_seq2seq(encoder_inputs, decoder_inputs, cell, num_encoder_symbols,
                          num_decoder_symbols, embedding_size, output_projection=None,
                          feed_previous=False, dtype=None, scope=None):
    """Embedding encoder (EmbeddingWrapper over a copy of `cell`, static_rnn) and an
    embedding_rnn_decoder from its final state (outputs projected to
    num_decoder_symbols when no output_projection); feed_previous may be a bool tensor."""
    with vs.variable_scope(scope or "embedding_rnn_seq2seq") as scope:
        if dtype is not None:
            scope.set_dtype(dtype)
        else:
            dtype = scope.dtype
        encoder_cell = EmbeddingWrapper(copy.deepcopy(cell),
                                        embedding_classes=num_encoder_symbols,
                                        embedding_size=embedding_size)
        _, encoder_state = static_rnn(encoder_cell, encoder_inputs, dtype=dtype)
        if output_projection is None:
            cell = OutputProjectionWrapper(cell, num_decoder_symbols)
        if isinstance(feed_previous, bool):
            return embedding_rnn_decoder(decoder_inputs, encoder_state, cell,
                                         num_decoder_symbols, embedding_size,
                                         output_projection=output_projection,
                                         feed_previous=feed_previous)

        def decoder(feed_previous_bool):
            reuse = None if feed_previous_bool else True
            with vs.variable_scope(vs.get_variable_scope(), reuse=reuse):
                outputs, state = embedding_rnn_decoder(
                    decoder_inputs, encoder_state, cell, num_decoder_symbols, embedding_size,
                    output_projection=output_projection, feed_previous=feed_previous_bool,
                    update_embedding_for_previous=False)
                return _flat_state(outputs, state)
        return _feed_previous_cond(feed_previous, decoder, len(decoder_inputs),
                                   encoder_state)


def attention_decoder(decoder_inputs, initial_state, attention_states, cell, output_size=None,
                      num_heads=1, loop_function=None, dtype=None, scope=None,
                      initial_state_attention=False):
    """An RNN decoder attending (num_heads heads) over `attention_states` [batch,
    attn_length, attn_size] at each step (Bahdanau et al. 2015, as the TF translation
    tutorial builds it). Returns (outputs list of [batch, output_size], final state)."""
    if not decoder_inputs:
        raise ValueError("Must provide at least 1 input to attention decoder.")
    if num_heads < 1:
        raise ValueError("With less than 1 heads, use a non-attention decoder.")
    if dimension_value(attention_states.shape[2]) is None:
        raise ValueError("Shape[2] of attention_states must be known: %s" %
                         attention_states.shape)
    if output_size is None:
        output_size = cell.output_size
    with vs.variable_scope(scope or "attention_decoder", dtype=dtype) as scope:
        dtype = scope.dtype
        batch_size = array_ops.shape(decoder_inputs[0])[0]
        attn_length = dimension_value(attention_states.shape[1])
        if attn_length is None:
            attn_length = array_ops.shape(attention_states)[1]
        attn_size = dimension_value(attention_states.shape[2])
        hidden = array_ops.reshape(attention_states, [-1, attn_length, 1, attn_size])
        hidden_features = []
        v = []
        attention_vec_size = attn_size
        for a in range(num_heads):
            k = vs.get_variable("AttnW_%d" % a, [1, 1, attn_size, attention_vec_size],
                                dtype=dtype)
            hidden_features.append(conv2d(hidden, k, [1, 1, 1, 1], "SAME"))
            v.append(vs.get_variable("AttnV_%d" % a, [attention_vec_size], dtype=dtype))
        state = initial_state

        def attention(query):
            ds = []
            if nest.is_sequence(query):
                query_list = nest.flatten(query)
                for q in query_list:
                    ndims = q.shape.ndims
                    if ndims:
                        assert ndims == 2
                query = array_ops.concat(query_list, 1)
            for a in range(num_heads):
                with vs.variable_scope("Attention_%d" % a):
                    y = Linear(query, attention_vec_size, True)(query)
                    y = array_ops.reshape(y, [-1, 1, 1, attention_vec_size])
                    y = math_ops.cast(y, dtype)
                    s = math_ops.reduce_sum(v[a] * math_ops.tanh(hidden_features[a] + y),
                                            [2, 3])
                    a = nn_ops.softmax(math_ops.cast(s, dtype=dtypes.float32))
                    a = math_ops.cast(a, dtype)
                    d = math_ops.reduce_sum(array_ops.reshape(a, [-1, attn_length, 1, 1])
                                            * hidden, [1, 2])
                    ds.append(array_ops.reshape(d, [-1, attn_size]))
            return ds

        outputs = []
        prev = None
        batch_attn_size = array_ops.stack([batch_size, attn_size])
        attns = [array_ops.zeros(batch_attn_size, dtype=dtype) for _ in range(num_heads)]
        for a in attns:
            a.set_shape([None, attn_size])
        if initial_state_attention:
            attns = attention(initial_state)
        for i, inp in enumerate(decoder_inputs):
            if i > 0:
                vs.get_variable_scope().reuse_variables()
            if loop_function is not None and prev is not None:
                with vs.variable_scope("loop_function", reuse=True):
                    inp = loop_function(prev, i)
            input_size = inp.shape.with_rank(2)[1]
            if dimension_value(input_size) is None:
                raise ValueError("Could not infer input size from input: %s" % inp.name)
            inputs = [math_ops.cast(e, dtype) for e in [inp] + attns]
            x = Linear(inputs, dimension_value(input_size), True)(inputs)
            cell_output, state = cell(x, state)
            if i == 0 and initial_state_attention:
                with vs.variable_scope(vs.get_variable_scope(), reuse=True):
                    attns = attention(state)
            else:
                attns = attention(state)
            with vs.variable_scope("AttnOutputProjection"):
                cell_output = math_ops.cast(cell_output, dtype)
                inputs = [cell_output] + attns
                output = Linear(inputs, output_size, True)(inputs)
            if loop_function is not None:
                prev = output
            outputs.append(output)
    return outputs, state


def embedding_attention_decoder(decoder_inputs, initial_state, attention_states, cell,
                                num_symbols, embedding_size, num_heads=1, output_size=None,
                                output_projection=None, feed_previous=False,
                                update_embedding_for_previous=True, dtype=None, scope=None,
                                initial_state_attention=False):
    """attention_decoder over embedded symbol ids (feed_previous: the argmax of each
    output, embedded, is the next input)."""
    if output_size is None:
        output_size = cell.output_size
    if output_projection is not None:
        proj_biases = convert_to_tensor(output_projection[1], dtype=dtype)
        proj_biases.shape.assert_is_compatible_with([num_symbols])
    with vs.variable_scope(scope or "embedding_attention_decoder", dtype=dtype):
        embedding = vs.get_variable("embedding", [num_symbols, embedding_size])
        loop_function = _extract_argmax_and_embed(
            embedding, output_projection, update_embedding_for_previous) \
            if feed_previous else None
        emb_inp = [nn_ops.embedding_lookup(embedding, i) for i in decoder_inputs]
        return attention_decoder(emb_inp, initial_state, attention_states, cell,
                                 output_size=output_size, num_heads=num_heads,
                                 loop_function=loop_function,
                                 initial_state_attention=initial_state_attention)


def embedding_attention_seq2seq(encoder_inputs, decoder_inputs, cell, num_encoder_symbols,
                                num_decoder_symbols, embedding_size, num_heads=1,
                                output_projection=None, feed_previous=False, dtype=None,
                                scope=None, initial_state_attention=False):
    """The TF translation tutorial's model: an embedding encoder (static_rnn over a copy
    of `cell`) and an embedding_attention_decoder over its outputs."""
    with vs.variable_scope(scope or "embedding_attention_seq2seq", dtype=dtype) as scope:
        dtype = scope.dtype
        encoder_cell = EmbeddingWrapper(copy.deepcopy(cell),
                                        embedding_classes=num_encoder_symbols,
                                        embedding_size=embedding_size)
        encoder_outputs, encoder_state = static_rnn(encoder_cell, encoder_inputs, dtype=dtype)
        top_states = [array_ops.reshape(e, [-1, 1, cell.output_size])
                      for e in encoder_outputs]
        attention_states = array_ops.concat(top_states, 1)
        output_size = None
        if output_projection is None:
            cell = OutputProjectionWrapper(cell, num_decoder_symbols)
            output_size = num_decoder_symbols
        if isinstance(feed_previous, bool):
            return embedding_attention_decoder(
                decoder_inputs, encoder_state, attention_states, cell, num_decoder_symbols,
                embedding_size, num_heads=num_heads, output_size=output_size,
                output_projection=output_projection, feed_previous=feed_previous,
                initial_state_attention=initial_state_attention)

        def decoder(feed_previous_bool):
            reuse = None if feed_previous_bool else True
            with vs.variable_scope(vs.get_variable_scope(), reuse=reuse):
                outputs, state = embedding_attention_decoder(
                    decoder_inputs, encoder_state, attention_states, cell,
                    num_decoder_symbols, embedding_size, num_heads=num_heads,
                    output_size=output_size, output_projection=output_projection,
                    feed_previous=feed_previous_bool, update_embedding_for_previous=False,
                    initial_state_attention=initial_state_attention)
                return _flat_state(outputs, state)
        return _feed_previous_cond(feed_previous, decoder, len(decoder_inputs),
                                   encoder_state)


def model_with_buckets(encoder_inputs, decoder_inputs, targets, weights, buckets, seq2seq,
                       softmax_loss_function=None, per_example_loss=False, name=None):
    """One `seq2seq(encoder_inputs[:e], decoder_inputs[:d])` model per (e, d) bucket, all
    sharing variables, and their losses. Returns (outputs per bucket, losses)."""
    if len(encoder_inputs) < buckets[-1][0]:
        raise ValueError("Length of encoder_inputs (%d) must be at least that of last "
                         "bucket (%d)." % (len(encoder_inputs), buckets[-1][0]))
    if len(targets) < buckets[-1][1]:
        raise ValueError("Length of targets (%d) must be at least that of last bucket (%d)."
                         % (len(targets), buckets[-1][1]))
    if len(weights) < buckets[-1][1]:
        raise ValueError("Length of weights (%d) must be at least that of last bucket (%d)."
                         % (len(weights), buckets[-1][1]))
    all_inputs = encoder_inputs + decoder_inputs + targets + weights
    losses = []
    outputs = []
    with name_scope(name, "model_with_buckets", all_inputs):
        for j, bucket in enumerate(buckets):
            with vs.variable_scope(vs.get_variable_scope(), reuse=True if j > 0 else None):
                bucket_outputs, _ = seq2seq(encoder_inputs[:bucket[0]],
                                            decoder_inputs[:bucket[1]])
                outputs.append(bucket_outputs)
                loss_fn = sequence_loss_by_example if per_example_loss else sequence_loss
                losses.append(loss_fn(outputs[-1], targets[:bucket[1]], weights[:bucket[1]],
                                      softmax_loss_function=softmax_loss_function))
    return outputs, losses


def embedding_tied_rnn_seq2seq(encoder_inputs, decoder_inputs, cell, num_symbols,
                               embedding_size, num_decoder_symbols=None,
                               output_projection=None, feed_previous=False, dtype=None,
                               scope=None):
    """tied_rnn_seq2seq over inputs embedded with one shared `embedding` variable."""
    with vs.variable_scope(scope or "embedding_tied_rnn_seq2seq", dtype=dtype) as scope:
        dtype = scope.dtype
        if output_projection is not None:
            proj_weights = convert_to_tensor(output_projection[0], dtype=dtype)
            proj_weights.shape.assert_is_compatible_with([None, num_symbols])
            proj_biases = convert_to_tensor(output_projection[1], dtype=dtype)
            proj_biases.shape.assert_is_compatible_with([num_symbols])
        embedding = vs.get_variable("embedding", [num_symbols, embedding_size], dtype=dtype)
        emb_encoder_inputs = [nn_ops.embedding_lookup(embedding, x) for x in encoder_inputs]
        emb_decoder_inputs = [nn_ops.embedding_lookup(embedding, x) for x in decoder_inputs]
        output_symbols = num_symbols if num_decoder_symbols is None else num_decoder_symbols
        if output_projection is None:
            cell = OutputProjectionWrapper(cell, output_symbols)
        if isinstance(feed_previous, bool):
            loop_function = _extract_argmax_and_embed(embedding, output_projection, True) \
                if feed_previous else None
            return tied_rnn_seq2seq(emb_encoder_inputs, emb_decoder_inputs, cell,
                                    loop_function=loop_function, dtype=dtype)

        def decoder(feed_previous_bool):
            loop_function = _extract_argmax_and_embed(embedding, output_projection, False) \
                if feed_previous_bool else None
            reuse = None if feed_previous_bool else True
            with vs.variable_scope(vs.get_variable_scope(), reuse=reuse):
                outputs, state = tied_rnn_seq2seq(emb_encoder_inputs, emb_decoder_inputs,
                                                  cell, loop_function=loop_function,
                                                  dtype=dtype)
                return _flat_state(outputs, state)
        outputs_and_state = cond(feed_previous, lambda: decoder(True), lambda: decoder(False))
        outputs_len = len(decoder_inputs)
        state_list = outputs_and_state[outputs_len:]
        state = state_list[0]
        static_batch_size = encoder_inputs[0].shape[0]
        for inp in encoder_inputs[1:]:
            static_batch_size.merge_with(inp.shape[0])
        batch_size = dimension_value(static_batch_size)
        if batch_size is None:
            batch_size = array_ops.shape(encoder_inputs[0])[0]
        zero_state = cell.zero_state(batch_size, dtype)
        if nest.is_sequence(zero_state):
            state = nest.pack_sequence_as(structure=zero_state, flat_sequence=state_list)
        return outputs_and_state[:outputs_len], state


def one2many_rnn_seq2seq(encoder_inputs, decoder_inputs_dict, enc_cell, dec_cells_dict,
                         num_encoder_symbols, num_decoder_symbols_dict, embedding_size,
                         feed_previous=False, dtype=None, scope=None):
    """One embedding encoder and one embedding_rnn_decoder per key of
    `decoder_inputs_dict` (each with its cell and vocabulary). Returns (outputs dict,
    state dict)."""
    outputs_dict = {}
    state_dict = {}
    if not isinstance(enc_cell, RNNCell):
        raise TypeError("enc_cell is not an RNNCell: %s" % type(enc_cell))
    if set(dec_cells_dict) != set(decoder_inputs_dict):
        raise ValueError("keys of dec_cells_dict != keys of decodre_inputs_dict")
    for dec_cell in dec_cells_dict.values():
        if not isinstance(dec_cell, RNNCell):
            raise TypeError("dec_cell is not an RNNCell: %s" % type(dec_cell))
    with vs.variable_scope(scope or "one2many_rnn_seq2seq", dtype=dtype) as scope:
        dtype = scope.dtype
        enc_cell = EmbeddingWrapper(enc_cell, embedding_classes=num_encoder_symbols,
                                    embedding_size=embedding_size)
        _, encoder_state = static_rnn(enc_cell, encoder_inputs, dtype=dtype)
        for name, decoder_inputs in decoder_inputs_dict.items():
            num_decoder_symbols = num_decoder_symbols_dict[name]
            with vs.variable_scope("one2many_decoder_" + str(name)):
                dec_cell = OutputProjectionWrapper(dec_cells_dict[name], num_decoder_symbols)
                if isinstance(feed_previous, bool):
                    outputs, state = embedding_rnn_decoder(
                        decoder_inputs, encoder_state, dec_cell, num_decoder_symbols,
                        embedding_size, feed_previous=feed_previous)
                else:
                    def filled_embedding_rnn_decoder(
                            feed_previous, decoder_inputs=decoder_inputs, dec_cell=dec_cell,
                            num_decoder_symbols=num_decoder_symbols):
                        reuse = None if feed_previous else True
                        with vs.variable_scope(vs.get_variable_scope(), reuse=reuse):
                            outputs, state = embedding_rnn_decoder(
                                decoder_inputs, encoder_state, dec_cell, num_decoder_symbols,
                                embedding_size, feed_previous=feed_previous)
                        return _flat_state(outputs, state)
                    outputs, state = _feed_previous_cond(
                        feed_previous, filled_embedding_rnn_decoder, len(decoder_inputs),
                        encoder_state)
            outputs_dict[name] = outputs
            state_dict[name] = state
    return outputs_dict, state_dict

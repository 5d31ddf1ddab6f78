"""NMT inference details: BeamSearchDecoder over an AttentionWrapper with
alignment_history (reordered TensorArrays), coverage_penalty_weight, a MultiRNNCell of LSTMs
cloned from a tiled encoder state; InferenceHelper and CustomHelper decoders; and the errors
TF raises: dynamic_decode of a non-Decoder, a non-scalar maximum_iterations, BasicDecoder's
type checks, AttentionWrapper's zero_state batch-size assertion at run time."""
import re

import numpy as np
import tensorflow as tf

np.random.seed(12)
tf.set_random_seed(52)
rs = np.random.RandomState(33)
B, T, V, E, H, W = 2, 4, 8, 4, 5, 3
SOS, EOS = 0, 1
src = rs.randint(2, V, (B, T)).astype(np.int32)
src_len = np.array([4, 2], np.int32)

with tf.variable_scope("nmt", initializer=tf.random_uniform_initializer(-1.0, 1.0, seed=8)):
    emb = tf.get_variable("emb", [V, E])
    x = tf.nn.embedding_lookup(emb, src)
    enc_cells = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(H, name="e%d" % i)
                                             for i in range(2)])
    enc_out, enc_state = tf.nn.dynamic_rnn(enc_cells, x, sequence_length=src_len,
                                           dtype=tf.float32)
    tiled = tf.contrib.seq2seq.tile_batch(enc_state, W)
    mem = tf.contrib.seq2seq.tile_batch(enc_out, W)
    mlen = tf.contrib.seq2seq.tile_batch(src_len, W)
    print(type(tiled).__name__, len(tiled), [s.c.shape for s in tiled])
    attn = tf.contrib.seq2seq.LuongAttention(H, mem, memory_sequence_length=mlen)
    dec_cells = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(H, name="d%d" % i)
                                             for i in range(2)])
    cell = tf.contrib.seq2seq.AttentionWrapper(dec_cells, attn, attention_layer_size=H,
                                               alignment_history=True)
    init = cell.zero_state(B * W, tf.float32).clone(cell_state=tiled)
    proj = tf.layers.Dense(V, use_bias=False, name="proj")
    bsd = tf.contrib.seq2seq.BeamSearchDecoder(cell, emb, tf.fill([B], SOS), EOS, init, W,
                                               output_layer=proj, length_penalty_weight=1.0,
                                               coverage_penalty_weight=0.4)
    out, fs, fl = tf.contrib.seq2seq.dynamic_decode(bsd, maximum_iterations=6)
    hist = fs.cell_state.alignment_history
    print(type(hist).__name__, fs.accumulated_attention_probs.shape)
    hist_t = hist.stack()
    print("hist", hist_t.shape, out.predicted_ids.shape)

    ih = tf.contrib.seq2seq.InferenceHelper(
        sample_fn=lambda o: tf.argmax(o, -1, output_type=tf.int32),
        sample_shape=[], sample_dtype=tf.int32,
        start_inputs=tf.zeros([B, V]), end_fn=lambda ids: tf.equal(ids, EOS),
        next_inputs_fn=lambda ids: tf.one_hot(ids, V))
    icell = tf.nn.rnn_cell.GRUCell(V, name="icell")
    iout, _, il = tf.contrib.seq2seq.dynamic_decode(
        tf.contrib.seq2seq.BasicDecoder(icell, ih, icell.zero_state(B, tf.float32)),
        maximum_iterations=5)
    print("inference", iout.rnn_output.shape, iout.sample_id.shape)

    ch = tf.contrib.seq2seq.CustomHelper(
        initialize_fn=lambda: (tf.zeros([B], tf.bool), tf.ones([B, 3])),
        sample_fn=lambda time, outputs, state: tf.cast(tf.reduce_sum(outputs, -1) > 0,
                                                       tf.int32),
        next_inputs_fn=lambda time, outputs, state, sample_ids: (
            time + 1 >= tf.constant([3, 2]), outputs * 0.5 + 1.0, state))
    ccell = tf.nn.rnn_cell.BasicRNNCell(3, name="ccell")
    cout, cst, cl = tf.contrib.seq2seq.dynamic_decode(
        tf.contrib.seq2seq.BasicDecoder(ccell, ch, ccell.zero_state(B, tf.float32)),
        impute_finished=True)
    print("custom", cout.rnn_output.shape, cout.sample_id.shape, cl.shape)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    ids, sc, lens, h, acc = sess.run([out.predicted_ids, out.beam_search_decoder_output.scores,
                                      fl, hist_t, fs.accumulated_attention_probs])
    print("ids", ids.transpose(0, 2, 1).tolist())
    print("scores", sc[:, :, 0].round(5).tolist())
    print("lengths", lens.tolist(), h.shape)
    print("hist b0", h[:, 0].round(5).tolist())
    print("coverage", acc.round(5).tolist())
    a, b_, c = sess.run([iout.sample_id, il, iout.rnn_output])
    print("inference", a.tolist(), b_.tolist(), c[1, -1].round(5).tolist())
    a, b_, c = sess.run([cout.sample_id, cl, cout.rnn_output])
    print("custom", a.tolist(), b_.tolist(), c.round(5).tolist(), sess.run(cst).round(5).tolist())
    try:
        sess.run(cell.zero_state(B, tf.float32).clone(cell_state=tiled).cell_state[0].c)
        bad_init = cell.zero_state(B, tf.float32).clone(cell_state=tiled)
        sess.run(cell(tf.zeros([B, E]), bad_init)[0])
    except (tf.errors.InvalidArgumentError, ValueError) as e:
        print(type(e).__name__, e.message.splitlines()[0] if hasattr(e, "message") else e)

for bad in [lambda: tf.contrib.seq2seq.dynamic_decode(cell),
            lambda: tf.contrib.seq2seq.dynamic_decode(bsd, maximum_iterations=[3, 4]),
            lambda: tf.contrib.seq2seq.BasicDecoder(lambda x: x, ih, None),
            lambda: tf.contrib.seq2seq.BasicDecoder(icell, "helper", None),
            lambda: tf.contrib.seq2seq.BasicDecoder(icell, ih, icell.zero_state(B, tf.float32),
                                                    output_layer=proj.kernel),
            lambda: tf.contrib.seq2seq.BeamSearchDecoder(cell, emb, tf.fill([B], SOS), EOS,
                                                         init, W, output_layer=tf.tanh)]:
    try:
        bad()
        print("built")
    except (TypeError, ValueError) as e:
        msg = re.sub(r"<class '([\w.]*\.)?(\w+)'>", r"\2", str(e))
        print(type(e).__name__, re.sub(r" at 0x[0-9a-f]+", "", msg)[:150])

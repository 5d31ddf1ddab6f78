"""NMT in the style of the tensorflow/nmt tutorial: a bidirectional encoder, a decoder with
BahdanauMonotonicAttention (normalized, score bias, parallel mode) trained with
TrainingHelper and sequence_loss (Momentum), then inference with BeamSearchDecoder over
tile_batch'ed memory using LuongMonotonicAttention (recursive mode) with a length penalty:
op counts, losses, alignment history, beam ids, scores and parents."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(901)
rs = np.random.RandomState(902)
B, T, U, V, E, N, W = 3, 5, 4, 11, 6, 8, 3
SOS, EOS = 1, 2
src = rs.randint(3, V, (B, T)).astype(np.int32)
src_len = np.array([5, 3, 4], np.int32)
tgt_in = rs.randint(3, V, (B, U)).astype(np.int32)
tgt_out = rs.randint(2, V, (B, U)).astype(np.int32)
tgt_len = np.array([4, 2, 3], np.int32)
init = tf.random_uniform_initializer(-0.3, 0.3, seed=903)
with tf.variable_scope("nmt", initializer=init):
    emb = tf.get_variable("emb", [V, E])
    x = tf.nn.embedding_lookup(emb, src)
    (fw, bw), (fs, bs) = tf.nn.bidirectional_dynamic_rnn(
        tf.nn.rnn_cell.GRUCell(N // 2), tf.nn.rnn_cell.GRUCell(N // 2), x,
        sequence_length=src_len, dtype=tf.float32)
    mem = tf.concat([fw, bw], -1)
    enc_state = tf.concat([fs, bs], -1)
    proj = tf.layers.Dense(V, use_bias=False, name="proj")
    dcell = tf.nn.rnn_cell.GRUCell(N, name="dec")
    with tf.variable_scope("train_dec"):
        att = tf.contrib.seq2seq.BahdanauMonotonicAttention(
            N, mem, memory_sequence_length=src_len, normalize=True,
            score_bias_init=-1.0, mode="parallel")
        cell = tf.contrib.seq2seq.AttentionWrapper(dcell, att, attention_layer_size=N,
                                                   alignment_history=True)
        st0 = cell.zero_state(B, tf.float32).clone(cell_state=enc_state)
        helper = tf.contrib.seq2seq.TrainingHelper(tf.nn.embedding_lookup(emb, tgt_in), tgt_len)
        dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, st0, output_layer=proj)
        out, fst, _ = tf.contrib.seq2seq.dynamic_decode(dec)
    logits = out.rnn_output
    mask = tf.sequence_mask(tgt_len, tf.shape(logits)[1], dtype=tf.float32)
    loss = tf.contrib.seq2seq.sequence_loss(logits, tf.constant(tgt_out), mask)
    align = fst.alignment_history.stack()
    print("train", len(tf.get_default_graph().get_operations()))
    params = tf.trainable_variables()
    grads, gn = tf.clip_by_global_norm(tf.gradients(loss, params), 1.0)
    train = tf.train.MomentumOptimizer(0.5, 0.9).apply_gradients(zip(grads, params))
    print("opt", len(tf.get_default_graph().get_operations()))
    with tf.variable_scope("infer_dec"):
        tmem = tf.contrib.seq2seq.tile_batch(mem, W)
        tlen = tf.contrib.seq2seq.tile_batch(src_len, W)
        tst = tf.contrib.seq2seq.tile_batch(enc_state, W)
        att2 = tf.contrib.seq2seq.LuongMonotonicAttention(
            N, tmem, memory_sequence_length=tlen, scale=True, score_bias_init=0.5,
            mode="recursive")
        cell2 = tf.contrib.seq2seq.AttentionWrapper(dcell, att2, attention_layer_size=N)
        st2 = cell2.zero_state(B * W, tf.float32).clone(cell_state=tst)
        bdec = tf.contrib.seq2seq.BeamSearchDecoder(
            cell2, emb, tf.fill([B], SOS), EOS, st2, W, output_layer=proj,
            length_penalty_weight=0.8, coverage_penalty_weight=0.0)
        bout, bst, blen = tf.contrib.seq2seq.dynamic_decode(bdec, maximum_iterations=6)
    print("beam", len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(6):
        lv, g, _ = s.run([loss, gn, train])
        print(i, repr(float(lv)), repr(float(g)))
    print(H(s.run(align)))
    print(s.run(align)[:, 0].round(5).tolist())
    ids, sc, par, ln = s.run([bout.predicted_ids, bout.beam_search_decoder_output.scores,
                              bout.beam_search_decoder_output.parent_ids, blen])
    print(ids.tolist())
    print(par.tolist())
    print(ln.tolist())
    print(H(sc))

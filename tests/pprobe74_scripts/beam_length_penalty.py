"""The NMT inference graph with BeamSearchDecoder: tile_batch of the encoder memory,
lengths and LSTM state, BahdanauAttention(normalize=True) under AttentionWrapper,
zero_state(batch * beam).clone(cell_state=...), length_penalty_weight and an output_layer;
the predicted ids, beam scores, parent ids and final sequence lengths, gather_tree on
hand-made beams, and the errors TF raises for bad arguments."""
import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(13)
rs = np.random.RandomState(17)
B, T, V, E, H, W = 3, 5, 11, 5, 6, 4
SOS, EOS = 1, 2
src = rs.randint(3, V, (B, T)).astype(np.int32)
src_len = np.array([5, 2, 4], np.int32)

source = tf.placeholder(tf.int32, [None, None], name="source")
source_len = tf.placeholder(tf.int32, [None], name="source_len")
with tf.variable_scope("model", initializer=tf.random_normal_initializer(0., 0.8, seed=9)):
    emb = tf.get_variable("embedding", [V, E])
    x = tf.nn.embedding_lookup(emb, source)
    enc_cell = tf.nn.rnn_cell.LSTMCell(H, name="enc")
    enc_out, enc_state = tf.nn.dynamic_rnn(enc_cell, x, sequence_length=source_len,
                                           dtype=tf.float32)
    batch = tf.size(source_len)
    memory = tf.contrib.seq2seq.tile_batch(enc_out, multiplier=W)
    mem_len = tf.contrib.seq2seq.tile_batch(source_len, multiplier=W)
    tiled_state = tf.contrib.seq2seq.tile_batch(enc_state, multiplier=W)
    print("tiled", memory.shape, mem_len.shape, type(tiled_state).__name__,
          tiled_state.c.shape, memory.op.type, memory.op.name)
    attn = tf.contrib.seq2seq.BahdanauAttention(H, memory, memory_sequence_length=mem_len,
                                                normalize=True)
    dec_cell = tf.contrib.seq2seq.AttentionWrapper(tf.nn.rnn_cell.LSTMCell(H, name="dec"),
                                                   attn, attention_layer_size=H)
    init = dec_cell.zero_state(batch * W, tf.float32).clone(cell_state=tiled_state)
    proj = tf.layers.Dense(V, name="proj",
                           kernel_initializer=tf.random_normal_initializer(0., 1.5, seed=4))
    decoder = tf.contrib.seq2seq.BeamSearchDecoder(
        dec_cell, emb, tf.fill([batch], SOS), EOS, init, W, output_layer=proj,
        length_penalty_weight=0.6)
    print("decoder", decoder.batch_size, decoder.output_size, decoder.output_dtype)
    out, fstate, flen = tf.contrib.seq2seq.dynamic_decode(decoder, maximum_iterations=7)
    print(type(out).__name__, out.predicted_ids.shape, out.beam_search_decoder_output.scores.shape,
          flen.shape, type(fstate).__name__)

    decoder0 = tf.contrib.seq2seq.BeamSearchDecoder(
        dec_cell, emb, tf.fill([batch], SOS), EOS, init, W, output_layer=proj)
    out0, _, flen0 = tf.contrib.seq2seq.dynamic_decode(decoder0, maximum_iterations=7,
                                                       output_time_major=True)
    print("time major", out0.predicted_ids.shape)

fd = {source: src, source_len: src_len}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    ids, sc, par, fl, lp = sess.run([out.predicted_ids, out.beam_search_decoder_output.scores,
                                     out.beam_search_decoder_output.parent_ids, flen,
                                     fstate.log_probs], fd)
    print("ids", ids.shape, ids[:, :, 0].tolist())
    print("all beams b0", ids[0].T.tolist())
    print("scores", sc[:, -1, :].round(5).tolist())
    print("parents", par[1].T.tolist())
    print("lengths", fl.tolist(), fstate.lengths.shape)
    print("log_probs", lp.round(5).tolist())
    ids0, fl0 = sess.run([out0.predicted_ids, flen0], fd)
    print("no penalty", ids0[:, :, 0].T.tolist(), fl0.tolist())

    step_ids = np.array([[[2, 5, 6], [7, 8, 9]], [[10, 11, 12], [2, 2, 13]],
                         [[14, 2, 16], [-1, -1, 2]], [[2, 3, 4], [-1, -1, -1]]], np.int32)
    parent = np.array([[[0, 0, 0], [0, 1, 1]], [[2, 1, 2], [1, 0, 1]],
                       [[2, 1, 1], [0, 0, 0]], [[0, 1, 2], [0, 0, 0]]], np.int32)
    mx = np.array([4, 3], np.int32)
    gt = tf.contrib.seq2seq.gather_tree(step_ids, parent, mx, end_token=2)
    print(gt.op.type, gt.op.name, gt.shape)
    print("gather_tree", sess.run(gt).transpose(1, 2, 0).tolist())
    try:
        sess.run(tf.contrib.seq2seq.gather_tree(step_ids, parent + 5, mx, end_token=2))
    except tf.errors.OpError as e:
        print(type(e).__name__, e.message.splitlines()[0])

for bad in [dict(start_tokens=[[SOS]]), dict(end_token=[EOS, EOS])]:
    kw = dict(start_tokens=tf.fill([batch], SOS), end_token=EOS)
    kw.update(bad)
    try:
        tf.contrib.seq2seq.BeamSearchDecoder(dec_cell, emb, initial_state=init, beam_width=W,
                                             **kw)
    except ValueError as e:
        print("ValueError", e)
try:
    tf.contrib.seq2seq.tile_batch(tf.zeros([]), 3)
except ValueError as e:
    print("ValueError", e)

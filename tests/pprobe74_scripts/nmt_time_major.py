"""tensorflow/nmt's time-major model: a bidirectional GRU encoder (time_major=True,
sequence_length), a residual MultiRNNCell decoder under AttentionWrapper with scaled
LuongAttention and alignment_history, clone(cell_state=...), TrainingHelper(time_major=True),
dynamic_decode(output_time_major=True, impute_finished=True, swap_memory=True), the masked
loss over a few Adam steps, then GreedyEmbeddingHelper inference with maximum_iterations:
losses, shapes, decoded ids, final sequence lengths, op counts."""
import numpy as np
import tensorflow as tf

np.random.seed(4)
tf.set_random_seed(21)
rs = np.random.RandomState(8)
B, TS, TT, VS, VT, E, H = 4, 7, 6, 15, 13, 6, 8
SOS, EOS = 1, 2
src = rs.randint(3, VS, (TS, B)).astype(np.int32)
src_len = np.array([7, 3, 5, 6], np.int32)
tgt_in = rs.randint(3, VT, (TT, B)).astype(np.int32)
tgt_in[0] = SOS
tgt_out = rs.randint(3, VT, (TT, B)).astype(np.int32)
tgt_len = np.array([6, 2, 4, 5], np.int32)

source = tf.placeholder(tf.int32, [None, None], name="source")
source_len = tf.placeholder(tf.int32, [None], name="source_len")
target_in = tf.placeholder(tf.int32, [None, None], name="target_in")
target_out = tf.placeholder(tf.int32, [None, None], name="target_out")
target_len = tf.placeholder(tf.int32, [None], name="target_len")

with tf.variable_scope("dynamic_seq2seq",
                       initializer=tf.random_uniform_initializer(-0.1, 0.1, seed=5)) as top:
    emb_src = tf.get_variable("embedding_encoder", [VS, E])
    emb_tgt = tf.get_variable("embedding_decoder", [VT, E])
    batch_size = tf.size(source_len)
    with tf.variable_scope("encoder"):
        x = tf.nn.embedding_lookup(emb_src, source)
        fw = tf.nn.rnn_cell.GRUCell(H // 2, name="fw")
        bw = tf.nn.rnn_cell.GRUCell(H // 2, name="bw")
        (of, ob), (sf, sb) = tf.nn.bidirectional_dynamic_rnn(
            fw, bw, x, sequence_length=source_len, dtype=tf.float32, time_major=True)
        enc_out = tf.concat([of, ob], -1)
        enc_state = (tf.concat([sf, sb], -1), tf.concat([sf, sb], -1))
    print("encoder", enc_out.shape, [s.shape for s in enc_state])
    with tf.variable_scope("decoder") as dec_scope:
        memory = tf.transpose(enc_out, [1, 0, 2])
        attn = tf.contrib.seq2seq.LuongAttention(H, memory, memory_sequence_length=source_len,
                                                 scale=True)
        cells = [tf.nn.rnn_cell.GRUCell(H, name="cell0"),
                 tf.nn.rnn_cell.ResidualWrapper(tf.nn.rnn_cell.GRUCell(H, name="cell1"))]
        cell = tf.nn.rnn_cell.MultiRNNCell(cells)
        cell = tf.contrib.seq2seq.AttentionWrapper(
            cell, attn, attention_layer_size=H, alignment_history=True,
            output_attention=True, name="attention")
        init_state = cell.zero_state(batch_size, tf.float32).clone(cell_state=enc_state)
        dec_in = tf.nn.embedding_lookup(emb_tgt, target_in)
        helper = tf.contrib.seq2seq.TrainingHelper(dec_in, target_len, time_major=True)
        proj = tf.layers.Dense(VT, use_bias=False, name="output_projection")
        decoder = tf.contrib.seq2seq.BasicDecoder(cell, helper, init_state)
        outputs, final, final_len = tf.contrib.seq2seq.dynamic_decode(
            decoder, output_time_major=True, swap_memory=True, impute_finished=True,
            scope=dec_scope)
        logits = proj(outputs.rnn_output)
    print("logits", logits.shape, outputs.sample_id.shape, final_len.shape)
    hist = final.alignment_history.stack()
    print("history", hist.shape, final.time.dtype, final.attention.shape)
    max_time = tf.shape(target_out)[0]
    xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=target_out, logits=logits)
    weights = tf.transpose(tf.sequence_mask(target_len, max_time, dtype=tf.float32))
    loss = tf.reduce_sum(xent * weights) / tf.to_float(batch_size)
    n_fwd = len(tf.get_default_graph().get_operations())
    params = tf.trainable_variables()
    grads, gnorm = tf.clip_by_global_norm(tf.gradients(loss, params,
                                                       colocate_gradients_with_ops=True), 5.0)
    step = tf.train.get_or_create_global_step()
    train = tf.train.AdamOptimizer(0.02).apply_gradients(zip(grads, params), global_step=step)
    print("ops", n_fwd, len(tf.get_default_graph().get_operations()) - n_fwd)
    for v in params:
        print(v.op.name, v.shape.as_list())

    with tf.variable_scope(dec_scope, reuse=True):
        max_iter = tf.to_int32(tf.round(tf.to_float(tf.reduce_max(source_len)) * 2.0))
        g_helper = tf.contrib.seq2seq.GreedyEmbeddingHelper(
            emb_tgt, tf.fill([batch_size], SOS), EOS)
        g_dec = tf.contrib.seq2seq.BasicDecoder(cell, g_helper, init_state, output_layer=proj)
        g_out, g_final, g_len = tf.contrib.seq2seq.dynamic_decode(
            g_dec, maximum_iterations=max_iter, output_time_major=True, impute_finished=False,
            scope=dec_scope)
    print("infer", g_out.rnn_output.shape, g_out.sample_id.shape, g_len.name)

fd = {source: src, source_len: src_len, target_in: tgt_in, target_out: tgt_out,
      target_len: tgt_len}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(4):
        lv, gn, _ = sess.run([loss, gnorm, train], fd)
        print("step", i, repr(float(lv)), repr(float(gn)))
    fl, h, o, ids = sess.run([final_len, hist, outputs.rnn_output, outputs.sample_id], fd)
    print("final_len", fl.tolist(), h.shape, repr(float(h.sum())))
    print("imputed zeros", [float(np.abs(o[t, 1]).sum()) for t in range(o.shape[0])])
    print("train ids", ids.T.tolist())
    print("hist col", h[:, 2, :].round(5).tolist())
    gi, gl, gs = sess.run([g_out.sample_id, g_len, g_final.time], fd)
    print("greedy", gi.T.tolist(), gl.tolist(), gs)
    print("global_step", sess.run(step))

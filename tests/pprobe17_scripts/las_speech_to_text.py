"""A tiny listen-attend-spell speech-to-text model: a pyramidal BiLSTM listener (frames
concatenated in pairs by tf.reshape between two bidirectional_dynamic_rnn layers), a
tf.contrib.seq2seq speller with LuongAttention (scale=True) over the listener's memory and
its halved memory_sequence_length, AttentionWrapper with output_attention, TrainingHelper +
BasicDecoder + dynamic_decode, sequence_loss with a sequence_mask, Adam; then greedy
inference by GreedyEmbeddingHelper with maximum_iterations, and the alignment history."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1761)
rs = np.random.RandomState(1762)
B, T, F, V, E, U = 2, 12, 6, 7, 5, 8
GO, EOS = 1, 2
feats = rs.randn(B, T, F).astype(np.float32)
flen = np.array([12, 10], np.int32)
tgt_in = np.array([[GO, 3, 4, 5, 6], [GO, 5, 3, 2, 0]], np.int32)
tgt_out = np.array([[3, 4, 5, 6, EOS], [5, 3, EOS, 0, 0]], np.int32)
tlen = np.array([5, 3], np.int32)
X = tf.constant(feats)
XL = tf.constant(flen)
init = tf.glorot_uniform_initializer(seed=13)
with tf.variable_scope("listen", initializer=init):
    (f1, b1), _ = tf.nn.bidirectional_dynamic_rnn(
        tf.nn.rnn_cell.LSTMCell(U // 2), tf.nn.rnn_cell.LSTMCell(U // 2), X,
        sequence_length=XL, dtype=tf.float32, scope="l1")
    h1 = tf.reshape(tf.concat([f1, b1], -1), [B, T // 2, 2 * U])
    L2 = XL // 2
    (f2, b2), _ = tf.nn.bidirectional_dynamic_rnn(
        tf.nn.rnn_cell.GRUCell(U // 2), tf.nn.rnn_cell.GRUCell(U // 2), h1,
        sequence_length=L2, dtype=tf.float32, scope="l2")
    memory = tf.concat([f2, b2], -1)
with tf.variable_scope("spell", initializer=init):
    emb = tf.get_variable("emb", [V, E])
    attn = tf.contrib.seq2seq.LuongAttention(U, memory, memory_sequence_length=L2, scale=True)
    cell = tf.contrib.seq2seq.AttentionWrapper(tf.nn.rnn_cell.LSTMCell(U), attn,
                                               attention_layer_size=U,
                                               alignment_history=True)
    proj = tf.layers.Dense(V, use_bias=False, name="proj")
    helper = tf.contrib.seq2seq.TrainingHelper(tf.nn.embedding_lookup(emb, tgt_in), tlen)
    dec = tf.contrib.seq2seq.BasicDecoder(cell, helper, cell.zero_state(B, tf.float32), proj)
    out, st, _ = tf.contrib.seq2seq.dynamic_decode(dec)
    logits = out.rnn_output
    mask = tf.sequence_mask(tlen, tf.shape(logits)[1], tf.float32)
    loss = tf.contrib.seq2seq.sequence_loss(logits, tf.constant(tgt_out), mask)
    train = tf.train.AdamOptimizer(0.03).minimize(loss)
    ghelp = tf.contrib.seq2seq.GreedyEmbeddingHelper(emb, tf.fill([B], GO), EOS)
    gdec = tf.contrib.seq2seq.BasicDecoder(cell, ghelp, cell.zero_state(B, tf.float32), proj)
    gout, gst, glen = tf.contrib.seq2seq.dynamic_decode(gdec, maximum_iterations=6)
    align = gst.alignment_history.stack()
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for step in range(8):
        lv, _ = s.run([loss, train])
        if step % 2 == 1:
            print(step, repr(lv))
    ids, n, al = s.run([gout.sample_id, glen, align])
    print(ids.tolist(), n.tolist())
    print(al.shape, [repr(v) for v in al[:, 1, :].ravel()[:12]])

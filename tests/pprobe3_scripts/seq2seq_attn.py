"""seq2seq: embedding + LSTM encoder, AttentionWrapper(BahdanauAttention) decoder with
TrainingHelper/BasicDecoder/dynamic_decode, sequence_loss, Adam; inference with
BeamSearchDecoder over tile_batch'ed memory."""
import hashlib
import numpy as np
import tensorflow as tf
from tensorflow.contrib import seq2seq


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(7)
V, E, U, B, T = 12, 5, 6, 3, 5
rs = np.random.RandomState(2)
src = tf.constant(rs.randint(3, V, (B, T)).astype(np.int32))
src_len = tf.constant([5, 3, 4], tf.int32)
tgt_in = tf.constant(rs.randint(3, V, (B, T)).astype(np.int32))
tgt_out = tf.constant(rs.randint(3, V, (B, T)).astype(np.int32))
tgt_len = tf.constant([5, 4, 2], tf.int32)
emb = tf.get_variable("emb", [V, E])
enc_out, enc_state = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(U), tf.nn.embedding_lookup(emb, src),
                                       sequence_length=src_len, dtype=tf.float32, scope="enc")
out_layer = tf.layers.Dense(V, name="proj")


def make_cell(memory, mem_len):
    att = seq2seq.BahdanauAttention(U, memory, memory_sequence_length=mem_len)
    return seq2seq.AttentionWrapper(tf.nn.rnn_cell.LSTMCell(U), att, attention_layer_size=U)


with tf.variable_scope("dec"):
    cell = make_cell(enc_out, src_len)
    init = cell.zero_state(B, tf.float32).clone(cell_state=enc_state)
    helper = seq2seq.TrainingHelper(tf.nn.embedding_lookup(emb, tgt_in), tgt_len)
    dec = seq2seq.BasicDecoder(cell, helper, init, output_layer=out_layer)
    outs, _, _ = seq2seq.dynamic_decode(dec)
logits = outs.rnn_output
mask = tf.sequence_mask(tgt_len, tf.shape(logits)[1], dtype=tf.float32)
loss = seq2seq.sequence_loss(logits, tgt_out[:, :tf.shape(logits)[1]], mask)
train = tf.train.AdamOptimizer(0.02).minimize(loss)
W = 2
with tf.variable_scope("dec", reuse=True):
    tm = seq2seq.tile_batch(enc_out, W)
    tl = seq2seq.tile_batch(src_len, W)
    ts = seq2seq.tile_batch(enc_state, W)
    bcell = make_cell(tm, tl)
    binit = bcell.zero_state(B * W, tf.float32).clone(cell_state=ts)
    bd = seq2seq.BeamSearchDecoder(bcell, emb, tf.fill([B], 1), 2, binit, W,
                                   output_layer=out_layer, length_penalty_weight=0.5)
    bouts, bstate, blen = seq2seq.dynamic_decode(bd, maximum_iterations=6)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    ids, sc, ln = s.run([bouts.predicted_ids, bouts.beam_search_decoder_output.scores, blen])
    print(ids.tolist(), ln.tolist())
    print(np.asarray(sc, np.float64).ravel()[:8].tolist())
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))

"""Bahdanau attention over a GRU encoder with alignment_history: a TrainingHelper decoder
trained three SGD steps, then GreedyEmbeddingHelper inference from a fresh zero state:
op counts before the gradients, losses, alignments, sample ids and outputs."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(13)
rng = np.random.RandomState(9)
B, T_src, V, E, H = 2, 5, 15, 6, 8
SOS, EOS = 1, 2
src = rng.randint(3, V, (B, T_src)).astype(np.int32)
src_len = np.array([5, 3], np.int32)
tgt_in = rng.randint(3, V, (B, 4)).astype(np.int32)
tgt_len = np.array([4, 2], np.int32)
emb = tf.get_variable("emb", [V, E],
                      initializer=tf.truncated_normal_initializer(stddev=0.3, seed=1))
enc_in = tf.nn.embedding_lookup(emb, src)
cell_e = tf.nn.rnn_cell.GRUCell(H, name="enc")
enc_out, enc_st = tf.nn.dynamic_rnn(cell_e, enc_in, sequence_length=src_len, dtype=tf.float32)
print("enc", len(tf.get_default_graph().get_operations()))
attn = tf.contrib.seq2seq.BahdanauAttention(H, enc_out, memory_sequence_length=src_len)
dcell = tf.contrib.seq2seq.AttentionWrapper(tf.nn.rnn_cell.GRUCell(H, name="dec"), attn,
                                            attention_layer_size=H, alignment_history=True,
                                            output_attention=False)
print("wrap", len(tf.get_default_graph().get_operations()))
out_layer = tf.layers.Dense(V, name="proj")
init = dcell.zero_state(B, tf.float32).clone(cell_state=enc_st)
with tf.variable_scope("decode"):
    helper = tf.contrib.seq2seq.TrainingHelper(tf.nn.embedding_lookup(emb, tgt_in), tgt_len)
    dec = tf.contrib.seq2seq.BasicDecoder(dcell, helper, init, output_layer=out_layer)
    out, st, lens = tf.contrib.seq2seq.dynamic_decode(dec)
print("train", len(tf.get_default_graph().get_operations()))
with tf.variable_scope("decode", reuse=True):
    ghelper = tf.contrib.seq2seq.GreedyEmbeddingHelper(emb, tf.fill([B], SOS), EOS)
    ginit = dcell.zero_state(B, tf.float32).clone(cell_state=enc_st)
    gdec = tf.contrib.seq2seq.BasicDecoder(dcell, ghelper, ginit, output_layer=out_layer)
    gout, gst, glens = tf.contrib.seq2seq.dynamic_decode(gdec, maximum_iterations=7)
print("infer", len(tf.get_default_graph().get_operations()))
hist = st.alignment_history.stack()
ghist = gst.alignment_history.stack()
mask = tf.sequence_mask(tgt_len, tf.shape(out.rnn_output)[1], dtype=tf.float32)
loss = tf.contrib.seq2seq.sequence_loss(out.rnn_output, tf.constant(tgt_in), mask)
print("loss", len(tf.get_default_graph().get_operations()))
opt = tf.train.GradientDescentOptimizer(0.5)
train = opt.minimize(loss)
print("train_ops", len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    h, go, gh, gl = s.run([hist, gout, ghist, glens])
    print(h.shape, h[:, 1].astype(np.float64).tolist())
    print(go.sample_id.tolist(), gl.tolist())
    print(go.rnn_output[0, :2, :4].astype(np.float64).tolist())
    print(gh.shape, gh[-1].astype(np.float64).tolist())

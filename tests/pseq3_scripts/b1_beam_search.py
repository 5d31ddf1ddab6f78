"""BeamSearchDecoder inference over tile_batch'ed encoder outputs, state and lengths with
Luong attention (length penalty 0.6, 6 steps): op counts, predicted ids, scores, parent ids,
final log-probs and lengths."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(21)
rng = np.random.RandomState(2)
B, T_src, V, E, H, W = 2, 4, 12, 5, 6, 3
SOS, EOS = 1, 2
src = rng.randint(3, V, (B, T_src)).astype(np.int32)
src_len = np.array([4, 3], np.int32)
emb = tf.get_variable("emb", [V, E], initializer=tf.random_normal_initializer(stddev=0.5, seed=4))
enc_out, enc_st = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(H), tf.nn.embedding_lookup(emb, src),
                                    sequence_length=src_len, dtype=tf.float32)
print("enc", len(tf.get_default_graph().get_operations()))
mem = tf.contrib.seq2seq.tile_batch(enc_out, multiplier=W)
mlen = tf.contrib.seq2seq.tile_batch(tf.constant(src_len), multiplier=W)
est = tf.contrib.seq2seq.tile_batch(enc_st, multiplier=W)
print("tile", len(tf.get_default_graph().get_operations()))
attn = tf.contrib.seq2seq.LuongAttention(H, mem, memory_sequence_length=mlen)
cell = tf.contrib.seq2seq.AttentionWrapper(tf.nn.rnn_cell.LSTMCell(H), attn, attention_layer_size=H)
init = cell.zero_state(B * W, tf.float32).clone(cell_state=est)
out_layer = tf.layers.Dense(V, name="proj",
                            kernel_initializer=tf.random_normal_initializer(stddev=1.0, seed=5))
dec = tf.contrib.seq2seq.BeamSearchDecoder(cell, emb, tf.fill([B], SOS), EOS, init, W,
                                           output_layer=out_layer, length_penalty_weight=0.6)
out, st, lens = tf.contrib.seq2seq.dynamic_decode(dec, maximum_iterations=6)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    o, f, lv = s.run([out, st, lens])
    print(o.predicted_ids.tolist())
    print(o.beam_search_decoder_output.scores.astype(np.float64)[:, 0].tolist())
    print(o.beam_search_decoder_output.parent_ids.tolist())
    print(f.log_probs.astype(np.float64).tolist(), f.lengths.tolist(), lv.tolist())

"""A CTC speech-style model: a bidirectional LSTM over features, CTC loss with
ctc_merge_repeated/preprocess options, decoding with ctc_beam_search_decoder (top_paths 3,
beam 5, merge_repeated on and off) and ctc_greedy_decoder, edit_distance against sparse
labels from tf.contrib.layers.dense_to_sparse, trained with Momentum: op counts, losses,
decoded paths and log-probabilities."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(1001)
rs = np.random.RandomState(1002)
B, T, F, NC = 3, 9, 4, 5
X = tf.placeholder(tf.float32, [T, B, F])
L = tf.placeholder(tf.int32, [B])
lab_dense = tf.placeholder(tf.int32, [B, 4])
labels = tf.contrib.layers.dense_to_sparse(lab_dense, eos_token=0)
with tf.variable_scope("m", initializer=tf.glorot_uniform_initializer(seed=1003)):
    (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(
        tf.nn.rnn_cell.LSTMCell(6), tf.nn.rnn_cell.LSTMCell(6), X, sequence_length=L,
        dtype=tf.float32, time_major=True)
    logits = tf.layers.dense(tf.concat([fw, bw], 2), NC)
loss = tf.reduce_mean(tf.nn.ctc_loss(labels, logits, L, ctc_merge_repeated=True,
                                     ignore_longer_outputs_than_inputs=True))
loss2 = tf.reduce_mean(tf.nn.ctc_loss(labels, logits, L, preprocess_collapse_repeated=True))
dec, lp = tf.nn.ctc_beam_search_decoder(logits, L, beam_width=5, top_paths=3)
dec_nm, lp_nm = tf.nn.ctc_beam_search_decoder(logits, L, beam_width=4, top_paths=2,
                                              merge_repeated=False)
gdec, gneg = tf.nn.ctc_greedy_decoder(logits, L)
ed = tf.edit_distance(tf.cast(dec[0], tf.int32), labels)
train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
x = rs.randn(T, B, F).astype(np.float32)
ln = np.array([9, 7, 8], np.int32)
ld = np.array([[1, 2, 2, 3], [3, 1, 0, 0], [2, 2, 0, 0]], np.int32)
fd = {X: x, L: ln, lab_dense: ld}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(6):
        a, b, _ = s.run([loss, loss2, train], fd)
        print(i, repr(float(a)), repr(float(b)))
    d, p, dn, pn, g, gn, e = s.run([dec, lp, dec_nm, lp_nm, gdec, gneg, ed], fd)
    for t in d + dn + g:
        print(t.indices.tolist(), t.values.tolist(), t.dense_shape.tolist())
    print(p.tolist())
    print(pn.tolist())
    print(gn.tolist())
    print(e.tolist())

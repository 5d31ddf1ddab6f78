"""CTC: a bidirectional LSTM over features, dense logits time-major, tf.nn.ctc_loss with a
SparseTensor of labels, Adam; ctc_greedy_decoder and ctc_beam_search_decoder (paths only: its
log probabilities are flowgrad's float64, see the pprobe3 report); edit_distance."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(21)
rs = np.random.RandomState(9)
B, T, F, C = 2, 8, 4, 5
feats = tf.constant(rs.randn(B, T, F).astype(np.float32))
seq_len = tf.constant([8, 6], tf.int32)
labels = tf.SparseTensor(indices=[[0, 0], [0, 1], [0, 2], [1, 0], [1, 1]],
                         values=tf.constant([1, 2, 2, 3, 1], tf.int32), dense_shape=[2, 3])
cells = tf.nn.rnn_cell.LSTMCell(6), tf.nn.rnn_cell.LSTMCell(6)
(fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(cells[0], cells[1],
                                              feats, sequence_length=seq_len, dtype=tf.float32)
logits = tf.layers.dense(tf.concat([fw, bw], 2), C)
tm = tf.transpose(logits, [1, 0, 2])
loss = tf.reduce_mean(tf.nn.ctc_loss(labels, tm, seq_len))
train = tf.train.AdamOptimizer(0.05).minimize(loss)
greedy, _ = tf.nn.ctc_greedy_decoder(tm, seq_len)
beam, lp = tf.nn.ctc_beam_search_decoder(tm, seq_len, beam_width=4, top_paths=2)
ed = tf.reduce_mean(tf.edit_distance(tf.cast(greedy[0], tf.int32), labels))
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        lv, _ = s.run([loss, train])
        print(i, repr(float(lv)))
    g, b0, b1, p, e = s.run([greedy[0], beam[0], beam[1], lp, ed])
    print(g.indices.tolist(), g.values.tolist())
    print(b0.values.tolist(), b1.values.tolist(), repr(float(e)))
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))

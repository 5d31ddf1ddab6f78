"""CTC on a tiny BiLSTM of tf.contrib.rnn.LSTMBlockCell (batch-major, ctc_loss with
time_major=False and ctc_merge_repeated=False), labels turned from a padded dense matrix
into a SparseTensor by tf.where / tf.gather_nd, RMSProp; a label error rate by
tf.edit_distance (normalize True and False) of ctc_greedy_decoder (merge_repeated off) and
ctc_beam_search_decoder outputs, and the decoded paths as dense tensors."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(1711)
rs = np.random.RandomState(1712)
B, T, F, NC = 3, 10, 5, 6
feats = rs.randn(B, T, F).astype(np.float32)
lens = np.array([10, 8, 9], np.int32)
lab = np.array([[1, 2, 3, 0], [4, 4, 0, 0], [2, 4, 1, 3]], np.int32)
X = tf.placeholder(tf.float32, [None, T, F])
L = tf.placeholder(tf.int32, [None])
Y = tf.placeholder(tf.int32, [None, 4])
idx = tf.where(tf.not_equal(Y, 0))
sp = tf.SparseTensor(idx, tf.gather_nd(Y, idx), tf.shape(Y, out_type=tf.int64))
with tf.variable_scope("enc", initializer=tf.glorot_uniform_initializer(seed=4)):
    (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(
        tf.contrib.rnn.LSTMBlockCell(7), tf.contrib.rnn.LSTMBlockCell(7), X,
        sequence_length=L, dtype=tf.float32)
    logits = tf.layers.dense(tf.concat([fw, bw], -1), NC,
                             kernel_initializer=tf.glorot_uniform_initializer(seed=5))
loss = tf.reduce_mean(tf.nn.ctc_loss(sp, logits, L, time_major=False,
                                     ctc_merge_repeated=False))
opt = tf.train.RMSPropOptimizer(0.02, momentum=0.5)
train = opt.minimize(loss)
tm = tf.transpose(logits, [1, 0, 2])
(g,), gscore = tf.nn.ctc_greedy_decoder(tm, L, merge_repeated=False)
(b1, b2), blp = tf.nn.ctc_beam_search_decoder(tm, L, beam_width=6, top_paths=2)
truth = tf.cast(sp, tf.int64)
ler = tf.reduce_mean(tf.edit_distance(g, truth))
ed_raw = tf.edit_distance(b1, truth, normalize=False)
dense_b2 = tf.sparse_tensor_to_dense(b2, default_value=-1)
print(len(tf.get_default_graph().get_operations()))
fd = {X: feats, L: lens, Y: lab}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for step in range(6):
        lv, _ = s.run([loss, train], fd)
        print(step, repr(lv))
    out = s.run([ler, ed_raw, tf.sparse_tensor_to_dense(g), dense_b2, gscore], fd)
    for o in out:
        print(np.asarray(o).tolist())
    print(s.run(blp, fd).tolist())

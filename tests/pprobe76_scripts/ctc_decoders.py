"""CTC as TF1 speech recognizers write it: dense labels to a SparseTensor (the
tf.where / gather_nd helper and tf.keras.backend.ctc_label_dense_to_sparse), tf.nn.ctc_loss
with time_major=False, preprocess_collapse_repeated, ctc_merge_repeated=False and
ignore_longer_outputs_than_inputs, a small BiLSTM-free GRU acoustic model trained a few steps,
ctc_greedy_decoder and ctc_beam_search_decoder (top_paths=2, merge_repeated=False),
tf.keras.backend.ctc_batch_cost and ctc_decode, edit_distance as the label error rate, and the
InvalidArgumentError of a label sequence longer than its input; losses, decoded sequences."""
import numpy as np
import tensorflow as tf

np.random.seed(21)
tf.set_random_seed(22)
rs = np.random.RandomState(23)
B, T, F, C = 3, 12, 6, 5
feats = rs.randn(B, T, F).astype(np.float32)
labels = np.array([[1, 2, 2, 0], [3, 1, 0, 0], [2, 3, 1, 4]], np.int32)
lab_len = np.array([3, 2, 4], np.int32)
seq_len = np.array([12, 10, 11], np.int32)


def dense_to_sparse(dense, lengths):
    mask = tf.sequence_mask(lengths, tf.shape(dense)[1])
    idx = tf.where(mask)
    vals = tf.gather_nd(dense, idx)
    return tf.SparseTensor(idx, vals, tf.shape(dense, out_type=tf.int64))


x = tf.placeholder(tf.float32, [None, None, F])
y = tf.placeholder(tf.int32, [None, None])
yl = tf.placeholder(tf.int32, [None])
sl = tf.placeholder(tf.int32, [None])
sp = dense_to_sparse(y, yl)
sp_k = tf.keras.backend.ctc_label_dense_to_sparse(y, yl)
cell = tf.nn.rnn_cell.GRUCell(8, kernel_initializer=tf.glorot_uniform_initializer(seed=24))
h, _ = tf.nn.dynamic_rnn(cell, x, sequence_length=sl, dtype=tf.float32)
logits = tf.layers.dense(h, C, kernel_initializer=tf.glorot_uniform_initializer(seed=25))
loss_b = tf.nn.ctc_loss(sp, logits, sl, time_major=False)
loss_c = tf.nn.ctc_loss(sp, logits, sl, time_major=False, preprocess_collapse_repeated=True)
loss_m = tf.nn.ctc_loss(sp, logits, sl, time_major=False, ctc_merge_repeated=False,
                        ignore_longer_outputs_than_inputs=True)
loss = tf.reduce_mean(loss_b)
train = tf.train.AdamOptimizer(0.02).minimize(loss)
tm = tf.transpose(logits, [1, 0, 2])
greedy, neg = tf.nn.ctc_greedy_decoder(tm, sl)
beam, logp = tf.nn.ctc_beam_search_decoder(tm, sl, beam_width=4, top_paths=2,
                                           merge_repeated=False)
ler = tf.reduce_mean(tf.edit_distance(tf.cast(greedy[0], tf.int32), sp))
kcost = tf.keras.backend.ctc_batch_cost(y, tf.nn.softmax(logits), sl[:, None], yl[:, None])
kdec, klog = tf.keras.backend.ctc_decode(tf.nn.softmax(logits), sl, greedy=True)
kbeam, kblog = tf.keras.backend.ctc_decode(tf.nn.softmax(logits), sl, greedy=False,
                                           beam_width=3, top_paths=1)
print(loss_b.op.type, loss_b.shape, greedy[0].indices.shape, neg.shape, logp.shape,
      len(beam), kcost.shape, kdec[0].shape, kbeam[0].shape)
print(len(tf.get_default_graph().get_operations()))
fd = {x: feats, y: labels, yl: lab_len, sl: seq_len}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    a, b = s.run([sp, sp_k], fd)
    print(a.indices.tolist(), a.values.tolist(), a.dense_shape.tolist())
    print(b.indices.tolist(), b.values.tolist(), b.dense_shape.tolist())
    print(repr(s.run(loss_c, fd)), repr(s.run(loss_m, fd)))
    for step in range(5):
        lv, _ = s.run([loss, train], fd)
        print(step, repr(lv))
    g, nv, bm, lp, er = s.run([greedy[0], neg, beam, logp, ler], fd)
    print(g.indices.tolist(), g.values.tolist(), repr(nv.ravel()), repr(er))
    for p in bm:
        print(p.indices.tolist(), p.values.tolist(), p.dense_shape.tolist())
    print(repr(lp))
    kc, kd, kl, kb, kbl = s.run([kcost, kdec[0], klog, kbeam[0], kblog], fd)
    print(repr(kc.ravel()), kd.tolist(), repr(kl.ravel()), kb.tolist(), repr(kbl.ravel()))
    bad = dict(fd)
    bad[sl] = np.array([12, 1, 11], np.int32)
    print(repr(s.run(loss_m, bad)))
    try:
        s.run(loss_b, bad)
    except tf.errors.InvalidArgumentError as e:
        print(type(e).__name__, e.message.splitlines()[0])

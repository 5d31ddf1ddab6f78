"""Sparse GAT as PetarV/GAT's sp_attn_head writes it: the adjacency fed through
tf.sparse_placeholder as a SparseTensorValue, f_1 * adj_mat (a SparseTensor times a dense
column), tf.sparse_add, leaky_relu on the values, tf.sparse_softmax, coefficient dropout on
the values, tf.sparse_reshape and sparse_tensor_dense_matmul, bias_add, elu; a masked loss
trained with Adam; the op types the sparse path builds and an unordered feed."""
import collections

import numpy as np
import tensorflow as tf

np.random.seed(2)
tf.set_random_seed(23)
rs = np.random.RandomState(19)
N, F, C, HID = 8, 4, 2, 3
adj = (rs.rand(N, N) < 0.35).astype(np.float32)
adj = np.maximum(adj, adj.T) + np.eye(N, dtype=np.float32)
adj = np.minimum(adj, 1.0)
r, c = np.nonzero(adj)
adj_value = tf.SparseTensorValue(np.stack([r, c], 1).astype(np.int64),
                                 adj[r, c], np.array([N, N], np.int64))
features = rs.randn(1, N, F).astype(np.float32)
y = np.eye(C, dtype=np.float32)[rs.randint(0, C, N)]
mask = np.array([1, 1, 0, 1, 0, 1, 0, 0], np.float32)


def sp_attn_head(seq, out_sz, adj_mat, activation, nb_nodes, in_drop=0.0, coef_drop=0.0):
    with tf.name_scope("sp_attn"):
        if in_drop != 0.0:
            seq = tf.nn.dropout(seq, 1.0 - in_drop, seed=5)
        seq_fts = tf.layers.conv1d(seq, out_sz, 1, use_bias=False)
        f_1 = tf.layers.conv1d(seq_fts, 1, 1)
        f_2 = tf.layers.conv1d(seq_fts, 1, 1)
        f_1 = tf.reshape(f_1, (nb_nodes, 1))
        f_2 = tf.reshape(f_2, (nb_nodes, 1))
        f_1 = adj_mat * f_1
        f_2 = adj_mat * tf.transpose(f_2, [1, 0])
        logits = tf.sparse_add(f_1, f_2)
        lrelu = tf.SparseTensor(indices=logits.indices,
                                values=tf.nn.leaky_relu(logits.values),
                                dense_shape=logits.dense_shape)
        coefs = tf.sparse_softmax(lrelu)
        if coef_drop != 0.0:
            coefs = tf.SparseTensor(indices=coefs.indices,
                                    values=tf.nn.dropout(coefs.values, 1.0 - coef_drop, seed=6),
                                    dense_shape=coefs.dense_shape)
        if in_drop != 0.0:
            seq_fts = tf.nn.dropout(seq_fts, 1.0 - in_drop, seed=7)
        coefs = tf.sparse_reshape(coefs, [nb_nodes, nb_nodes])
        seq_fts = tf.squeeze(seq_fts)
        vals = tf.sparse_tensor_dense_matmul(coefs, seq_fts)
        vals = tf.expand_dims(vals, axis=0)
        vals.set_shape([1, nb_nodes, out_sz])
        ret = tf.contrib.layers.bias_add(vals)
        return activation(ret)


ftr_in = tf.placeholder(tf.float32, shape=(1, N, F))
bias_in = tf.sparse_placeholder(dtype=tf.float32)
lbl_in = tf.placeholder(tf.float32, shape=(N, C))
msk_in = tf.placeholder(tf.float32, shape=(N,))
drop = tf.placeholder_with_default(0.0, shape=())
heads = [sp_attn_head(ftr_in, HID, bias_in, tf.nn.elu, N, in_drop=drop, coef_drop=drop)
         for _ in range(2)]
h_1 = tf.concat(heads, axis=-1)
logits = sp_attn_head(h_1, C, bias_in, lambda x: x, N, in_drop=drop, coef_drop=drop)
logits = tf.reshape(logits, [-1, C])
xent = tf.nn.softmax_cross_entropy_with_logits_v2(labels=lbl_in, logits=logits)
loss = tf.reduce_sum(xent * msk_in) / tf.reduce_sum(msk_in)
l2 = tf.add_n([tf.nn.l2_loss(v) for v in tf.trainable_variables()
               if "bias" not in v.name]) * 0.001
acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(lbl_in, 1)), tf.float32))
train_op = tf.train.AdamOptimizer(0.01).minimize(loss + l2)
g = tf.get_default_graph()
types = collections.Counter(op.type for op in g.get_operations())
print(sorted((k, v) for k, v in types.items() if "Sparse" in k))
print(len(g.get_operations()), logits.name, loss.name, heads[0].shape)
print([v.name for v in tf.trainable_variables()][:6])

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        _, lv, av = sess.run([train_op, loss, acc], {ftr_in: features, bias_in: adj_value,
                                                     lbl_in: y, msk_in: mask, drop: 0.3})
        ev = sess.run(loss, {ftr_in: features, bias_in: adj_value, lbl_in: y, msk_in: 1 - mask})
        print("step %d loss %.8f acc %.4f eval %.8f" % (step, lv, av, ev))
    out = sess.run(logits, {ftr_in: features, bias_in: adj_value})
    print(repr(out[:3]))
    co = sess.run(tf.sparse_softmax(tf.SparseTensor(adj_value.indices,
                                                    np.arange(len(r), dtype=np.float32) / 7.0,
                                                    adj_value.dense_shape)))
    print(co.indices[:4].tolist(), repr(co.values[:6]))
    bad = tf.SparseTensorValue(adj_value.indices[::-1].copy(), adj_value.values,
                               adj_value.dense_shape)
    print(repr(sess.run(logits, {ftr_in: features, bias_in: bad})[:2]))
    for step in range(2):
        _, lv = sess.run([train_op, loss], {ftr_in: features, bias_in: bad, lbl_in: y,
                                            msk_in: mask})
        print("unordered step %d loss %.8f" % (step, lv))
    print(repr(sess.run(tf.trainable_variables()[1])[:, 0]))

"""Graph convolutional network (Kipf & Welling tutorial style): a normalized sparse
adjacency as a SparseTensor, sparse_tensor_dense_matmul, dropout, masked softmax
cross-entropy, L2 weight decay on the first layer, Adam; accuracy on masks."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(21)
rs = np.random.RandomState(2)
N, F, Hd, C = 12, 5, 8, 3
A = (rs.rand(N, N) < 0.25).astype(np.float64)
A = np.maximum(A, A.T) + np.eye(N)
d = 1.0 / np.sqrt(A.sum(1))
An = (A * d[:, None] * d[None, :]).astype(np.float32)
idx = np.array(np.nonzero(An)).T.astype(np.int64)
vals = An[np.nonzero(An)]
X = rs.rand(N, F).astype(np.float32)
Y = np.eye(C, dtype=np.float32)[rs.randint(0, C, N)]
mask_tr = np.zeros(N, np.float32)
mask_tr[:6] = 1
mask_te = 1 - mask_tr
adj = tf.sparse_placeholder(tf.float32)
feat = tf.placeholder(tf.float32, [N, F])
lab = tf.placeholder(tf.float32, [N, C])
mask = tf.placeholder(tf.float32, [N])
keep = tf.placeholder_with_default(1.0, [])
W1 = tf.get_variable("W1", [F, Hd], initializer=tf.glorot_uniform_initializer())
W2 = tf.get_variable("W2", [Hd, C], initializer=tf.glorot_uniform_initializer())
h = tf.nn.dropout(feat, keep)
h = tf.nn.relu(tf.sparse_tensor_dense_matmul(adj, tf.matmul(h, W1)))
h = tf.nn.dropout(h, keep)
out = tf.sparse_tensor_dense_matmul(adj, tf.matmul(h, W2))
xe = tf.nn.softmax_cross_entropy_with_logits_v2(labels=lab, logits=out)
m = mask / tf.reduce_mean(mask)
loss = tf.reduce_mean(xe * m) + 5e-4 * tf.nn.l2_loss(W1)
acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(out, 1), tf.argmax(lab, 1)), tf.float32) * m)
train = tf.train.AdamOptimizer(0.01).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
sp = tf.SparseTensorValue(idx, vals, [N, N])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(8):
        lv, a, _ = s.run([loss, acc, train], {adj: sp, feat: X, lab: Y, mask: mask_tr, keep: 0.5})
        print(i, repr(float(lv)), repr(float(a)))
    print(repr(float(s.run(acc, {adj: sp, feat: X, lab: Y, mask: mask_te}))))
    print(H(s.run(out, {adj: sp, feat: X})))

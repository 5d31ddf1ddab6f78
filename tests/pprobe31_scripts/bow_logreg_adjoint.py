"""A bag-of-words logistic regression on a SparseTensor of term counts fed through
tf.sparse_placeholder as a tf.SparseTensorValue: logits by sparse_tensor_dense_matmul of
the documents, and a second head of the same weights through the transposed term-document
matrix (adjoint_a) and transposed weights (adjoint_b); sigmoid cross-entropy trained with
Momentum; the gradients of both products with respect to the dense weights and the sparse
values (tf.gradients on sp.values); op counts and values."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(31)
rs = np.random.RandomState(31)
D, V, K = 9, 14, 2
counts = (rs.rand(D, V) < 0.3) * rs.randint(1, 4, (D, V))
idx = np.array(np.nonzero(counts)).T.astype(np.int64)
vals = np.log1p(counts[np.nonzero(counts)]).astype(np.float32)
y = (rs.rand(D, K) < 0.5).astype(np.float32)
docs = tf.sparse_placeholder(tf.float32, shape=[None, V], name="docs")
docs_t = tf.sparse_placeholder(tf.float32, shape=[V, None], name="docs_t")
lab = tf.placeholder(tf.float32, [None, K])
W = tf.get_variable("W", [V, K], initializer=tf.truncated_normal_initializer(0.0, 0.1, seed=3))
Wt = tf.get_variable("Wt", [K, V], initializer=tf.random_uniform_initializer(-0.1, 0.1, seed=4))
b = tf.get_variable("b", [K], initializer=tf.zeros_initializer())
z1 = tf.sparse_tensor_dense_matmul(docs, W) + b
z2 = tf.sparse_tensor_dense_matmul(docs_t, Wt, adjoint_a=True, adjoint_b=True)
z3 = tf.sparse.sparse_dense_matmul(docs, tf.transpose(Wt), name="plain")
loss = (tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=lab, logits=z1))
        + tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=lab, logits=z2)))
g = tf.gradients(loss, [W, Wt, docs.values, docs_t.values])
train = tf.train.MomentumOptimizer(0.5, 0.9, use_nesterov=True).minimize(loss)
pred = tf.cast(tf.sigmoid(z1) > 0.5, tf.int32)
ops = tf.get_default_graph().get_operations()
print(len(ops), sorted(set(o.type for o in ops if "Sparse" in o.type)))
print([o.name for o in ops if o.type == "SparseTensorDenseMatMul"])
print(z1.shape, z2.shape, z3.shape)
sp = tf.SparseTensorValue(idx, vals, [D, V])
spt = tf.SparseTensorValue(idx[:, ::-1].copy(), vals, [V, D])
feed = {docs: sp, docs_t: spt, lab: y}
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    a, c = s.run([z2, z3], feed)
    print(H(a), H(c), bool((a == c).all()))
    for v in s.run(g, feed):
        print(H(v))
    for i in range(10):
        lv, _ = s.run([loss, train], feed)
        print(i, repr(float(lv)))
    print(H(s.run(W)), H(s.run(Wt)), s.run(pred, feed).ravel().tolist())
    print(s.run(b).tolist())

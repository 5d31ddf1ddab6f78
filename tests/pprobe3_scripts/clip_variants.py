"""Gradient clipping variants on an embedding model: clip_by_global_norm over IndexedSlices
and dense gradients, clip_by_value, clip_by_norm with axes, clip_by_average_norm; Adadelta and
ProximalAdagrad with l1/l2."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(66)
rs = np.random.RandomState(3)
ids = tf.constant([[1, 4, 4], [2, 0, 7]])
y = tf.constant(rs.randn(2, 2).astype(np.float32))
emb = tf.Variable(tf.random_normal([8, 5]))
w = tf.Variable(tf.glorot_normal_initializer()([5, 2]))
pred = tf.matmul(tf.reduce_mean(tf.nn.embedding_lookup(emb, ids), 1), w)
loss = tf.reduce_sum(tf.square(pred - y)) * 3.0
g_emb, g_w = tf.gradients(loss, [emb, w])
(c_emb, c_w), gn = tf.clip_by_global_norm([g_emb, g_w], 0.5)
t1 = tf.train.AdadeltaOptimizer(1.0).apply_gradients([(c_emb, emb), (c_w, w)])
cv = tf.clip_by_value(g_w, -0.1, 0.1)
cn = tf.clip_by_norm(g_w, 0.3, axes=[0])
ca = tf.clip_by_average_norm(g_w, 0.05)
t2 = tf.train.ProximalAdagradOptimizer(0.1, l1_regularization_strength=0.01,
                                       l2_regularization_strength=0.02).apply_gradients(
    [(tf.clip_by_norm(g_emb, 0.2), emb), (cn, w)])
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        lv, n, _ = s.run([loss, gn, t1])
        print(i, repr(float(lv)), repr(float(n)))
    for i in range(3):
        lv, a, b, c, _ = s.run([loss, cv, cn, ca, t2])
        print(i, repr(float(lv)), H(a), H(b), H(c))
    print(H(s.run(emb)), H(s.run(w)))

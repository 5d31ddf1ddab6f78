"""A linear model on sparse bag-of-words input as TF1 text classifiers write it:
tf.sparse_tensor_dense_matmul (adjoint_a / adjoint_b) of a fed sparse batch with weight
variables trained by GradientDescent, the gradients of the dense and the sparse values,
tf.sparse_matmul (a_is_sparse / b_is_sparse) and tf.matmul's sparse hints: losses, gradient
values, op names and counts."""
import numpy as np
import tensorflow as tf

np.random.seed(4)
tf.set_random_seed(9)
rng = np.random.RandomState(11)
V, C = 7, 3
x = tf.sparse_placeholder(tf.float32, name="bow")
y = tf.placeholder(tf.int32, [None])
W = tf.get_variable("W", [V, C], initializer=tf.random_normal_initializer(stddev=0.3, seed=2))
bias = tf.get_variable("b", [C], initializer=tf.zeros_initializer())
logits = tf.sparse_tensor_dense_matmul(x, W) + bias
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
gW, gv = tf.gradients(loss, [W, x.values])
print(logits.name, gW.name, gv.name, train.name)
print(len(tf.get_default_graph().get_operations()))


def batch():
    idx, vals = [], []
    for r in range(4):
        cols = sorted(rng.choice(V, 3, replace=False).tolist())
        for c in cols:
            idx.append([r, c])
            vals.append(float(rng.randint(1, 4)))
    return tf.SparseTensorValue(np.array(idx, np.int64), np.array(vals, np.float32),
                                np.array([4, V], np.int64))


batches = [batch() for _ in range(3)]
labels = rng.randint(0, C, size=(3, 4)).astype(np.int32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        fb = {x: batches[step % 3], y: labels[step % 3]}
        lv, _ = sess.run([loss, train], fb)
        print(step, repr(float(lv)))
    g1, g2 = sess.run([gW, gv], {x: batches[0], y: labels[0]})
    print(g1.tolist())
    print(g2.tolist())

with tf.Graph().as_default():
    sa = tf.SparseTensor([[0, 1], [1, 0], [2, 2], [2, 3]], [2.0, -1.0, 0.5, 3.0], [3, 4])
    d = tf.constant(rng.randn(3, 2).astype(np.float32))
    e = tf.constant(rng.randn(2, 4).astype(np.float32))
    d4 = tf.Variable(rng.randn(4, 2).astype(np.float32))
    m1 = tf.sparse_tensor_dense_matmul(sa, d4)
    m2 = tf.sparse_tensor_dense_matmul(sa, d, adjoint_a=True)
    m3 = tf.sparse_tensor_dense_matmul(sa, e, adjoint_b=True)
    m4 = tf.sparse_tensor_dense_matmul(sa, tf.transpose(d), adjoint_a=True, adjoint_b=True)
    total = tf.reduce_sum(m1 * m1) + tf.reduce_sum(m2) + tf.reduce_sum(tf.sin(m3)) \
        + tf.reduce_sum(m4 * 0.5)
    grads = tf.gradients(total, [sa.values, d4, d, e])
    a = tf.constant(np.array([[0., 1., 0.], [2., 0., 0.]], np.float32))
    bm = tf.constant(rng.randn(3, 2).astype(np.float32))
    sm1 = tf.sparse_matmul(a, bm, a_is_sparse=True)
    sm2 = tf.sparse_matmul(bm, a, transpose_a=True, transpose_b=True, b_is_sparse=True)
    mm = tf.matmul(a, bm, a_is_sparse=True)
    gsm = tf.gradients(tf.reduce_sum(sm1 * sm1), [a, bm])
    print([t.name for t in [m1, m2, m3, m4] + grads + [sm1, sm2, mm] + gsm])
    print([t.get_shape().as_list() for t in [m1, m2, m3, m4, sm1, sm2]])
    print(sorted(set(o.type for o in tf.get_default_graph().get_operations())))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for v in sess.run([m1, m2, m3, m4] + grads + [sm1, sm2, mm] + gsm):
            print(v.tolist())

"""The sparse behaviours pprobe67's programs found apart, one case each, under TF 1.14
(tests/test_sparse_probe67.py runs the same cases with flowgrad): SparseReduceSum of an
index outside its dense shape (TF 1.14 checks none: it sorts and groups coordinates), the
linear merge of SparseAdd / SparseSparseMaximum over unsorted and repeated indices,
SparseToDense's message for an index out of range without validate_indices (to_indicator),
tf.sparse.transpose's static shape of a fed and of a constant SparseTensor, and two gradient
sums whose last bit follows Grappler's constant folding (it folds TensorScatterUpdate; it
folds no Sparse* op, so a sum over SparseTensorDenseMatMul is not split as constant).
Elementwise float32 only: the same on any host."""
import numpy as np


def reduce_oob(tf):
    oob = tf.SparseTensor([[0, 0], [1, 5]], [1.5, 2.0], [2, 3])
    oob0 = tf.SparseTensor([[0, 1], [4, 1], [1, 2]], [1.5, 2.0, 4.0], [2, 3])
    with tf.Session() as s:
        return s.run([tf.sparse.reduce_sum(oob), tf.sparse.reduce_sum(oob, 1),
                      tf.sparse.reduce_sum(oob0, 0)])


def merge_unsorted(tf):
    uns = tf.SparseTensor([[1, 0], [0, 2], [0, 2]], [1.0, 2.0, 3.0], [2, 3])
    b = tf.SparseTensor([[0, 0], [0, 2]], [10.0, 20.0], [2, 3])
    c = tf.SparseTensor([[0, 0], [0, 0], [1, 1]], [-1.0, 4.0, 5.0], [2, 3])
    out = []
    with tf.Session() as s:
        for t in (tf.sparse.add(uns, b), tf.sparse.maximum(uns, b), tf.sparse.add(c, b),
                  tf.sparse.minimum(b, c)):
            v = s.run(t)
            out += [v.indices, v.values]
    return out


def dense_oob_message(tf):
    sp = tf.SparseTensor([[0, 0], [2, 1]], [1.0, 2.0], [2, 3])
    ids = tf.SparseTensor([[0, 0]], tf.constant([6], tf.int64), [1, 1])
    out = []
    with tf.Session() as s:
        for t in (tf.sparse.to_dense(sp, validate_indices=False), tf.sparse.to_indicator(ids, 4)):
            try:
                s.run(t)
                out.append("ok")
            except tf.errors.InvalidArgumentError as e:
                out.append(e.message.split("\n")[0])
    return out


def transpose_shapes(tf):
    fed = tf.sparse_placeholder(tf.float32, shape=[None, 5])
    fixed = tf.sparse_placeholder(tf.float32, shape=[3, 5])
    const = tf.SparseTensor([[0, 1]], [1.0], [3, 5])
    return [str(t.get_shape()) + " " + str(t.dense_shape.get_shape()) for t in
            (tf.sparse.transpose(fed), tf.sparse.transpose(fixed), tf.sparse.transpose(const),
             tf.sparse.transpose(const, [1, 0]))]


def scatter_grad_sum(tf):
    rng = np.random.RandomState(12)
    upd = tf.constant(rng.randn(4, 3).astype(np.float32))
    ind = tf.constant([[1], [3], [1], [0]])
    snd = tf.scatter_nd(ind, upd, [5, 3])
    base = tf.constant(rng.randn(5, 3).astype(np.float32))
    tsu = tf.tensor_scatter_update(base, tf.constant([[1], [4]]), upd[:2])
    tsa = tf.tensor_scatter_add(base, ind, upd)
    loss = tf.reduce_sum(snd * snd) + tf.reduce_sum(tf.sin(tsu)) + tf.reduce_sum(tsa * base)
    with tf.Session() as s:
        return s.run(tf.gradients(loss, [upd, base]))


def stdmm_grad_sum(tf):
    rng = np.random.RandomState(11)
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
    g = tf.gradients(total, sa.values)[0]
    with tf.Session() as s:
        s.run(tf.global_variables_initializer())
        return [s.run(g)]


CASES = (reduce_oob, merge_unsorted, dense_oob_message, transpose_shapes, scatter_grad_sum,
         stdmm_grad_sum)


def cases(tf):
    out = {}
    for fn in CASES:
        with tf.Graph().as_default():
            out[fn.__name__] = fn(tf)
    return out

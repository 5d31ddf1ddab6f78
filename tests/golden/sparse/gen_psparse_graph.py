"""Graphs that TF 1.14 builds for sparse features (GCN layers, tf.sparse.*): the op names
(inputs converted in the op's scope, strided slices as Python indexing makes them), the
static shapes of the SparseTensors returned (SparseConcat, SparseSparseMaximum,
SparseReduce*Sparse, sparse.expand_dims) and SparseTensor.get_shape as
constant_value_as_shape reads it, with the values.
tests/test_psparse_graph.py runs cases() on flowgrad."""
import numpy as np

IND = [[0, 0], [0, 2], [1, 1], [2, 0], [2, 3]]
VALS = [1.0, 2.0, 3.0, 4.0, 5.0]


def _sp(tf):
    return tf.SparseTensor(IND, VALS, [3, 4])


def _sp2(tf):
    return tf.SparseTensor([[0, 0], [1, 2], [2, 3]], [10.0, 20.0, 30.0], [3, 4])


def _describe(tf, out):
    """The op names, the static shapes of the outputs and their values."""
    g = tf.get_default_graph()
    outs = out if isinstance(out, (list, tuple)) else [out]
    shapes = []
    for o in outs:
        if isinstance(o, tf.SparseTensor):
            shapes.append([str(o.indices.shape), str(o.values.shape),
                           str(o.dense_shape.shape), str(o.get_shape())])
        else:
            shapes.append(str(o.shape))
    with tf.Session() as sess:
        vals = sess.run(list(outs))
    vals = [dict(v._asdict()) if hasattr(v, "_asdict") else v for v in vals]
    return {"ops": [op.name for op in g.get_operations()], "shapes": shapes, "values": vals}


def _gcn(tf):
    """A GCN layer: relu(A X W) with A fed as a SparseTensorValue; gradients for W and
    A's values (SparseTensorDenseMatMul's gradient slices the indices)."""
    np.random.seed(0)
    adj = tf.sparse_placeholder(tf.float32, name="adj")
    x = tf.placeholder(tf.float32, [None, 4], name="x")
    w = tf.get_variable("W", [4, 3], initializer=tf.glorot_uniform_initializer(seed=3))
    h = tf.nn.relu(tf.sparse_tensor_dense_matmul(adj, tf.matmul(x, w)))
    loss = tf.reduce_sum(h)
    grads = tf.gradients(loss, [w, adj.values])
    idx = np.array([[0, 0], [0, 1], [1, 0], [1, 1], [2, 2], [3, 3], [3, 4], [4, 3], [4, 4]],
                   np.int64)
    vals = np.array([.5, .5, .5, .5, 1., .5, .5, .5, .5], np.float32)
    feed = {adj: tf.SparseTensorValue(idx, vals, [5, 5]),
            x: np.random.rand(5, 4).astype(np.float32)}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = sess.run([h] + grads, feed)
    return {"ops": [op.name for op in tf.get_default_graph().get_operations()],
            "shapes": [str(h.shape), str(adj.get_shape())], "values": out}


def _reorder_grad(tf):
    v = tf.constant([1.0, 2.0, 3.0])
    sp = tf.sparse_reorder(tf.SparseTensor([[2, 0], [0, 1], [1, 1]], v, [3, 2]))
    g = tf.gradients(tf.reduce_sum(sp.values * tf.constant([1.0, 10.0, 100.0])), v)
    return _describe(tf, [sp] + g)


def _softmax_grad(tf):
    v = tf.constant(VALS)
    sm = tf.sparse_softmax(tf.SparseTensor(IND, v, [3, 4]))
    g = tf.gradients(tf.reduce_sum(sm.values ** 2), v)
    return _describe(tf, [sm] + g)


def _lookup_sparse(tf):
    """embedding_lookup_sparse's combiners and safe_embedding_lookup_sparse, their
    gradients for the table and the weights."""
    table = tf.get_variable("E", [10, 3], initializer=tf.random_uniform_initializer(
        -1, 1, seed=4))
    ind = [[0, 0], [0, 1], [1, 0], [2, 0], [2, 1], [2, 2]]
    ids = tf.SparseTensor(ind, tf.constant([1, 7, 3, 9, 0, 4], tf.int64), [3, 4])
    w = tf.constant([1.0, 2.0, 0.5, 1.0, 1.0, 3.0])
    weights = tf.SparseTensor(ind, w, [3, 4])
    a = tf.nn.embedding_lookup_sparse(table, ids, weights, combiner="mean")
    b = tf.nn.embedding_lookup_sparse(table, ids, None, combiner="sqrtn", max_norm=0.5)
    c = tf.contrib.layers.safe_embedding_lookup_sparse(table, ids, weights, combiner="sum",
                                                       default_id=2)
    loss = tf.reduce_sum(a) + tf.reduce_sum(b * b) + tf.reduce_sum(c)
    g = tf.gradients(loss, [table, w])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        vals = sess.run([a, b, c, tf.convert_to_tensor(g[0]), g[1]])
    return {"ops": [op.name for op in tf.get_default_graph().get_operations()],
            "shapes": [str(a.shape), str(b.shape), str(c.shape)], "values": vals}


def _kipf_gcn(tf):
    """Kipf & Welling's GCN (gcn/layers.py): sparse features through sparse_dropout (a
    sparse_retain mask of unknown rank, from a fed noise shape), two graph convolutions,
    a masked softmax loss, Adam."""
    rng = np.random.RandomState(2)
    tf.set_random_seed(11)
    n, f, h, c = 6, 5, 4, 3
    support = tf.sparse_placeholder(tf.float32)
    features = tf.sparse_placeholder(tf.float32, shape=tf.constant([n, f], dtype=tf.int64))
    labels = tf.placeholder(tf.float32, shape=(None, c))
    labels_mask = tf.placeholder(tf.int32)
    dropout = tf.placeholder_with_default(0., shape=())
    nonzero = tf.placeholder(tf.int32)

    def glorot(shape, name):
        r = np.sqrt(6.0 / (shape[0] + shape[1]))
        return tf.Variable(tf.random_uniform(shape, minval=-r, maxval=r), name=name)

    w1, w2 = glorot([f, h], "weights_0"), glorot([h, c], "weights_1")
    keep = 1 - dropout
    mask = tf.cast(tf.floor(keep + tf.random_uniform(nonzero)), dtype=tf.bool)
    x = tf.sparse_retain(features, mask) * (1. / keep)
    hid = tf.nn.relu(tf.sparse_tensor_dense_matmul(support,
                                                   tf.sparse_tensor_dense_matmul(x, w1)))
    hid = tf.nn.dropout(hid, rate=dropout)
    out = tf.sparse_tensor_dense_matmul(support, tf.matmul(hid, w2))
    m = tf.cast(labels_mask, tf.float32)
    m /= tf.reduce_mean(m)
    xent = tf.nn.softmax_cross_entropy_with_logits_v2(logits=out, labels=labels) * m
    loss = 5e-4 * tf.nn.l2_loss(w1) + tf.reduce_mean(xent)
    train = tf.train.AdamOptimizer(learning_rate=0.01).minimize(loss)

    def to_tuple(mat):
        r, col = np.nonzero(mat)
        return (np.vstack((r, col)).T.astype(np.int64), mat[r, col],
                np.array(mat.shape, np.int64))

    adj = (rng.rand(n, n) > 0.6).astype(np.float32)
    adj = ((adj + adj.T + np.eye(n, dtype=np.float32)) > 0).astype(np.float32)
    dm = np.diag(1 / np.sqrt(adj.sum(1)))
    xf = (rng.rand(n, f) > 0.5).astype(np.float32)
    xf = xf / np.maximum(xf.sum(1, keepdims=True), 1)
    feats = to_tuple(xf)
    feed = {support: to_tuple(dm.dot(adj).dot(dm).astype(np.float32)), features: feats,
            labels: np.eye(c, dtype=np.float32)[rng.randint(0, c, n)],
            labels_mask: np.array([1, 1, 1, 0, 0, 1], np.int32),
            nonzero: feats[1].shape, dropout: 0.5}
    values = []
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(4):
            values.append(sess.run([train, loss], feed)[1])
        feed[dropout] = 0.
        values.append(sess.run(out, feed))
    return {"ops": [op.name for op in tf.get_default_graph().get_operations()],
            "shapes": [str(x.get_shape()), str(x.indices.shape), str(out.shape)],
            "values": values}


def _value_grads(tf):
    """Gradients of the sparse functions w.r.t. a SparseTensor's values (SparseReduceSum's
    reduced_shape casts, SparseDenseCwise*'s and SparseToDense's operators)."""
    v = tf.Variable([1., 2., 3., 4., 5.])
    sp = tf.SparseTensor(IND, v, [3, 4])
    dense = tf.reshape(tf.range(12, dtype=tf.float32), [3, 4])
    outs = [tf.sparse_reduce_sum(sp), tf.sparse_reduce_sum(sp, 0),
            tf.sparse_tensor_to_dense(sp), (sp * dense).values, (sp / (dense + 1)).values,
            tf.sparse_add(dense, sp), tf.sparse_slice(sp, [1, 0], [2, 2]).values,
            tf.sparse_fill_empty_rows(tf.SparseTensor([[0, 0], [2, 1]], v[:2], [4, 2]),
                                      9.)[0].values,
            tf.sparse_add(sp, tf.SparseTensor([[0, 0], [1, 2]], v[:2] * 3, [3, 4])).values,
            tf.sparse_concat(0, [sp, sp]).values, tf.sparse_reshape(sp, [4, 3]).values,
            tf.sparse_transpose(sp).values,
            tf.sparse_tensor_dense_matmul(sp, dense, adjoint_a=True),
            tf.sparse_tensor_dense_matmul(sp, dense, adjoint_b=True)]
    grads = [tf.gradients(tf.reduce_sum(o * o), v)[0] for o in outs]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        vals = sess.run(outs + [g for g in grads if g is not None])
    return {"ops": [op.name for op in tf.get_default_graph().get_operations()],
            "shapes": [str(o.shape) for o in outs] + [g is None for g in grads],
            "values": vals}


def _printed(tf):
    """str() of a SparseTensor and of a gradient's IndexedSlices, and their repr() (TF has
    none of its own: a printed list of gradients shows `<... object at 0x...>`)."""
    sp = _sp(tf)
    table = tf.Variable(tf.ones([4, 2]), name="table")
    g = tf.gradients(tf.reduce_sum(tf.gather(table, [1, 3])), table)[0]
    return {"ops": [], "shapes": [str(sp), str(g)] + [
        repr(x).startswith("<") and repr(x).endswith(">") and " object at 0x" in repr(x)
        for x in (sp, g)], "values": []}


def _exact_softmax(tf):
    """sparse_softmax's values bit for bit: groups under and over one packet of 8 (TF's
    kernel multiplies by the inverse of Eigen's sum of Eigen's exp)."""
    rng = np.random.RandomState(0)
    out = []
    for cols in (6, 13):
        ind = np.array([[i, j] for i in range(60) for j in range(cols)], np.int64)
        keep = rng.rand(len(ind)) > 0.3
        vals = rng.randn(len(ind)).astype(np.float32)[keep]
        out.append(tf.sparse_softmax(tf.SparseTensor(ind[keep], vals, [60, cols])).values)
    return _describe(tf, out)


CASES = {
    "exact_softmax": _exact_softmax,
    "printed": _printed,
    "value_grads": _value_grads,
    "kipf_gcn": _kipf_gcn,
    "softmax_grad": _softmax_grad,
    "lookup_sparse": _lookup_sparse,
    "gcn": _gcn,
    "reorder_grad": _reorder_grad,
    "softmax": lambda tf: _describe(tf, tf.sparse_softmax(_sp(tf))),
    "split": lambda tf: _describe(tf, tf.sparse_split(sp_input=_sp(tf), num_split=2, axis=1)),
    "reduce_sum_sparse": lambda tf: _describe(tf, tf.sparse_reduce_sum_sparse(_sp(tf), 1)),
    "reduce_max": lambda tf: _describe(tf, tf.sparse_reduce_max(_sp(tf), axis=0)),
    "reduce_max_sparse": lambda tf: _describe(tf, tf.sparse_reduce_max_sparse(_sp(tf), 0)),
    "maximum": lambda tf: _describe(tf, tf.sparse_maximum(_sp(tf), _sp2(tf))),
    "minimum": lambda tf: _describe(tf, tf.sparse_minimum(_sp(tf), _sp2(tf))),
    "concat": lambda tf: _describe(tf, tf.sparse_concat(1, [_sp(tf), _sp2(tf)])),
    "concat_expand": lambda tf: _describe(tf, tf.sparse.concat(
        axis=0, sp_inputs=[_sp(tf), _sp2(tf)], expand_nonconcat_dim=True)),
    "expand_dims": lambda tf: _describe(tf, tf.sparse.expand_dims(_sp(tf), 0)),
    "expand_dims_last": lambda tf: _describe(tf, tf.sparse.expand_dims(_sp(tf), -1)),
    "eye": lambda tf: _describe(tf, tf.sparse.eye(3)),
    "eye_rect": lambda tf: _describe(tf, tf.sparse.eye(2, 4, dtype=tf.int32)),
    "transpose": lambda tf: _describe(tf, tf.sparse_transpose(_sp(tf))),
    "to_indicator": lambda tf: _describe(tf, tf.sparse_to_indicator(tf.SparseTensor(
        [[0, 0], [0, 1], [1, 0]], tf.constant([1, 3, 2], tf.int64), [2, 2]), 4)),
    "merge": lambda tf: _describe(tf, tf.sparse_merge(
        tf.SparseTensor([[0, 0], [0, 1], [1, 0]], tf.constant([1, 3, 2], tf.int64), [2, 2]),
        tf.SparseTensor([[0, 0], [0, 1], [1, 0]], [0.5, 1.5, 2.5], [2, 2]), 4)),
    "slice_select_size": lambda tf: _describe(tf, [
        tf.slice(tf.zeros([5, 2], tf.int64), [0, 0],
                 [-1, tf.where(tf.constant(0) >= 0, tf.constant(1), tf.constant(2))]),
        tf.constant([3, 4], tf.int64)[tf.where(tf.constant(True), 1, 0):]]),
}


def cases(tf):
    out = {}
    for name, build in sorted(CASES.items()):
        with tf.Graph().as_default():
            out[name] = build(tf)
    return out

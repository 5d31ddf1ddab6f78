"""Graph classification over a batch of small graphs as TF1 GNN code writes it: each graph's
adjacency a SparseTensorValue, one block-diagonal adjacency by tf.sparse_concat of the
shifted blocks, tf.sparse_reorder, degree by tf.sparse_reduce_sum, a normalized adjacency
by a SparseTensor times a dense column, propagation by sparse_tensor_dense_matmul
(adjoint_a too), readout by segment_mean / unsorted_segment_sum over the graph ids,
tf.sparse_reduce_sum_sparse and tf.sparse_to_dense; a training loop with weight decay over
the first layer; the errors of a bad index and of an unordered sparse_to_dense."""
import numpy as np
import tensorflow as tf

np.random.seed(43)
tf.set_random_seed(47)
rs = np.random.RandomState(53)
sizes = [4, 3, 5]
F, HID, C = 3, 5, 2


def random_graph(n):
    a = (rs.rand(n, n) < 0.5).astype(np.float32)
    a = np.triu(a, 1)
    a = a + a.T + np.eye(n, dtype=np.float32)
    r, c = np.nonzero(a)
    order = rs.permutation(len(r))   # the edge list as a loader hands it over: unordered
    return tf.SparseTensorValue(np.stack([r, c], 1)[order].astype(np.int64),
                                a[r, c][order], np.array([n, n], np.int64))


graphs = [random_graph(n) for n in sizes]
offsets = np.cumsum([0] + sizes[:-1])
total = sum(sizes)
blocks = [tf.SparseTensor(g.indices + np.array([0, off], np.int64), g.values, [n, total])
          for g, off, n in zip(graphs, offsets, sizes)]
adj = tf.sparse_concat(0, blocks)
adj = tf.sparse_reorder(adj)
print(adj.indices.op.type, adj.values.op.type, adj.dense_shape.op.type)
deg = tf.sparse_reduce_sum(adj, axis=1)
d_inv_sqrt = tf.math.rsqrt(deg)
norm_adj = adj * tf.expand_dims(d_inv_sqrt, 1)
norm_adj = norm_adj * tf.expand_dims(d_inv_sqrt, 0)
graph_ids = tf.constant(np.repeat(np.arange(len(sizes)), sizes).astype(np.int32))
x_in = tf.placeholder(tf.float32, [None, F])
y_in = tf.placeholder(tf.int32, [None])


def glorot(shape, name):
    r = np.sqrt(6.0 / (shape[0] + shape[1]))
    return tf.Variable(tf.random_uniform(shape, -r, r, seed=3), name=name)


w1 = glorot([F, HID], "w1")
b1 = tf.Variable(tf.zeros([HID]), name="b1")
w2 = glorot([HID, C], "w2")
h = tf.nn.relu(tf.sparse_tensor_dense_matmul(norm_adj, tf.matmul(x_in, w1)) + b1)
h_t = tf.sparse_tensor_dense_matmul(norm_adj, h, adjoint_a=True)
pooled = tf.segment_mean(h_t, graph_ids)
summed = tf.unsorted_segment_sum(h_t, graph_ids, len(sizes))
logits = tf.matmul(pooled + 0.1 * summed, w2)
xent = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y_in,
                                                                     logits=logits))
loss = xent + 5e-4 * tf.add_n([tf.nn.l2_loss(w1), tf.nn.l2_loss(b1)])
acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1, output_type=tf.int32), y_in),
                             tf.float32))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
print(norm_adj.values.op.type, pooled.shape, logits.name, loss.name)
print(len(tf.get_default_graph().get_operations()))

X = rs.randn(total, F).astype(np.float32)
Y = np.array([0, 1, 1], np.int32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    ai, av, ash, dv = sess.run([adj.indices, adj.values, adj.dense_shape, deg])
    print(ai[:6].tolist(), av.sum(), ash.tolist(), dv.tolist())
    for step in range(6):
        _, lv, a = sess.run([train, loss, acc], {x_in: X, y_in: Y})
        print("step %d loss %.8f acc %.4f" % (step, lv, a))
    print(repr(sess.run(logits, {x_in: X})))
    rss = sess.run(tf.sparse_reduce_sum_sparse(adj, axis=0))
    print(rss.indices.tolist(), rss.values.tolist(), rss.dense_shape.tolist())
    print(repr(sess.run(tf.sparse_reduce_sum(norm_adj, axis=[0, 1]))))
    print(repr(sess.run(tf.sparse_reduce_sum(norm_adj, axis=0, keepdims=True))[0, :4]))
    dense = sess.run(tf.sparse_to_dense(ai, ash, av))
    print(dense.shape, dense.sum(), dense[:4, :4].tolist())
    g0 = graphs[0]
    try:
        sess.run(tf.sparse_to_dense(g0.indices, g0.dense_shape, g0.values))
    except tf.errors.InvalidArgumentError as e:
        print("InvalidArgumentError", e.message.splitlines()[0])
    bad = tf.SparseTensor(np.array([[0, 0], [1, 7]], np.int64), [1.0, 2.0], [3, 3])
    try:
        sess.run(tf.sparse_tensor_dense_matmul(bad, tf.ones([3, 2])))
    except tf.errors.InvalidArgumentError as e:
        print("InvalidArgumentError", e.message.splitlines()[0])
    try:
        tf.sparse_retain(bad, [True, False, True])
    except ValueError as e:
        print("ValueError", e)

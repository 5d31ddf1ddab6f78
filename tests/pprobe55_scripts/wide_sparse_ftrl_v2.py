"""A wide (linear) + embedding model in the style of public TF1 CTR repos: a partitioned
embedding table (tf.min_max_variable_partitioner, slices of 16 bytes) read by
tf.nn.embedding_lookup_sparse with max_norm, partition_strategy div, repeated ids in a row,
an empty row and int32 ids; the wide part by tf.sparse_tensor_dense_matmul with adjoint_a
on the transposed one-hot matrix; FtrlOptimizer with l2 shrinkage on the sparse
(IndexedSlices) gradients (SparseApplyFtrlV2) and Adagrad with duplicate indices;
values at full precision and op counts."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(51)
np.random.seed(51)

BATCH, VOCAB, K = 5, 14, 4
idx = np.array([[0, 0], [0, 1], [0, 2], [1, 0], [3, 0], [3, 1], [4, 0], [4, 1], [4, 2]], np.int64)
ids = np.array([3, 3, 12, 0, 7, 13, 5, 9, 3], np.int32)
wts = np.array([1.0, 0.5, 2.0, 1.5, 0.25, 1.0, 3.0, 0.75, 1.25], np.float32)
sp_ids = tf.SparseTensor(idx, ids, [BATCH, 3])
sp_w = tf.SparseTensor(idx, wts, [BATCH, 3])

with tf.variable_scope("deep", partitioner=tf.min_max_variable_partitioner(
        max_partitions=3, min_slice_size=16)):
    table = tf.get_variable("table", [VOCAB, K],
                            initializer=tf.random_normal_initializer(0, 0.8, seed=6))
e_sum = tf.nn.embedding_lookup_sparse(table, sp_ids, sp_w, partition_strategy="div",
                                      combiner="sum", max_norm=1.0)
e_sqrtn = tf.nn.embedding_lookup_sparse(table, sp_ids, None, partition_strategy="div",
                                        combiner="sqrtn")
onehot_t = tf.SparseTensor(idx[:, ::-1].copy(), wts, [3, BATCH])
wide_w = tf.get_variable("wide_w", [3, 1], initializer=tf.constant_initializer([0.3, -0.2, 0.1]))
wide = tf.sparse_tensor_dense_matmul(onehot_t, wide_w, adjoint_a=True)
rows = tf.shape(e_sum)[0]
deep = tf.layers.dense(tf.concat([e_sum, e_sqrtn], 1), 1,
                       kernel_initializer=tf.glorot_uniform_initializer(seed=7), name="out")
logits = tf.pad(deep, [[0, BATCH - rows], [0, 0]]) + wide
y = tf.constant([[1.0], [0.0], [1.0], [0.0], [1.0]])
loss = tf.losses.log_loss(y, tf.sigmoid(logits))
ftrl = tf.train.FtrlOptimizer(0.5, l1_regularization_strength=0.01,
                              l2_regularization_strength=0.1,
                              l2_shrinkage_regularization_strength=0.05)
ada = tf.train.AdagradOptimizer(0.25, initial_accumulator_value=0.01)
deep_vars = list(table)
other = [v for v in tf.trainable_variables() if v not in deep_vars]
grads = tf.gradients(loss, deep_vars + other)
with tf.control_dependencies(grads):   # both updates after every gradient has read the weights
    step = tf.group(ftrl.apply_gradients(zip(grads[:len(deep_vars)], deep_vars)),
                    ada.apply_gradients(zip(grads[len(deep_vars):], other)))
dup = tf.get_variable("dup", [6, 2], initializer=tf.ones_initializer())
dup_loss = tf.reduce_sum(tf.gather(dup, [1, 4, 1, 1, 0]) * [[1.0, -2.0]])
dup_step = tf.train.AdagradOptimizer(0.1).minimize(dup_loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print([p.name for p in table], [p.get_shape().as_list() for p in table])
    print(sess.run(rows), repr(sess.run(e_sum).tolist()))
    print(repr(sess.run(e_sqrtn).tolist()))
    print(repr(sess.run(wide).ravel().tolist()))
    for i in range(4):
        _, lv = sess.run([step, loss])
        print(i, repr(lv))
    print(repr(sess.run(table.as_tensor()).tolist()))
    print(repr(sess.run(ftrl.get_slot(table._get_variable_list()[0], "linear")).tolist()))
    print(repr(sess.run(wide_w).ravel().tolist()))
    for i in range(2):
        sess.run(dup_step)
    print(repr(sess.run(dup).tolist()))
    print(len(tf.get_default_graph().get_operations()))

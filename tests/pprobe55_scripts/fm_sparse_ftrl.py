"""A factorization machine on sparse one-hot features (tf.SparseTensor built from field ids):
the linear term and the pairwise term via the square-of-sum trick with
tf.sparse_tensor_dense_matmul (x*V squared minus x^2*V^2), a sigmoid log loss trained by
tf.train.FtrlOptimizer with l1 / l2 regularization and l2 shrinkage (IndexedSlices-free
dense gradients of the matmul); values at full precision and op counts."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(11)
np.random.seed(11)

N_FEAT, K, FIELDS, BATCH = 12, 3, 3, 5
rs = np.random.RandomState(11)
ids = np.stack([rs.randint(0, 4, BATCH) + 4 * f for f in range(FIELDS)], 1).astype(np.int64)
labels = rs.randint(0, 2, (BATCH, 1)).astype(np.float32)
idx = np.array([[b, ids[b, f]] for b in range(BATCH) for f in range(FIELDS)], np.int64)
vals = np.array([1.0, 0.5, 2.0] * BATCH, np.float32)

x = tf.SparseTensor(indices=idx, values=vals, dense_shape=[BATCH, N_FEAT])
x2 = tf.SparseTensor(x.indices, tf.square(x.values), x.dense_shape)
y = tf.constant(labels)
w0 = tf.Variable(0.0, name="w0")
w = tf.get_variable("w", [N_FEAT, 1],
                    initializer=tf.truncated_normal_initializer(stddev=0.1, seed=2))
v = tf.get_variable("v", [N_FEAT, K], initializer=tf.random_normal_initializer(stddev=0.5, seed=3))
linear = w0 + tf.sparse_tensor_dense_matmul(x, w)
xv = tf.sparse_tensor_dense_matmul(x, v)
x2v2 = tf.sparse_tensor_dense_matmul(x2, tf.square(v))
pair = 0.5 * tf.reduce_sum(tf.square(xv) - x2v2, axis=1, keepdims=True)
logits = linear + pair
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logits))
opt = tf.train.FtrlOptimizer(0.3, l1_regularization_strength=0.001,
                             l2_regularization_strength=0.02,
                             l2_shrinkage_regularization_strength=0.005)
step = opt.minimize(loss)
opt2 = tf.train.FtrlOptimizer(0.2, learning_rate_power=-0.6, initial_accumulator_value=0.3,
                              l1_regularization_strength=0.05, name="Ftrl2")
step2 = opt2.minimize(loss, var_list=[v])
dense_x = tf.sparse_tensor_to_dense(tf.sparse_reorder(x))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(repr(sess.run(dense_x).sum(axis=1).tolist()))
    print(repr(sess.run(logits).ravel().tolist()))
    for i in range(4):
        _, lv = sess.run([step, loss])
        print(i, repr(lv))
    for i in range(3):
        _, lv = sess.run([step2, loss])
        print("s2", i, repr(lv))
    print(repr(sess.run(w0)), repr(sess.run(w).ravel().tolist()))
    print(repr(sess.run(v).tolist()))
    print(repr(sess.run(opt.get_slot(w, "accum")).ravel().tolist()))
    print(repr(sess.run(opt2.get_slot(v, "linear")).ravel().tolist()))
    print(sorted(opt.get_slot_names()),
          [s.op.name for s in (opt.get_slot(v, "accum"), opt2.get_slot(v, "accum"))])
    print(len(tf.get_default_graph().get_operations()))

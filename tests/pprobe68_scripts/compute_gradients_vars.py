"""optimizer.compute_gradients with grad_loss and var_list of partitioned and resource
variables, gate_gradients modes and tf.test.compute_gradient / compute_gradient_error of
small functions, as TF1 tests and repositories use them: gradients, losses over a few
steps, the gradient types (IndexedSlices for an embedding lookup) and the errors."""
import numpy as np
import tensorflow as tf

np.random.seed(8)
tf.set_random_seed(12)
rs = np.random.RandomState(3)
ids = np.array([0, 3, 5, 3], dtype=np.int32)
T = rs.randn(4, 3).astype(np.float32)

emb = tf.get_variable("emb", [6, 3], initializer=tf.random_normal_initializer(seed=1),
                      partitioner=tf.fixed_size_partitioner(2))
rv = tf.get_variable("rv", [3, 2], initializer=tf.random_normal_initializer(seed=2),
                     use_resource=True)
look = tf.nn.embedding_lookup(emb, ids)
out = tf.matmul(look, rv)
loss = tf.reduce_mean(tf.square(out - T[:, :2]))
opt = tf.train.AdagradOptimizer(0.3)
vl = list(emb) + [rv]
gvs = opt.compute_gradients(loss, var_list=vl, grad_loss=tf.constant(2.0))
print([(type(g).__name__, v.op.name, v.get_shape().as_list()) for g, v in gvs])
gvs0 = opt.compute_gradients(loss, var_list=vl, gate_gradients=tf.train.Optimizer.GATE_NONE)
gvs2 = opt.compute_gradients(loss, var_list=vl,
                             gate_gradients=tf.train.Optimizer.GATE_GRAPH)
print([type(g).__name__ for g, _ in gvs0], [type(g).__name__ for g, _ in gvs2])
train = opt.apply_gradients(gvs)
print(len(tf.get_default_graph().get_operations()), train.name)
try:
    opt.compute_gradients(loss, var_list=vl, gate_gradients=5)
except ValueError as err:
    print("ValueError", err)
try:
    opt.compute_gradients(loss, var_list=[])
except ValueError as err:
    print("ValueError", err)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    g = sess.run([gv[0] for gv in gvs])
    print(g[0].indices.tolist(), g[0].values.tolist(), g[2].tolist())
    for step in range(4):
        lv, _ = sess.run([loss, train])
        print(step, repr(float(lv)))
    print(sess.run(emb.as_tensor()).tolist())

with tf.Graph().as_default():
    x = tf.constant([[0.3, -0.7], [1.2, 0.4]], dtype=tf.float64)
    y = tf.tanh(x) * tf.square(x)
    with tf.Session():
        th, nu = tf.test.compute_gradient(x, [2, 2], y, [2, 2], x_init_value=np.array(
            [[0.3, -0.7], [1.2, 0.4]]))
        print(th.shape, np.round(th, 6).tolist())
        print(np.abs(th - nu).max() < 1e-6)
        err = tf.test.compute_gradient_error(x, [2, 2], tf.reduce_sum(y * x, axis=1), [2])
        print(err < 1e-6)
        x32 = tf.constant([1.0, 2.0])
        e32 = tf.test.compute_gradient_error(x32, [2], tf.sin(x32), [2], delta=1e-3)
        print(e32 < 1e-2)

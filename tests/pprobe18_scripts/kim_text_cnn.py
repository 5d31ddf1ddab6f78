"""Kim (2014) text CNN: a static (tf.stop_gradient) and a non-static embedding channel stacked
into [B, T, E, 2], conv2d with filter widths 2, 3 and 4 (VALID, relu), max-over-time pooling
by tf.nn.max_pool with ksize T-w+1 (and a reduce_max check), concat, seeded dropout, a dense
softmax layer with an L2 penalty, Adadelta, and Kim's max-norm constraint on the output
weights by tf.clip_by_norm over axis 0 after each step; tf.metrics.accuracy."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1821)
rs = np.random.RandomState(1822)
V, E, T, C, F = 20, 6, 9, 3, 4
X = rs.randint(0, V, size=(8, T)).astype(np.int32)
Y = rs.randint(0, C, size=8).astype(np.int64)
x = tf.placeholder(tf.int32, [None, T])
y = tf.placeholder(tf.int64, [None])
keep = tf.placeholder_with_default(1.0, [])
W_static = tf.get_variable("static", [V, E], initializer=tf.random_uniform_initializer(
    -0.25, 0.25, seed=1823))
W_dyn = tf.get_variable("dyn", initializer=W_static.initialized_value())
e = tf.stack([tf.nn.embedding_lookup(tf.stop_gradient(W_static), x),
              tf.nn.embedding_lookup(W_dyn, x)], axis=-1)
pooled, checks = [], []
for w in (2, 3, 4):
    with tf.variable_scope("conv%d" % w):
        k = tf.get_variable("W", [w, E, 2, F], initializer=tf.truncated_normal_initializer(
            stddev=0.1, seed=1824 + w))
        b = tf.get_variable("b", [F], initializer=tf.constant_initializer(0.1))
        h = tf.nn.relu(tf.nn.bias_add(tf.nn.conv2d(e, k, [1, 1, 1, 1], "VALID"), b))
        p = tf.nn.max_pool(h, [1, T - w + 1, 1, 1], [1, 1, 1, 1], "VALID")
        pooled.append(p)
        checks.append(tf.reduce_max(tf.squeeze(h, 2), axis=1))
feat = tf.reshape(tf.concat(pooled, 3), [-1, 3 * F])
drop = tf.nn.dropout(feat, keep_prob=keep, seed=1828)
Wo = tf.get_variable("Wo", [3 * F, C], initializer=tf.glorot_uniform_initializer(seed=1829))
bo = tf.get_variable("bo", [C], initializer=tf.zeros_initializer())
logits = tf.matmul(drop, Wo) + bo
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
    labels=y, logits=logits)) + 0.01 * tf.nn.l2_loss(Wo)
step = tf.train.AdadeltaOptimizer(1.0, rho=0.95, epsilon=1e-6).minimize(loss)
with tf.control_dependencies([step]):
    constrain = tf.assign(Wo, tf.clip_by_norm(Wo, 0.5, axes=[0]))
pred = tf.argmax(logits, 1)
acc, acc_up = tf.metrics.accuracy(y, pred)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    c = s.run([tf.concat(checks, 1), feat], {x: X})
    print(np.array_equal(c[0], c[1]), H(c[1]))
    for i in range(6):
        lv, _ = s.run([loss, constrain], {x: X, y: Y, keep: 0.5})
        print(i, repr(float(lv)))
    print(s.run(acc_up, {x: X, y: Y}).item(), s.run(acc).item())
    ws = s.run([W_static, W_dyn, Wo])
    print(H(ws[0]), H(ws[1]), H(ws[2]))
    print(np.linalg.norm(ws[2], axis=0).tolist())
    print(s.run(logits, {x: X[:2]}).tolist())

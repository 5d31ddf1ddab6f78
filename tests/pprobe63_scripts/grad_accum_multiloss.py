"""Gradient accumulation over several batches with tf.Variable accumulators (zero ops,
assign_add of compute_gradients' gradients, apply_gradients of the averages) and a two-loss
model trained with one optimizer per loss grouped by tf.group, as TF1 repositories write
them without SyncReplicasOptimizer: losses, accumulator values and op counts."""
import numpy as np
import tensorflow as tf

np.random.seed(6)
tf.set_random_seed(2)
rs = np.random.RandomState(7)
X = rs.randn(4, 6, 3).astype(np.float32)
Y = rs.randn(4, 6, 2).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 2])
h = tf.layers.dense(x, 5, tf.nn.tanh,
                    kernel_initializer=tf.truncated_normal_initializer(seed=3))
out = tf.layers.dense(h, 2, kernel_initializer=tf.truncated_normal_initializer(seed=4))
loss = tf.losses.mean_squared_error(y, out)
opt = tf.train.MomentumOptimizer(0.05, 0.9)
tvars = tf.trainable_variables()
accum = [tf.Variable(tf.zeros_like(v.initialized_value()), trainable=False) for v in tvars]
zero_ops = [a.assign(tf.zeros_like(a)) for a in accum]
gvs = opt.compute_gradients(loss, tvars)
accum_ops = [accum[i].assign_add(g) for i, (g, v) in enumerate(gvs)]
n = tf.placeholder(tf.float32, [])
apply_op = opt.apply_gradients([(accum[i] / n, v) for i, (g, v) in enumerate(gvs)])
print([a.op.name for a in accum], [o.name for o in accum_ops][:2], apply_op.name)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(3):
        sess.run(zero_ops)
        ls = []
        for bi in range(4):
            lv, _ = sess.run([loss, accum_ops], {x: X[bi], y: Y[bi]})
            ls.append(repr(float(lv)))
        sess.run(apply_op, {n: 4.0})
        print(epoch, ls, sess.run(accum[-1]).tolist())

with tf.Graph().as_default():
    tf.set_random_seed(8)
    x = tf.constant(X[0])

    def uni(seed):
        return tf.random_uniform_initializer(-0.5, 0.5, seed=seed)
    with tf.variable_scope("shared"):
        hs = tf.layers.dense(x, 4, tf.nn.relu, kernel_initializer=uni(seed=1))
    with tf.variable_scope("head_a"):
        a = tf.layers.dense(hs, 2, kernel_initializer=uni(seed=2))
    with tf.variable_scope("head_b"):
        b = tf.layers.dense(hs, 1, kernel_initializer=uni(seed=3))
    la = tf.reduce_mean(tf.square(a - Y[0]))
    lb = tf.reduce_mean(tf.abs(b - 0.5))
    va = tf.trainable_variables("shared") + tf.trainable_variables("head_a")
    vb = tf.trainable_variables("head_b")
    gs = tf.train.get_or_create_global_step()
    ta = tf.train.AdamOptimizer(0.01, name="AdamA").minimize(la, var_list=va, global_step=gs)
    tb = tf.train.RMSPropOptimizer(0.01, name="RMSB").minimize(lb + 0.1 * la, var_list=vb)
    train = tf.group(ta, tb, name="multi_train")
    print(train.name, train.type, len(train.control_inputs))
    print(sorted(v.op.name for v in tf.global_variables()
                 if "Adam" in v.op.name or "RMS" in v.op.name))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(4):
            _, x1, x2 = sess.run([train, la, lb])
            print(i, repr(float(x1)), repr(float(x2)), sess.run(gs))
    try:
        tf.train.AdamOptimizer(0.01).minimize(lb, var_list=va)
    except Exception as e:
        print(type(e).__name__, e)

"""Weight regularization as TF1 repositories write it: l1 / l2 / l1_l2 regularizers through
tf.layers' kernel_regularizer / bias_regularizer and get_variable's regularizer,
tf.losses.get_regularization_loss(es) added to the data loss,
tf.contrib.layers.apply_regularization and sum_regularizer, and a max-norm style
kernel_constraint; losses over a few steps, collection names, norms and the errors TF raises."""
import numpy as np
import tensorflow as tf

np.random.seed(13)
tf.set_random_seed(17)
xs = np.random.randn(16, 6).astype(np.float32)
ys = np.random.randn(16, 3).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 6])
y = tf.placeholder(tf.float32, [None, 3])

l2 = tf.contrib.layers.l2_regularizer(scale=0.01)
l1 = tf.contrib.layers.l1_regularizer(0.005, scope="l1reg")
l1l2 = tf.contrib.layers.l1_l2_regularizer(scale_l1=0.001, scale_l2=0.02)


def maxnorm(w):
    return tf.clip_by_norm(w, 1.0, axes=[0])



h = tf.layers.dense(x, 8, activation=tf.nn.relu, kernel_regularizer=l2,
                    bias_regularizer=l1, name="fc1",
                    kernel_initializer=tf.glorot_uniform_initializer(seed=1))
h = tf.layers.dense(h, 8, activation=tf.nn.tanh, kernel_regularizer=l1l2,
                    kernel_constraint=maxnorm, name="fc2",
                    kernel_initializer=tf.random_normal_initializer(stddev=1.0, seed=2))
with tf.variable_scope("head", regularizer=tf.contrib.layers.l2_regularizer(0.1)):
    w = tf.get_variable("w", [8, 3], initializer=tf.random_normal_initializer(seed=3))
    b = tf.get_variable("b", [3], initializer=tf.zeros_initializer(),
                        regularizer=tf.keras.regularizers.l1(0.01))
out = tf.matmul(h, w) + b
data_loss = tf.losses.mean_squared_error(y, out)
reg_losses = tf.losses.get_regularization_losses()
reg = tf.losses.get_regularization_loss()
total = tf.losses.get_total_loss()
print([t.name for t in reg_losses])
print(reg.name, total.name, [t.name for t in tf.losses.get_losses()])
opt = tf.train.GradientDescentOptimizer(0.1)
train = opt.minimize(total)
kern2 = [v for v in tf.trainable_variables() if v.op.name == "fc2/kernel"][0]
print(kern2.constraint is not None, "ops", len(tf.get_default_graph().get_operations()))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("reg0", [repr(float(t)) for t in sess.run(reg_losses)])
    for i in range(4):
        _, dl, rl, tl = sess.run([train, data_loss, reg, total], {x: xs, y: ys})
        print(i, repr(float(dl)), repr(float(rl)), repr(float(tl)))
    print("fc2 col norms", np.linalg.norm(sess.run(kern2), axis=0).round(5).tolist())

with tf.Graph().as_default():
    ws = [tf.Variable(np.linspace(-1.0, 1.0, 6).reshape(2, 3).astype(np.float32), name="a"),
          tf.Variable([[0.5, -2.0], [1.5, 0.25]], name="b")]
    s = tf.contrib.layers.sum_regularizer([tf.contrib.layers.l1_regularizer(0.5),
                                           tf.contrib.layers.l2_regularizer(0.25)],
                                          scope="sumreg")
    pen = tf.contrib.layers.apply_regularization(s, ws)
    pen2 = tf.contrib.layers.apply_regularization(tf.contrib.layers.l2_regularizer(1.0), ws[1:])
    print(pen.name, pen2.name, [t.name for t in tf.get_collection(
        tf.GraphKeys.REGULARIZATION_LOSSES)])
    z = tf.contrib.layers.l2_regularizer(0.0)
    print(z(ws[0]), tf.contrib.layers.sum_regularizer([]), len(
        tf.get_default_graph().get_operations()))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(repr(float(sess.run(pen))), repr(float(sess.run(pen2))))
        print(repr(float(sess.run(tf.losses.get_regularization_loss()))))
    for bad in [lambda: tf.contrib.layers.l1_regularizer(-0.1),
                lambda: tf.contrib.layers.l2_regularizer(1.5),
                lambda: tf.contrib.layers.l2_regularizer("a"),
                lambda: tf.contrib.layers.l1_l2_regularizer(-1.0, 0.1),
                lambda: tf.contrib.layers.apply_regularization(None, []),
                lambda: tf.contrib.layers.apply_regularization(z)]:
        try:
            r = bad()
            print("no error", callable(r), r(ws[1]) if callable(r) else r)
        except Exception as e:
            print(type(e).__name__, str(e).splitlines()[0])

"""tf.contrib.layers.optimize_loss as TF1 repositories call it: an MLP with batch norm whose
update ops run with the train op, clip_gradients by global norm, a learning_rate_decay_fn,
summaries of the loss / learning rate / gradient norm, and the optimizer given as a name, a
class and an instance; losses over a few steps, the summary keys, and its errors."""
import numpy as np
import tensorflow as tf

np.random.seed(0)
tf.set_random_seed(5)
X = np.random.RandomState(1).randn(16, 4).astype(np.float32)
Y = (X.sum(1, keepdims=True) > 0).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.float32, [None, 1])
training = tf.placeholder_with_default(True, [])
h = tf.layers.dense(x, 8, kernel_initializer=tf.glorot_uniform_initializer(seed=1))
h = tf.layers.batch_normalization(h, training=training)
h = tf.nn.relu(h)
logits = tf.layers.dense(h, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=2))
loss = tf.losses.sigmoid_cross_entropy(y, logits)
gs = tf.train.get_or_create_global_step()
train_op = tf.contrib.layers.optimize_loss(
    loss, gs, learning_rate=0.5, optimizer="SGD", clip_gradients=1.0,
    learning_rate_decay_fn=lambda lr, step: tf.train.exponential_decay(lr, step, 2, 0.5),
    summaries=["loss", "learning_rate", "gradient_norm", "global_gradient_norm"])
print(train_op.name, train_op.dtype.name)
print(sorted(s.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)))
print(len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))
merged = tf.summary.merge_all()
mm = [v for v in tf.global_variables() if "moving_mean" in v.name][0]
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(4):
        lv, _ = sess.run([train_op, merged], {x: X, y: Y})
        print(i, repr(float(lv)), sess.run(gs), sess.run(mm)[:3].tolist())

with tf.Graph().as_default():
    tf.set_random_seed(7)
    w = tf.Variable([[0.5], [-0.25], [1.0], [0.75]], name="w")
    l2 = tf.reduce_mean(tf.square(tf.matmul(tf.constant(X), w) - Y))
    step = tf.Variable(0, trainable=False, name="step", dtype=tf.int64)
    ops = [tf.contrib.layers.optimize_loss(l2, step, 0.1, "Adam", name="adam_opt"),
           tf.contrib.layers.optimize_loss(l2, step, None, tf.train.MomentumOptimizer(0.05, 0.9),
                                           clip_gradients=0.5, summaries=[]),
           tf.contrib.layers.optimize_loss(l2, step, 0.1, tf.train.AdagradOptimizer,
                                           gradient_noise_scale=None, summaries=["loss"])]
    print([o.name for o in ops])
    print(len(tf.global_variables()), sorted(v.op.name for v in tf.global_variables())[:6])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for i in range(3):
            print(i, [repr(float(sess.run(o))) for o in ops], sess.run(step))
    for kw in [dict(optimizer="Nope"), dict(optimizer="SGD", summaries=["bogus"]),
               dict(optimizer=tf.train.AdamOptimizer(0.1)),
               dict(optimizer="SGD", learning_rate=None)]:
        args = dict(loss=l2, global_step=step, learning_rate=0.1)
        args.update(kw)
        try:
            tf.contrib.layers.optimize_loss(**args)
            print("no error")
        except Exception as e:
            print(type(e).__name__, e)

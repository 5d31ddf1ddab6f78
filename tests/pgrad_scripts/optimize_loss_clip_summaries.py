"""tf.contrib.layers.optimize_loss with clip_gradients (a norm, a function), summaries, a
decayed rate."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(21)
np.set_printoptions(precision=5, suppress=True)
rng = np.random.RandomState(3)
X = rng.randn(16, 5).astype(np.float32)
Y = rng.randn(16, 1).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 5])
y = tf.placeholder(tf.float32, [None, 1])
h = tf.layers.dense(x, 8, activation=tf.nn.relu)
out = tf.layers.dense(h, 1)
loss = tf.losses.mean_squared_error(y, out)
gs = tf.train.get_or_create_global_step()
lr = tf.train.exponential_decay(0.1, gs, 10, 0.5)
train = tf.contrib.layers.optimize_loss(
    loss,
    gs,
    learning_rate=lr,
    optimizer="Momentum" if False else "Adam",
    clip_gradients=1.0,
    summaries=["loss", "learning_rate", "gradients", "gradient_norm", "global_gradient_norm"],
)
print(train.name)
print([t.name for t in tf.get_collection(tf.GraphKeys.SUMMARIES)])
ops = [o.name for o in tf.get_default_graph().get_operations()]
print(len(ops))
print(ops[-60:])
with tf.variable_scope("second"):
    l2 = tf.reduce_mean(tf.square(tf.layers.dense(x, 1) - y))
    train2 = tf.contrib.layers.optimize_loss(
        l2,
        gs,
        learning_rate=0.05,
        optimizer="SGD",
        clip_gradients=lambda gv: [
            (None if g is None else tf.clip_by_value(g, -0.1, 0.1), v) for g, v in gv
        ],
        gradient_noise_scale=None,
        gradient_multipliers=None,
        summaries=[],
    )
    train3 = tf.contrib.layers.optimize_loss(
        l2,
        gs,
        learning_rate=0.05,
        optimizer=tf.train.MomentumOptimizer(0.01, 0.9),
        clip_gradients=0.5,
        summaries=["gradients"],
        name="opt3",
        variables=tf.trainable_variables("second"),
    )
ops = [o.name for o in tf.get_default_graph().get_operations()]
print(len(ops))
print([t.name for t in tf.get_collection(tf.GraphKeys.SUMMARIES)])
merged = tf.summary.merge_all()
n = tf.random_normal([3])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(3):
        r = s.run([train, train2, train3], {x: X, y: Y})
        print(["%.6f" % v for v in r])
    print(s.run(n))
    print(s.run(gs))

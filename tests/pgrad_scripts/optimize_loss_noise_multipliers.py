"""optimize_loss: Adagrad, gradient noise, multipliers, decay fn, colocated gradients,
IndexedSlices summaries."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
np.set_printoptions(precision=5, suppress=True)
ids = tf.placeholder(tf.int32, [None])
y = tf.placeholder(tf.float32, [None])
emb = tf.get_variable("emb", [20, 4])
e = tf.nn.embedding_lookup(emb, ids)
pred = tf.squeeze(tf.layers.dense(e, 1), 1)
loss = tf.reduce_mean(tf.square(pred - y))
gs = tf.train.get_or_create_global_step()
train = tf.contrib.layers.optimize_loss(
    loss,
    gs,
    learning_rate=0.1,
    optimizer="Adagrad",
    clip_gradients=2.0,
    gradient_noise_scale=0.5,
    gradient_multipliers={emb: 2.0},
    learning_rate_decay_fn=lambda lr, step: tf.train.exponential_decay(lr, step, 5, 0.9),
    summaries=["gradients", "gradient_norm", "loss", "learning_rate", "global_gradient_norm"],
    increment_global_step=True,
    colocate_gradients_with_ops=True,
)
print([s.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)])
print(len(tf.get_default_graph().get_operations()))
r = tf.random_uniform([3])
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    rng = np.random.RandomState(0)
    idx = rng.randint(0, 20, 12)
    Y = rng.randn(12).astype(np.float32)
    for i in range(3):
        print("%.6f" % s.run(train, {ids: idx, y: Y}))
    print(s.run(r), s.run(gs))

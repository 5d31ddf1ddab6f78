"""Text classification: tf.contrib.layers.embed_sequence, conv1d + reduce_max pooling,
dense, sparse softmax loss; tf.contrib.layers.optimize_loss with Adagrad, learning-rate decay
and gradient clipping."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(55)
rs = np.random.RandomState(7)
V, D, T = 30, 6, 7
words = tf.placeholder(tf.int64, [None, T])
target = tf.placeholder(tf.int32, [None])
e = tf.contrib.layers.embed_sequence(words, vocab_size=V, embed_dim=D, scope="words")
c = tf.layers.conv1d(e, 5, 3, padding="valid", activation=tf.nn.relu)
p = tf.reduce_max(c, axis=1)
logits = tf.layers.dense(p, 3)
loss = tf.losses.sparse_softmax_cross_entropy(target, logits)
gs = tf.train.get_or_create_global_step()
train = tf.contrib.layers.optimize_loss(
    loss, gs, optimizer="Adagrad", learning_rate=0.3, clip_gradients=1.0,
    learning_rate_decay_fn=lambda lr, step: tf.train.exponential_decay(lr, step, 2, 0.7),
    summaries=["loss"])
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        lv = s.run(train, {words: rs.randint(0, V, (6, T)), target: rs.randint(0, 3, 6)})
        print(i, repr(float(lv)))
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))

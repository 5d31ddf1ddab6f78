"""A word2vec-style skip-gram model: embedding_lookup, nce_loss (its log-uniform sampler
drawn with the graph seed), SGD; then random ops built after minimize()."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(2019)
rng = np.random.RandomState(3)
vocab, dim, batch = 50, 8, 16
inputs = rng.randint(0, vocab, size=batch)
labels = ((inputs * 7 + 3) % vocab).reshape(-1, 1)

x = tf.placeholder(tf.int32, [batch])
y = tf.placeholder(tf.int64, [batch, 1])
emb = tf.Variable(tf.random_uniform([vocab, dim], -1.0, 1.0))
nce_w = tf.Variable(tf.truncated_normal([vocab, dim], stddev=1.0 / np.sqrt(dim)))
nce_b = tf.Variable(tf.zeros([vocab]))
embed = tf.nn.embedding_lookup(emb, x)
loss = tf.reduce_mean(tf.nn.nce_loss(nce_w, nce_b, y, embed, num_sampled=6,
                                     num_classes=vocab))
train = tf.train.GradientDescentOptimizer(1.0).minimize(loss)
norm = tf.sqrt(tf.reduce_sum(tf.square(emb), 1, keepdims=True))
valid = tf.random_shuffle(tf.range(vocab))[:4]
sim = tf.matmul(tf.nn.embedding_lookup(emb / norm, valid), emb / norm, transpose_b=True)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        _, lv = sess.run([train, loss], {x: inputs, y: labels})
        print("step %d loss %.5f" % (step, lv))  # 6 digits: float32 sums differ in the last
    np.set_printoptions(precision=5, suppress=True)
    v, s = sess.run([valid, sim])
    print(v)
    print(s[:, :6])

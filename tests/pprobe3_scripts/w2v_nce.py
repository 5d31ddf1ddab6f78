"""word2vec skip-gram: embeddings + nce_loss (seeded sampler), SGD, cosine similarity."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(11)
V, D, B = 50, 8, 16
rs = np.random.RandomState(3)
inputs = tf.placeholder(tf.int32, [B])
labels = tf.placeholder(tf.int32, [B, 1])
emb = tf.Variable(tf.random_uniform([V, D], -1.0, 1.0))
nce_w = tf.Variable(tf.truncated_normal([V, D], stddev=1.0 / np.sqrt(D)))
nce_b = tf.Variable(tf.zeros([V]))
embed = tf.nn.embedding_lookup(emb, inputs)
loss = tf.reduce_mean(tf.nn.nce_loss(weights=nce_w, biases=nce_b, labels=labels,
                                     inputs=embed, num_sampled=6, num_classes=V))
opt = tf.train.GradientDescentOptimizer(1.0).minimize(loss)
norm = tf.sqrt(tf.reduce_sum(tf.square(emb), 1, keepdims=True))
normalized = emb / norm
valid = tf.constant([1, 5, 9], dtype=tf.int32)
sim = tf.matmul(tf.nn.embedding_lookup(normalized, valid), normalized, transpose_b=True)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        fi = rs.randint(0, V, B)
        fl = ((fi + rs.randint(1, 3, B)) % V).reshape(B, 1)
        lv, _ = s.run([loss, opt], {inputs: fi, labels: fl})
        print(i, repr(float(lv)))
    sv = s.run(sim)
    print(H(sv), (-sv[0]).argsort()[1:5].tolist())
    print(H(s.run(emb)), H(s.run(nce_w)), H(s.run(nce_b)))

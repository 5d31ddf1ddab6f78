"""word2vec CBOW with sampled_softmax_loss (log-uniform sampler, seeded op), Adagrad,
full softmax evaluation."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(5)
V, D, B, C = 40, 6, 12, 4
rs = np.random.RandomState(8)
ctx = tf.placeholder(tf.int64, [B, C])
tgt = tf.placeholder(tf.int64, [B, 1])
emb = tf.get_variable("emb", [V, D], initializer=tf.random_uniform_initializer(-0.5, 0.5))
sw = tf.get_variable("sw", [V, D], initializer=tf.truncated_normal_initializer(stddev=0.2))
sb = tf.get_variable("sb", [V], initializer=tf.zeros_initializer())
h = tf.reduce_mean(tf.nn.embedding_lookup(emb, ctx), axis=1)
sl = tf.nn.sampled_softmax_loss(sw, sb, tgt, h, num_sampled=5, num_classes=V, seed=21)
loss = tf.reduce_mean(sl)
train = tf.train.AdagradOptimizer(0.5).minimize(loss)
logits = tf.matmul(h, sw, transpose_b=True) + sb
full = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
    labels=tf.squeeze(tgt, 1), logits=logits))
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(4):
        c = rs.randint(0, V, (B, C))
        t = (c.sum(1) % V).reshape(B, 1)
        f = s.run(full, {ctx: c, tgt: t})
        lv, _ = s.run([loss, train], {ctx: c, tgt: t})
        print(i, repr(float(lv)), repr(float(f)))
    print(H(s.run(emb)), H(s.run(sw)), H(s.run(sb)))

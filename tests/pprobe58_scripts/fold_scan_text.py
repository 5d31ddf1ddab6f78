"""tf.foldl / tf.foldr / tf.scan over text data: a running bag-of-words count by foldl over token
id rows, a right-to-left hash accumulation by foldr with an int64 initializer, a tuple-state
scan computing a simple RNN over embedded tokens (tanh cell with seeded weights), a
multi-element scan with reverse=True, and the gradient of the scan's final state trained a
few SGD steps: op counts and values at full precision."""
import numpy as np
import tensorflow as tf

np.random.seed(4)
tf.set_random_seed(9)
ids = tf.constant([[1, 2, 0], [3, 1, 1], [2, 2, 4], [0, 3, 1]], tf.int32)
counts = tf.foldl(lambda acc, row: acc + tf.reduce_sum(tf.one_hot(row, 5, dtype=tf.float32), 0),
                  ids, initializer=tf.zeros([5]))
total = tf.foldl(lambda a, x: a * 3 + x, tf.constant([1, 2, 3, 4], tf.int64))
rev = tf.foldr(lambda a, x: a * 3 + x, tf.constant([1, 2, 3, 4], tf.int64),
               initializer=tf.constant(7, tf.int64))
words = tf.constant(["the", "cat", "sat"])
joined = tf.foldr(lambda a, x: tf.strings.join([a, x], separator="|"), words,
                  initializer=tf.constant("END"))
cums = tf.scan(lambda a, x: a + x, tf.constant([1.5, 2.25, -0.5, 3.0]))
cums_rev = tf.scan(lambda a, x: a * 0.5 + x, tf.constant([1.0, 2.0, 3.0, 4.0]), reverse=True)
pair = tf.scan(lambda a, x: (a[0] + x[0], a[1] * x[1]),
               (tf.constant([1, 2, 3]), tf.constant([2.0, 0.5, 4.0])),
               initializer=(tf.constant(0), tf.constant(1.0)))

emb = tf.Variable(tf.random_normal([5, 4], stddev=0.5, seed=2), name="emb")
Wx = tf.Variable(tf.random_normal([4, 3], stddev=0.5, seed=3), name="Wx")
Wh = tf.Variable(tf.random_normal([3, 3], stddev=0.5, seed=4), name="Wh")
x = tf.nn.embedding_lookup(emb, tf.transpose(ids))   # [time, batch, 4]
h0 = tf.zeros([4, 3])
hs = tf.scan(lambda h, xt: tf.tanh(tf.matmul(xt, Wx) + tf.matmul(h, Wh)), x, initializer=h0)
y = tf.constant([0, 1, 2, 1])
loss = tf.losses.sparse_softmax_cross_entropy(y, hs[-1])
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
print("ops", len(tf.get_default_graph().get_operations()))
print("shapes", counts.shape, total.shape, cums.shape, hs.shape, [p.shape for p in pair])

def f(v):
    return [repr(float(t)) for t in np.ravel(v)]

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    c, t, r, j, cu, cr, p = sess.run([counts, total, rev, joined, cums, cums_rev, pair])
    print("counts", f(c))
    print("foldl", int(t), "foldr", int(r), j)
    print("cums", f(cu), "rev", f(cr))
    print("pair", p[0].tolist(), f(p[1]))
    for i in range(3):
        _, lv = sess.run([train, loss])
        print("loss", repr(float(lv)))
    print("hs last", f(sess.run(hs)[-1]))
    print("Wh", f(sess.run(Wh)))

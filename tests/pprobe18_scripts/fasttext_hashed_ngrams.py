"""A fastText-style classifier built in the graph: tokens by tf.string_split, word bigrams by
joining each token with its successor (tf.strings.join over sparse values), hashed into
buckets by string_to_hash_bucket_fast, word ids from index_table_from_tensor, the two
SparseTensors concatenated by tf.sparse.concat (axis 1), embedding_lookup_sparse with the
mean combiner, softmax cross-entropy with label smoothing, Adagrad; predictions by
tf.nn.in_top_k: op counts and values."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1871)
sents = ["great movie loved it", "terrible plot bad acting", "loved the acting",
         "bad movie", "great great plot", "it was terrible"]
labels = np.array([1, 0, 1, 0, 1, 0], np.int64)
vocab = ["great", "movie", "loved", "it", "terrible", "plot", "bad", "acting", "the"]
NB = 13
text = tf.constant(sents)
sp = tf.string_split(text)
table = tf.contrib.lookup.index_table_from_tensor(vocab, num_oov_buckets=1)
wids = tf.SparseTensor(sp.indices, table.lookup(sp.values), sp.dense_shape)
row = sp.indices[:, 0]
same = tf.equal(row[:-1], row[1:])
big = tf.strings.join([tf.boolean_mask(sp.values[:-1], same),
                       tf.boolean_mask(sp.values[1:], same)], separator="_")
bidx = tf.boolean_mask(sp.indices[:-1], same)
bh = tf.strings.to_hash_bucket_fast(big, NB) + len(vocab) + 1
bids = tf.SparseTensor(bidx, bh, sp.dense_shape)
allids = tf.sparse.concat(1, [wids, bids], expand_nonconcat_dim=True)
emb = tf.get_variable("emb", [len(vocab) + 1 + NB, 5],
                      initializer=tf.random_uniform_initializer(-0.5, 0.5, seed=1872))
doc = tf.nn.embedding_lookup_sparse(emb, allids, None, combiner="mean")
logits = tf.layers.dense(doc, 2, kernel_initializer=tf.glorot_uniform_initializer(seed=1873))
loss = tf.losses.softmax_cross_entropy(tf.one_hot(labels, 2), logits, label_smoothing=0.1)
step = tf.train.AdagradOptimizer(0.5).minimize(loss)
hit = tf.nn.in_top_k(logits, labels, 1)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run([tf.global_variables_initializer(), tf.tables_initializer()])
    a = s.run(allids)
    print(a.indices.tolist(), a.values.tolist(), a.dense_shape.tolist())
    print(s.run(big).tolist())
    for i in range(8):
        lv, _ = s.run([loss, step])
        print(i, repr(float(lv)))
    print(s.run(hit).tolist(), s.run(logits).tolist())
    print(H(s.run(emb)))

"""Text preprocessing in the graph: tf.string_split of raw sentences, a vocabulary table
(contrib.lookup.index_table_from_tensor with OOV buckets), a HashTable of labels, string hash
buckets, and a bag-of-words classifier through embedding_lookup_sparse (mean/sqrtn) trained
with Adagrad."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(3)
sents = [
    b"the cat sat on the mat",
    b"a dog ran",
    b"the dog sat",
    b"cats and dogs ran fast",
    b"a mat",
    b"zebra on mat",
]
labs = [b"pos", b"neg", b"neg", b"pos", b"pos", b"neg"]
vocab = tf.constant(["the", "cat", "sat", "on", "mat", "a", "dog", "ran"])
text = tf.placeholder(tf.string, [None])
lab = tf.placeholder(tf.string, [None])
table = tf.contrib.lookup.index_table_from_tensor(vocab, num_oov_buckets=2, default_value=-1)
ltab = tf.contrib.lookup.HashTable(
    tf.contrib.lookup.KeyValueTensorInitializer(["neg", "pos"], [0, 1], tf.string, tf.int64), -1
)
toks = tf.string_split(text, " ")
ids = tf.SparseTensor(toks.indices, table.lookup(toks.values), toks.dense_shape)
hb = tf.string_to_hash_bucket_fast(toks.values, 7)
hbs = tf.string_to_hash_bucket_strong(toks.values, 7, key=[1, 2])
y = ltab.lookup(lab)
emb = tf.get_variable("emb", [10, 4], initializer=tf.random_normal_initializer(0.0, 0.3, seed=1))
hemb = tf.get_variable("hemb", [7, 4], initializer=tf.random_uniform_initializer(-0.2, 0.2))
m1 = tf.nn.embedding_lookup_sparse(emb, ids, None, combiner="mean")
m2 = tf.nn.embedding_lookup_sparse(
    hemb, tf.SparseTensor(toks.indices, hb, toks.dense_shape), None, combiner="sqrtn"
)
feat = tf.concat([m1, m2], 1)
logits = tf.layers.dense(feat, 2)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
train = tf.train.AdagradOptimizer(0.5).minimize(loss)
rt = tf.contrib.lookup.index_to_string_table_from_tensor(vocab, default_value="UNK")
print("ops", len(tf.get_default_graph().get_operations()))
fd = {text: sents, lab: labs}
with tf.Session() as s:
    s.run([tf.global_variables_initializer(), tf.tables_initializer()])
    iv, hv, hsv, yv, ds = s.run([ids.values, hb, hbs, y, toks.dense_shape], fd)
    print("ids", iv.tolist())
    print("hb", hv.tolist(), hsv.tolist())
    print("y", yv.tolist(), ds.tolist())
    print("size", s.run([table.size(), ltab.size()]))
    for i in range(8):
        lv, _ = s.run([loss, train], fd)
        print("step", i, repr(float(lv)))
    print("emb", H(s.run(emb)), H(s.run(hemb)))
    print("pred", s.run(tf.argmax(logits, 1), fd).tolist())
    print("back", s.run(rt.lookup(tf.constant([0, 4, 9], tf.int64))).tolist())

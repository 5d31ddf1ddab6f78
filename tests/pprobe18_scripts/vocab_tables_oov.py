"""Vocabulary tables for text: tf.unique_with_counts builds a vocabulary in the graph, sorted by
count with tf.nn.top_k, fed to contrib.lookup.index_table_from_tensor (num_oov_buckets with
the fast and the strong hasher, default_value), an int64 vocabulary table, index_to_string
table_from_tensor and index_to_string, a MutableHashTable of counts (insert / lookup /
export), and the tables used inside a tf.data map pipeline with padded_batch."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(1811)
corpus = tf.constant(["the cat sat on the mat", "the dog ate the cat", "a cat a dog a mat"])
toks = tf.string_split(corpus).values
uniq, idx, counts = tf.unique_with_counts(toks)
top = tf.nn.top_k(counts, k=5, sorted=True)
vocab = tf.gather(uniq, top.indices)
t1 = tf.contrib.lookup.index_table_from_tensor(vocab, num_oov_buckets=3)
t2 = tf.contrib.lookup.index_table_from_tensor(
    vocab, num_oov_buckets=2, hasher_spec=tf.contrib.lookup.StrongHashSpec([7, 9]))
t3 = tf.contrib.lookup.index_table_from_tensor(vocab, default_value=-7)
ti = tf.contrib.lookup.index_table_from_tensor(tf.constant([10, 20, 30], tf.int64),
                                               num_oov_buckets=2, dtype=tf.int64)
rev = tf.contrib.lookup.index_to_string_table_from_tensor(vocab, default_value="<unk>")
query = tf.constant(["cat", "zebra", "the", "mat", "ox", "a", "dog"])
ids1, ids2, ids3 = t1.lookup(query), t2.lookup(query), t3.lookup(query)
iids = ti.lookup(tf.constant([20, 5, 30, 99], tf.int64))
back = rev.lookup(tf.constant([0, 4, 5, -1], tf.int64))
back2 = tf.contrib.lookup.index_to_string(tf.constant([[1, 2], [3, 9]], tf.int64), vocab)
mt = tf.contrib.lookup.MutableHashTable(tf.string, tf.int64, default_value=-1)
ins = mt.insert(uniq, tf.cast(counts, tf.int64))
with tf.control_dependencies([ins]):
    mlook = mt.lookup(query)
    msize = mt.size()
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.tables_initializer())
    v = s.run(dict(uniq=uniq, idx=idx, counts=counts, vocab=vocab, ids1=ids1, ids2=ids2,
                   ids3=ids3, iids=iids, back=back, back2=back2, mlook=mlook, msize=msize,
                   size=(t1.size(), ti.size())))
    for k in sorted(v):
        print(k, v[k].tolist() if hasattr(v[k], "tolist") else [x.tolist() for x in v[k]])
    ek, ev = s.run(mt.export())
    order = np.argsort(ek)
    print(ek[order].tolist(), ev[order].tolist())

g = tf.Graph()
with g.as_default():
    tf.set_random_seed(1812)
    vt = tf.contrib.lookup.index_table_from_tensor(["<pad>", "a", "b", "c"], num_oov_buckets=1)
    ds = tf.data.Dataset.from_tensor_slices(["a b c", "c", "b b a c d", "d a"])
    ds = ds.map(lambda line: vt.lookup(tf.string_split([line]).values))
    ds = ds.shuffle(4, seed=3).padded_batch(2, padded_shapes=[None])
    nxt = ds.make_initializable_iterator()
    el = nxt.get_next()
    print(len(g.get_operations()))
    with tf.Session() as s:
        s.run([tf.tables_initializer(), nxt.initializer])
        for _ in range(2):
            print(s.run(el).tolist())

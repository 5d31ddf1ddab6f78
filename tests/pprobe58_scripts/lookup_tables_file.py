"""Lookup tables of a TF1 text pipeline: contrib.lookup.index_table_from_file over a vocabulary
file written to a temporary directory (default_value, num_oov_buckets, vocab_size,
key_column_index / delimiter), index_to_string_table_from_tensor with a default value,
HashTable with KeyValueTensorInitializer (string->int64 and int64->string, default values),
tables_initializer; tf.string_split + tf.sparse_tensor_to_dense (default_value '<PAD>') and
tf.string_to_hash_bucket_fast: op counts, names and values."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

np.random.seed(0)
tf.set_random_seed(1)
lookup = tf.contrib.lookup
tmp = tempfile.mkdtemp()
try:
    vocab_path = os.path.join(tmp, "vocab.txt")
    with open(vocab_path, "w") as f:
        f.write("\n".join(["<PAD>", "the", "cat", "sat", "on", "mat", "dog"]) + "\n")
    tsv_path = os.path.join(tmp, "vocab.tsv")
    with open(tsv_path, "w") as f:
        f.write("the\t10\ncat\t4\ndog\t3\nmat\t1\n")

    sentences = tf.constant(["the cat sat on the mat", "a dog ran", "mat cat"])
    sp = tf.string_split(sentences)
    dense = tf.sparse_tensor_to_dense(sp, default_value="<PAD>")
    t1 = lookup.index_table_from_file(vocab_path, default_value=-1)
    t2 = lookup.index_table_from_file(vocab_path, num_oov_buckets=3)
    t3 = lookup.index_table_from_file(vocab_path, vocab_size=4, default_value=99)
    t4 = lookup.index_table_from_file(tsv_path, key_column_index=0, value_column_index=-1,
                                      delimiter="\t", default_value=-7)
    ids1 = t1.lookup(dense)
    ids2 = t2.lookup(dense)
    ids3 = t3.lookup(sp)
    ids4 = t4.lookup(dense)
    rev = lookup.index_to_string_table_from_tensor(
        tf.constant(["<PAD>", "the", "cat", "sat", "on", "mat", "dog"]), default_value="<UNK>")
    back = rev.lookup(ids2)
    keys = tf.constant(["pos", "neg", "neutral"])
    vals = tf.constant([1, 0, 2], tf.int64)
    ht = lookup.HashTable(lookup.KeyValueTensorInitializer(keys, vals), -1)
    labs = ht.lookup(tf.constant(["neg", "pos", "unknown", "neutral"]))
    ht2 = lookup.HashTable(lookup.KeyValueTensorInitializer(
        tf.constant([3, 5, 8], tf.int64), tf.constant(["three", "five", "eight"])), "none")
    names = ht2.lookup(tf.constant([[5, 1], [8, 3]], tf.int64))
    hashed = tf.string_to_hash_bucket_fast(dense, 11)
    hashed_sp = tf.string_to_hash_bucket_fast(sp.values, 1000)
    size = ht.size()
    init = tf.tables_initializer()
    g = tf.get_default_graph()
    print("ops", len(g.get_operations()))
    print("table ops", sorted(op.type for op in g.get_operations()
                              if "Table" in op.type))
    print("init inputs", sorted(i.name for i in init.control_inputs))
    print("dtypes", ids1.dtype, ids3.dtype, back.dtype, names.dtype, hashed.dtype)
    with tf.Session() as sess:
        init.run()
        r = sess.run({"sp_idx": sp.indices, "sp_shape": sp.dense_shape, "dense": dense,
                      "ids1": ids1, "ids2": ids2, "ids3": ids3, "ids4": ids4, "back": back,
                      "labs": labs, "names": names, "hashed": hashed, "hashed_sp": hashed_sp,
                      "size": size, "sizes": [t1.size(), t2.size(), t3.size(), t4.size()]})
    for k in sorted(r):
        v = r[k]
        print(k, v.tolist() if hasattr(v, "tolist") else v)
finally:
    shutil.rmtree(tmp)

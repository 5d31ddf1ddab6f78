"""Edges and errors of the TF1 text tools: VocabularyProcessor with a custom tokenizer_fn, a
given CategoricalVocabulary (freeze, get, reverse, add), fit then transform of unseen tokens,
documents longer than max_document_length; index_table_from_file with int64 keys
(key_dtype=tf.int64), a vocab_size past the file's end and a missing file (TF's errors at
initialization, messages without the temporary path), a table lookup with the wrong key dtype,
HashTable's double initialization; tf.foldl of an empty tensor (no error at construction).
Table class names (TF 1.14's factories return StaticHashTableV1)."""
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

np.random.seed(1)
tf.set_random_seed(2)
prep = tf.contrib.learn.preprocessing
lookup = tf.contrib.lookup


def tok(docs):
    for d in docs:
        yield d.split(",")


vp = prep.VocabularyProcessor(3, tokenizer_fn=tok)
print("custom", np.array(list(vp.fit_transform(["a,b,c,d", "b,,a", "c"]))).tolist())
print("custom vocab", len(vp.vocabulary_), vp.vocabulary_.reverse(2))
voc = prep.CategoricalVocabulary()
for w in ["x", "y", "x"]:
    voc.add(w)
print("voc", len(voc), voc.get("x"), voc.get("z"), voc.reverse(1))
voc.freeze()
print("frozen get", voc.get("q"), len(voc))
vp2 = prep.VocabularyProcessor(5, vocabulary=voc)
print("given", np.array(list(vp2.transform(["x y z y x x"]))).tolist())
vp3 = prep.VocabularyProcessor(4)
vp3.fit(["one two three", "two two"])
print("fit then transform", np.array(list(vp3.transform(["two four one", "five"]))).tolist())
print("reverse", list(vp3.reverse([[2, 1, 0, 0]])))


def err(fn):
    try:
        fn()
        print("no error")
    except Exception as e:  # noqa: BLE001
        msg = str(e).split("\n")[0]
        print(type(e).__name__, msg.replace(tmp, "TMP"))


tmp = tempfile.mkdtemp()
try:
    p = os.path.join(tmp, "ids.txt")
    with open(p, "w") as f:
        f.write("42\n7\n1000\n")
    t = lookup.index_table_from_file(p, key_dtype=tf.int64, default_value=-1)
    r = t.lookup(tf.constant([7, 42, 5, 1000], tf.int64))
    tl = lookup.index_table_from_file(p, vocab_size=5)
    tm = lookup.index_table_from_file(os.path.join(tmp, "missing.txt"))
    ht = lookup.HashTable(lookup.KeyValueTensorInitializer(["a"], [1], tf.string, tf.int64), -1)
    print("types", type(t).__name__, type(ht).__name__, hasattr(ht, "init"), hasattr(t, "init"))
    with tf.Session() as sess:
        sess.run(t.initializer)
        print("int64 keys", sess.run(r).tolist(), sess.run(t.size()))
        err(lambda: sess.run(tl.initializer))
        err(lambda: sess.run(tm.initializer))
        sess.run(ht.init)
        err(lambda: sess.run(ht.init))
        print("after reinit", sess.run(ht.lookup(tf.constant(["a", "b"]))).tolist())
    err(lambda: t.lookup(tf.constant(["7"])))
finally:
    shutil.rmtree(tmp)
print("ops", len(tf.get_default_graph().get_operations()))
err(lambda: tf.foldl(lambda a, x: a + x, tf.constant([], tf.float32)))
print("ops after foldl", len(tf.get_default_graph().get_operations()))

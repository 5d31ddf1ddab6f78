"""A bag-of-words classifier over ragged token ids in TF1 graph mode: tf.strings.split with
result_type='RaggedTensor' (default and explicit separators, maxsplit), tf.strings.lower-free
hashing by string_to_hash_bucket_fast on flat_values, tf.nn.embedding_lookup on the flat ids,
tf.math.segment_mean / unsorted_segment_sum keyed by value_rowids, a sigmoid logistic loss and
five Adagrad steps; the ragged tokens themselves, op counts and values at full precision."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(4721)
np.random.seed(4721)
g = tf.get_default_graph()
docs = tf.constant(["the cat sat", "a dog  ran far away", "cat and dog", "sat",
                    "far far away the end"])
labels = tf.constant([1.0, 0.0, 1.0, 1.0, 0.0])
n0 = len(g.get_operations())
toks = tf.strings.split(docs, result_type="RaggedTensor")
print("split ops", len(g.get_operations()) - n0, toks.ragged_rank)
toks2 = tf.strings.split(docs, sep=" ", result_type="RaggedTensor")
toks3 = tf.strings.split(docs, maxsplit=1, result_type="RaggedTensor")
sp = tf.strings.split(docs)
ids = tf.ragged.map_flat_values(tf.strings.to_hash_bucket_fast, toks, 31)
emb = tf.get_variable("emb", [31, 6], initializer=tf.random_uniform_initializer(-0.5, 0.5,
                                                                              seed=4722))
vec = tf.nn.embedding_lookup(emb, ids.flat_values)
rid = ids.value_rowids()
mean = tf.math.segment_mean(vec, rid)
tot = tf.math.unsorted_segment_sum(vec, rid, ids.nrows())
feat = tf.concat([mean, tot / 10.0], 1)
wt = tf.get_variable("wt", [12, 1], initializer=tf.glorot_normal_initializer(seed=4723))
logit = tf.squeeze(tf.matmul(feat, wt), 1)
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logit))
step = tf.train.AdagradOptimizer(0.5).minimize(loss)
print("op count", len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    print(s.run(toks).to_list())
    print(s.run(toks2).to_list())
    print(s.run(toks3).to_list())
    v = s.run(sp)
    print(v.indices.tolist(), v.values.tolist(), v.dense_shape.tolist())
    print(s.run(ids).to_list())
    for i in range(5):
        print(i, repr(float(s.run([loss, step])[0])))
    print([repr(float(t)) for t in s.run(logit)])
    print(s.run(emb).sum(0).astype(np.float64).tolist())

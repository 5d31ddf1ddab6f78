"""Feature columns fed from serialized tf.train.Examples: make_parse_example_spec of hashed
(string and int64), vocabulary-file, bucketized (2-d numeric with normalizer_fn), crossed,
weighted and shared-embedding columns; parse_example of a batch; input_layer with
cols_to_vars and linear_model with sparse_combiner 'sqrtn', trained a few Adagrad steps;
variable names, op counts and values at full precision."""

import hashlib
import os
import tempfile
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(31)
fc = tf.feature_column
d = tempfile.mkdtemp()
vocab = os.path.join(d, "cities.txt")
with open(vocab, "w") as f:
    f.write("paris\nlondon\ntokyo\nlima\n")

rs = np.random.RandomState(8)
cities = [b"paris", b"tokyo", b"oslo", b"lima", b"london"]
recs = []
for i in range(8):
    f = {"city": tf.train.Feature(bytes_list=tf.train.BytesList(
            value=[cities[i % 5]] + ([cities[(i + 2) % 5]] if i % 3 == 0 else []))),
         "uid": tf.train.Feature(int64_list=tf.train.Int64List(value=[1000 + 37 * i])),
         "tags": tf.train.Feature(bytes_list=tf.train.BytesList(
             value=[b"t%d" % (j % 4) for j in range(i % 3 + 1)])),
         "tagw": tf.train.Feature(float_list=tf.train.FloatList(
             value=[0.5 + j for j in range(i % 3 + 1)])),
         "geo": tf.train.Feature(float_list=tf.train.FloatList(
             value=rs.uniform(-3, 3, size=2).round(3).tolist())),
         "age": tf.train.Feature(float_list=tf.train.FloatList(value=[18.0 + 6 * i])),
         "label": tf.train.Feature(float_list=tf.train.FloatList(value=[float(i % 2)]))}
    recs.append(tf.train.Example(features=tf.train.Features(feature=f)).SerializeToString())

city = fc.categorical_column_with_vocabulary_file("city", vocab, num_oov_buckets=2)
uid = fc.categorical_column_with_hash_bucket("uid", 11, dtype=tf.int64)
tags = fc.categorical_column_with_hash_bucket("tags", 7)
wtags = fc.weighted_categorical_column(tags, "tagw")
geo = fc.numeric_column("geo", shape=[2], normalizer_fn=lambda x: x / 3.0)
geo_b = fc.bucketized_column(geo, boundaries=[-0.5, 0.0, 0.5])
age = fc.numeric_column("age", normalizer_fn=lambda x: (x - 30.0) / 10.0)
age_b = fc.bucketized_column(fc.numeric_column("age"), [20.0, 40.0])
cross = fc.crossed_column([age_b, "tags", "city"], hash_bucket_size=13)
city7 = fc.categorical_column_with_hash_bucket("city", 7)
shared = fc.shared_embedding_columns([city7, tags], dimension=3, combiner="sqrtn",
                                     initializer=tf.truncated_normal_initializer(seed=2))
deep = [age, geo_b, fc.embedding_column(uid, 2, combiner="mean"),
        fc.indicator_column(wtags), fc.indicator_column(cross)] + shared
wide = [city, wtags, cross, geo_b, age]
spec = fc.make_parse_example_spec(deep + wide + [fc.numeric_column("label")])
print(sorted((k, type(v).__name__, getattr(v, "shape", None)) for k, v in spec.items()))

serialized = tf.placeholder(tf.string, [None])
feats = tf.parse_example(serialized, spec)
label = feats.pop("label")
g = tf.get_default_graph()
n0 = len(g.get_operations())
cols_to_vars = {}
net = fc.input_layer(feats, deep, cols_to_vars=cols_to_vars)
print(len(g.get_operations()) - n0, net.shape)
print(sorted((c.name, [v.name for v in vs]) for c, vs in cols_to_vars.items()))
h = tf.layers.dense(net, 4, tf.nn.relu, kernel_initializer=tf.glorot_uniform_initializer(seed=3))
deep_logit = tf.layers.dense(h, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=4))
wide_logit = fc.linear_model(feats, wide, sparse_combiner="sqrtn")
logit = deep_logit + wide_logit
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=label, logits=logit))
train = tf.train.AdagradOptimizer(0.3).minimize(loss)
print(len(g.get_operations()))
print([v.name for v in tf.global_variables()])
with tf.Session() as s:
    s.run([tf.global_variables_initializer(), tf.tables_initializer()])
    fd = {serialized: recs}
    nv = s.run(net, fd)
    print(H(nv), [repr(float(v)) for v in nv[3]])
    for i in range(5):
        lv, _ = s.run([loss, train], fd)
        print(i, repr(float(lv)))
    for v in tf.trainable_variables():
        print(v.name, H(s.run(v)))
    print([repr(float(v)) for v in s.run(logit, {serialized: recs[:3]}).ravel()])

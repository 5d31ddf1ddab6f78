"""tf.feature_column by hand (no estimator): numeric (with normalizer_fn), bucketized,
categorical with vocabulary list (num_oov_buckets) / identity / hash bucket, embedding,
crossed and indicator, weighted categorical; input_layer + dense trained with Adam, and
linear_model with FTRL; both on the same dict of features."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(711)
rs = np.random.RandomState(712)
N = 12
fc = tf.feature_column
age = fc.numeric_column("age", normalizer_fn=lambda x: (x - 40.0) / 10.0)
income = fc.numeric_column("income", shape=[2])
age_b = fc.bucketized_column(fc.numeric_column("age"), [25, 35, 50, 65])
color = fc.categorical_column_with_vocabulary_list(
    "color", ["red", "green", "blue"], num_oov_buckets=2
)
shape_id = fc.categorical_column_with_identity("shape_id", 5, default_value=0)
city = fc.categorical_column_with_hash_bucket("city", 7)
cross = fc.crossed_column([age_b, "color"], 11)
wcol = fc.weighted_categorical_column(shape_id, "shape_w")
cols = [
    age,
    income,
    fc.indicator_column(age_b),
    fc.indicator_column(color),
    fc.embedding_column(city, 3, combiner="sqrtn"),
    fc.indicator_column(cross),
    fc.embedding_column(wcol, 2, combiner="mean"),
]
feats = {
    "age": tf.constant(rs.randint(18, 80, (N, 1)).astype(np.float32)),
    "income": tf.constant(rs.randn(N, 2).astype(np.float32)),
    "color": tf.constant(
        np.array(
            [
                ["red"],
                ["blue"],
                ["pink"],
                ["green"],
                ["red"],
                ["black"],
                ["blue"],
                ["green"],
                ["red"],
                ["red"],
                ["teal"],
                ["blue"],
            ]
        )
    ),
    "shape_id": tf.constant(rs.randint(0, 5, (N, 1)).astype(np.int64)),
    "shape_w": tf.constant(rs.rand(N, 1).astype(np.float32)),
    "city": tf.constant(np.array([["c%d" % (i % 5)] for i in range(N)])),
}
y = tf.constant(rs.randint(0, 2, (N, 1)).astype(np.float32))
with tf.variable_scope("deep"):
    net = fc.input_layer(feats, cols)
    h = tf.layers.dense(net, 8, tf.nn.relu)
    logit_d = tf.layers.dense(h, 1)
loss_d = tf.losses.sigmoid_cross_entropy(y, logit_d)
with tf.variable_scope("wide"):
    logit_w = fc.linear_model(feats, [age, age_b, color, city, cross, wcol], units=1)
loss_w = tf.losses.sigmoid_cross_entropy(y, logit_w)
dv = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "deep")
wv = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, "wide")
tr_d = tf.train.AdamOptimizer(0.05).minimize(loss_d, var_list=dv)
tr_w = tf.train.FtrlOptimizer(0.3, l1_regularization_strength=0.01).minimize(loss_w, var_list=wv)
print(len(tf.get_default_graph().get_operations()))
for v in dv + wv:
    print(v.name, v.shape.as_list())
with tf.Session() as s:
    s.run([tf.global_variables_initializer(), tf.tables_initializer()])
    print(H(s.run(net)))
    print(repr(s.run(net)[:3].tolist()))
    for i in range(5):
        a, b, _, _ = s.run([loss_d, loss_w, tr_d, tr_w])
        print(i, repr(float(a)), repr(float(b)))
    for v in dv + wv:
        print(v.name, H(s.run(v)))

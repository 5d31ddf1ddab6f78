"""feature_column embedding_column (sqrtn; mean with max_norm and a seeded initializer),
indicator and hashed columns through input_layer and linear_model, three Ftrl steps
(the loss fetched on its own: with the train op, TF reads linear_model's weights after
the update)."""
import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(127)
g = tf.get_default_graph()
fc = tf.feature_column
c1 = fc.categorical_column_with_identity("ids", 8)
c2 = fc.categorical_column_with_hash_bucket("word", 10)
cols = [
    fc.embedding_column(c1, 3, combiner="sqrtn"),
    fc.embedding_column(
        c2, 4, combiner="mean", initializer=tf.truncated_normal_initializer(seed=2), max_norm=1.0
    ),
    fc.indicator_column(c1),
]
feats = {
    "ids": tf.SparseTensor([[0, 0], [0, 1], [2, 0]], tf.constant([1, 7, 3], tf.int64), [3, 2]),
    "word": tf.constant([["a", "b"], ["c", ""], ["a", "a"]]),
}
out = fc.input_layer(feats, cols)
print(len(g.get_operations()))
sc = tf.contrib.layers.shared_embedding_columns(
    [tf.contrib.layers.sparse_column_with_integerized_feature("ids", 8)], 2
)
lin = fc.linear_model(feats, [c1, c2])
print(len(g.get_operations()))
loss = tf.reduce_sum(out**2) + tf.reduce_sum(lin)
train = tf.train.FtrlOptimizer(0.1).minimize(loss)
print(len(g.get_operations()))
with tf.Session() as s:
    s.run([tf.global_variables_initializer(), tf.tables_initializer()])
    print(H(s.run(out)), s.run(out)[0].tolist())
    for i in range(3):
        print(repr(float(s.run(loss))))
        s.run(train)

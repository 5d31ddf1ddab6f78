"""embedding_lookup_sparse with int32 ids and float64 weights (float32 and float64 params),
embedding_lookup_unique, a 3-D lookup over div partitions, safe lookups with default_id
and 3-D ids, and the errors of a bad combiner and of no params."""
import tensorflow as tf

tf.set_random_seed(137)
g = tf.get_default_graph()
p = tf.get_variable("p", [8, 3])
p64 = tf.get_variable("p64", [8, 3], dtype=tf.float64)
parts = [tf.get_variable("q%d" % i, [s, 3]) for i, s in enumerate([3, 3, 2])]
sp = tf.SparseTensor([[0, 0], [1, 0], [1, 2]], tf.constant([4, 7, 1], tf.int32), [3, 3])
spw64 = tf.SparseTensor(sp.indices, tf.constant([0.5, 2.0, 1.0], tf.float64), sp.dense_shape)
outs = {}
for name, fn in [
    ("int32_ids", lambda: tf.nn.embedding_lookup_sparse(p, sp, None)),
    ("w64_p32", lambda: tf.nn.embedding_lookup_sparse(p, sp, spw64)),
    ("w64_p64", lambda: tf.nn.embedding_lookup_sparse(p64, sp, spw64, combiner="sqrtn")),
    ("unique", lambda: tf.contrib.layers.embedding_lookup_unique(p, tf.constant([[1, 1], [5, 1]]))),
    (
        "lookup_3d",
        lambda: tf.nn.embedding_lookup(
            parts, tf.constant([[[0, 7], [3, 3]]]), partition_strategy="div"
        ),
    ),
    ("bad_comb", lambda: tf.nn.embedding_lookup_sparse(p, sp, None, combiner="max")),
    ("empty_params", lambda: tf.nn.embedding_lookup([], tf.constant([0]))),
    (
        "safe_default",
        lambda: tf.nn.safe_embedding_lookup_sparse(p, sp, None, default_id=5, combiner="sqrtn"),
    ),
    (
        "safe_3d",
        lambda: tf.nn.safe_embedding_lookup_sparse(
            p,
            tf.SparseTensor([[0, 0, 0], [1, 1, 1]], tf.constant([2, -1], tf.int64), [2, 2, 2]),
            None,
        ),
    ),
]:
    try:
        outs[name] = fn()
        print(name, len(g.get_operations()), outs[name].shape)
    except Exception as e:
        print(name, type(e).__name__, str(e)[:160], len(g.get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for k in sorted(outs):
        print(k, [repr(float(v)) for v in s.run(outs[k]).ravel()[:7]])

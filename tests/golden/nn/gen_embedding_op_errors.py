"""TF 1.14's errors of the ops under word-embedding programs: ResourceGather's out-of-range
index (its first line: the position as TF's SliceDebugString writes it: "[0,1]", nothing for a scalar),
TopKV2's negative k fed at run time ("Need k >= 0"), and ComputeAccidentalHits' shape
function (true_classes a matrix of num_true columns, sampled_candidates a vector).
Output: embedding_op_errors.json, read by tests/test_embedding_op_errors.py, which runs
cases() with flowgrad."""


def cases(tf):
    out = {}
    with tf.Graph().as_default():
        r = tf.get_variable("r", [4, 2], use_resource=True, initializer=tf.zeros_initializer())
        ids = tf.placeholder(tf.int32)
        got = tf.gather(r, ids)
        k = tf.placeholder(tf.int32)
        top = tf.nn.top_k(tf.ones([2, 3]), k)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for name, v in [("scalar", 7), ("vector", [1, 7]), ("matrix", [[0, 5]]),
                            ("rank3", [[[0], [1]], [[2], [9]]]), ("negative_scalar", -1),
                            ("negative", [[-2]])]:
                try:
                    out["resource_gather/" + name] = sess.run(got, {ids: v}).tolist()
                except tf.errors.OpError as e:
                    out["resource_gather/" + name] = [type(e).__name__, e.message.splitlines()[0]]
            for kv in (-1, -3, 4, 3):
                try:
                    out["top_k/%d" % kv] = list(sess.run(top, {k: kv}).values.shape)
                except tf.errors.OpError as e:
                    out["top_k/%d" % kv] = [type(e).__name__, e.message.splitlines()[0]]
    with tf.Graph().as_default():
        for name, nt, tc, sc in [("num_true", 2, [[1]], [1]), ("sampled_matrix", 1, [[1]], [[1]]),
                                 ("true_vector", 1, [1], [1]), ("columns", 1, [[1, 2]], [1]),
                                 ("ok", 2, [[1, 2]], [2, 1])]:
            try:
                h = tf.nn.compute_accidental_hits(tf.constant(tc, tf.int64),
                                                  tf.constant(sc, tf.int64), nt)
                out["accidental_hits/" + name] = [str(t.shape) for t in h]
            except ValueError as e:
                out["accidental_hits/" + name] = ["ValueError", str(e)]
    return out

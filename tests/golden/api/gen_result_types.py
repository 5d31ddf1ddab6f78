"""TF 1.14's result types of the public functions whose wrapped ops return several outputs:
TF returns the generated wrapper's namedtuple (named after the op, its output names as
fields), which Session.run gives back as the same namedtuple (so printing a fetched result
shows `TopKV2(values=..., indices=...)`). Output: result_types.json, read by
tests/test_result_types.py."""
CALLS = {
    "nn.top_k": lambda tf: tf.nn.top_k([1., 2.], 1),
    "math.top_k": lambda tf: tf.math.top_k([1., 2.], 1),
    "unique": lambda tf: tf.unique([1, 2]),
    "unique_with_counts": lambda tf: tf.unique_with_counts([1, 2]),
    "setdiff1d": lambda tf: tf.setdiff1d([1, 2], [1]),
    "nn.max_pool_with_argmax": lambda tf: tf.nn.max_pool_with_argmax(
        tf.ones([1, 4, 4, 1]), [1, 2, 2, 1], [1, 2, 2, 1], "SAME"),
    "linalg.qr": lambda tf: tf.linalg.qr(tf.ones([3, 3])),
    "qr": lambda tf: tf.qr(tf.ones([3, 3])),
    "linalg.lu": lambda tf: tf.linalg.lu(tf.eye(3)),
    "linalg.slogdet": lambda tf: tf.linalg.slogdet(tf.eye(3)),
    "nn.uniform_candidate_sampler": lambda tf: tf.nn.uniform_candidate_sampler(
        [[1]], 1, 2, True, 5),
    "nn.log_uniform_candidate_sampler": lambda tf: tf.nn.log_uniform_candidate_sampler(
        [[1]], 1, 2, True, 5),
    "nn.learned_unigram_candidate_sampler": lambda tf: tf.nn.learned_unigram_candidate_sampler(
        [[1]], 1, 2, True, 5),
    "nn.fixed_unigram_candidate_sampler": lambda tf: tf.nn.fixed_unigram_candidate_sampler(
        [[1]], 1, 2, True, 4, unigrams=[1., 2., 3., 4.]),
    "random.all_candidate_sampler": lambda tf: tf.random.all_candidate_sampler([[1]], 1, 2, True),
    "nn.compute_accidental_hits": lambda tf: tf.nn.compute_accidental_hits([[1]], [1, 2], 1),
    "image.sample_distorted_bounding_box": lambda tf: tf.image.sample_distorted_bounding_box(
        [4, 4, 3], [[[0., 0., 1., 1.]]], seed=1),
    "nn.moments": lambda tf: tf.nn.moments(tf.ones([2, 2]), [0]),
    "linalg.svd": lambda tf: tf.linalg.svd(tf.ones([2, 2])),
    "linalg.eigh": lambda tf: tf.linalg.eigh(tf.eye(2)),
}


def _kind(r):
    fields = getattr(r, "_fields", None)
    return [type(r).__name__, list(fields) if fields else None]


def cases(tf):
    out = {}
    for name, fn in sorted(CALLS.items()):
        with tf.Graph().as_default():
            r = fn(tf)
            out[name] = _kind(r)
            with tf.Session() as sess:
                fetched = sess.run(r)
            out[name + "|fetched"] = _kind(fetched)
    return out

"""TF 1.14's string hashes and the ops built on them: StringToHashBucketFast (FarmHash
Fingerprint64), StringToHashBucketStrong (SipHash-2-4), the legacy StringToHashBucket,
SparseCross (hashed with FingerprintCat64, and string crosses), Bucketize and AsString of
integers. tests/test_hashing.py runs cases() on flowgrad."""
import numpy as np


def _strings():
    """Every length from 0 to 200 (random bytes), runs of one byte, and UTF-8 text."""
    rng = np.random.RandomState(16)
    out = [bytes(bytearray(rng.randint(0, 256, size=n).astype(np.uint8).tolist()))
           for n in range(0, 201)]
    out += [b"a" * n for n in (1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129,
                               255, 256, 257, 1000)]
    out += [u"caf\u00e9".encode("utf-8"), u"\u65e5\u672c".encode("utf-8"), b"\x00", b"\xff" * 3]
    return out


def plain(x):
    """Session results as goldens hold them: SparseTensorValues as dicts, string arrays as
    lists of bytes (so flowgrad's and TF's compare exactly)."""
    if hasattr(x, "dense_shape") and hasattr(x, "indices"):
        return {"indices": x.indices, "values": plain(x.values), "dense_shape": x.dense_shape}
    if isinstance(x, dict):
        return dict((k, plain(v)) for k, v in x.items())
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    if isinstance(x, np.ndarray) and x.dtype == object:
        return {"shape": list(x.shape), "items": [bytes(v) for v in x.reshape(-1).tolist()]}
    return x


def _run(tf, fetches):
    with tf.Session() as sess:
        return plain(sess.run(fetches))


def _hash_buckets(tf):
    with tf.Graph().as_default():
        s = tf.constant(_strings())
        return _run(tf, {
            "fast_7": tf.string_to_hash_bucket_fast(s, 7),
            "fast_big": tf.string_to_hash_bucket_fast(s, 2 ** 62 + 11),
            "fast_max": tf.strings.to_hash_bucket_fast(s, 2 ** 63 - 1),
            "strong": tf.string_to_hash_bucket_strong(s, 1000003, key=[123, 2 ** 62 + 5]),
            "strong_max": tf.strings.to_hash_bucket_strong(s, 2 ** 63 - 1, key=[0, 1]),
            "legacy": tf.string_to_hash_bucket(s, 2 ** 63 - 1),
            "legacy_kw": tf.strings.to_hash_bucket(input=s, num_buckets=13),
            "shape2d": tf.string_to_hash_bucket_fast(tf.reshape(s[:12], [3, 4]), 100),
        })


def _crosses(tf):
    with tf.Graph().as_default():
        a = tf.SparseTensor([[0, 0], [1, 0], [1, 1], [3, 0]], ["a", "b", "c", "d"], [4, 2])
        b = tf.SparseTensor([[0, 0], [1, 0], [2, 0], [3, 1]], ["d", "e", "f", "g"], [4, 2])
        c = tf.constant([["f"], ["g"], ["h"], ["i"]])
        n = tf.SparseTensor([[0, 0], [1, 0], [1, 1], [3, 0]],
                            tf.constant([3, -4, 5, 2 ** 40], tf.int64), [4, 2])
        d = tf.constant([[1, 2], [3, 4], [5, 6], [7, 8]])
        return _run(tf, {
            "hashed": tf.sparse.cross_hashed([a, b, c], num_buckets=1000),
            "hashed_nobuckets": tf.sparse.cross_hashed([a, b, c]),
            "hashed_key": tf.sparse.cross_hashed([a, d], num_buckets=77, hash_key=123),
            "hashed_int": tf.sparse.cross_hashed([n, d, c], num_buckets=50),
            "strings": tf.sparse.cross([a, b, c]),
            "strings_int": tf.sparse.cross([n, c]),
        })


def _private(tf):
    """TF's private Bucketize wrapper and AsString (flowgrad: its engine's, integers only)."""
    if tf.__name__.startswith("tensorflow"):
        from tensorflow.python.ops import math_ops
        return math_ops._bucketize, tf.as_string
    from flowgrad.engine.ops import hashing
    return hashing.bucketize, hashing.as_string_int


def _bucketize_and_as_string(tf):
    bucketize, as_string = _private(tf)
    with tf.Graph().as_default():
        return _run(tf, {
            "float": bucketize(tf.constant([-5., 0., 0.5, 1., 2.5, 3., 100.]),
                                         boundaries=[0., 1., 2.5, 3.]),
            "double": bucketize(tf.constant([0.1, 0.10000000000000001, 0.3],
                                                      tf.float64), boundaries=[0.1, 0.2]),
            "int": bucketize(tf.constant([[1, 2], [3, 10]]), boundaries=[2, 3.5]),
            "as_string": as_string(tf.constant([0, -7, 2 ** 40], tf.int64)),
        })


def cases(tf):
    return {"hash_buckets": _hash_buckets(tf), "crosses": _crosses(tf),
            "bucketize_as_string": _bucketize_and_as_string(tf)}

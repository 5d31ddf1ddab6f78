"""TF 1.14's string hashes bit for bit: Fingerprint64 / SipHash / legacy Hash64 buckets over
strings of every length 0-200 and more, SparseCross (hashed and string crosses), Bucketize
and AsString (tests/golden/feature_column/gen_hashing.py run on flowgrad)."""
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("feature_column", "hashing")
WANT = goldens.load("feature_column", "hashing")


@pytest.fixture(scope="module")
def ours():
    return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(WANT))
def test_equals_tf(ours, case):
    goldens.same_exact(ours[case], WANT[case], case)


def test_wrong_input_dtype_raises_typeerror():
    with tf.Graph().as_default():
        with pytest.raises(TypeError, match="Input 'input' of 'StringToHashBucketFast' Op has "
                                            "type int32 that does not match expected type of "
                                            "string"):
            tf.string_to_hash_bucket_fast(tf.constant([1, 2]), 10)


def test_bucketize_has_no_gradient():
    from flowgrad.engine.ops.hashing import bucketize
    with tf.Graph().as_default():
        x = tf.constant([0.5, 1.5])
        y = tf.cast(bucketize(x, [1.0]), tf.float32)
        assert tf.gradients(y, x) == [None]

"""The string form of the sparse packing ops against TF 1.14
(tests/golden/sparse/gen_serialize.py): tf.serialize_sparse / serialize_many_sparse write
TF's TensorProto bytes, tf.deserialize_many_sparse reads them (and TF's), with TF's
shapes and errors; the variant form (tf.data's) still round-trips."""
import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("sparse", "serialize")
GOLD = goldens.load("sparse", "serialize")


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_string_form(name):
    goldens.same_values(GEN.PROGRAMS[name](tf), GOLD[name], name)


def test_reads_tfs_bytes():
    serialized = GOLD["serialize_many/string"][3]
    with tf.Graph().as_default():
        d = tf.deserialize_many_sparse(serialized, tf.string)
        with tf.Session() as sess:
            v = sess.run(d)
    np.testing.assert_array_equal(v.indices, [[0, 1], [1, 0], [1, 2]])
    assert v.values.tolist() == [b"x", b"", b"yz\x00w"]


def test_variant_form_and_bad_out_type():
    with tf.Graph().as_default():
        sp = tf.SparseTensor([[0, 1], [1, 0]], [1.0, 2.0], [2, 3])
        s = tf.serialize_many_sparse(sp, out_type=tf.variant)
        assert s.dtype == tf.variant
        with pytest.raises(TypeError, match="out_type"):
            tf.serialize_sparse(sp, out_type=tf.int32)

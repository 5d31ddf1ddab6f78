"""tf.data with SparseTensor elements against TF 1.14 (tests/golden/data/gen_sparse.py):
VarLenFeature / SparseFeature through map(parse_single_example), parse_example_dataset and
make_batched_features_dataset; batch, unbatch, shuffle, filter, zip; from_tensors /
from_tensor_slices of SparseTensors; dense_to_sparse_batch; iterators with output_classes;
the ops each pipeline adds; errors. And the boxing ops' own checks."""
import numpy as np
import pytest

import flowgrad as tf
from flowgrad.engine.ops import sparse_serialize as ss
from flowgrad.engine.ops._base import apply_op

import goldens

GEN = goldens.generator("data", "sparse")
GOLD = goldens.load("data", "sparse")


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_matches_tf(name):
    goldens.same_values(GEN.PROGRAMS[name](tf), GOLD[name])


def test_deserialize_sparse_combines_a_batch_and_checks_dtype_and_rank():
    a = ss.box([[0, 1], [2, 0]], np.array([1., 2.], np.float32), [3, 4])
    b = ss.box([[1, 3]], np.array([5.], np.float32), [2, 5])
    ind, vals, shp = ss.unbox(np.stack([a, b]), tf.float32)
    np.testing.assert_array_equal(ind, [[0, 0, 1], [0, 2, 0], [1, 1, 3]])
    np.testing.assert_array_equal(vals, np.array([1., 2., 5.], np.float32))
    np.testing.assert_array_equal(shp, [2, 3, 5])
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match=r"Requested SparseTensor of type int32 but SparseTensor\[0\]"
                             r"\.values\.dtype\(\) == float"):
        ss.unbox(np.stack([a, b]), tf.int32)
    c = ss.box([[1]], np.array([5.], np.float32), [2])
    with pytest.raises(tf.errors.InvalidArgumentError,
                       match="rank prior to SparseTensor\\[1\\] was: 2 but rank of "
                             "SparseTensor\\[1\\] is: 1"):
        ss.unbox(np.stack([a, c]), tf.float32)


def test_serialize_many_sparse_wants_row_major_order():
    with tf.Graph().as_default():
        sp = tf.SparseTensor([[2, 0], [0, 1]], [1., 2.], [3, 4])
        ds = tf.data.Dataset.from_tensor_slices(sp)
        nxt = ds.make_one_shot_iterator().get_next()
        with tf.Session() as sess:
            with pytest.raises(tf.errors.InvalidArgumentError,
                               match=r"indices\[1\] = \[0,1\] is out of order"):
                sess.run(nxt)


def test_string_boxing_is_built():
    # the string form (TensorProtos) is checked byte for byte in tests/test_sparse_serialize.py
    with tf.Graph().as_default():
        sp = tf.SparseTensor([[0]], [1.], [2])
        op = apply_op("SerializeSparse", [sp.indices, sp.values, sp.dense_shape],
                      {"T": tf.float32, "out_type": tf.string})
        assert op.outputs[0].dtype == tf.string


def test_sparse_elements_through_a_parallel_map_and_prefetch():
    with tf.Graph().as_default():
        recs = GEN._records(tf)
        ds = tf.data.Dataset.from_tensor_slices(recs).map(
            lambda s: tf.parse_single_example(s, GEN._varlen(tf)), num_parallel_calls=3) \
            .batch(2).prefetch(2)
        serial = tf.data.Dataset.from_tensor_slices(recs).map(
            lambda s: tf.parse_single_example(s, GEN._varlen(tf))).batch(2)
        a = ds.make_one_shot_iterator().get_next()
        b = serial.make_one_shot_iterator().get_next()
        with tf.Session() as sess:
            for _ in range(3):
                x, y = sess.run([a, b])
                for k in y:
                    goldens.same_values(GEN._plain(x[k]), GEN._plain(y[k]), k)

"""tf.data.experimental's stateful transformations against TF 1.14
(tests/golden/data/gen_grouping.py): Dataset.reduce, scan, unique, take_while,
group_by_window, group_by_reducer, bucket_by_sequence_length, Counter, Optional /
get_next_as_optional, TFRecordWriter, copy_to_device / prefetch_to_device and
tf.contrib.data's aliases: values, orders, structures and errors."""
import numpy as np
import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("data", "grouping")
GOLD = goldens.load("data", "grouping")


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_matches_tf(name):
    goldens.same_values(GEN.PROGRAMS[name](tf), GOLD[name])


def test_aliases():
    assert tf.contrib.data.scan is tf.data.experimental.scan
    assert tf.contrib.data.Reducer is tf.data.experimental.Reducer
    assert tf.contrib.data.get_next_as_optional is tf.data.experimental.get_next_as_optional
    with pytest.raises(TypeError, match="abstract"):
        tf.data.experimental.Optional()


def test_reduce_runs_in_one_op_and_rereads_per_run():
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.int64, [])
        total = tf.data.Dataset.range(x).reduce(np.int64(0), lambda s, v: s + v)
        assert [o.type for o in g.get_operations()].count("ReduceDataset") == 1
        with tf.Session() as sess:
            assert [sess.run(total, {x: n}) for n in (3, 5)] == [3, 10]


def test_group_by_window_window_size_error_at_run():
    with tf.Graph().as_default():
        ds = tf.data.Dataset.range(4).apply(tf.data.experimental.group_by_window(
            lambda x: x % 2, lambda k, d: d.batch(2), window_size_func=lambda k: k - 1))
        nxt = ds.make_one_shot_iterator().get_next()
        with tf.Session() as sess:
            with pytest.raises(tf.errors.InvalidArgumentError, match="Window size"):
                sess.run(nxt)


def test_scan_state_saves_and_restores(tmp_path):
    # a scan pipeline's iterator continues with the same elements after a restore
    with tf.Graph().as_default():
        it = tf.data.Dataset.range(10).apply(tf.data.experimental.scan(
            np.int64(0), lambda s, x: (s + x, s))).make_one_shot_iterator()
        nxt = it.get_next()
        saver = tf.train.Saver([tf.data.experimental.make_saveable_from_iterator(it)])
        with tf.Session() as sess:
            [sess.run(nxt) for _ in range(4)]
            saver.save(sess, str(tmp_path / "c"))
            want = [sess.run(nxt) for _ in range(3)]
        with tf.Session() as sess:
            saver.restore(sess, str(tmp_path / "c"))
            assert [sess.run(nxt) for _ in range(3)] == want == [6, 10, 15]

"""tf.lookup.experimental.DenseHashTable / tf.contrib.lookup.MutableDenseHashTable and
MutableHashTable.remove against TF 1.14 (tests/golden/lookup/gen_dense_hash_table.py run
on flowgrad): op names, static shapes, the exported bucket arrays (TF's hashing, probing
and growth), lookups, removal, Saver checkpoints and TF's errors."""
import threading

import numpy as np
import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("lookup", "dense_hash_table")
WANT = goldens.load("lookup", "dense_hash_table")


@pytest.fixture(scope="module")
def ours():
    return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(WANT))
def test_equals_tf(ours, case):
    goldens.same_exact(ours[case], WANT[case], case)


def test_tables_are_per_session():
    with tf.Graph().as_default():
        t = tf.contrib.lookup.MutableDenseHashTable(tf.int64, tf.int64, -1, 0, -1,
                                                    initial_num_buckets=4)
        ins = t.insert(tf.constant([1], tf.int64), tf.constant([2], tf.int64))
        size = t.size()
        with tf.Session() as s:
            s.run(ins)
            assert s.run(size) == 1
        with tf.Session() as s:
            assert s.run(size) == 0


def test_concurrent_inserts_keep_every_key():
    """Inserts from several threads (TF's kernel holds the table's lock) lose no key."""
    with tf.Graph().as_default():
        t = tf.contrib.lookup.MutableDenseHashTable(tf.int64, tf.int64, -1, -1, -2,
                                                    initial_num_buckets=4)
        keys = tf.placeholder(tf.int64, [None])
        ins = t.insert(keys, keys * 10)
        look = t.lookup(tf.range(400, dtype=tf.int64))
        with tf.Session() as s:
            def work(i):
                for j in range(10):
                    s.run(ins, {keys: np.arange(10) + 10 * j + 100 * i})
            threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            assert s.run(t.size()) == 400
            np.testing.assert_array_equal(s.run(look), np.arange(400) * 10)

"""Lookup tables against TF 1.14 (tests/golden/feature_column/gen_lookup.py run on
flowgrad): tf.lookup, tf.contrib.lookup and tf.tables_initializer, their values, op names,
TABLE_INITIALIZERS, and errors (class and message) for wrong dtypes, bad vocabulary
files, uninitialized and re-initialized tables."""
import os

import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("feature_column", "lookup")
WANT = goldens.load("feature_column", "lookup")


@pytest.fixture(scope="module")
def ours():
    return GEN.cases(tf)


@pytest.mark.parametrize("case", sorted(WANT))
def test_equals_tf(ours, case):
    goldens.same_exact(ours[case], WANT[case], case)


def test_vocabulary_file_must_be_a_regular_file(tmp_path):
    with tf.Graph().as_default():
        t = tf.contrib.lookup.index_table_from_file(str(tmp_path))
        ids = t.lookup(tf.constant(["a"]))
        with tf.Session() as sess:
            with pytest.raises(tf.errors.InvalidArgumentError, match="not a regular file"):
                sess.run(tf.tables_initializer())
            with pytest.raises(tf.errors.FailedPreconditionError, match="Table not initialized"):
                sess.run(ids)


def test_tables_are_per_session(tmp_path):
    path = os.path.join(str(tmp_path), "v.txt")
    with open(path, "w") as f:
        f.write("a\nb\n")
    with tf.Graph().as_default():
        ids = tf.contrib.lookup.index_table_from_file(path).lookup(tf.constant(["b"]))
        init = tf.tables_initializer()
        for _ in range(2):
            with tf.Session() as sess:
                sess.run(init)
                assert sess.run(ids).tolist() == [1]

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


def test_mutable_hash_table_is_saved_and_restored_as_tf(tmp_path):
    """TF 1.14 adds a saveable: the checkpoint holds '<name>-keys' and '<name>-values', and
    a restore in a new session imports them (op save/<name>_table_restore/...)."""
    with tf.Graph().as_default():
        t = tf.contrib.lookup.MutableHashTable(tf.string, tf.int64, -1, name="vocab")
        ins = t.insert(tf.constant(["a", "b", "c"]), tf.constant([1, 2, 3], tf.int64))
        look = t.lookup(tf.constant(["a", "c", "z"]))
        saver = tf.train.Saver()
        with tf.Session() as s:
            s.run(ins)
            path = saver.save(s, str(tmp_path / "m"))
        assert sorted(n for n, _ in tf.train.list_variables(path)) == ["vocab-keys",
                                                                       "vocab-values"]
        with tf.Session() as s:
            assert s.run(look).tolist() == [-1, -1, -1]
            saver.restore(s, path)
            assert s.run(look).tolist() == [1, 3, -1] and s.run(t.size()) == 3
        names = [o.name for o in tf.get_default_graph().get_operations()]
        assert "save/vocab_table_restore/LookupTableImportV2" in names
    with tf.Graph().as_default():        # checkpoint=False: nothing to save, as TF
        tf.contrib.lookup.MutableHashTable(tf.string, tf.int64, -1, checkpoint=False)
        assert tf.get_collection(tf.GraphKeys.SAVEABLE_OBJECTS) == []


def test_v1_tables_are_static_hash_table_v1(tmp_path):
    # TF 1.14 (checked with its oracle): tf.lookup.StaticHashTable and the index_table /
    # index_to_string_table factories give lookup_ops.StaticHashTableV1 (type(t).__name__)
    vocab = tmp_path / "v.txt"
    vocab.write_text("a\nb\n")
    with tf.Graph().as_default():
        init = tf.lookup.KeyValueTensorInitializer(["a"], [1])
        tables = [tf.lookup.StaticHashTable(init, -1),
                  tf.compat.v1.lookup.StaticHashTable(init, -1),
                  tf.contrib.lookup.index_table_from_tensor(["a"]),
                  tf.contrib.lookup.index_table_from_file(str(vocab)),
                  tf.contrib.lookup.index_to_string_table_from_tensor(["a"]),
                  tf.contrib.lookup.index_to_string_table_from_file(str(vocab)),
                  tf.contrib.lookup.index_table_from_tensor(["a"], num_oov_buckets=1)._table]
        assert [type(t).__name__ for t in tables] == ["StaticHashTableV1"] * 7
        assert type(tf.contrib.lookup.HashTable(init, -1)).__name__ == "HashTable"

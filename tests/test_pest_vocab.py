"""Two feature columns of one vocabulary file share their table (TF 1.14's shared_name from
the file): initializing it twice from the file is logged, not an error
(tests/golden/feature_column/gen_pest_vocab.py)."""
import numpy as np
import pytest

import flowgrad as tf

import goldens

gen = goldens.generator("feature_column", "pest_vocab")
GOLD = goldens.load("feature_column", "pest_vocab")


@pytest.fixture(scope="module")
def ours():
    try:
        return gen.cases(tf)
    finally:
        tf.reset_default_graph()


@pytest.mark.parametrize("key", ["shared_names", "indicator", "linear"])
def test_shared_vocabulary_table(ours, key):
    if isinstance(GOLD[key], np.ndarray):
        np.testing.assert_array_equal(ours[key], GOLD[key])
        assert ours[key].dtype == GOLD[key].dtype
    else:
        assert ours[key] == GOLD[key]


def test_linear_model_static_shape(ours):
    assert ours["linear_shape"] == GOLD["linear_shape"]


def test_second_file_initialization_is_logged(tmp_path, capfd):
    vf = tmp_path / "v.txt"
    vf.write_text("a\nb\n")
    with tf.Graph().as_default():
        t1 = tf.contrib.lookup.index_table_from_file(str(vf))
        t2 = tf.contrib.lookup.index_table_from_file(str(vf))
        ids = t2.lookup(tf.constant(["b", "a", "z"]))
        with tf.Session() as s:
            s.run(tf.tables_initializer())
            assert s.run(ids).tolist() == [1, 0, -1]
            vf.unlink()   # TF opens the file before it finds the table initialized
            with pytest.raises(tf.errors.NotFoundError):
                s.run(t1.initializer)
    assert "lookup_util.cc:376] Table trying to initialize from file " in capfd.readouterr().err

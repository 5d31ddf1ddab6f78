"""tf.data.experimental.SqlDataset against TF 1.14 (tests/golden/data/gen_sql.py): rows,
conversions, structures, fed names, errors; and that flowgrad only reads the database."""
import os
import sqlite3

import pytest

import flowgrad as tf

import goldens

GEN = goldens.generator("data", "sql")
GOLD = goldens.load("data", "sql")


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_matches_tf(name):
    goldens.same_values(GEN.PROGRAMS[name](tf), GOLD[name])


def _run(path, query, types=(tf.int64,)):
    with tf.Graph().as_default():
        nxt = tf.data.experimental.SqlDataset("sqlite", path, query, types) \
            .make_one_shot_iterator().get_next()
        with tf.Session() as sess:
            return sess.run(nxt)


def test_reads_only(tmp_path):
    path = GEN._make_db(str(tmp_path))
    before = open(path, "rb").read()
    for q in ("delete from t", "update t set id = 0", "drop table t",
              "attach database 'other.db' as o", "pragma user_version = 3",
              "create table u (a)", "with x(a) as (select 1) insert into t(id) select a from x"):
        with pytest.raises((tf.errors.InvalidArgumentError, tf.errors.UnknownError)):
            _run(path, q)
    assert open(path, "rb").read() == before
    assert not os.path.exists(tmp_path / "other.db")
    c = sqlite3.connect(path)
    assert c.execute("select count(*) from t").fetchone()[0] == len(GEN._ROWS)
    c.close()


def test_missing_file_is_not_created(tmp_path):
    with pytest.raises(tf.errors.UnknownError, match="no such table: t"):
        _run(str(tmp_path / "nope.db"), "select id from t")
    assert not os.path.exists(tmp_path / "nope.db")


def test_a_name_cannot_add_uri_parameters(tmp_path):
    path = GEN._make_db(str(tmp_path))
    odd = str(tmp_path / "db.sqlite?mode=rwc")
    with pytest.raises(tf.errors.UnknownError, match="no such table"):
        _run(odd, "select id from t")
    assert not os.path.exists(odd)
    assert _run(path, "select id from t") == (1,)


def test_contrib_alias():
    assert tf.contrib.data.SqlDataset is tf.data.experimental.SqlDataset
    assert tf.contrib.data.dense_to_sparse_batch is tf.data.experimental.dense_to_sparse_batch

"""tf.contrib.data.LMDBDataset against TF 1.14 (tests/golden/data/gen_lmdb.py) over the
LMDB files in tests/golden/data/lmdb/ (made by make_lmdb.py with the `lmdb` package, an
extra that the `test` extra includes), and flowgrad's own rules: read-only (nothing is
written beside a file), an empty database is skipped, a clear error naming the extra."""
import os
import shutil

import pytest

import flowgrad as tf
import goldens

GEN = goldens.generator("data", "lmdb")
GOLD = goldens.load("data", "lmdb")


@pytest.mark.parametrize("name", sorted(GEN.PROGRAMS))
def test_lmdb_dataset(name):
    goldens.same_values(GEN.PROGRAMS[name](tf), GOLD[name], name)


def _drain(files):
    with tf.Graph().as_default():
        nxt = tf.data.make_one_shot_iterator(tf.contrib.data.LMDBDataset(files)).get_next()
        out = []
        with tf.Session() as sess:
            while True:
                try:
                    out.append(sess.run(nxt))
                except tf.errors.OutOfRangeError:
                    return out


def test_files_are_read_only(tmp_path):
    d = tmp_path / "db"
    shutil.copytree(GEN.DIR, d)
    os.chmod(d / "data.mdb", 0o444)
    before = sorted(os.listdir(d)), os.stat(d / "data.mdb").st_mtime_ns
    assert len(_drain(str(d))) == 40
    assert (sorted(os.listdir(d)), os.stat(d / "data.mdb").st_mtime_ns) == before


def test_empty_database_is_skipped(tmp_path):
    import lmdb
    p = str(tmp_path / "empty.mdb")
    lmdb.open(p, subdir=False, map_size=1 << 20, lock=False).close()
    # TF 1.14 loops forever on an empty database; flowgrad goes on to the next file
    assert _drain([p, os.path.join(GEN.DIR)])[0] == (b"k000", b"0")


def test_missing_extra_names_it(monkeypatch):
    import builtins
    real = builtins.__import__

    def no_lmdb(name, *a, **k):
        if name == "lmdb":
            raise ImportError("No module named 'lmdb'")
        return real(name, *a, **k)
    monkeypatch.setattr(builtins, "__import__", no_lmdb)
    with tf.Graph().as_default() as g:
        with pytest.raises(ImportError, match=r"pip install 'flowgrad\[lmdb\]'"):
            tf.contrib.data.LMDBDataset(GEN.FILE)
        assert g.get_operations() == []


def _reader_run(files, fetch):
    with tf.Graph().as_default():
        q = tf.FIFOQueue(10, tf.string)
        r = tf.LMDBReader()
        k, v = r.read(q)
        out = []
        with tf.Session() as sess:
            sess.run(q.enqueue_many([files]))
            sess.run(q.close())
            out.append(sess.run([k, v]))
            fetch(sess, r, k, v, out)
        return out


def test_reader_reset_starts_again():
    # TF 1.14 aborts its process after LMDBReader's reset; flowgrad starts over
    def fetch(sess, r, k, v, out):
        sess.run(r.reset())
        out.append(sess.run([r.num_records_produced(), r.num_work_units_completed()]))
    assert _reader_run([GEN.FILE], fetch) == [[b"B", b"upper"], [0, 0]]


def test_reader_missing_file_is_an_error(tmp_path):
    # TF 1.14 aborts its process on a file LMDB cannot open; flowgrad raises
    # LMDBDataset's error and writes nothing
    def fetch(sess, r, k, v, out):
        with pytest.raises(tf.errors.InvalidArgumentError, match="No such file"):
            sess.run([k, v])
    _reader_run([GEN.FILE, str(tmp_path / "missing.mdb")], lambda s, r, k, v, o: [
        o.append(s.run([k, v])) for _ in range(6)] and fetch(s, r, k, v, o))
    assert os.listdir(tmp_path) == []

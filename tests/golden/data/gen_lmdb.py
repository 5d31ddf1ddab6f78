"""TF 1.14's tf.contrib.data.LMDBDataset (op ExperimentalLMDBDataset; its bundled
liblmdb) over the LMDB files in tests/golden/data/lmdb/ (made by make_lmdb.py with the
`lmdb` package): (key, value) strings in LMDB's key order, a file or a directory holding
data.mdb, several files, batching, a fed file name, and errors (a missing file, a file
that is not LMDB, filenames of rank 2: each repeats on every later get_next).
tests/test_data_lmdb.py runs the same programs in flowgrad. (An LMDB file with no
records makes TF 1.14 loop forever, so it has no case here.)"""
from __future__ import absolute_import

import os
import shutil
import tempfile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lmdb")
FILE = os.path.join(HERE, "data.mdb")
DIR = os.path.join(HERE, "dir")


def _err(e):
    return "%s: %s" % (type(e).__name__, e.message.split("\n")[0].replace("[_Derived_]", ""))


def _drain(tf, nxt, sess, limit, feed=None):
    out = []
    for _ in range(limit):
        try:
            out.append(sess.run(nxt, feed))
        except tf.errors.OutOfRangeError:
            out.append("end")
            break
        except tf.errors.OpError as e:
            out.append(_err(e))
    return out


def _read(files, batch=None, limit=60):
    def run(tf):
        with tf.Graph().as_default():
            ds = tf.contrib.data.LMDBDataset(files() if callable(files) else files)
            head = [repr(tf.compat.v1.data.get_output_types(ds)),
                    repr(tf.compat.v1.data.get_output_shapes(ds))]
            if batch:
                ds = ds.batch(batch)
            nxt = tf.compat.v1.data.make_one_shot_iterator(ds).get_next()
            with tf.Session() as sess:
                return head + [_drain(tf, nxt, sess, limit)]
    return run


def _fed(tf):
    with tf.Graph().as_default():
        name = tf.placeholder(tf.string, [None])
        ds = tf.contrib.data.LMDBDataset(name)
        it = tf.compat.v1.data.make_initializable_iterator(ds)
        nxt = it.get_next()
        out = []
        with tf.Session() as sess:
            for files in ([DIR], [FILE, FILE], []):
                sess.run(it.initializer, {name: files})
                out.append(_drain(tf, nxt, sess, 20))
        return out


def _junk(tf):
    d = tempfile.mkdtemp()
    try:
        p = os.path.join(d, "junk.mdb")
        with open(p, "wb") as f:
            f.write(b"not an lmdb file" * 600)
        return _read([p, FILE], limit=3)(tf)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def _op_types(tf):
    with tf.Graph().as_default() as g:
        tf.contrib.data.LMDBDataset([FILE, DIR])
        return [op.type for op in g.get_operations()]


PROGRAMS = {
    "file": _read(FILE),
    "dir": _read(DIR, limit=5),
    "files_batched": _read([FILE, DIR, FILE], batch=4),
    "missing": _read([FILE, os.path.join(HERE, "missing.mdb"), DIR], limit=10),
    "empty_name": _read("", limit=2),
    "rank2": _read([[FILE]], limit=2),
    "no_files": _read([], limit=2),
    "fed": _fed,
    "junk": _junk,
    "op_types": _op_types,
}


def cases(tf):
    return {name: fn(tf) for name, fn in sorted(PROGRAMS.items())}

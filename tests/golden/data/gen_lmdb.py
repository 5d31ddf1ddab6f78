"""TF 1.14's tf.contrib.data.LMDBDataset (op ExperimentalLMDBDataset; its bundled
liblmdb) over the LMDB files in tests/golden/data/lmdb/ (made by make_lmdb.py with the
`lmdb` package): (key, value) strings in LMDB's key order, a file or a directory holding
data.mdb, several files, batching, a fed file name, and errors (a missing file, a file
that is not LMDB, filenames of rank 2: each repeats on every later get_next).
tests/test_data_lmdb.py runs the same programs in flowgrad. (An LMDB file with no
records makes TF 1.14 loop forever, so it has no case here.) The "reader/" programs run
tf.LMDBReader (a reference-typed reader: ReaderRead & co over FakeQueue) from a queue of
file names: read, read_up_to (never across files), the counters, the empty database (its
work unit ends at once) and SerializeState's error. (TF 1.14's LMDBReader aborts the
process after a reset, so reset has no case.) (A file LMDB cannot open
aborts TF 1.14's process, so it has no case here either.)"""
from __future__ import absolute_import

import os
import re
import shutil
import tempfile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lmdb")
FILE = os.path.join(HERE, "data.mdb")
EMPTY = os.path.join(HERE, "empty.mdb")
DIR = os.path.join(HERE, "dir")


def _err(e):
    msg = e.message.split("\n")[0].replace("[_Derived_]", "")
    return "%s: %s" % (type(e).__name__, re.sub(r"'_[0-9]+_", "'_N_", msg))  # queue ids


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


def _reader(files, reads, up_to, n=7):
    def run(tf):
        with tf.Graph().as_default() as g:
            q = tf.FIFOQueue(10, tf.string)
            r = tf.LMDBReader(name="rd", options=None)
            k, v = r.read(q)
            ks, vs = r.read_up_to(q, n)
            counts = [r.num_records_produced(), r.num_work_units_completed()]
            state = r.serialize_state()
            out = [[(op.type, op.name) for op in g.get_operations()], repr(r.reader_ref),
                   r.supports_serialize]
            with tf.Session() as sess:
                sess.run(q.enqueue_many([files]))
                sess.run(q.close())
                for fetch in [[k, v]] * reads + [[ks, vs]] * up_to:
                    try:
                        out.append(sess.run(fetch))
                    except tf.errors.OpError as e:
                        out.append(_err(e))
                        break
                out.append(sess.run(counts))
                try:
                    out.append(sess.run(state))
                except tf.errors.OpError as e:
                    out.append(_err(e))
            return out
    return run


PROGRAMS = {
    "reader/read": _reader([FILE, DIR, FILE], 4, 12),
    "reader/read_all": _reader([DIR], 45, 0),
    "reader/up_to": _reader([FILE, FILE, DIR], 0, 12, n=3),
    "reader/empty": _reader([EMPTY, FILE, EMPTY, EMPTY, FILE], 3, 5, n=10),
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

"""Readers after a failed read under TF 1.14's ReaderBase: a file that cannot be opened
drops its work unit (TextLine, FixedLength, TFRecord open it when the work starts), a
failed read keeps it (TFRecord's corrupt record, WholeFileReader's missing file: every
later read fails alike, or succeeds once the file is there), with the counters.
tests/test_pqueue_readers.py runs the same `cases` with flowgrad."""
import os
import re
import shutil
import tempfile


def _try(d, f):
    try:
        return f()
    except Exception as e:  # noqa: BLE001
        msg = getattr(e, "message", None) or str(e)
        return (type(e).__name__, re.sub(r"'_\d+_", "'_N_", msg.split("\n")[0].replace(d, "D")))


def _strip(d, v):
    if isinstance(v, list):
        return [_strip(d, x) for x in v]
    return v.replace(d.encode(), b"D") if isinstance(v, bytes) else v


def failures(tf):
    d = tempfile.mkdtemp()
    out = {}
    try:
        with open(os.path.join(d, "t.txt"), "wb") as f:
            f.write(b"hello world this is text\n")
        with open(os.path.join(d, "s.bin"), "wb") as f:
            f.write(b"12345678")
        names = [os.path.join(d, n) for n in ["t.txt", "s.bin", "nope"]]
        with tf.Session() as sess:
            for name, rd in [("tfrecord", tf.TFRecordReader()), ("text", tf.TextLineReader()),
                             ("fixed", tf.FixedLengthRecordReader(5)),
                             ("whole", tf.WholeFileReader())]:
                q = tf.FIFOQueue(5, tf.string, shapes=[[]])
                k, v = rd.read(q)
                sess.run(q.enqueue_many([names]))
                sess.run(q.close())
                got = [_try(d, lambda: _strip(d, sess.run([k, v]))) for _ in range(5)]
                got.append(sess.run([rd.num_records_produced(),
                                     rd.num_work_units_completed()]))
                out[name] = got
            q = tf.FIFOQueue(5, tf.string, shapes=[[]])
            rd = tf.WholeFileReader()
            k, v = rd.read(q)
            late = os.path.join(d, "late.txt")
            sess.run(q.enqueue_many([[late, late]]))
            got = [_try(d, lambda: sess.run(v)) for _ in range(2)]
            with open(late, "w") as f:
                f.write("now")
            got += [sess.run(v), sess.run(v)]
            got.append(sess.run([rd.num_records_produced(), rd.num_work_units_completed()]))
            out["late_file"] = got
    finally:
        shutil.rmtree(d)
    return out


CASES = [failures]


def cases(tf):
    out = {}
    for fn in CASES:
        tf.reset_default_graph()
        out[fn.__name__] = fn(tf)
    return out

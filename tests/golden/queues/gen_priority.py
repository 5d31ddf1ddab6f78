"""TF 1.14's PriorityQueue (ops it builds, dequeue order with ties, dequeue_many, closing,
errors) and readers' state (serialize_state / restore_state / counters / reset).
tests/test_queue_priority.py runs the same cases in flowgrad."""
import os
import re
import shutil
import tempfile


def _err(e):
    return [type(e).__name__, re.sub(r"'_\d+_", "'_N_", e.message.split("\n")[0])]


def _try(sess, fetch, feed=None):
    try:
        v = sess.run(fetch, feed)
    except Exception as e:  # noqa: BLE001
        if hasattr(e, "message"):
            return _err(e)
        raise
    return _plain(v)


def _plain(v):
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if hasattr(v, "tolist"):
        return _plain(v.tolist())
    if isinstance(v, bytes):
        return v.decode("latin-1")
    return v


def _ops(tf):
    return [[op.name, op.type, [t.name for t in op.inputs]]
            for op in tf.get_default_graph().get_operations()]


def case_build(tf):
    q = tf.PriorityQueue(5, [tf.string, tf.float32], shapes=[[], [2]], name="pq")
    q.enqueue((3, "a", [1.0, 2.0]))
    q.enqueue_many(([1, 2], ["b", "c"], [[1.0, 1.0], [2.0, 2.0]]))
    d = q.dequeue()
    q.dequeue_many(2)
    q.size()
    q2 = tf.queue.PriorityQueue(3, tf.int32, shapes=[[]])
    return {"ops": _ops(tf), "dequeue": [str(t.dtype) for t in d],
            "shapes": [str(t.shape) for t in d], "dtypes": [str(t) for t in q.dtypes],
            "qshapes": [str(s) for s in q.shapes], "q2": [str(t) for t in q2.dtypes]}


def case_ties_order(tf):
    pr = [3, 1, 3, 1, 2, 3, 1, 0, 2, 5, 1, 1, 4, 0, 3, 2, 2]
    q = tf.PriorityQueue(100, [tf.int32], shapes=[[]])
    enq = q.enqueue_many((pr, list(range(len(pr)))))
    d = q.dequeue()
    with tf.Session() as sess:
        sess.run(enq)
        return [_plain(sess.run(d)) for _ in range(len(pr))]


def case_interleaved(tf):
    q = tf.PriorityQueue(100, [tf.int32], shapes=[[]])
    p = tf.placeholder(tf.int64, [None])
    v = tf.placeholder(tf.int32, [None])
    enq = q.enqueue_many((p, v))
    d = q.dequeue()
    dm = q.dequeue_many(3)
    out = []
    with tf.Session() as sess:
        sess.run(enq, {p: [5, 5, 2, 2, 9], v: [0, 1, 2, 3, 4]})
        out.append(_plain(sess.run(d)))
        sess.run(enq, {p: [2, 1, 5], v: [5, 6, 7]})
        out.append(_plain(sess.run(dm)))
        out.append(_plain(sess.run(d)))
        sess.run(enq, {p: [0, 5], v: [8, 9]})
        out.append(_plain(sess.run(q.size())))
        out.append(_plain(sess.run(q.dequeue_up_to(2))))
        sess.run(q.close())
        out.append(_try(sess, q.dequeue_up_to(10)))
        out.append(_plain(sess.run(q.size())))
        out.append(_try(sess, d))
        out.append(_try(sess, enq, {p: [1], v: [1]}))
    return out


def case_negative_and_large(tf):
    q = tf.PriorityQueue(10, [tf.string], shapes=[[]])
    enq = q.enqueue_many(([2 ** 40, -3, 0, -(2 ** 50), 7], ["a", "b", "c", "d", "e"]))
    with tf.Session() as sess:
        sess.run(enq)
        return _plain(sess.run(q.dequeue_many(5)))


def case_errors(tf):
    out = {}
    try:
        tf.PriorityQueue(10, [tf.int32])
    except (TypeError, ValueError) as e:
        out["no_shapes"] = [type(e).__name__, str(e).split("\n")[0]]
    q = tf.PriorityQueue(10, [tf.int32], shapes=[[]])
    try:
        q.enqueue((1.5, 1))
    except (TypeError, ValueError) as e:
        out["float_priority"] = [type(e).__name__, str(e).split("\n")[0]]
    s = tf.PriorityQueue(10, [tf.int32], shapes=[[2]])
    try:
        s.enqueue((1, [1, 2, 3]))
    except (TypeError, ValueError) as e:
        out["bad_shape"] = [type(e).__name__, str(e).split("\n")[0]]
    p = tf.placeholder(tf.int32)
    enq = s.enqueue((1, p))
    with tf.Session() as sess:
        out["bad_shape_run"] = _try(sess, enq, {p: [1, 2, 3]})
    return out


# -- readers' state ----------------------------------------------------------------------------
def _reader_files(tf, d, records):
    for n in ("a", "b", "c"):
        path = os.path.join(d, n + ".bin")
        if records:
            with tf.python_io.TFRecordWriter(path) as w:
                for i in range(2):
                    w.write(b"rec%d" % i + n.encode())
        else:
            with open(path, "wb") as f:
                f.write(b"abcdefgh" + n.encode())


def _reader_case(tf, make, records=False):
    # (in /tmp whatever TMPDIR says: the serialized state holds the path's length, so the
    # directory's name must be as long as the oracle's, /tmp/tmpXXXXXXXX)
    d = tempfile.mkdtemp(dir="/tmp")
    try:
        _reader_files(tf, d, records)
        q = tf.FIFOQueue(10, tf.string)
        enq = q.enqueue_many([[os.path.join(d, x + ".bin") for x in "abc"]])
        r = make()
        k, _ = r.read(q)
        st = r.serialize_state()
        ph = tf.placeholder(tf.string)
        rs = r.restore_state(ph)
        counts = [r.num_records_produced(), r.num_work_units_completed()]
        out = [r.supports_serialize]
        with tf.Session() as sess:
            sess.run(enq)
            sess.run(q.close())
            out.append(_try(sess, k))
            saved = _try(sess, st)
            out.append(saved)
            out.append(_try(sess, counts))
            out.append(_try(sess, k))
            for state in ([b"\x08\x01\x10\x01\x18\x01\"\x03xyz", b"garbage\xff\n", b"",
                           b"\x08\x01\x10\x02\x18\x01", b"\x08\x02\x10\x01\x18\x05",
                           b"\x08\x03\x10\x03\x18\x03\"\x04a\"\\b"]):
                out.append(_try(sess, rs, {ph: state}))
                out.append(_try(sess, counts))
            out.append(_try(sess, r.reset()))
            out.append(_try(sess, counts))
        return [x.replace(d, "DIR") if isinstance(x, str) else
                [y.replace(d, "DIR") if isinstance(y, str) else y for y in x]
                if isinstance(x, list) else x for x in out]
    finally:
        shutil.rmtree(d)


def case_reader_state_whole_file(tf):
    return _reader_case(tf, tf.WholeFileReader)


def case_reader_state_identity(tf):
    return _reader_case(tf, tf.IdentityReader)


def case_reader_state_tfrecord(tf):
    return _reader_case(tf, tf.TFRecordReader, records=True)


def case_reader_state_fixed_length(tf):
    return _reader_case(tf, lambda: tf.FixedLengthRecordReader(3))


def case_reader_state_text_line(tf):
    return _reader_case(tf, tf.TextLineReader)


CASES = sorted(k for k in dict(globals()) if k.startswith("case_"))


def cases(tf):
    out = {}
    for name in CASES:
        with tf.Graph().as_default():
            out[name[5:]] = globals()[name](tf)
    return out

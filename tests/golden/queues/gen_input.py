"""Queue-based input pipelines under TF 1.14: string_input_producer (seeded shuffle,
num_epochs) + TextLineReader (header lines) + a py_func parser + batch / shuffle_batch +
Coordinator; slice/range/input producers; Fixed-length, whole-file and TFRecord readers;
read_file/write_file. tests/test_input_pipelines.py runs the same `cases` with flowgrad."""
import os
import shutil
import struct
import tempfile

import numpy as np


def write_files(d):
    names = []
    for f in range(3):
        p = os.path.join(d, "part%d.csv" % f)
        with open(p, "w") as fh:
            fh.write("x,y\n")
            for i in range(4):
                fh.write("%d,%d\r\n" % (10 * f + i, f) if i == 2 else "%d,%d\n" % (10 * f + i, f))
        names.append(p)
    with open(os.path.join(d, "fixed.bin"), "wb") as fh:
        fh.write(b"HDR" + bytes(range(20)) + b"FT")
    return names


def _crc32c(data):
    crc = 0xFFFFFFFF
    for byte in bytearray(data):
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def _masked_crc(data):
    crc = _crc32c(data)
    return ((((crc >> 15) | (crc << 17)) & 0xFFFFFFFF) + 0xA282EAD8) & 0xFFFFFFFF


def write_tfrecords(path, payloads):
    """TF's record framing, written here so that TF 1.14 reading it checks the framing."""
    with open(path, "wb") as f:
        for p in payloads:
            header = struct.pack("<Q", len(p))
            f.write(header + struct.pack("<I", _masked_crc(header)) + p +
                    struct.pack("<I", _masked_crc(p)))


def _parse(line):
    a, b = line.split(b",")
    return np.int32(int(a)), np.int32(int(b))


def _drain(tf, sess, fetch, coord, threads, limit=100):
    out = []
    try:
        for _ in range(limit):
            out.append(sess.run(fetch))
    except tf.errors.OutOfRangeError as e:
        out.append(("OutOfRangeError", e.message.split(" is closed")[0].split("'")[0]))
    coord.request_stop()
    coord.join(threads, stop_grace_period_secs=10)
    return out


def _strip(d, value):
    if isinstance(value, bytes):
        return value.replace(d.encode(), b"D")
    if isinstance(value, np.ndarray) and value.dtype == object:
        return np.array([_strip(d, v) for v in value.ravel()], dtype=object).reshape(value.shape)
    if isinstance(value, (list, tuple)):
        return type(value)(_strip(d, v) for v in value)
    if isinstance(value, dict):
        return {k: _strip(d, v) for k, v in value.items()}
    if isinstance(value, str):
        return value.replace(d, "D")
    return value


def lines_batch(tf, d, names):
    q = tf.train.string_input_producer(names, num_epochs=2, seed=4)
    reader = tf.TextLineReader(skip_header_lines=1)
    key, value = reader.read(q)
    a, b = tf.py_func(_parse, [value], [tf.int32, tf.int32], stateful=False)
    a.set_shape([])
    b.set_shape([])
    batch = tf.train.batch([key, a, b], batch_size=5, allow_smaller_final_batch=True)
    with tf.Session() as sess:
        sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess, coord=coord)
        out = _drain(tf, sess, batch, coord, threads)
        out.append(sess.run([reader.num_records_produced(), reader.num_work_units_completed()]))
    return out


def lines_shuffle_batch(tf, d, names):
    tf.set_random_seed(9)
    q = tf.train.string_input_producer(names, num_epochs=1)
    _, value = tf.TextLineReader(skip_header_lines=1).read(q)
    a, b = tf.py_func(_parse, [value], [tf.int32, tf.int32])
    a.set_shape([])
    b.set_shape([])
    xs, ys = tf.train.shuffle_batch([a, b], batch_size=4, capacity=20, min_after_dequeue=5,
                                    allow_smaller_final_batch=True)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess, coord=coord)
        out = _drain(tf, sess, [xs, ys], coord, threads)
    got = np.concatenate([o[0] for o in out[:-1]])
    return {"all": np.sort(got), "sizes": sorted(len(o[0]) for o in out[:-1]), "end": out[-1]}


def producers(tf, d, names):
    out = {}
    x = tf.constant([[1, 2], [3, 4], [5, 6]])
    lab = tf.constant([7, 8, 9])
    sx, sl = tf.train.slice_input_producer([x, lab], num_epochs=2, shuffle=True, seed=1)
    r = tf.train.range_input_producer(4, num_epochs=1, shuffle=False).dequeue()
    ip = tf.train.input_producer(tf.constant([[1.0], [2.0]]), num_epochs=1, shuffle=False,
                                 name="ip").dequeue_many(2)
    with tf.Session() as sess:
        sess.run(tf.local_variables_initializer())
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess, coord=coord)
        out["slice"] = [sess.run([sx, sl]) for _ in range(6)]
        out["range"] = [sess.run(r) for _ in range(4)]
        out["input"] = sess.run(ip)
        try:
            sess.run(r)
        except tf.errors.OutOfRangeError as e:
            out["range_end"] = e.message.split("\n")[0].split("'")[0]
        coord.request_stop()
        coord.join(threads, stop_grace_period_secs=10)
    out["limit_epochs_names"] = [v.op.name for v in tf.local_variables()]
    out["queue_runners"] = [qr.name for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)]
    out["summaries"] = [s.op.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)]
    try:
        tf.train.string_input_producer([])
    except ValueError as e:
        out["empty"] = str(e)
    try:
        tf.train.limit_epochs(x, 0)
    except ValueError as e:
        out["zero_epochs"] = str(e)
    try:
        tf.train.shuffle_batch([lab], 2, capacity=3, min_after_dequeue=3)
    except ValueError as e:
        out["capacity"] = str(e)
    return out


def batch_builds(tf, d, names):
    a = tf.placeholder(tf.float32, [3])
    b = tf.placeholder(tf.int32, [])
    single = tf.train.batch([a], 4)
    pair = tf.train.batch({"a": a, "b": b}, 4, num_threads=2, capacity=10)
    sb = tf.train.shuffle_batch([a, b], 4, capacity=10, min_after_dequeue=2, seed=3)
    many = tf.train.batch([tf.zeros([5, 2])], 3, enqueue_many=True, allow_smaller_final_batch=True)
    pad = tf.train.batch([tf.placeholder(tf.int32, [None])], 2, dynamic_pad=True)
    join = tf.train.batch_join([[a], [a + 1.0]], 2)
    sjoin = tf.train.shuffle_batch_join([[a], [a * 2.0]], 2, capacity=5, min_after_dequeue=1)
    res = {"single": (single.name, str(single.shape)),
           "pair": sorted((k, v.name, str(v.shape)) for k, v in pair.items()),
           "sb": [(t.name, str(t.shape)) for t in sb],
           "many": (many.name, str(many.shape)), "pad": (pad.name, str(pad.shape)),
           "join": (join.name, str(join.shape)), "sjoin": (sjoin.name, str(sjoin.shape)),
           "runners": [(qr.name, len(qr.enqueue_ops))
                       for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)],
           "summaries": [s.op.name for s in tf.get_collection(tf.GraphKeys.SUMMARIES)],
           "ops": [(op.name, op.type) for op in tf.get_default_graph().get_operations()]}
    return res


def readers(tf, d, names):
    out = {}
    fixed = os.path.join(d, "fixed.bin")
    q = tf.FIFOQueue(10, tf.string, shapes=[[]])
    rd = tf.FixedLengthRecordReader(record_bytes=4, header_bytes=3, footer_bytes=2, hop_bytes=3)
    k, v = rd.read(q)
    whole = tf.WholeFileReader()
    wk, wv = whole.read(q)
    lines = tf.TextLineReader()
    ks, vs = lines.read_up_to(q, 3)
    tfr = tf.TFRecordReader()
    tk, tv = tfr.read(q)
    with tf.Session() as sess:
        sess.run(q.enqueue_many([[fixed, fixed]]))
        out["fixed"] = [sess.run([k, v]) for _ in range(7)]
        out["fixed_counts"] = sess.run([rd.num_records_produced(),
                                        rd.num_work_units_completed()])
        sess.run(q.enqueue_many([[names[0], names[1]]]))
        out["whole"] = sess.run([wk, wv])
        out["up_to"] = [sess.run([ks, vs]) for _ in range(2)]
        sess.run(lines.reset())
        out["after_reset"] = sess.run(lines.num_records_produced())
        rec = os.path.join(d, "r.tfrecord")
        write_tfrecords(rec, [b"one", b"", b"three!"])
        sess.run(q.enqueue(rec))
        out["tfrecord"] = [sess.run([tk, tv]) for _ in range(3)]
        sess.run(q.close())
        try:
            sess.run(tk)
        except tf.errors.OutOfRangeError as e:
            out["tfrecord_end"] = e.message.split("\n")[0].split("'")[0]
        bad = os.path.join(d, "bad.tfrecord")
        with open(rec, "rb") as f:
            data = bytearray(f.read())
        data[14] ^= 1
        with open(bad, "wb") as f:
            f.write(bytes(data))
        q2 = tf.FIFOQueue(2, tf.string, shapes=[[]])
        bk, _ = tf.TFRecordReader().read(q2)
        sess.run(q2.enqueue(bad))
        try:
            sess.run(bk)
        except tf.errors.OpError as e:
            out["corrupt"] = type(e).__name__
        p = os.path.join(d, "sub", "w.txt")
        sess.run(tf.write_file(p, "hello"))
        out["read_file"] = sess.run(tf.read_file(p))
        try:
            sess.run(tf.read_file(os.path.join(d, "missing")))
        except tf.errors.NotFoundError as e:
            out["missing"] = e.message.split("\n")[0]
    return out


def seeded_after_producer(tf, d, names):
    """A graph-seeded op made after string_input_producer + reader + batch: its seed comes
    from the op count, so the producer's ops must be TF's, one for one; the runner threads
    carry TF's names."""
    tf.set_random_seed(51)
    q = tf.train.string_input_producer(names, shuffle=False, name="files")
    _, value = tf.TextLineReader(skip_header_lines=1).read(q)
    cols = tf.decode_csv(value, record_defaults=[[0], [0]])
    xs = tf.train.batch(cols, batch_size=3)
    w = tf.random_normal([2])
    out = {"ops": [o.name for o in tf.get_default_graph().get_operations()]}
    with tf.Session() as sess:
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess, coord=coord)
        out["threads"] = sorted(t.name for t in threads)
        out["w"] = sess.run(w)
        out["batch"] = sess.run(xs)
        coord.request_stop()
        coord.join(threads)
    return out


CASES = [lines_batch, lines_shuffle_batch, producers, batch_builds, readers,
         seeded_after_producer]


def cases(tf):
    out = {}
    for fn in CASES:
        d = tempfile.mkdtemp()
        try:
            names = write_files(d)
            tf.reset_default_graph()
            out[fn.__name__] = _strip(d, fn(tf, d, names))
        finally:
            shutil.rmtree(d)
    return out

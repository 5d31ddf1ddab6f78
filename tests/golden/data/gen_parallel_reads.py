"""TF 1.14's file datasets with num_parallel_reads (TFRecordDataset, TextLineDataset,
FixedLengthRecordDataset): a ParallelInterleaveDataset over the files, cycle_length
num_parallel_reads, block_length 1, not sloppy, so the order of the records is fixed.
Files of different lengths (one empty) show how a finished file's slot is refilled.
tests/test_parallel_reads.py runs the same programs with flowgrad."""
from __future__ import absolute_import

import os
import shutil
import tempfile

COUNTS = [3, 1, 0, 5, 2, 4]


def _files(tf, d, kind):
    paths = []
    for i, n in enumerate(COUNTS):
        path = os.path.join(d, "%s_%d" % (kind, i))
        recs = [("f%d-r%d" % (i, j)).encode() for j in range(n)]
        if kind == "tfrecord":
            w = tf.python_io.TFRecordWriter(path, "GZIP")
            for r in recs:
                w.write(r)
            w.close()
        else:
            with open(path, "wb") as f:
                f.write(b"".join(r + b"\n" for r in recs))
        paths.append(path)
    return paths


def _read(tf, make):
    g = tf.Graph()
    with g.as_default():
        nxt = make().make_one_shot_iterator().get_next()
        out = []
        with tf.Session() as sess:
            while True:
                try:
                    out.append(sess.run(nxt))
                except tf.errors.OutOfRangeError:
                    break
    return out


def _graph_ops(tf, make):
    g = tf.Graph()
    with g.as_default():
        make()
    return sorted(op.type for op in g.get_operations())


def programs(tf, d):
    rec, txt = _files(tf, d, "tfrecord"), _files(tf, d, "text")
    out = {}
    for n in (1, 2, 3, 4, 10):
        out["tfrecord/%d" % n] = _read(tf, lambda: tf.data.TFRecordDataset(
            rec, compression_type="GZIP", num_parallel_reads=n))
        out["text/%d" % n] = _read(tf, lambda: tf.data.TextLineDataset(
            txt, num_parallel_reads=n))
        # each line "fK-rJ\n" is 6 bytes: records of 3 bytes, header 0
        out["fixed/%d" % n] = _read(tf, lambda: tf.data.FixedLengthRecordDataset(
            txt, 3, num_parallel_reads=n))
    out["text/repeat_batch_3"] = _read(tf, lambda: tf.data.TextLineDataset(
        txt[:4], num_parallel_reads=3).repeat(2).batch(4))
    out["text/dataset_of_names"] = _read(tf, lambda: tf.data.TextLineDataset(
        tf.data.Dataset.from_tensor_slices(txt[::-1])))
    out["tfrecord/dataset_of_names_2"] = _read(tf, lambda: tf.data.TFRecordDataset(
        tf.data.Dataset.from_tensor_slices(rec).skip(1), "GZIP", num_parallel_reads=2))
    out["fixed/dataset_of_names_3"] = _read(tf, lambda: tf.data.FixedLengthRecordDataset(
        tf.data.Dataset.from_tensor_slices(txt), 6, num_parallel_reads=3))
    errs = []
    for bad in (tf.data.Dataset.range(3), tf.data.Dataset.from_tensors(txt),
                tf.data.Dataset.from_tensor_slices((txt, txt))):
        try:
            tf.data.TextLineDataset(bad)
            errs.append("no error")
        except TypeError as e:
            errs.append(str(e))
    out["dataset_errors"] = errs
    out["ops/none"] = _graph_ops(tf, lambda: tf.data.TextLineDataset(txt))
    out["ops/2"] = _graph_ops(tf, lambda: tf.data.TextLineDataset(txt, num_parallel_reads=2))
    return out


def cases(tf):
    d = tempfile.mkdtemp()
    try:
        return programs(tf, d)
    finally:
        shutil.rmtree(d)

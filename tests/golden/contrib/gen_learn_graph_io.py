"""tf.contrib.learn's queue readers (TF 1.14's learn_io/graph_io.py): read_batch_examples /
read_keyed_batch_examples over text files (TextLineReader, read and read_up_to, parse_fn),
read_batch_features / read_keyed_batch_features / read_batch_record_features over TFRecord
files of tf.Examples; the batches until OutOfRange, the keys, the graph's op names and
queue runners, and the argument errors (tests/test_contrib_learn_graph_io.py runs cases()
on flowgrad)."""
import os
import shutil
import tempfile

import numpy as np


def _write(tf, d):
    for i in range(2):
        with open(os.path.join(d, "lines_%d.txt" % i), "w") as f:
            for j in range(5):
                f.write("%d,%d.5\n" % (10 * i + j, j))
        with tf.python_io.TFRecordWriter(os.path.join(d, "ex_%d.tfrecord" % i)) as w:
            for j in range(4):
                feats = {"age": tf.train.Feature(float_list=tf.train.FloatList(
                    value=[float(10 * i + j)])),
                    "tags": tf.train.Feature(bytes_list=tf.train.BytesList(
                        value=[b"t%d" % k for k in range(j % 3)])),
                    "id": tf.train.Feature(int64_list=tf.train.Int64List(
                        value=[100 * i + j]))}
                w.write(tf.train.Example(features=tf.train.Features(
                    feature=feats)).SerializeToString())


def _drain(tf, fetches, sort_key=None):
    out = []
    with tf.train.MonitoredSession() as sess:
        while not sess.should_stop():
            try:
                out.append(sess.run(fetches))
            except tf.errors.OutOfRangeError:
                break
    return out


def _sparse(v):
    return [v.indices, v.values, v.dense_shape]


def _ops(tf):
    g = tf.get_default_graph()
    return {"ops": sorted(o.name for o in g.get_operations()),
            "queue_runners": sorted(qr.name for qr in g.get_collection(
                tf.GraphKeys.QUEUE_RUNNERS)),
            "summaries": sorted(t.op.name for t in g.get_collection(
                tf.GraphKeys.SUMMARIES))}


def _examples(tf, d, read_batch_size):
    with tf.Graph().as_default():
        keys, lines = tf.contrib.learn.read_keyed_batch_examples(
            os.path.join(d, "lines_*.txt"), batch_size=3, reader=tf.TextLineReader,
            randomize_input=False, num_epochs=1, read_batch_size=read_batch_size)
        out = _ops(tf)
        out["shapes"] = [keys.shape.as_list(), lines.shape.as_list()]
        out["batches"] = _drain(tf, [keys, lines])
        return out


def _examples_parse_fn(tf, d):
    with tf.Graph().as_default():
        def parse(line):
            a, b = tf.decode_csv(line, record_defaults=[[0], [0.0]])
            return {"a": a, "b": b}
        feats = tf.contrib.learn.read_batch_examples(
            [os.path.join(d, "lines_1.txt"), os.path.join(d, "lines_0.txt")], batch_size=4,
            reader=tf.TextLineReader, randomize_input=False, num_epochs=1,
            parse_fn=parse, name="csv")
        out = _ops(tf)
        out["keys"] = sorted(feats)
        out["batches"] = _drain(tf, feats)
        return out


def _examples_shuffled(tf, d):
    with tf.Graph().as_default():
        lines = tf.contrib.learn.read_batch_examples(
            os.path.join(d, "lines_*.txt"), batch_size=2, reader=tf.TextLineReader,
            num_epochs=2, seed=3)
        out = _ops(tf)
        batches = _drain(tf, lines)
        out["sizes"] = [len(b) for b in batches]
        out["all"] = sorted(np.concatenate(batches).tolist())
        return out


def _features(tf, d, record):
    with tf.Graph().as_default():
        spec = {"age": tf.FixedLenFeature([1], tf.float32),
                "tags": tf.VarLenFeature(tf.string),
                "id": tf.FixedLenFeature([], tf.int64)}
        if record:
            feats = tf.contrib.learn.read_batch_record_features(
                os.path.join(d, "ex_*.tfrecord"), batch_size=3, features=spec,
                randomize_input=False, num_epochs=1)
            keys = None
        else:
            keys, feats = tf.contrib.learn.read_keyed_batch_features(
                os.path.join(d, "ex_*.tfrecord"), batch_size=3, features=spec,
                reader=tf.TFRecordReader, randomize_input=False, num_epochs=1,
                num_enqueue_threads=1)
        out = _ops(tf)
        out["shapes"] = {k: (v.dense_shape.shape.as_list() if isinstance(v, tf.SparseTensor)
                             else v.shape.as_list()) for k, v in feats.items()}
        fetch = {"age": feats["age"], "id": feats["id"], "tags": _sparse(feats["tags"])}
        if keys is not None:
            fetch["keys"] = keys
        batches = _drain(tf, fetch)
        if record:   # two enqueue threads: TF's batch order is not fixed
            batches = sorted(batches, key=lambda b: int(b["id"][0]))
        out["batches"] = batches
        return out


def _errors(tf, d):
    learn = tf.contrib.learn
    out = {}
    pattern = os.path.join(d, "lines_*.txt")
    calls = {
        "no_files": lambda: learn.read_batch_examples(os.path.join(d, "nope*"), 2,
                                                      tf.TextLineReader),
        "empty_list": lambda: learn.read_batch_examples([], 2, tf.TextLineReader),
        "capacity": lambda: learn.read_batch_examples(pattern, 2, tf.TextLineReader,
                                                      queue_capacity=0),
        "batch_size": lambda: learn.read_batch_examples(pattern, 20, tf.TextLineReader,
                                                        queue_capacity=20),
        "read_batch_size": lambda: learn.read_batch_examples(pattern, 2, tf.TextLineReader,
                                                             read_batch_size=0),
        "threads": lambda: learn.read_batch_examples(pattern, 2, tf.TextLineReader,
                                                     num_threads=0),
        "epochs": lambda: learn.read_batch_examples(pattern, 2, tf.TextLineReader,
                                                    num_epochs=-1)}
    for name, fn in sorted(calls.items()):
        with tf.Graph().as_default():
            try:
                fn()
                out[name] = "no error"
            except ValueError as e:
                out[name] = str(e).replace(d, "<dir>")
    return out


def cases(tf):
    d = tempfile.mkdtemp()
    try:
        _write(tf, d)
        out = {"examples": _examples(tf, d, 1), "examples_up_to": _examples(tf, d, 2),
               "examples_parse_fn": _examples_parse_fn(tf, d),
               "examples_shuffled": _examples_shuffled(tf, d),
               "keyed_features": _features(tf, d, False),
               "record_features": _features(tf, d, True),
               "errors": _errors(tf, d)}
        return _strip(out, d)
    finally:
        shutil.rmtree(d)


def _strip(v, d):
    """The temporary folder out of the keys ('<dir>/lines_0.txt:3')."""
    if isinstance(v, dict):
        return {k: _strip(x, d) for k, x in v.items()}
    if isinstance(v, list):
        return [_strip(x, d) for x in v]
    if isinstance(v, np.ndarray) and v.dtype.kind in "SO":
        return np.array([x.replace(d.encode(), b"<dir>") if isinstance(x, bytes) else x
                         for x in v.reshape(-1)], dtype=v.dtype).reshape(v.shape)
    return v

"""Sharded TFRecord files (plain and GZIP) written to a temp directory and read back with
list_files, interleave (cycle/block lengths), parallel_interleave (sloppy=False), shard,
skip/take, batched tf.parse_example (FixedLen with defaults, VarLen) and tf.io.decode_raw
of float32/int16 byte features; op counts and every record."""

import hashlib
import os
import tempfile
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


def feat_i(v):
    return tf.train.Feature(int64_list=tf.train.Int64List(value=v))


def feat_f(v):
    return tf.train.Feature(float_list=tf.train.FloatList(value=v))


def feat_b(v):
    return tf.train.Feature(bytes_list=tf.train.BytesList(value=v))


rs = np.random.RandomState(7)
d = tempfile.mkdtemp()
names = []
for shard in range(4):
    opts = tf.python_io.TFRecordOptions(tf.python_io.TFRecordCompressionType.GZIP) \
        if shard % 2 else None
    p = os.path.join(d, "part-%05d-of-00004.tfrecord" % shard)
    names.append(p)
    with tf.python_io.TFRecordWriter(p, options=opts) as w:
        for i in range(5):
            k = shard * 10 + i
            f = {"id": feat_i([k]),
                 "emb": feat_b([rs.randn(3).astype(np.float32).tobytes()]),
                 "pcm": feat_b([(rs.randint(-300, 300, size=4)).astype(np.int16).tobytes()]),
                 "toks": feat_i(list(range(k % 4)))}
            if i % 2 == 0:
                f["score"] = feat_f([float(k) / 7.0])
            w.write(tf.train.Example(features=tf.train.Features(feature=f))
                    .SerializeToString())
print(sorted(os.path.basename(n) for n in os.listdir(d)))
print([len(list(tf.python_io.tf_record_iterator(
    n, tf.python_io.TFRecordOptions(tf.python_io.TFRecordCompressionType.GZIP) if j % 2
    else None))) for j, n in enumerate(names)])

spec = {"id": tf.FixedLenFeature([], tf.int64),
        "score": tf.FixedLenFeature([], tf.float32, default_value=-1.0),
        "emb": tf.FixedLenFeature([], tf.string),
        "pcm": tf.FixedLenFeature([], tf.string),
        "toks": tf.VarLenFeature(tf.int64)}


def parse_batch(recs):
    p = tf.parse_example(recs, spec)
    emb = tf.reshape(tf.io.decode_raw(p["emb"], tf.float32), [-1, 3])
    pcm = tf.io.decode_raw(p["pcm"], tf.int16, little_endian=True)
    return p["id"], p["score"], emb, tf.cast(pcm, tf.int32), p["toks"]


def reader(fn):
    comp = tf.where(tf.strings.regex_full_match(fn, ".*0000[13]-of.*"),
                    tf.constant("GZIP"), tf.constant(""))
    return tf.data.TFRecordDataset(fn, compression_type=comp)


files = tf.data.Dataset.list_files(os.path.join(d, "part-*.tfrecord"), shuffle=False)
plain = files.interleave(reader, cycle_length=2, block_length=2)
par = files.apply(tf.data.experimental.parallel_interleave(
    reader, cycle_length=3, block_length=1, sloppy=False))
sharded = plain.shard(2, 1).skip(1).take(6).batch(4).map(parse_batch)
g = tf.get_default_graph()
print(len(g.get_operations()))
a = plain.batch(20).make_one_shot_iterator().get_next()
b = par.batch(20).make_one_shot_iterator().get_next()
c = sharded.make_one_shot_iterator().get_next()
print(len(g.get_operations()), sorted({o.type for o in g.get_operations()}))
print(plain.output_types, plain.output_shapes, sharded.output_shapes)
with tf.Session() as s:
    ra = s.run(tf.parse_example(a, spec)["id"])
    print(ra.tolist())
    print(s.run(tf.parse_example(b, spec)["id"]).tolist())
    for step in range(3):
        try:
            i, sc, e, pcm, toks = s.run(c)
        except tf.errors.OutOfRangeError:
            print("end", step)
            break
        print(step, i.tolist(), [repr(float(v)) for v in sc], H(e), pcm.tolist())
        print(toks.indices.tolist(), toks.values.tolist(), toks.dense_shape.tolist())

"""The edges of a TFRecord input: an Example's text form (str of the proto), the
TFRecordOptions helpers (get_compression_type_string, NONE), the writer's argument types
(None, str, bytearray) and writes after close (their errors); a truncated and a corrupted
record file and a GZIP file read as plain, by tf_record_iterator and TFRecordDataset
(DataLossError); Dataset.batch of parsed VarLen SparseTensors then map(sparse.to_dense),
tf.data.experimental.parse_example_dataset after batch, an unsorted SparseFeature, decode_raw
of unequal lengths (its error) and tf.train.batch of a parsed SparseTensor; op counts and
values."""

import os
import tempfile
import tensorflow as tf

d = tempfile.mkdtemp()


def ex(i):
    return tf.train.Example(features=tf.train.Features(feature={
        "v": tf.train.Feature(int64_list=tf.train.Int64List(value=list(range(i % 3 + 1)))),
        "f": tf.train.Feature(float_list=tf.train.FloatList(value=[i / 7.0])),
        "raw": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"\x01\x02" * (1 + i % 2)])),
        "ix": tf.train.Feature(int64_list=tf.train.Int64List(value=[3 - i % 4, (5 - i % 4) % 4])),
        "iv": tf.train.Feature(float_list=tf.train.FloatList(value=[i + 0.5, -1.0]))}))


print(str(ex(2)))
Opt = tf.python_io.TFRecordOptions
print(Opt.get_compression_type_string(Opt(tf.python_io.TFRecordCompressionType.GZIP)),
      repr(Opt.get_compression_type_string(Opt(tf.python_io.TFRecordCompressionType.NONE))),
      repr(Opt.get_compression_type_string(None)), Opt.get_compression_type_string("ZLIB"))
good = os.path.join(d, "good.tfr")
with tf.python_io.TFRecordWriter(good) as w:
    for i in range(6):
        w.write(ex(i).SerializeToString())
    w.flush()
for v in ("text", bytearray(b"ba"), None):
    try:
        w.write(v)
    except (TypeError, tf.errors.OpError) as e:
        print(type(e).__name__, str(e).splitlines()[0])
w = tf.python_io.TFRecordWriter(os.path.join(d, "nulls.tfr"))
for v in (None, b"x", "text", bytearray(b"ba")):
    try:
        w.write(v)
    except TypeError as e:
        print(type(e).__name__, e)
w.close()
w.close()
print(list(tf.python_io.tf_record_iterator(os.path.join(d, "nulls.tfr"))))
gz = os.path.join(d, "good.gz")
with tf.python_io.TFRecordWriter(gz, "GZIP") as w:
    w.write(b"abc")
data = open(good, "rb").read()
trunc = os.path.join(d, "trunc.tfr")
open(trunc, "wb").write(data[:-5])
corrupt = os.path.join(d, "corrupt.tfr")
bad = bytearray(data)
bad[20] ^= 0xFF
open(corrupt, "wb").write(bytes(bad))


def drain_iter(p, o=None):
    n = 0
    try:
        for _ in tf.python_io.tf_record_iterator(p, o):
            n += 1
        return n
    except tf.errors.OpError as e:
        return n, type(e).__name__, e.message.splitlines()[0].replace(d, "D")


print(drain_iter(good), drain_iter(trunc), drain_iter(corrupt), drain_iter(gz))

g = tf.get_default_graph()
pth = tf.placeholder(tf.string, [])
it = tf.data.TFRecordDataset(pth).make_initializable_iterator()
nxt = it.get_next()
with tf.Session() as s:
    for p in (trunc, corrupt, gz):
        s.run(it.initializer, {pth: p})
        n = 0
        try:
            while True:
                s.run(nxt)
                n += 1
        except tf.errors.OpError as e:
            print(n, type(e).__name__, e.message.splitlines()[0].replace(d, "D"))

spec = {"v": tf.VarLenFeature(tf.int64), "f": tf.FixedLenFeature([], tf.float32),
        "sp": tf.SparseFeature("ix", "iv", tf.float32, 4, already_sorted=False)}
n0 = len(g.get_operations())
ds1 = tf.data.TFRecordDataset(good).map(lambda r: tf.parse_single_example(r, spec)).batch(4)
ds1 = ds1.map(lambda f: (tf.sparse.to_dense(f["v"], default_value=-1), f["f"],
                         tf.sparse.to_dense(f["sp"])))
n1 = len(g.get_operations())
ds2 = tf.data.TFRecordDataset(good).batch(4).apply(
    tf.data.experimental.parse_example_dataset(spec))
n2 = len(g.get_operations())
print(n1 - n0, n2 - n1, ds1.output_shapes,
      {k: c.__name__ for k, c in ds2.output_classes.items()})
e1 = ds1.make_one_shot_iterator().get_next()
e2 = ds2.make_one_shot_iterator().get_next()
raw = tf.placeholder(tf.string, [None])
dec = tf.decode_raw(raw, tf.uint16)
one = tf.parse_single_example(tf.constant(ex(4).SerializeToString()), spec)
bv, bf = tf.train.batch([one["v"], one["f"]], 2, name="spb")
print(type(bv).__name__, bv.dense_shape.shape, len(g.get_operations()))
with tf.Session() as s:
    for _ in range(2):
        print(s.run(e1))
    for _ in range(2):
        print(s.run(e2))
    print(s.run(dec, {raw: [b"\x01\x02\x03\x04", b"\x05\x06\x07\x08"]}))
    try:
        s.run(dec, {raw: [b"\x01\x02", b"\x01\x02\x03\x04"]})
    except tf.errors.OpError as e:
        print(type(e).__name__, e.message.splitlines()[0])
    try:
        s.run(dec, {raw: [b"\x01\x02\x03"]})
    except tf.errors.OpError as e:
        print(type(e).__name__, e.message.splitlines()[0])
    coord = tf.train.Coordinator()
    th = tf.train.start_queue_runners(s, coord)
    print(s.run([bv, bf]))
    coord.request_stop()
    coord.join(th)

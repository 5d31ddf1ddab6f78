"""The less common parsing specs: SparseFeature (index/value keys, sorted and unsorted),
FixedLenSequenceFeature(allow_missing) in parse_example, FixedLenFeature of shape [2, 2] with
a default, serialize_tensor / parse_tensor and tf.io.decode_compressed (ZLIB/GZIP) of bytes
features; records written with tf.data.experimental.TFRecordWriter and read with
get_single_element, dense_to_sparse_batch; op counts and the parsed values."""

import os
import tempfile
import zlib
import numpy as np
import tensorflow as tf

rs = np.random.RandomState(19)
d = tempfile.mkdtemp()
path = os.path.join(d, "ex.tfrecord")
recs = []
for i in range(6):
    n = i % 4
    idx = sorted(rs.choice(10, n, replace=False).tolist()) if i != 3 else [7, 2, 5]
    f = {"sp_idx": tf.train.Feature(int64_list=tf.train.Int64List(value=idx)),
         "sp_val": tf.train.Feature(float_list=tf.train.FloatList(
             value=[float(v) + 0.25 for v in idx])),
         "blob": tf.train.Feature(bytes_list=tf.train.BytesList(
             value=[zlib.compress(("payload-%d" % i).encode() * (i + 1))]))}
    if i % 2 == 0:
        f["mat"] = tf.train.Feature(float_list=tf.train.FloatList(
            value=[float(i), 1.0, 2.0, float(-i)]))
        f["seq"] = tf.train.Feature(int64_list=tf.train.Int64List(value=list(range(i))))
    recs.append(tf.train.Example(features=tf.train.Features(feature=f)).SerializeToString())
g = tf.get_default_graph()
with tf.Session() as s:
    rec_ds = tf.data.Dataset.from_tensor_slices(tf.constant(recs))
    s.run(tf.data.experimental.TFRecordWriter(path).write(rec_ds))
print(os.path.getsize(path), len(g.get_operations()))

spec = {"sp": tf.SparseFeature(index_key="sp_idx", value_key="sp_val", dtype=tf.float32,
                               size=10, already_sorted=False),
        "mat": tf.FixedLenFeature([2, 2], tf.float32, default_value=[[9.0, 8.0], [7.0, 6.0]]),
        "seq": tf.FixedLenSequenceFeature([], tf.int64, allow_missing=True, default_value=-1),
        "blob": tf.FixedLenFeature([], tf.string)}
all_recs = tf.data.experimental.get_single_element(
    tf.data.TFRecordDataset(path).batch(10))
p = tf.parse_example(all_recs, spec)
raw = tf.io.decode_compressed(p["blob"], compression_type="ZLIB")
print(len(g.get_operations()), p["sp"].dense_shape.shape, p["mat"].shape, p["seq"].shape)
t = tf.constant(np.arange(6, dtype=np.int16).reshape(2, 3))
ser = tf.io.serialize_tensor(t)
back = tf.io.parse_tensor(ser, tf.int16)
gz = tf.io.decode_compressed(tf.constant([b""]), compression_type="")
dsb = tf.data.Dataset.range(7).map(lambda i: tf.fill([i % 3], i)).apply(
    tf.data.experimental.dense_to_sparse_batch(3, [4]))
sb = dsb.make_one_shot_iterator().get_next()
print(len(g.get_operations()), back.shape, dsb.output_shapes)
with tf.Session() as s:
    sp, mat, seq, blob = s.run([p["sp"], p["mat"], p["seq"], raw])
    print(sp.indices.tolist(), sp.values.tolist(), sp.dense_shape.tolist())
    print(mat.tolist())
    print(seq.tolist())
    print([b.decode()[:30] for b in blob])
    sv, bv = s.run([ser, back])
    print(len(sv), sv[:12].hex(), bv.tolist(), bv.dtype, s.run(gz).tolist())
    for _ in range(3):
        v = s.run(sb)
        print(v.indices.tolist(), v.values.tolist(), v.dense_shape.tolist())
    one = tf.parse_single_example(tf.constant(recs[3]), spec)
    o = s.run(one)
    print(o["sp"].indices.tolist(), o["sp"].values.tolist(), o["mat"].tolist(),
          o["seq"].tolist())

"""A tf.data training input from compressed TFRecord shards: tf.python_io.TFRecordWriter with
TFRecordOptions (GZIP, ZLIB with a compression level, the string forms), records read back
with tf_record_iterator; tf.data.TFRecordDataset with compression_type, buffer_size and
num_parallel_reads, the filenames fed to an initializable iterator; map(parse_single_example,
num_parallel_calls) with decode_raw of float32 and big-endian int16 bytes, a seeded shuffle,
filter, padded_batch of a VarLenFeature made dense, repeat; a small softmax classifier
trained with Momentum on it for a few steps; op counts, the batches and losses at full
precision."""

import os
import tempfile
import numpy as np
import tensorflow as tf

tf.set_random_seed(54)
rs = np.random.RandomState(7)
d = tempfile.mkdtemp()
N = 12
X = rs.randn(N, 3).astype(np.float32)
Y = (np.arange(N) // 2) % 3
files = {}
for name, opt in (("g", tf.python_io.TFRecordOptions(tf.python_io.TFRecordCompressionType.GZIP)),
                  ("z", tf.python_io.TFRecordOptions("ZLIB", compression_level=9)),
                  ("p", None)):
    p = os.path.join(d, "shard-%s.tfrecord" % name)
    files[name] = p
    with tf.python_io.TFRecordWriter(p, options=opt) as w:
        for i in range(N):
            if i % 3 != "gzp".index(name):
                continue
            feat = {"x": tf.train.Feature(bytes_list=tf.train.BytesList(value=[X[i].tobytes()])),
                    "q": tf.train.Feature(bytes_list=tf.train.BytesList(
                        value=[np.arange(i % 4 + 1, dtype=">i2").tobytes() * 1])),
                    "toks": tf.train.Feature(int64_list=tf.train.Int64List(
                        value=list(range(i, i + i % 4)))),
                    "y": tf.train.Feature(int64_list=tf.train.Int64List(value=[Y[i]]))}
            w.write(tf.train.Example(features=tf.train.Features(feature=feat))
                    .SerializeToString())
print(os.path.getsize(files["p"]))
for name, ct in (("g", "GZIP"), ("z", "ZLIB"), ("p", "")):
    recs = list(tf.python_io.tf_record_iterator(
        files[name], tf.python_io.TFRecordOptions(ct or None)))
    print(name, len(recs), [len(r) for r in recs])


def parse(rec):
    f = tf.parse_single_example(rec, {"x": tf.FixedLenFeature([], tf.string),
                                      "q": tf.FixedLenFeature([], tf.string),
                                      "toks": tf.VarLenFeature(tf.int64),
                                      "y": tf.FixedLenFeature([], tf.int64)})
    x = tf.reshape(tf.decode_raw(f["x"], tf.float32), [3])
    q = tf.decode_raw(f["q"], tf.int16, little_endian=False)
    return {"x": x, "q": q, "toks": tf.sparse.to_dense(f["toks"])}, f["y"]


g = tf.get_default_graph()
fnames = tf.placeholder(tf.string, [None], name="fnames")
ctype = tf.placeholder_with_default("GZIP", [], name="ctype")
n0 = len(g.get_operations())
ds = tf.data.TFRecordDataset(fnames, compression_type=ctype, buffer_size=256,
                             num_parallel_reads=2)
ds = ds.map(parse, num_parallel_calls=2).shuffle(6, seed=3)
ds = ds.filter(lambda f, y: tf.reduce_sum(f["q"]) < 10)
ds = ds.padded_batch(3, ({"x": [3], "q": [None], "toks": [4]}, []),
                     ({"x": 0.0, "q": tf.constant(-1, tf.int16), "toks": tf.constant(-7, tf.int64)},
                      tf.constant(0, tf.int64)))
ds = ds.repeat(2)
it = ds.make_initializable_iterator()
feats, label = it.get_next()
n1 = len(g.get_operations())
print(n1 - n0, ds.output_shapes, ds.output_types)

w = tf.get_variable("w", [3, 3], initializer=tf.glorot_uniform_initializer(seed=5))
bvar = tf.get_variable("b", [3], initializer=tf.zeros_initializer())
emb = tf.get_variable("emb", [16, 3], initializer=tf.random_normal_initializer(0, 0.1, seed=8))
tok = tf.maximum(feats["toks"], 0)
mask = tf.cast(feats["toks"] >= 0, tf.float32)
bag = tf.reduce_sum(tf.nn.embedding_lookup(emb, tok) * mask[:, :, None], 1)
logits = tf.matmul(feats["x"], w) + bag + bvar
loss = tf.losses.sparse_softmax_cross_entropy(label, logits)
step = tf.train.MomentumOptimizer(0.2, 0.9).minimize(loss)
print(len(g.get_operations()))

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    s.run(it.initializer, {fnames: [files["g"]]})
    while True:
        try:
            print(s.run([feats, label]))
        except tf.errors.OutOfRangeError:
            break
    s.run(it.initializer, {fnames: [files["z"], files["z"]], ctype: "ZLIB"})
    print(s.run(label))
    s.run(it.initializer, {fnames: [files["p"], files["p"]], ctype: ""})
    print(s.run(feats["q"]))
    for ep in range(3):
        s.run(it.initializer, {fnames: [files["g"], files["g"]]})
        ls = []
        while True:
            try:
                ls.append(s.run([loss, step])[0])
            except tf.errors.OutOfRangeError:
                break
        print(ep, [float(v) for v in ls])
    print(s.run(w).tolist(), s.run(bvar).tolist())

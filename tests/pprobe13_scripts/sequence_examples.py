"""tf.train.SequenceExample records (context + feature lists) in a TFRecord file:
tf.parse_single_sequence_example (FixedLen context, FixedLenSequenceFeature, VarLen
sequence features), tf.io.parse_sequence_example on batches, then bucket_by_sequence_length
with padded batches and padding values; lengths, padded tokens and op counts."""

import os
import tempfile
import numpy as np
import tensorflow as tf

rs = np.random.RandomState(3)
path = os.path.join(tempfile.mkdtemp(), "seq.tfrecord")
lens = [3, 7, 1, 5, 9, 2, 6, 4, 8, 3, 5, 1]
with tf.python_io.TFRecordWriter(path) as w:
    for i, n in enumerate(lens):
        toks = rs.randint(1, 50, size=n)
        frames = rs.randn(n, 2).astype(np.float32)
        ctx = tf.train.Features(feature={
            "label": tf.train.Feature(int64_list=tf.train.Int64List(value=[i % 3])),
            "name": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"utt%02d" % i]))})
        fl = tf.train.FeatureLists(feature_list={
            "tok": tf.train.FeatureList(feature=[
                tf.train.Feature(int64_list=tf.train.Int64List(value=[int(t)])) for t in toks]),
            "frame": tf.train.FeatureList(feature=[
                tf.train.Feature(float_list=tf.train.FloatList(value=f.tolist()))
                for f in frames]),
            "alt": tf.train.FeatureList(feature=[
                tf.train.Feature(int64_list=tf.train.Int64List(value=list(range(j % 3))))
                for j in range(n)])})
        w.write(tf.train.SequenceExample(context=ctx, feature_lists=fl).SerializeToString())

ctx_spec = {"label": tf.FixedLenFeature([], tf.int64),
            "name": tf.FixedLenFeature([], tf.string),
            "missing": tf.FixedLenFeature([2], tf.float32, default_value=[0.5, -0.5])}
seq_spec = {"tok": tf.FixedLenSequenceFeature([], tf.int64),
            "frame": tf.FixedLenSequenceFeature([2], tf.float32),
            "alt": tf.VarLenFeature(tf.int64)}


def parse(rec):
    c, s = tf.parse_single_sequence_example(rec, context_features=ctx_spec,
                                            sequence_features=seq_spec)
    return {"label": c["label"], "name": c["name"], "missing": c["missing"],
            "tok": tf.cast(s["tok"], tf.int32), "frame": s["frame"],
            "alt_n": tf.size(s["alt"].values), "len": tf.shape(s["tok"])[0]}


g = tf.get_default_graph()
ds = tf.data.TFRecordDataset(path).map(parse)
print(len(g.get_operations()))
print(sorted(ds.output_shapes.items()))
bucketed = ds.apply(tf.data.experimental.bucket_by_sequence_length(
    element_length_func=lambda d: d["len"], bucket_boundaries=[3, 6],
    bucket_batch_sizes=[3, 2, 2], padded_shapes=None,
    padding_values={"label": tf.constant(-1, tf.int64), "name": "", "missing": 0.0,
                    "tok": -7, "frame": 9.5, "alt_n": 0, "len": 0},
    pad_to_bucket_boundary=False))
nxt = bucketed.make_one_shot_iterator().get_next()
batch = tf.data.TFRecordDataset(path).batch(5).make_one_shot_iterator().get_next()
c2, s2, l2 = tf.io.parse_sequence_example(batch, context_features=ctx_spec,
                                          sequence_features=seq_spec)
print(len(g.get_operations()))
print(sorted((k, str(v.shape)) for k, v in s2.items() if hasattr(v, "shape")))
with tf.Session() as s:
    while True:
        try:
            b = s.run(nxt)
        except tf.errors.OutOfRangeError:
            break
        print([n.decode() for n in b["name"]], b["len"].tolist(), b["label"].tolist(),
              b["tok"].tolist(), b["alt_n"].tolist())
        print([[repr(float(v)) for v in r.ravel()[:4]] for r in b["frame"]],
              b["missing"].tolist())
    cv, sv, lv = s.run([c2, s2, l2])
    print(cv["name"].tolist(), sv["tok"].tolist(), {k: v.tolist() for k, v in lv.items()})
    print(sv["frame"].shape, sv["alt"].dense_shape.tolist(), sv["alt"].indices[:6].tolist())

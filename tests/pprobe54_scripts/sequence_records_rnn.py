"""tf.train.SequenceExamples (context features + FeatureLists, one feature list empty, one
missing) in a ZLIB TFRecord file read with TFRecordDataset: tf.parse_single_sequence_example
in a map (context FixedLen with a default and VarLen, FixedLenSequenceFeature of shape [2],
allow_missing with a default, VarLen sequence tokens), a seeded shuffle and padded_batch;
tf.io.parse_sequence_example of a batch (its lengths); a GRU over the padded frames with
sequence_length, trained a few RMSProp steps; op counts, the parsed values and losses at
full precision."""

import os
import tempfile
import numpy as np
import tensorflow as tf

tf.set_random_seed(3)
rs = np.random.RandomState(13)
path = os.path.join(tempfile.mkdtemp(), "seq.tfrecord")
opts = tf.python_io.TFRecordOptions(tf.python_io.TFRecordCompressionType.ZLIB)
lens = [3, 1, 4, 2, 5, 2, 3, 0]
sers = []
with tf.python_io.TFRecordWriter(path, options=opts) as w:
    for i, n in enumerate(lens):
        se = tf.train.SequenceExample()
        if i % 3:
            se.context.feature["label"].float_list.value.append(float(i % 2) * 1.5 - 0.5)
        se.context.feature["tags"].bytes_list.value.extend([b"c%d" % j for j in range(i % 3)])
        fl = se.feature_lists.feature_list
        frames = rs.randn(n, 2).astype(np.float32)
        fl["frames"].SetInParent()
        for t in range(n):
            fl["frames"].feature.add().float_list.value.extend(frames[t].tolist())
            fl["toks"].feature.add().int64_list.value.extend(range(t % 3))
        if i % 2:
            for t in range(n):
                fl["aux"].feature.add().float_list.value.append(t * 0.25)
        elif i == 4:
            fl["aux"].SetInParent()
        b = se.SerializeToString()
        sers.append(b)
        w.write(b)
print([len(b) for b in sers])

ctx = {"label": tf.FixedLenFeature([], tf.float32, default_value=0.25),
       "tags": tf.VarLenFeature(tf.string)}
seqf = {"frames": tf.FixedLenSequenceFeature([2], tf.float32),
        "aux": tf.FixedLenSequenceFeature([], tf.float32, allow_missing=True),
        "toks": tf.VarLenFeature(tf.int64)}


def parse(rec):
    c, s = tf.parse_single_sequence_example(rec, ctx, seqf)
    return {"label": c["label"], "ntags": tf.size(c["tags"].values),
            "frames": s["frames"], "aux": s["aux"],
            "ntok": tf.sparse.reduce_sum(tf.SparseTensor(
                s["toks"].indices, tf.ones_like(s["toks"].values), s["toks"].dense_shape), 1),
            "len": tf.shape(s["frames"])[0]}


g = tf.get_default_graph()
n0 = len(g.get_operations())
ds = tf.data.TFRecordDataset(path, "ZLIB").map(parse)
n1 = len(g.get_operations())
ds = ds.filter(lambda f: f["len"] > 0).shuffle(8, seed=4)
ds = ds.padded_batch(3, {"label": [], "ntags": [], "frames": [None, 2], "aux": [None],
                         "ntok": [None], "len": []},
                     {"label": 0.0, "ntags": 0, "frames": 0.0, "aux": -1.0,
                      "ntok": tf.constant(-1, tf.int64), "len": 0})
it = ds.repeat(3).make_one_shot_iterator()
f = it.get_next()
print(n1 - n0, len(g.get_operations()) - n1, sorted(f))

bp = tf.placeholder(tf.string, [None])
n2 = len(g.get_operations())
bc, bs, blens = tf.io.parse_sequence_example(bp, ctx, seqf)
print(len(g.get_operations()) - n2, sorted(blens), {k: v.dtype.name for k, v in blens.items()})

cell = tf.nn.rnn_cell.GRUCell(3, kernel_initializer=tf.glorot_uniform_initializer(seed=6))
outs, last = tf.nn.dynamic_rnn(cell, f["frames"], sequence_length=f["len"], dtype=tf.float32)
pred = tf.layers.dense(last, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=7))[:, 0]
loss = tf.reduce_mean(tf.square(pred - f["label"]))
step = tf.train.RMSPropOptimizer(0.05).minimize(loss)
print(len(g.get_operations()))

with tf.Session() as s:
    r = s.run([bc, bs, blens], {bp: sers[:5]})
    for part in r:
        for k in sorted(part):
            print(k, repr(part[k]))
    s.run(tf.global_variables_initializer())
    first = s.run(f)
    for k in sorted(first):
        print(k, repr(first[k]))
    ls = []
    while True:
        try:
            ls.append(float(s.run([loss, step])[0]))
        except tf.errors.OutOfRangeError:
            break
    print(ls)
    print(s.run(cell.trainable_variables[0]).tolist())

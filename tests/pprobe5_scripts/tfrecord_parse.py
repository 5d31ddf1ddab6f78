"""Write a TFRecord file of tf.train.Examples (float list, int64, bytes, var-length), read it
back with tf.data.TFRecordDataset + tf.parse_single_example (FixedLen, VarLen -> dense),
batch, and train a logistic regression on it."""

import hashlib
import os
import tempfile
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(41)
rs = np.random.RandomState(42)
path = os.path.join(tempfile.mkdtemp(), "d.tfrecord")
with tf.python_io.TFRecordWriter(path) as w:
    for i in range(12):
        f = rs.randn(4).astype(np.float32)
        ex = tf.train.Example(
            features=tf.train.Features(
                feature={
                    "x": tf.train.Feature(float_list=tf.train.FloatList(value=f.tolist())),
                    "y": tf.train.Feature(int64_list=tf.train.Int64List(value=[int(f.sum() > 0)])),
                    "tag": tf.train.Feature(
                        bytes_list=tf.train.BytesList(value=[b"t%d" % (i % 3)])
                    ),
                    "v": tf.train.Feature(int64_list=tf.train.Int64List(value=list(range(i % 4)))),
                }
            )
        )
        w.write(ex.SerializeToString())
spec = {
    "x": tf.FixedLenFeature([4], tf.float32),
    "y": tf.FixedLenFeature([], tf.int64),
    "tag": tf.FixedLenFeature([], tf.string),
    "v": tf.VarLenFeature(tf.int64),
}


def parse(r):
    d = tf.parse_single_example(r, spec)
    v = tf.sparse.to_dense(d["v"])
    return d["x"], tf.cast(d["y"], tf.float32), d["tag"], tf.cast(tf.reduce_sum(v), tf.float32)


ds = tf.data.TFRecordDataset(path).map(parse).repeat().batch(4)
x, y, tag, vs = ds.make_one_shot_iterator().get_next()
w = tf.get_variable("w", [4, 1], initializer=tf.random_normal_initializer(seed=1))
b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
logit = tf.squeeze(tf.matmul(x, w), 1) + b + 0.01 * vs
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=logit))
train = tf.train.AdamOptimizer(0.1).minimize(loss)
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for i in range(6):
        lv, t, _ = s.run([loss, tag, train])
        print(i, repr(float(lv)), t.tolist())
    print(H(s.run(w)), repr(s.run(b).tolist()))

"""tf.summary in a training loop as the TensorBoard tutorial writes it: scalar, histogram,
text and image summaries in two collections merged separately, FileWriter.add_summary with
steps, add_session_log, and every event read back with tf.train.summary_iterator (steps,
tags, values, histogram buckets, image sizes and decoded pixels)."""
import glob
import hashlib
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


d = tempfile.mkdtemp()
tf.set_random_seed(101)
rs = np.random.RandomState(102)
x = tf.constant(rs.randn(16, 4).astype(np.float32))
w = tf.get_variable("w", [4, 2], initializer=tf.random_normal_initializer(seed=1))
out = tf.matmul(x, w)
loss = tf.reduce_mean(tf.square(out - 1.0))
gs = tf.train.get_or_create_global_step()
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=gs)
with tf.name_scope("train"):
    tf.summary.scalar("loss", loss, collections=["train"])
    tf.summary.histogram("w", w, collections=["train"])
with tf.name_scope("eval"):
    img = tf.reshape(tf.sigmoid(out[:8]), [1, 4, 4, 1])
    tf.summary.image("out", img, collections=["eval"])
    tf.summary.text("note", tf.constant("step done"), collections=["eval"])
train_sum = tf.summary.merge_all("train")
eval_sum = tf.summary.merge_all("eval")
print(train_sum.op.type, [i.name for i in eval_sum.op.inputs])
writer = tf.summary.FileWriter(d)
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    writer.add_session_log(tf.SessionLog(status=tf.SessionLog.START), 0)
    for i in range(4):
        s.run(train)
        ts, step = s.run([train_sum, gs])
        writer.add_summary(ts, step)
        if i % 2 == 1:
            writer.add_summary(s.run(eval_sum), step)
writer.close()
files = glob.glob(os.path.join(d, "events.out.tfevents.*"))
print(len(files))
for e in tf.train.summary_iterator(files[0]):
    what = e.WhichOneof("what")
    row = [e.step, what]
    if what == "summary":
        for v in e.summary.value:
            kind = v.WhichOneof("value")
            if kind == "simple_value":
                row.append((v.tag, repr(v.simple_value)))
            elif kind == "histo":
                row.append((v.tag, repr(v.histo.min), repr(v.histo.max), repr(v.histo.sum_squares),
                            [repr(c) for c in v.histo.bucket if c], len(v.histo.bucket_limit)))
            elif kind == "image":
                px = tf.image.decode_png(v.image.encoded_image_string)
                with tf.Session() as s2:
                    row.append((v.tag, v.image.height, v.image.width, v.image.colorspace,
                                H(s2.run(px))))
            elif kind == "tensor":
                row.append((v.tag, v.metadata.plugin_data.plugin_name,
                            tf.make_ndarray(v.tensor).tolist()))
    elif what == "session_log":
        row.append(e.session_log.status)
    elif what == "file_version":
        row.append(e.file_version)
    print(row)
shutil.rmtree(d)

"""Stanford CS20 (lecture 5): summaries written to a temporary folder and read back: the
book-style _create_summaries in tf.name_scope("summaries") with tf.summary.scalar and
tf.summary.histogram, merged by tf.summary.merge_all, written with a tf.summary.FileWriter
after each training step in a run of its own (fetched with the train op the summaries
read the variables before or after the update as TF's scheduling falls), at each global
step (a global_step variable passed to minimize), then read back with
tf.train.summary_iterator (tags, steps, simple values, histogram min/max/num/sum) and
parsed from the merged string with tf.Summary.FromString; op counts."""
import glob
import os
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.set_random_seed(1681)
rs = np.random.RandomState(1682)
Xd = rs.randn(32, 4).astype(np.float32)
yd = (Xd.dot([1.0, -2.0, 0.5, 0.0]) + 0.1 * rs.randn(32)).astype(np.float32)
X = tf.placeholder(tf.float32, [None, 4], name="X")
Y = tf.placeholder(tf.float32, [None], name="Y")
w = tf.get_variable("w", [4, 1], initializer=tf.random_normal_initializer(seed=1683))
bias = tf.get_variable("b", [], initializer=tf.zeros_initializer())
pred = tf.squeeze(tf.matmul(X, w), 1) + bias
loss = tf.reduce_mean(tf.square(pred - Y), name="loss")
global_step = tf.Variable(0, dtype=tf.int32, trainable=False, name="global_step")
opt = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=global_step)
with tf.name_scope("summaries"):
    tf.summary.scalar("loss", loss)
    tf.summary.scalar("bias", bias)
    tf.summary.histogram("histogram_loss", tf.square(pred - Y))
    tf.summary.histogram("w", w)
    summary_op = tf.summary.merge_all()
g = tf.get_default_graph()
print(len(g.get_operations()), summary_op.name, [t.name for t in tf.get_collection("summaries")])

tmp = tempfile.mkdtemp()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    writer = tf.summary.FileWriter(os.path.join(tmp, "lr"))
    for i in range(6):
        sess.run(opt, feed_dict={X: Xd, Y: yd})
        summary = sess.run(summary_op, feed_dict={X: Xd, Y: yd})
        writer.add_summary(summary, global_step=sess.run(global_step))
    writer.close()
    s = tf.Summary.FromString(summary)
    print([(v.tag, v.WhichOneof("value")) for v in s.value])
files = glob.glob(os.path.join(tmp, "lr", "events.out.tfevents.*"))
print(len(files))
for e in tf.train.summary_iterator(files[0]):
    for v in e.summary.value:
        if v.HasField("simple_value"):
            print(e.step, v.tag, repr(v.simple_value))
        elif v.HasField("histo"):
            h = v.histo
            print(e.step, v.tag, repr(h.min), repr(h.max), repr(h.num), repr(h.sum),
                  repr(h.sum_squares), len(h.bucket), len(h.bucket_limit))
    if e.HasField("file_version"):
        print(e.step, e.file_version)
shutil.rmtree(tmp)

"""tf.summary.tensor_summary and tf.summary.text in a seeded TF1 loop: tensors of several
dtypes and shapes (float32 matrix, int64 vector, a string scalar and a 2-d string tensor,
bool), summary_description and display_name metadata, name scopes and families, merge with
collections, written by FileWriter.add_summary at steps and read back with
tf.train.summary_iterator (tags, steps, plugin names and content, tensor_proto dtype / shape
/ values through tf.make_ndarray, hashed); op names and counts."""

import glob
import hashlib
import shutil
import tempfile

import numpy as np
import tensorflow as tf

tf.set_random_seed(4521)
rs = np.random.RandomState(4522)
d = tempfile.mkdtemp()

x = tf.placeholder(tf.float32, [3, 2], name="x")
w = tf.get_variable("w", [2, 2], initializer=tf.random_normal_initializer(seed=5))
y = tf.matmul(x, w)
step = tf.placeholder(tf.int64, [], name="step")
with tf.name_scope("probe"):
    s1 = tf.summary.tensor_summary("y", y, summary_description="the product")
    s2 = tf.summary.tensor_summary("ids", tf.range(step, step + 4), collections=["ints"])
    s3 = tf.summary.text("note", tf.strings.format("step {} of {}", (step, 3)))
    s4 = tf.summary.text("table", tf.constant([["a", "b"], ["c", "dd"]]), collections=["ints"])
    s5 = tf.summary.tensor_summary("flags", tf.greater(y, 0.0), display_name="Flags",
                                   family=None)
merged = tf.summary.merge_all()
ints = tf.summary.merge_all("ints")
print("ops", len(tf.get_default_graph().get_operations()))
print([t.name for t in (s1, s2, s3, s4, s5, merged, ints)])
print([t.op.type for t in (s1, s2, s3, s4, s5, merged, ints)])
print(sorted(tf.get_default_graph().get_all_collection_keys()))

xs = rs.randn(3, 2).astype(np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    wr = tf.summary.FileWriter(d)
    for i in range(3):
        m, k = sess.run([merged, ints], {x: xs * (i + 1), step: i})
        wr.add_summary(m, i)
        if i != 1:
            wr.add_summary(k, 10 + i)
    wr.close()

for path in sorted(glob.glob(d + "/events.*")):
    for ev in tf.train.summary_iterator(path):
        if not ev.HasField("summary"):
            print("event", ev.WhichOneof("what"))
            continue
        for v in ev.summary.value:
            md = v.metadata
            print(ev.step, v.tag, v.WhichOneof("value"), md.plugin_data.plugin_name,
                  md.plugin_data.content, repr(md.display_name), repr(md.summary_description))
            a = tf.make_ndarray(v.tensor)
            if a.dtype == object:
                print("  ", a.shape, a.tolist())
            else:
                print("  ", a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12],
                      repr(a.ravel()[:3].tolist()))
shutil.rmtree(d)

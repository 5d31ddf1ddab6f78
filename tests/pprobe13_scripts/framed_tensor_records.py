"""Records framed in the graph: each element's int32 tensor serialized with
tf.io.serialize_tensor and prefixed with a tag by string `+` inside Dataset.map (records
whose last bytes are NULs), written with tf.data.experimental.TFRecordWriter to a temp
directory, read back, the tag stripped with tf.strings.substr and parse_tensor; record
lengths, byte hashes and the tensors."""

import hashlib
import os
import tempfile
import tensorflow as tf

path = os.path.join(tempfile.mkdtemp(), "framed.tfrecord")
ds = tf.data.Dataset.range(5).map(
    lambda i: tf.constant(b"T1|") + tf.io.serialize_tensor(
        tf.cast(tf.range(i + 2) * (i % 2) * 256, tf.int32)))
write = tf.data.experimental.TFRecordWriter(path).write(ds)
back = tf.data.TFRecordDataset(path).map(
    lambda r: (tf.strings.length(r), tf.io.parse_tensor(tf.strings.substr(r, 3, -1), tf.int32)))
nxt = back.make_one_shot_iterator().get_next()
print(len(tf.get_default_graph().get_operations()))
with tf.Session() as s:
    s.run(write)   # (TF's file may still be filling while the run returns: read it later)
with tf.Session() as s:
    for r in tf.python_io.tf_record_iterator(path):
        print(len(r), hashlib.md5(r).hexdigest()[:12])
    for _ in range(5):
        n, t = s.run(nxt)
        print(n, t.tolist())
print(os.path.getsize(path))

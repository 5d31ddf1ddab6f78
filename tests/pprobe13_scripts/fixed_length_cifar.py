"""CIFAR-style binary records: files of fixed-length records (header and footer bytes) written
to a temp directory, read with FixedLengthRecordDataset (and a GZIP copy) and with
tf.FixedLengthRecordReader in a queue; decode_raw to uint8, label / image slicing,
transpose to HWC, per_image_standardization, random crop/flip with op seeds, shuffle(seed)
and batch; op counts, labels and image hashes."""

import gzip
import hashlib
import os
import tempfile
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(71)
rs = np.random.RandomState(4)
d = tempfile.mkdtemp()
REC = 1 + 3 * 6 * 6
paths = []
for k in range(2):
    p = os.path.join(d, "data_batch_%d.bin" % (k + 1))
    paths.append(p)
    body = b"".join(bytes([(k * 5 + i) % 10]) + rs.randint(0, 256, 108).astype(np.uint8).tobytes()
                    for i in range(5))
    with open(p, "wb") as f:
        f.write(b"HDR!" + body + b"FT")
with open(paths[0], "rb") as f, gzip.open(paths[0] + ".gz", "wb") as z:
    z.write(f.read())
g = tf.get_default_graph()


def decode(rec):
    raw = tf.decode_raw(rec, tf.uint8)
    label = tf.cast(tf.strided_slice(raw, [0], [1]), tf.int32)
    img = tf.reshape(tf.strided_slice(raw, [1], [REC]), [3, 6, 6])
    img = tf.cast(tf.transpose(img, [1, 2, 0]), tf.float32)
    return img, tf.reshape(label, [])


def augment(img, label):
    img = tf.random_crop(img, [4, 4, 3], seed=3)
    img = tf.image.random_flip_left_right(img, seed=5)
    return tf.image.per_image_standardization(img), label


ds = tf.data.FixedLengthRecordDataset(paths, REC, header_bytes=4, footer_bytes=2)
gz = tf.data.FixedLengthRecordDataset(paths[0] + ".gz", REC, header_bytes=4, footer_bytes=2,
                                      compression_type="GZIP")
train = ds.map(decode).map(augment).shuffle(10, seed=9).batch(4)
print(len(g.get_operations()), train.output_shapes)
fq = tf.train.string_input_producer(paths, shuffle=False, num_epochs=1)
reader = tf.FixedLengthRecordReader(REC, header_bytes=4, footer_bytes=2)
key, value = reader.read(fq)
qimg, qlab = decode(value)
print(len(g.get_operations()))
with tf.Session() as s:
    it = train.make_initializable_iterator()
    nxt = it.get_next()
    for ep in range(2):
        s.run(it.initializer)
        while True:
            try:
                x, y = s.run(nxt)
            except tf.errors.OutOfRangeError:
                break
            print(ep, y.tolist(), H(x), repr(float(x[0, 0, 0, 0])))
    gl = s.run(gz.map(decode).batch(10).make_one_shot_iterator().get_next())
    print(gl[1].tolist(), H(gl[0]))
    s.run(tf.local_variables_initializer())
    coord = tf.train.Coordinator()
    th = tf.train.start_queue_runners(s, coord)
    out = []
    try:
        while True:
            k, im, lb = s.run([key, qimg, qlab])
            out.append((os.path.basename(k.decode()), int(lb), H(im)[2]))
    except tf.errors.OutOfRangeError:
        pass
    coord.request_stop()
    coord.join(th)
    print(out)
    print(s.run(reader.num_records_produced()), s.run(reader.num_work_units_completed()))

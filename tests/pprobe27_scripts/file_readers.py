"""File readers over small files written to a temp directory: WholeFileReader of PNG and
raw files (match_filenames_once, a local variable, into string_input_producer with a
seeded shuffle and num_epochs=2: the epoch order), read and read_up_to, decode_png and
decode_raw, the reader's produced / completed counters and reset; FixedLengthRecordReader
with hop_bytes (overlapping records) and a ZLIB-encoded file, TextLineReader.read_up_to
stopping at each file's end; string_input_producer / input_producer reshuffled per epoch
by the graph seed alone; OutOfRangeError at the end; op counts, runners, local variables."""

import hashlib
import os
import re
import tempfile
import zlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(5)
rs = np.random.RandomState(6)
d = tempfile.mkdtemp()
imgs = [rs.randint(0, 256, (2 + k, 3, 3)).astype(np.uint8) for k in range(4)]
with tf.Graph().as_default(), tf.Session() as s:
    ph = tf.placeholder(tf.uint8, [None, 3, 3])
    enc = tf.image.encode_png(ph)
    for k, im in enumerate(imgs):
        with open(os.path.join(d, "img%d.png" % k), "wb") as f:
            f.write(s.run(enc, {ph: im}))
for k in range(3):
    with open(os.path.join(d, "blob%d.raw" % k), "wb") as f:
        f.write(np.arange(4 * (k + 1), dtype=np.int16).tobytes())
bins = []
for k in range(2):
    bins.append(os.path.join(d, "f%d.bin" % k))
    with open(bins[-1], "wb") as f:
        f.write(b"HH" + bytes(range(10 * k, 10 * k + 10)) + b"T")
with open(os.path.join(d, "z.bin"), "wb") as f:
    f.write(zlib.compress(b"HH" + bytes(range(40, 50)) + b"T"))
texts = []
for k in range(2):
    texts.append(os.path.join(d, "t%d.txt" % k))
    with open(texts[-1], "w") as f:
        f.write("".join("r%d_%d\n" % (k, i) for i in range(3 + k)))

g = tf.get_default_graph()
names = tf.train.match_filenames_once(os.path.join(d, "img*.png"))
fq = tf.train.string_input_producer(names, num_epochs=2, shuffle=True, seed=3)
reader = tf.WholeFileReader(name="wfr")
key, val = reader.read(fq)
img = tf.image.decode_png(val, channels=3)
print(len(g.get_operations()), img.shape)
raw_q = tf.train.string_input_producer(
    tf.constant(sorted(os.path.join(d, "blob%d.raw" % k) for k in range(3))),
    num_epochs=1, shuffle=False, name="rawq")
r2 = tf.WholeFileReader()
keys, vals = r2.read_up_to(raw_q, 2)
print(len(g.get_operations()), keys.shape, vals.shape)
one_key, one_val = r2.read(raw_q)
ints = tf.decode_raw(one_val, tf.int16)
bq = tf.train.string_input_producer(bins, num_epochs=1, shuffle=False, name="fq")
hop_k, hop_v = tf.FixedLengthRecordReader(4, header_bytes=2, footer_bytes=1,
                                          hop_bytes=3).read_up_to(bq, 3)
zq = tf.train.string_input_producer([os.path.join(d, "z.bin")], num_epochs=1,
                                    shuffle=False, name="zq")
z_k, z_v = tf.FixedLengthRecordReader(5, header_bytes=2, footer_bytes=1,
                                      encoding="ZLIB").read(zq)
tq = tf.train.string_input_producer(texts, num_epochs=1, shuffle=False, name="tq")
t_k, t_v = tf.TextLineReader().read_up_to(tq, 4)
s3 = tf.train.string_input_producer(["a", "b", "c", "d", "e"], num_epochs=3).dequeue()
s4 = tf.train.input_producer(tf.reshape(tf.range(8), [4, 2]), num_epochs=2,
                             shuffle=True).dequeue()
print(len(g.get_operations()))
print(sorted(qr.name for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)))
print(sorted(v.op.name for v in tf.local_variables()))

with tf.Session() as s:
    s.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    print(sorted(os.path.basename(n.decode()) for n in s.run(names)))
    coord = tf.train.Coordinator()
    th = tf.train.start_queue_runners(s, coord)
    out = []
    try:
        while True:
            k, im = s.run([key, img])
            out.append((os.path.basename(k.decode()), H(im)))
    except tf.errors.OutOfRangeError as e:
        # (the queue's resource id races with the runner threads in TF)
        print(type(e).__name__, re.sub(r"'_\d+_", "'_N_", e.message.splitlines()[0]))
    for o in out:
        print(o)
    print(s.run([reader.num_records_produced(), reader.num_work_units_completed()]))
    ks, vs = s.run([keys, vals])
    print([os.path.basename(k.decode()) for k in ks], [len(v) for v in vs])
    k, v = s.run([one_key, ints])
    print(os.path.basename(k.decode()), v.tolist())
    try:
        s.run(one_key)
    except tf.errors.OutOfRangeError as e:
        print(type(e).__name__)
    print(s.run([r2.num_records_produced(), r2.num_work_units_completed()]))
    s.run(r2.reset())
    print(s.run([r2.num_records_produced(), r2.num_work_units_completed()]))

    def drain(t):
        out = []
        try:
            while True:
                out.append(s.run(t))
        except tf.errors.OutOfRangeError:
            return out

    for kk, vv in drain([hop_k, hop_v]):
        print([os.path.basename(x.decode()) for x in kk], [list(x) for x in vv])
    for kk, vv in drain([z_k, z_v]):
        print(os.path.basename(kk.decode()), list(vv))
    for kk, vv in drain([t_k, t_v]):
        print([os.path.basename(x.decode()) for x in kk], vv.tolist())
    print(drain(s3))
    print([x.tolist() for x in drain(s4)])
    coord.request_stop()
    coord.join(th)

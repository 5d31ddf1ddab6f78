"""The TF1 queue input pipeline over GZIP TFRecord files, made deterministic by running the
queue runners' enqueue ops in the main thread: string_input_producer(shuffle=True, seed,
num_epochs) (the filename order of each epoch), TFRecordReader(options) read_up_to into
tf.parse_example, tf.train.batch(enqueue_many=True) and a seeded tf.train.shuffle_batch
(enqueue_many, min_after_dequeue) of parsed features, drained after the inputs closed,
feeding a two-layer regression trained with Adam; queue runner names, op counts, the
batches and losses at full precision."""

import os
import tempfile
import numpy as np
import tensorflow as tf

tf.set_random_seed(154)
rs = np.random.RandomState(21)
d = tempfile.mkdtemp()
opts = tf.python_io.TFRecordOptions(tf.python_io.TFRecordCompressionType.GZIP)
paths = []
k = 0
for f in range(3):
    p = os.path.join(d, "part-%d.tfr.gz" % f)
    paths.append(p)
    with tf.python_io.TFRecordWriter(p, options=opts) as w:
        for i in range(4):
            x = rs.randn(2).astype(np.float32)
            feat = {"x": tf.train.Feature(float_list=tf.train.FloatList(value=x)),
                    "k": tf.train.Feature(int64_list=tf.train.Int64List(value=[k])),
                    "y": tf.train.Feature(float_list=tf.train.FloatList(
                        value=[float(x[0] * 2 - x[1] + 0.5)]))}
            w.write(tf.train.Example(features=tf.train.Features(feature=feat))
                    .SerializeToString())
            k += 1

g = tf.get_default_graph()
fq = tf.train.string_input_producer(paths, num_epochs=2, shuffle=True, seed=11,
                                    capacity=8, name="files")
reader = tf.TFRecordReader(options=opts, name="rd")
keys, recs = reader.read_up_to(fq, 3)
parsed = tf.parse_example(recs, {"x": tf.FixedLenFeature([2], tf.float32),
                                 "k": tf.FixedLenFeature([], tf.int64),
                                 "y": tf.FixedLenFeature([1], tf.float32)})
n0 = len(g.get_operations())
sb = tf.train.shuffle_batch([parsed["x"], parsed["y"], parsed["k"]], batch_size=4,
                            capacity=30, min_after_dequeue=5, enqueue_many=True, seed=2,
                            num_threads=1, allow_smaller_final_batch=True, name="sb")
n1 = len(g.get_operations())
print(n1 - n0, [t.shape.as_list() for t in sb], [t.name for t in sb])
qrs = tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)
print([(q.name, len(q.enqueue_ops)) for q in qrs])

x, y, kk = sb
h = tf.layers.dense(x, 4, tf.nn.relu, kernel_initializer=tf.glorot_uniform_initializer(seed=1),
                    name="h")
out = tf.layers.dense(h, 1, kernel_initializer=tf.glorot_uniform_initializer(seed=2), name="o")
loss = tf.losses.mean_squared_error(y, out)
step = tf.train.AdamOptimizer(0.05).minimize(loss)
print(len(g.get_operations()), [v.name for v in tf.local_variables()])

with tf.Session() as s:
    s.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    files_qr, sb_qr = qrs
    for _ in range(2):                      # every epoch of shuffled filenames
        s.run(files_qr.enqueue_ops[0])
    try:
        s.run(files_qr.enqueue_ops[0])
    except tf.errors.OutOfRangeError as e:
        print("producer", type(e).__name__)
    s.run(files_qr.close_op)
    n_enq = 0
    while True:                             # read everything into the shuffle queue
        try:
            s.run(sb_qr.enqueue_ops[0])
            n_enq += 1
        except tf.errors.OutOfRangeError:
            break
    s.run(sb_qr.close_op)
    print("enqueued", n_enq, s.run(sb_qr.queue.size()))
    ls = []
    while True:
        try:
            kv, lv, _ = s.run([kk, loss, step])
        except tf.errors.OutOfRangeError:
            break
        ls.append(float(lv))
        print(kv.tolist())
    print(ls)
    print(s.run(tf.trainable_variables()[0]).tolist())

# a second pipeline: ordered batches of the same files (one epoch, no shuffle)
fq2 = tf.train.string_input_producer(paths, num_epochs=1, shuffle=False, name="files2")
r2 = tf.TFRecordReader(options=opts, name="rd2")
k2, v2 = r2.read_up_to(fq2, 5)
p2 = tf.parse_example(v2, {"k": tf.FixedLenFeature([], tf.int64),
                           "x": tf.FixedLenFeature([2], tf.float32)})
kb, xb, keyb = tf.train.batch([p2["k"], p2["x"], k2], 5, enqueue_many=True,
                              allow_smaller_final_batch=True, name="ob")
with tf.Session() as s:
    s.run(tf.local_variables_initializer())
    coord = tf.train.Coordinator()
    th = tf.train.start_queue_runners(s, coord)
    while True:
        try:
            a, b, c = s.run([kb, xb, keyb])
        except tf.errors.OutOfRangeError:
            break
        print(a.tolist(), b.tolist(), [os.path.basename(t.decode()) for t in c])
    coord.request_stop()
    coord.join(th)

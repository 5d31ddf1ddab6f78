"""The queue-based TFRecord pipeline: string_input_producer over files written to a temp
directory (num_epochs, a local epoch counter), tf.TFRecordReader read / read_up_to,
parse_single_example and parse_example, tf.train.batch (one thread: a fixed order),
shuffle_batch with a seed and batch_join over two readers (their order races between
threads in TF: printed sorted), QueueRunners under a Coordinator; the queue runners,
local variables, op counts and the records."""

import os
import tempfile
import tensorflow as tf

tf.set_random_seed(61)
d = tempfile.mkdtemp()
files = []
for k in range(3):
    p = os.path.join(d, "train-%d.tfr" % k)
    files.append(p)
    with tf.python_io.TFRecordWriter(p) as w:
        for i in range(4):
            v = 10 * k + i
            w.write(tf.train.Example(features=tf.train.Features(feature={
                "v": tf.train.Feature(int64_list=tf.train.Int64List(value=[v])),
                "x": tf.train.Feature(float_list=tf.train.FloatList(
                    value=[v / 4.0, -v / 8.0])),
                "s": tf.train.Feature(bytes_list=tf.train.BytesList(value=[b"r%02d" % v]))
            })).SerializeToString())
spec = {"v": tf.FixedLenFeature([], tf.int64), "x": tf.FixedLenFeature([2], tf.float32),
        "s": tf.FixedLenFeature([], tf.string)}
g = tf.get_default_graph()

# 1. one reader, batch with one thread: the order is fixed
fq = tf.train.string_input_producer(files, num_epochs=2, shuffle=False, name="fq")
key, rec = tf.TFRecordReader(name="r1").read(fq)
ex = tf.parse_single_example(rec, spec)
kb, vb, xb = tf.train.batch([key, ex["v"], ex["x"]], batch_size=5, num_threads=1,
                            capacity=32, allow_smaller_final_batch=True)
print(len(g.get_operations()), kb.shape, vb.shape, xb.shape)

# 2. read_up_to into a batched parse, shuffle_batch (seeded)
fq2 = tf.train.string_input_producer(files, num_epochs=1, shuffle=True, seed=7, name="fq2")
_, recs = tf.TFRecordReader(name="r2").read_up_to(fq2, 3)
pe = tf.parse_example(recs, spec)
sv, ss = tf.train.shuffle_batch([pe["v"], pe["s"]], batch_size=4, capacity=20,
                                min_after_dequeue=2, num_threads=1, seed=5, enqueue_many=True,
                                allow_smaller_final_batch=True)

# 3. two readers joined
fq3 = tf.train.string_input_producer(files, num_epochs=1, shuffle=False, name="fq3")
lists = []
for j in range(2):
    _, r = tf.TFRecordReader(name="rj%d" % j).read(fq3)
    e = tf.parse_single_example(r, spec)
    lists.append([e["v"], e["s"]])
jv, js = tf.train.batch_join(lists, batch_size=6, capacity=24,
                             allow_smaller_final_batch=True)
print(len(g.get_operations()))
print(sorted(qr.name for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)))
print(sorted(v.name for v in tf.local_variables()))
print(sorted({o.type for o in g.get_operations() if "Queue" in o.type or "Reader" in o.type}))


def drain(s, fetches, names):
    # only this pipeline's runners: a stop requested at its end would close the others'
    out = []
    coord = tf.train.Coordinator()
    threads = [t for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS) if qr.name in names
               for t in qr.create_threads(s, coord=coord, daemon=True, start=True)]
    try:
        while not coord.should_stop():
            out.append(s.run(fetches))
    except tf.errors.OutOfRangeError:
        pass
    finally:
        coord.request_stop()
    coord.join(threads)
    return out


with tf.Session() as s:
    s.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
    for k, v, x in drain(s, [kb, vb, xb], ("fq", "batch/fifo_queue")):
        print([os.path.basename(t.decode()) for t in k], v.tolist(), x.ravel().tolist())
    got = drain(s, [sv, ss], ("fq2", "shuffle_batch/random_shuffle_queue"))
    print([len(a) for a, _ in got], sorted(int(t) for a, _ in got for t in a))
    print(sorted(t.decode() for _, b in got for t in b))
    got = drain(s, [jv, js], ("fq3", "batch_join/fifo_queue"))
    print(sum(len(a) for a, _ in got), sorted(int(t) for a, _ in got for t in a))
    print(s.run(tf.get_collection(tf.GraphKeys.LOCAL_VARIABLES)))

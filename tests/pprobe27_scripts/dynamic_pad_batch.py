"""tf.train.batch over variable-length rows: dynamic_pad=True (a PaddingFIFOQueue, rows
padded to the longest in each batch) and allow_smaller_final_batch from a finite
input_producer (num_epochs, element_shape), batch of a SparseTensor (through the
SparseTensorsMap), enqueue_many=True batches, maybe_batch with keep_input; one thread
per runner, the batches in order, op counts and queue types."""

import tensorflow as tf

tf.set_random_seed(8)
g = tf.get_default_graph()
lens = tf.train.input_producer(tf.constant([3, 1, 4, 1, 5, 2, 6]), element_shape=[],
                               num_epochs=1, shuffle=False, name="lens")
n = lens.dequeue()
seq = tf.cast(tf.range(n), tf.float32) * 0.5 + tf.cast(n, tf.float32)
bs, bn = tf.train.batch([seq, n], batch_size=3, num_threads=1, capacity=10,
                        dynamic_pad=True, allow_smaller_final_batch=True, name="padb")
print(len(g.get_operations()), bs.shape, bn.shape)

k = tf.train.range_input_producer(5, num_epochs=1, shuffle=False, name="rng").dequeue()
sp = tf.SparseTensor(indices=tf.reshape(tf.range(tf.cast(k, tf.int64) % 3), [-1, 1]),
                     values=tf.fill([k % 3], k * 10), dense_shape=[4])
sb, kb = tf.train.batch([sp, k], batch_size=2, num_threads=1,
                        allow_smaller_final_batch=True, name="spb")
print(len(g.get_operations()), type(sb).__name__, kb.shape)

rows = tf.train.limit_epochs(tf.reshape(tf.range(12), [6, 2]), num_epochs=1)
eb = tf.train.batch([rows], batch_size=4, enqueue_many=True, num_threads=1,
                    allow_smaller_final_batch=True, name="many")
m = tf.train.range_input_producer(8, num_epochs=1, shuffle=False, name="rng2").dequeue()
mb = tf.train.maybe_batch([m], keep_input=tf.equal(m % 3, 1), batch_size=2, num_threads=1,
                          allow_smaller_final_batch=True)
print(len(g.get_operations()), eb.shape, mb.shape)
print(sorted(qr.name for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)))
print(sorted({o.type for o in g.get_operations() if "Queue" in o.type or "Sparse" in o.type}))
print([o.op.name for o in tf.get_collection(tf.GraphKeys.SUMMARIES)])


def drain(s, fetch, names):
    out = []
    coord = tf.train.Coordinator()
    threads = [t for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS) if qr.name in names
               for t in qr.create_threads(s, coord=coord, daemon=True, start=True)]
    try:
        while True:
            out.append(s.run(fetch))
    except tf.errors.OutOfRangeError:
        pass
    coord.request_stop()
    coord.join(threads)
    return out


with tf.Session() as s:
    s.run(tf.local_variables_initializer())
    for v in tf.Summary.FromString(s.run(tf.summary.merge_all())).value:   # all queues empty
        print(v.tag, repr(v.simple_value))
    for a, b in drain(s, [bs, bn], ("lens/lens", "padb/padding_fifo_queue")):
        print(a.tolist(), b.tolist())
    for st, kk in drain(s, [sb, kb], ("rng", "spb/fifo_queue")):
        print(st.indices.tolist(), st.values.tolist(), st.dense_shape.tolist(), kk.tolist())
    for b in drain(s, eb, ("many/fifo_queue",)):
        print(b.tolist())
    for b in drain(s, mb, ("rng2", "batch/fifo_queue")):
        print(b.tolist())

"""Seeded shuffles of the queue input pipeline made deterministic: the runners of a finite
input (slice_input_producer with num_epochs=2 and a seeded shuffle, one thread) run to the
end and close their queues before the first dequeue, so tf.train.shuffle_batch
(min_after_dequeue, seed) and shuffle_batch_join (two seeded producers, seed) dequeue in
the seeded RandomShuffleQueue order; allow_smaller_final_batch, then OutOfRangeError;
maybe_shuffle_batch with a keep_input vector; the batches in order and op counts."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(123)
g = tf.get_default_graph()
X = np.arange(18, dtype=np.float32).reshape(9, 2) / 4
xi, ii = tf.train.slice_input_producer([tf.constant(X), tf.range(9)], num_epochs=2,
                                       shuffle=True, seed=4, capacity=32)
sx, si = tf.train.shuffle_batch([xi, ii], batch_size=4, capacity=30, min_after_dequeue=5,
                                num_threads=1, seed=21, allow_smaller_final_batch=True)
print(len(g.get_operations()), sx.shape, si.shape)

lists = []
for j in range(2):
    r = tf.train.range_input_producer(5, num_epochs=1, shuffle=True, seed=30 + j,
                                      name="src%d" % j).dequeue()
    lists.append([r + 100 * j, tf.strings.as_string(r * (j + 1))])
jv, js = tf.train.shuffle_batch_join(lists, batch_size=3, capacity=20, min_after_dequeue=4,
                                     seed=8, allow_smaller_final_batch=True)
print(len(g.get_operations()), jv.shape, js.shape)

m = tf.train.range_input_producer(10, num_epochs=1, shuffle=False, name="msrc").dequeue()
many = tf.reshape(tf.range(m * 2, m * 2 + 2), [2])
mb = tf.train.maybe_shuffle_batch([many], batch_size=3, capacity=30, min_after_dequeue=2,
                                  keep_input=tf.equal(many % 4, 0), seed=3, enqueue_many=True,
                                  allow_smaller_final_batch=True)
print(len(g.get_operations()), mb.shape)
print(sorted(qr.name for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)))
print(sorted(o.name for o in g.get_operations() if o.type == "RandomShuffleQueueV2"))
print([o.op.name for o in tf.get_collection(tf.GraphKeys.SUMMARIES)])


def closed_then_drain(s, fetch, producers, consumer):
    """Run the producers' runners to their end, then the consumer queue's enqueue ops one
    after the other in this thread (shuffle_batch_join's two threads would race), close it
    and dequeue."""
    qrs = {qr.name: qr for qr in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)}
    # (no coordinator: no close-on-stop thread, each enqueue thread ends at its input's end)
    for t in [t for n in producers for t in qrs[n].create_threads(s, daemon=True, start=True)]:
        t.join()
    for op in qrs[consumer].enqueue_ops:
        try:
            while True:
                s.run(op)
        except tf.errors.OutOfRangeError:
            pass
    s.run(qrs[consumer].close_op)
    # the queue's summary (shuffle_batch: the fraction over min_after_dequeue) on a full queue
    summ = [o for o in tf.get_collection(tf.GraphKeys.SUMMARIES)
            if o.name.startswith(consumer.split("/")[0] + "/")]
    for v in tf.Summary.FromString(s.run(summ[0])).value:
        print(summ[0].op.name, v.tag, repr(v.simple_value))
    out = []
    try:
        while True:
            out.append(s.run(fetch))
    except tf.errors.OutOfRangeError as e:
        out.append(type(e).__name__)
    return out


with tf.Session() as s:
    s.run(tf.local_variables_initializer())
    for b in closed_then_drain(s, [sx, si], ["input_producer/input_producer"],
                               "shuffle_batch/random_shuffle_queue"):
        print(b if isinstance(b, str) else (b[0].ravel().tolist(), b[1].tolist()))
    for b in closed_then_drain(s, [jv, js], ["src0", "src1"],
                               "shuffle_batch_join/random_shuffle_queue"):
        print(b if isinstance(b, str) else (b[0].tolist(), b[1].tolist()))
    for b in closed_then_drain(s, mb, ["msrc"], "shuffle_batch_1/random_shuffle_queue"):
        print(b if isinstance(b, str) else b.tolist())

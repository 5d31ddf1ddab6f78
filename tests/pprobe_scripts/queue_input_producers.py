"""slice_input_producer (shuffled, seeded) into batch, range_input_producer and
string_input_producer shuffles and a seeded RandomShuffleQueue, under a graph seed."""
import numpy as np
import tensorflow as tf

tf.set_random_seed(89)
g = tf.get_default_graph()
x = tf.constant(np.arange(20).reshape(10, 2).astype(np.float32))
lab = tf.constant(np.arange(10))
sx, sl = tf.train.slice_input_producer([x, lab], shuffle=True, seed=4)
print(len(g.get_operations()))
bx, bl = tf.train.batch([sx, sl], batch_size=3, capacity=20, num_threads=1)
print(len(g.get_operations()))
r = tf.train.range_input_producer(7, shuffle=True).dequeue()
print(len(g.get_operations()))
sq = tf.train.string_input_producer(["a", "b", "c", "d"], seed=2).dequeue()
print(len(g.get_operations()))
q = tf.RandomShuffleQueue(10, 2, [tf.int32], shapes=[[]], seed=5)
enq = q.enqueue_many([tf.range(10)])
deq = q.dequeue_many(4)
print(len(g.get_operations()))
with tf.Session() as s:
    coord = tf.train.Coordinator()
    th = tf.train.start_queue_runners(s, coord)
    print([s.run(bl).tolist() for _ in range(3)])
    print([int(s.run(r)) for _ in range(9)])
    print([s.run(sq) for _ in range(6)])
    s.run(enq)
    print(s.run(deq).tolist())
    coord.request_stop()
    coord.join(th)

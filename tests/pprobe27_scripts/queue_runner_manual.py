"""A QueueRunner built by hand: two enqueue ops on one queue (a seeded random_uniform
producer and a counter variable's assign_add), add_queue_runner to a custom collection,
start_queue_runners(collection=...), a cifar10-style training loop of a small softmax
model on the dequeued batches under a Coordinator; then a runner whose enqueue op fails
(the error reaches the Coordinator, join re-raises it) and Coordinator.stop_on_exception /
clean_stop_exception_types; QueueRunner.to_proto round trip; values and op counts."""

import hashlib
import numpy as np
import tensorflow as tf


def H(a):
    a = np.asarray(a)
    return a.dtype.name, a.shape, hashlib.md5(a.tobytes()).hexdigest()[:12]


tf.set_random_seed(404)
g = tf.get_default_graph()
q = tf.FIFOQueue(8, [tf.float32, tf.int32], shapes=[[3], []], name="examples")
x = tf.random_uniform([3], -1.0, 1.0, seed=12)
lab = tf.cast(tf.reduce_sum(x) > 0, tf.int32)
enq = q.enqueue([x, lab])
qr = tf.train.QueueRunner(q, [enq])
tf.train.add_queue_runner(qr, collection="my_runners")
xb, yb = q.dequeue_many(4)
w = tf.get_variable("w", [3, 2], initializer=tf.truncated_normal_initializer(seed=2))
b = tf.get_variable("b", [2], initializer=tf.zeros_initializer())
loss = tf.losses.sparse_softmax_cross_entropy(yb, tf.matmul(xb, w) + b)
step = tf.train.get_or_create_global_step()
train = tf.train.MomentumOptimizer(0.3, 0.9).minimize(loss, global_step=step)
print(len(g.get_operations()), qr.name, [c.__name__ for c in qr.queue_closed_exception_types])
print(tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS), len(tf.get_collection("my_runners")))

with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    coord = tf.train.Coordinator()
    th = tf.train.start_queue_runners(s, coord, collection="my_runners")
    print(len(th))
    # the one enqueue thread fills the queue in order: the batches are fixed
    for i in range(5):
        xv, lv, _ = s.run([xb, loss, train])
        print(i, H(xv), repr(float(lv)))
    coord.request_stop()
    s.run(q.close(cancel_pending_enqueues=True))
    coord.join(th)
    print(coord.should_stop(), s.run(step), H(s.run(w)))

    bad_q = tf.FIFOQueue(4, tf.float32, shapes=[[]], name="bad")
    bad = bad_q.enqueue(tf.check_numerics(tf.constant(np.float32(np.nan)), "nan in input"))
    bad_qr = tf.train.QueueRunner(bad_q, [bad])
    coord = tf.train.Coordinator()
    th = bad_qr.create_threads(s, coord=coord, start=True)
    try:
        coord.join(th)
    except tf.errors.InvalidArgumentError as e:
        print(type(e).__name__, e.message.splitlines()[0])
    print(coord.should_stop(), [type(e).__name__ for e in bad_qr.exceptions_raised])

    coord = tf.train.Coordinator(clean_stop_exception_types=(ValueError,))
    with coord.stop_on_exception():
        raise ValueError("clean stop")
    print(coord.should_stop())
    coord.join([])
    coord = tf.train.Coordinator()
    with coord.stop_on_exception():
        raise KeyError("bad")
    try:
        coord.join([])
    except KeyError as e:
        print("KeyError", e)

proto = qr.to_proto()
print(proto.queue_name, list(proto.enqueue_op_name), proto.close_op_name,
      proto.cancel_op_name, list(proto.queue_closed_exception_types))
back = tf.train.QueueRunner.from_proto(proto)
print(back.queue.name, [o.name for o in back.enqueue_ops], back.close_op.name)

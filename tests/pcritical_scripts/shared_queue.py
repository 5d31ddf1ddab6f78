"""A ring buffer kept in variables (a buffer, a head and a tail index) that producer
threads push to and a consumer pops from, each push or pop one CriticalSection.execute:
TF1 code's hand-made shared queue. Producers feed their own values; the pops come back
in push order, and the script prints what was pushed and popped, sorted, and the
indices."""
import threading

import numpy as np
import tensorflow as tf

SIZE, PRODUCERS, PUSHES = 64, 3, 12

buf = tf.get_variable("buf", initializer=tf.zeros([SIZE]), use_resource=True)
head = tf.get_variable("head", initializer=0, use_resource=True)
tail = tf.get_variable("tail", initializer=0, use_resource=True)
queue_lock = tf.CriticalSection(name="queue_lock")
x = tf.placeholder(tf.float32, [], name="x")


def push():
    t = tail.read_value()
    put = tf.scatter_update(buf, tf.reshape(t % SIZE, [1]), tf.reshape(x, [1]))
    with tf.control_dependencies([put]):
        bumped = tail.assign(t + 1, read_value=False)
    with tf.control_dependencies([bumped]):
        return tf.identity(t)


def pop():
    h = head.read_value()
    item = tf.gather(buf.read_value(), h % SIZE)
    with tf.control_dependencies([item]):
        bumped = head.assign(h + 1, read_value=False)
    with tf.control_dependencies([bumped]):
        return tf.identity(item), tf.identity(h)


push_op = queue_lock.execute(push, name="push")
pop_op = queue_lock.execute(pop, name="pop")
print(push_op.name, [t.name for t in pop_op])
print([op.name for op in tf.get_default_graph().get_operations() if op.name.startswith("pop/")])

slots, pushed, popped = [], [], []
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())

    def producer(k):
        for i in range(PUSHES):
            value = float(100 * (k + 1) + i)
            slots.append((int(sess.run(push_op, {x: value})), value))
            pushed.append(value)

    threads = [threading.Thread(target=producer, args=(k,)) for k in range(PRODUCERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for _ in range(PRODUCERS * PUSHES):
        item, h = sess.run(pop_op)
        popped.append((int(h), float(item)))
    print("slots distinct:", sorted(s for s, _ in slots) == list(range(PRODUCERS * PUSHES)))
    print("pops in push order:", sorted(popped) == sorted(slots))
    print("pushed:", sorted(pushed))
    print("popped:", sorted(v for _, v in popped))
    print("head, tail:", sess.run([head, tail]))
    print("buffer sum:", np.float32(sess.run(tf.reduce_sum(buf))))

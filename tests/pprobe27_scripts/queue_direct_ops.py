"""The queue classes used directly, one thread: FIFOQueue with shapes and names,
PaddingFIFOQueue (enqueue_many of padded rows, dequeue_many pads to the longest),
PriorityQueue (int64 priorities, ties), a seeded RandomShuffleQueue with
min_after_dequeue (close, then dequeue_up_to drains the rest in the seeded order),
QueueBase.from_list; size / is_closed, the errors of a closed or short queue; op counts."""

import numpy as np
import tensorflow as tf

tf.set_random_seed(27)
g = tf.get_default_graph()
fq = tf.FIFOQueue(6, [tf.int32, tf.string], shapes=[[2], []], names=["a", "s"], name="fifo")
enq = fq.enqueue_many({"a": tf.reshape(tf.range(8), [4, 2]),
                       "s": tf.constant(["w", "x", "y", "z"])})
deq2 = fq.dequeue_many(2)
deq_up = fq.dequeue_up_to(3)
print(len(g.get_operations()), fq.name, fq.names, fq.dtypes, fq.shapes)

pq = tf.PaddingFIFOQueue(10, [tf.float32, tf.int32], shapes=[[None], []], name="pad")
ph = tf.placeholder(tf.float32, [None])
penq = pq.enqueue([ph, tf.size(ph)])
pdeq = pq.dequeue_many(3)
pup = pq.dequeue_up_to(5)
print(len(g.get_operations()), pdeq[0].shape, pup[0].shape)

prq = tf.PriorityQueue(10, [tf.string], shapes=[[]], name="prio")
pr_enq = prq.enqueue_many([tf.constant([5, 1, 3, 1, 9, -2], tf.int64),
                           tf.constant(["e", "a", "c", "b", "i", "m"])])
pr_deq = prq.dequeue_many(4)
pr_up = prq.dequeue_up_to(4)
print(len(g.get_operations()), [t.dtype for t in pr_deq], pr_deq[0].shape)

rq = tf.RandomShuffleQueue(20, 3, [tf.int64, tf.float32], shapes=[[], [2]], seed=11,
                           name="rsq")
vals = tf.range(12, dtype=tf.int64)
r_enq = rq.enqueue_many([vals, tf.stack([tf.cast(vals, tf.float32) / 3,
                                         -tf.cast(vals, tf.float32)], 1)])
r_deq = rq.dequeue_many(4)
r_up = rq.dequeue_up_to(5)
r_close = rq.close()
r_size = rq.size()
print(len(g.get_operations()))

q1 = tf.FIFOQueue(3, tf.int32, shapes=[[]], shared_name="shared_q", name="q1")
q2 = tf.FIFOQueue(3, tf.int32, shapes=[[]], name="q2")
sel = tf.placeholder(tf.int32, [])
pick = tf.QueueBase.from_list(sel, [q1, q2])
fill = [q1.enqueue_many([[1, 2, 3]]), q2.enqueue_many([[7, 8]])]
pick_deq = pick.dequeue()
print(len(g.get_operations()), pick.name, sorted({o.type for o in g.get_operations()
                                                  if "Queue" in o.type}))

# op seeds drawn from the graph seed; a 2-D padded string queue; a queue that blocks
auto = [tf.RandomShuffleQueue(9, 0, [tf.int32], shapes=[[]], name="auto%d" % k)
        for k in range(2)]
print([(a.queue_ref.op.get_attr("seed"), a.queue_ref.op.get_attr("seed2")) for a in auto],
      rq.queue_ref.op.get_attr("seed2"))
a_enq = auto[1].enqueue_many([tf.range(9)])
a_deq = auto[1].dequeue_up_to(9)
sq = tf.PaddingFIFOQueue(4, [tf.string], shapes=[[None, None]], name="strpad")
sph = tf.placeholder(tf.string, [None, None])
s_enq = sq.enqueue([sph])
s_deq = sq.dequeue_many(2)
try:
    tf.PaddingFIFOQueue(4, [tf.int32], shapes=None)
except ValueError as e:
    print("ValueError", e)
blockq = tf.RandomShuffleQueue(5, 4, [tf.int32], shapes=[[]], seed=1, name="block")
b_enq = blockq.enqueue_many([[1, 2, 3, 4, 5]])
b_deq = blockq.dequeue()
quick = tf.RunOptions(timeout_in_ms=30)


def err(s, t, fd=None):
    try:
        return s.run(t, fd)
    except (tf.errors.OutOfRangeError, tf.errors.CancelledError,
            tf.errors.InvalidArgumentError) as e:
        return type(e).__name__, e.message.splitlines()[0]


with tf.Session() as s:
    s.run(enq)
    print(s.run(fq.size()))
    d = s.run(deq2)
    print(sorted((k, v.tolist()) for k, v in d.items()))
    s.run(fq.close())
    print(s.run(fq.is_closed()))
    d = s.run(deq_up)
    print(sorted((k, v.tolist()) for k, v in d.items()))
    print(err(s, deq_up))
    print(err(s, enq))
    for v in ([1.5], [2.5, -1.0, 0.25], [], [4.0, 5.0]):
        s.run(penq, {ph: np.array(v, np.float32)})
    a, n = s.run(pdeq)
    print(a.tolist(), n.tolist())
    s.run(pq.close(cancel_pending_enqueues=True))
    print(err(s, pdeq))
    a, n = s.run(pup)
    print(a.tolist(), n.tolist())
    s.run(pr_enq)
    p, v = s.run(pr_deq)
    print(p.tolist(), v.tolist())
    s.run(prq.close())
    print(err(s, pr_up))   # (TF's PriorityQueue takes the rest, then fails: no small batch)
    print(s.run(prq.size()))
    s.run(r_enq)
    i, x = s.run(r_deq)
    print(i.tolist(), x.tolist())
    s.run(r_close)
    print(s.run(r_size))
    for _ in range(3):
        r = err(s, r_up)
        print(r if isinstance(r[0], str) else (r[0].tolist(), r[1].tolist()))
    s.run(fill)
    print([int(s.run(pick_deq, {sel: k})) for k in (1, 0, 0, 1)])
    print(err(s, pick_deq, {sel: 2}))
    s.run(a_enq)
    print(s.run(a_deq).tolist())
    s.run(s_enq, {sph: [["a", "bb"]]})
    s.run(s_enq, {sph: [["c"], ["dd"], ["e"]]})
    print(s.run(s_deq).tolist())
    s.run(b_enq)
    print(s.run(b_deq), s.run(blockq.size()))
    try:   # min_after_dequeue=4: the next dequeue waits for more (or a close)
        s.run(b_deq, options=quick)
    except tf.errors.DeadlineExceededError as e:
        print(type(e).__name__, e.message.splitlines()[0])
    try:   # capacity 5, 4 held: enqueue_many of 2 waits
        s.run(blockq.enqueue_many([[6, 7]]), options=quick)
    except tf.errors.DeadlineExceededError as e:
        print(type(e).__name__, e.message.splitlines()[0])
    print(s.run(blockq.size()))

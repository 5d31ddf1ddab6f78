"""Queue semantics under TF 1.14 beyond tests/golden/queues/gen_queues.py: close() waits
behind pending enqueues (which then complete) and a second close is refused; close with
cancel_pending_enqueues cancels them; QueueBase.from_list (Gather of stacked handles);
a negative constant n for dequeue_many; padding / priority / seeded random-shuffle runs.
tests/test_pqueue_queues.py runs the same `cases` with flowgrad (resource ids masked)."""
import re
import threading
import time

import numpy as np


def _err(e):
    msg = getattr(e, "message", None) or str(e)
    return (type(e).__name__, re.sub(r"'_\d+_", "'_N_", msg.split("\n")[0]))


def _try(f):
    try:
        return f()
    except Exception as e:  # noqa: BLE001
        return _err(e)


def _thread(out, key, f):
    t = threading.Thread(target=lambda: out.__setitem__(key, _try(f)))
    t.start()
    return t


def close_order(tf):
    """A close without cancel_pending_enqueues is served after the enqueue waiting
    before it; with it, waiting enqueues are cancelled."""
    out = {}
    q = tf.FIFOQueue(2, tf.int32, shapes=[[]])
    enq, close, deq = q.enqueue(3), q.close(), q.dequeue()
    closed, rest = q.is_closed(), q.dequeue_up_to(5)
    cancel = q.close(cancel_pending_enqueues=True)
    with tf.Session() as sess:
        sess.run(q.enqueue_many([[1, 2]]))
        threads = [_thread(out, "enqueue", lambda: sess.run(enq) or "done")]
        time.sleep(0.5)
        threads.append(_thread(out, "close", lambda: sess.run(close) or "closed"))
        time.sleep(0.5)
        out["closed_while_waiting"] = sess.run(closed)
        out["dequeued"] = sess.run(deq)
        for t in threads:
            t.join(10)
        out["closed_after"] = sess.run(closed)
        out["rest"] = sess.run(rest)
        out["second_close"] = _try(lambda: sess.run(close))
        out["cancel_after_close"] = _try(lambda: sess.run(cancel) or "ok")
    q = tf.FIFOQueue(1, tf.int32, shapes=[[]])
    enq, enq_many = q.enqueue(7), q.enqueue_many([[8, 9]])
    close, cancel, size = q.close(), q.close(cancel_pending_enqueues=True), q.size()
    with tf.Session() as sess:
        sess.run(enq)
        threads = [_thread(out, "waiting_enqueue", lambda: sess.run(enq_many))]
        time.sleep(0.5)
        threads.append(_thread(out, "waiting_close", lambda: sess.run(close)))
        time.sleep(0.5)
        sess.run(cancel)
        for t in threads:
            t.join(10)
        out["size_after_cancel"] = sess.run(size)
        out["enqueue_after"] = _try(lambda: sess.run(enq))
    return out


def from_list(tf):
    out = {}
    q1 = tf.FIFOQueue(5, [tf.int32, tf.float32], shapes=[[2], [3]], names=["a", "b"])
    q2 = tf.FIFOQueue(5, [tf.int32, tf.float32], shapes=[[2], []], names=["a", "b"])
    i = tf.placeholder(tf.int32, [])
    q = tf.QueueBase.from_list(i, [q1, q2])
    out["queue"] = (q.name, [str(s) for s in q.shapes], q.names, q.queue_ref.name)
    d = q.dequeue()
    out["dequeue"] = sorted((k, str(v.shape)) for k, v in d.items())
    e = q.enqueue({"a": [1, 2], "b": [3., 4., 5.]})
    s = q.size()
    out["ops"] = [(op.name, op.type, [t.name for t in op.inputs])
                  for op in tf.get_default_graph().get_operations()]
    with tf.Session() as sess:
        sess.run(e, {i: 0})
        out["sizes"] = sess.run([q1.size(), q2.size(), s], {i: 0})
        out["values"] = sess.run(d, {i: 0})
        out["shape_error"] = _try(lambda: sess.run(e, {i: 1}))
        out["index_error"] = _try(lambda: sess.run(s, {i: 2}))
    for name, queues in [("dtypes", [q1, tf.FIFOQueue(5, [tf.int32, tf.int32])]),
                         ("names", [q1, tf.FIFOQueue(5, [tf.int32, tf.float32],
                                                     names=["a", "c"])]),
                         ("empty", []), ("not_queues", [q1, 3])]:
        out[name] = _try(lambda: tf.QueueBase.from_list(0, queues))
    out["gather_scalar"] = _try(lambda: tf.Session().run(tf.gather([1., 2.], 5)))
    out["gather_vector"] = _try(lambda: tf.Session().run(tf.gather([1., 2.], [[0, 5]])))
    out["dequeue_negative"] = _try(lambda: q1.dequeue_many(-1))
    out["dequeue_up_to_negative"] = _try(
        lambda: str(tf.FIFOQueue(2, tf.int32, shapes=[[]]).dequeue_up_to(-1).shape))
    return out


def kinds(tf):
    out = {}
    with tf.Session() as sess:
        pq = tf.PaddingFIFOQueue(10, [tf.int32, tf.string], shapes=[[None], [None, 2]])
        sess.run(pq.enqueue([[1, 2, 3], [["a", "b"]]]))
        sess.run(pq.enqueue([[4], [["c", "d"], ["e", "f"]]]))
        sess.run(pq.enqueue([np.zeros([0], np.int32), np.zeros([0, 2], dtype=object)]))
        out["pad_many"] = sess.run(pq.dequeue_many(2))
        out["pad_up_to"] = sess.run(pq.dequeue_up_to(1))
        out["pad_rank"] = _try(lambda: sess.run(pq.enqueue([[[1]], [["a", "b"]]])))
        out["pad_shape"] = [str(t.shape) for t in pq.dequeue_many(2)]
        prq = tf.PriorityQueue(10, [tf.string], shapes=[[]])
        sess.run(prq.enqueue_many([[5, 1, 3, 1], ["e", "a", "c", "b"]]))
        out["priority"] = sess.run(prq.dequeue_many(4))
        out["priority_shape"] = [str(t.shape) for t in prq.dequeue_many(2)]
        out["priority_missing"] = _try(lambda: sess.run(prq.enqueue(["x"])))
        rq = tf.RandomShuffleQueue(20, 3, tf.int32, shapes=[[]], seed=5)
        sess.run(rq.enqueue_many([list(range(10))]))
        out["shuffle_many"] = sess.run(rq.dequeue_many(4))
        out["shuffle_one"] = [sess.run(rq.dequeue()) for _ in range(3)]
        sess.run(rq.close())
        out["shuffle_closed"] = sess.run(rq.dequeue_up_to(5))
        out["shuffle_end"] = _try(lambda: sess.run(rq.dequeue()))
        out["shuffle_seeds"] = [rq.queue_ref.op.get_attr("seed"),
                                rq.queue_ref.op.get_attr("seed2")]
    return out


CASES = [close_order, from_list, kinds]


def cases(tf):
    out = {}
    for fn in CASES:
        tf.reset_default_graph()
        out[fn.__name__] = fn(tf)
    return out

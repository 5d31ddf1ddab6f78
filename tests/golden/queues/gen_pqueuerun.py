"""Blocking queue ops in one Session.run under TF 1.14: the executor runs ready ops at
once, so an enqueue on a full queue fetched beside a dequeue completes (either fetch
order), as do dequeue_many + enqueue_many, a RandomShuffleQueue's dequeue waiting on
min_after_dequeue beside the enqueue that serves it, and an accumulator's take beside
the apply it waits for; a run that must wait fails past RunOptions.timeout_in_ms
(DeadlineExceededError) keeping what it enqueued. Made on this host (vendor recorded:
Tanh's float32 bits). tests/test_pqueuerun.py runs `cases` with flowgrad in a
subprocess (a plan that waits forever would hang)."""
import re

import numpy as np
from goldenio import host_vendor


def _err(e):
    msg = getattr(e, "message", None) or str(e)
    return [type(e).__name__, re.sub(r"'_\d+_", "'_N_", msg.split("\n")[0])]


def fifo_both_orders(tf):
    q = tf.FIFOQueue(2, tf.float32, shapes=(1, 4), name="q")
    x = tf.placeholder(tf.float32, [1, 4])
    e = q.enqueue(tf.tanh(x))
    em = q.enqueue_many(tf.reshape(tf.range(8.), (2, 1, 4)))
    p = q.dequeue()
    rest = q.dequeue_many(2)
    out = {}
    with tf.Session() as s:
        s.run(em)
        out["dequeue_first"] = s.run([p, e], {x: [[1, 2, 3, 4]]})[0]
        out["rest1"] = s.run(rest)
        s.run(em)
        out["enqueue_first"] = s.run([e, p], {x: [[-1, 0.5, 2, 0]]})[1]
        out["rest2"] = s.run(rest)
    return out


def many_both_orders(tf):
    q = tf.FIFOQueue(2, tf.float32, shapes=(3,), name="q")
    em1 = q.enqueue_many(tf.reshape(tf.range(6.), (2, 3)))
    em2 = q.enqueue_many(tf.reshape(tf.range(10., 16.), (2, 3)))
    dm = q.dequeue_many(2)
    du = q.dequeue_up_to(2)
    with tf.Session() as s:
        s.run(em1)
        a = s.run([dm, em2])[0]
        b = s.run([em1, du])[1]
        c = s.run(dm)
        d = s.run([q.dequeue_many(1), em2, q.size()])
    return {"first": a, "second": b, "left": c, "then": d[0], "size_le": int(d[2]) <= 2}


def shuffle_min_after(tf):
    q = tf.RandomShuffleQueue(4, 2, tf.float32, shapes=(), seed=3, name="q")
    em = q.enqueue_many(tf.constant([1., 2.]))
    e = q.enqueue(tf.constant(7.))
    d = q.dequeue()
    with tf.Session() as s:
        s.run(em)
        a = s.run([d, e])[0]
        b = s.run([e, d])[1]
        return {"a": np.float32(a), "b": np.float32(b), "size": int(s.run(q.size()))}


def accumulator(tf):
    acc = tf.ConditionalAccumulator(tf.float32, shape=(2,), name="acc")
    take = acc.take_grad(1)
    apply = acc.apply_grad(tf.constant([1., 3.]), local_step=0)
    with tf.Session() as s:
        return {"take_first": s.run([take, apply])[0]}


def timeout(tf):
    q = tf.FIFOQueue(1, tf.float32, shapes=(), name="q")
    e, e2, d = q.enqueue(1.), q.enqueue(2.), q.dequeue()
    res = []
    with tf.Session() as s:
        for fetch in ([e, e2], [d], [d, d.op]):
            try:
                r = s.run(fetch, options=tf.RunOptions(timeout_in_ms=150))
                res.append(np.float32(r[0]) if r[0] is not None else "ok")
            except tf.errors.OpError as err:
                res.append(_err(err))
        res.append(int(s.run(q.size())))
    return res


CASES = [fifo_both_orders, many_both_orders, shuffle_min_after, accumulator, timeout]


def cases(tf):
    out = {"vendor": host_vendor()}
    for fn in CASES:
        tf.reset_default_graph()
        out[fn.__name__] = fn(tf)
    return out

"""TF 1.14's tf.contrib.slim.prefetch_queue and slim.queues.QueueRunners: the queue and
ops prefetch_queue builds (list and dict components, dynamic_pad), its runner and
summary, the values dequeued inside QueueRunners, and the nesting error.
tests/test_slim_queues.py runs the same program with flowgrad."""
from __future__ import absolute_import

import re

import numpy as np


def run(tf):
    slim = tf.contrib.slim
    out = {}
    with tf.Graph().as_default() as g:
        a = tf.constant(np.arange(6, dtype=np.float32).reshape(2, 3), name="a")
        b = tf.constant([4, 5], tf.int64, name="b")
        q1 = slim.prefetch_queue.prefetch_queue([a, b], capacity=4, num_threads=2)
        q2 = slim.prefetch_queue.prefetch_queue({"y": b, "x": a}, dynamic_pad=True,
                                                name="dict_q")
        out["queues"] = [[q.name, q.names, [d.name for d in q.dtypes],
                          [str(s) for s in q.shapes]] for q in (q1, q2)]
        out["ops"] = [[op.name, op.type] for op in g.get_operations()]
        out["runners"] = [[r.name, len(r.enqueue_ops)]
                          for r in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)]
        out["summaries"] = [t.name for t in tf.get_collection(tf.GraphKeys.SUMMARIES)]
        d1, d2 = q1.dequeue(), q2.dequeue()
        with tf.Session() as sess:
            with slim.queues.QueueRunners(sess):
                out["values"] = [sess.run(d1), sorted(sess.run(d2).items())]
                try:
                    with slim.queues.QueueRunners(sess):
                        pass
                except slim.queues.NestedQueueRunnerError as e:
                    out["nested"] = [type(e).__name__, str(e)]
            try:   # the first context's exit closed the queues: the runners fail
                with slim.queues.QueueRunners(sess):
                    out["again"] = sess.run(d1)
            except tf.errors.OpError as e:   # the queue's shared name counts queues made
                out["again_error"] = [type(e).__name__,
                                      re.sub(r"'_\d+_", "'_N_", e.message.split("\n")[0])]
            # that error left QueueRunners' lock held (TF's finally releases it only after a
            # clean join): recorded, then released for the programs run after this one
            lock = slim.queues._queue_runner_lock
            out["left_locked"] = lock.locked()
            if lock.locked():
                lock.release()
    return out


def cases(tf):
    return {"run": run(tf)}

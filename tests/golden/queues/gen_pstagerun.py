"""Blocking staging and barrier ops in one Session.run under TF 1.14 (follow-up of
gen_pqueuerun.py): the executor runs ready ops at once, so a StagingArea put into a full
area fetched beside a get completes (either fetch order), as do a get or peek beside the
put they wait for, a put beside the clear that makes room, and a Barrier's take_many
beside the insert_many that completes its tuples; a take that must wait fails past
RunOptions.timeout_in_ms (DeadlineExceededError). (TF's staging waits know no
cancellation: a put past the timeout never returns, so no such case.) Made on this host
(vendor recorded: Tanh's float32 bits). tests/test_pstagerun.py runs `cases` with
flowgrad in a subprocess (a plan that waits forever would hang)."""
import importlib
import re

import numpy as np
from goldenio import host_vendor


def _err(e):
    msg = getattr(e, "message", None) or str(e)
    return [type(e).__name__, re.sub(r"'_\d+_", "'_N_", msg.split("\n")[0])]


def _data_flow_ops(tf):
    if tf.__name__ == "tensorflow":
        return importlib.import_module("tensorflow.python.ops.data_flow_ops")
    return importlib.import_module("flowgrad.ops.data_flow_ops")


def staging_put_get(tf):
    a = tf.contrib.staging.StagingArea([tf.float32], shapes=[(2,)], capacity=1)
    x = tf.placeholder(tf.float32, [2])
    put, get, size = a.put([tf.tanh(x)]), a.get(), a.size()
    out = {}
    with tf.Session() as s:
        s.run(put, {x: [1, 2]})
        out["put_first"] = s.run([put, get], {x: [3, 4]})[1]
        out["size1"] = s.run(size)
        out["get_first"] = s.run([get, put], {x: [5, 6]})[0]
        out["left"] = [s.run(size), s.run(get)]
        out["empty_get_first"] = s.run([get, put], {x: [-1, 0.5]})[0]
        out["size2"] = s.run(size)
    return out


def staging_peek_clear(tf):
    a = tf.contrib.staging.StagingArea([tf.float32, tf.int32], shapes=[(), ()], capacity=2)
    v = tf.placeholder(tf.float32, [])
    put = a.put([v, tf.constant(3)])
    peek, get, size, clear = a.peek(1), a.get(), a.size(), a.clear()
    out = {}
    with tf.Session() as s:
        s.run(put, {v: 1.})
        out["peek_first"] = s.run([peek, put], {v: 2.})[0]
        out["full"] = s.run(size)
        s.run([put, clear], {v: 8.})
        out["after_clear"] = [s.run(size), s.run(get)]
    return out


def _by_key(taken):
    """A take's (indices, keys, values) in key order: TF's ready queue orders tuples of
    one insertion index as its threads complete them (b, a or a, b from run to run)."""
    order = np.argsort(taken[1])
    return [taken[0][order], taken[1][order], [v[order] for v in taken[2]]]


def barrier(tf):
    dfo = _data_flow_ops(tf)
    b = dfo.Barrier((tf.float32, tf.int32), shapes=((), (2,)), name="B")
    ins0 = b.insert_many(0, tf.constant(["a", "b"]), tf.constant([1., 2.]))
    ins1 = b.insert_many(1, tf.constant(["b", "a"]), tf.constant([[1, 2], [3, 4]]))
    ins2 = b.insert_many(0, tf.constant(["c"]), tf.constant([5.]))
    ins3 = b.insert_many(1, tf.constant(["c"]), tf.constant([[6, 7]]))
    take2, take1 = b.take_many(2), b.take_many(1)
    out = {}
    with tf.Session() as s:
        out["take_first"] = _by_key(s.run([take2, ins0, ins1])[0])
        s.run(ins2)
        out["insert_first"] = list(s.run([ins3, take1])[1])
        out["sizes"] = s.run([b.ready_size(), b.incomplete_size()])
    return out


def barrier_timeout(tf):
    dfo = _data_flow_ops(tf)
    b = dfo.Barrier((tf.float32,), shapes=((),), name="B")
    ins = b.insert_many(0, tf.constant(["k"]), tf.constant([1.]))
    take1, take2 = b.take_many(1), b.take_many(2)
    opts = tf.RunOptions(timeout_in_ms=150)
    res = []
    with tf.Session() as s:
        for fetch in ([take1], [take2, ins], [take1]):
            try:
                r = s.run(fetch, options=opts)
                res.append(list(r[0]))
            except tf.errors.OpError as err:
                res.append(_err(err))
        res.append(s.run([b.ready_size(), b.incomplete_size()]))
    return res


CASES = [staging_put_get, staging_peek_clear, barrier, barrier_timeout]


def cases(tf):
    out = {"vendor": host_vendor()}
    for fn in CASES:
        tf.reset_default_graph()
        out[fn.__name__] = fn(tf)
    return out

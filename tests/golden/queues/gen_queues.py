"""Queues under TF 1.14: op names/types/shapes the API builds, FIFO/padding/random-shuffle
dequeue orders (seeded), closing rules and error messages. tests/test_queues.py runs
the same `cases` with flowgrad and compares (resource ids `_<n>_` masked)."""
import re


def _err(e):
    return (type(e).__name__, re.sub(r"'_\d+_", "'_N_", e.message.split("\n")[0]))


def _try(sess, fetch):
    try:
        return sess.run(fetch)
    except Exception as e:  # noqa: BLE001
        if hasattr(e, "message"):
            return _err(e)
        raise


def _graph_ops(tf):
    return [(op.name, op.type, [t.name for t in op.inputs], [str(t.shape) for t in op.outputs])
            for op in tf.get_default_graph().get_operations()]


def case_fifo_build(tf):
    q = tf.FIFOQueue(3, [tf.int32, tf.float32], shapes=[[], [2]], name="q")
    q.enqueue_many([[1, 2], [[1.0, 2.0], [3.0, 4.0]]])
    q.enqueue((5, [6.0, 7.0]))
    q.dequeue()
    q.dequeue_many(2)
    q.dequeue_up_to(3)
    q.close()
    q.close(cancel_pending_enqueues=True)
    q.size()
    q.is_closed()
    n = tf.FIFOQueue(2, [tf.int32, tf.string], shapes=[[], []], names=["a", "b"])
    d = n.dequeue()
    n.enqueue({"a": 1, "b": "x"})
    u = tf.FIFOQueue(2, tf.float32)
    return {"ops": _graph_ops(tf), "named": sorted(d), "unknown": str(u.dequeue().shape),
            "props": (q.name, [x.name for x in q.dtypes], [str(s) for s in q.shapes], q.names,
                      n.names, str(q.queue_ref))}


def case_fifo_run(tf):
    q = tf.FIFOQueue(5, [tf.int32, tf.float32], shapes=[[], [2]])
    s = tf.Session()
    out = [_try(s, q.enqueue_many([[1, 2, 3], [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]))]
    out.append(_try(s, q.dequeue()))
    out.append(_try(s, [q.size(), q.is_closed()]))
    out.append(_try(s, q.dequeue_many(1)))
    out.append(_try(s, q.enqueue((9, [9.0, 9.5]))))
    out.append(_try(s, q.close()))
    out.append(_try(s, q.enqueue((9, [9.0, 9.5]))))
    out.append(_try(s, q.dequeue_many(3)))
    out.append(_try(s, q.dequeue_up_to(3)))
    out.append(_try(s, q.dequeue_up_to(3)))
    out.append(_try(s, q.dequeue()))
    out.append(_try(s, [q.size(), q.is_closed()]))
    bad = tf.placeholder(tf.float32)
    q2 = tf.FIFOQueue(5, tf.float32, shapes=[[]])
    try:
        s.run(q2.enqueue(bad), {bad: [1.0, 2.0]})
    except Exception as e:  # noqa: BLE001
        out.append(_err(e))
    u = tf.FIFOQueue(5, tf.float32)
    s.run(u.enqueue([[1.0, 2.0]]))
    out.append(_try(s, u.dequeue_many(1)))
    return out


def case_padding(tf):
    p = tf.PaddingFIFOQueue(5, [tf.int32, tf.string], shapes=[[None], []])
    s = tf.Session()
    s.run(p.enqueue(([1, 2, 3], "a")))
    s.run(p.enqueue(([4], "bb")))
    s.run(p.enqueue(([], "c")))
    out = [str(p.dequeue_many(2)[0].shape), _try(s, p.dequeue_many(2))]
    s.run(p.close())
    out.append(_try(s, p.dequeue_up_to(4)))
    p2 = tf.PaddingFIFOQueue(5, [tf.float32], shapes=[[None, 2]])
    s.run(p2.enqueue_many([[[[1.0, 2.0]], [[3.0, 4.0]]]]))
    s.run(p2.enqueue([[[5.0, 6.0], [7.0, 8.0]]]))
    out.append(_try(s, p2.dequeue_many(3)))
    return out


def case_shuffle(tf):
    out = {}
    for label, graph_seed, seed, cap, mad in [("op_seed", None, 5, 20, 0),
                                              ("graph_seed", 7, None, 20, 3),
                                              ("both", 3, 11, 30, 10)]:
        tf.reset_default_graph()
        if graph_seed is not None:
            tf.set_random_seed(graph_seed)
        r = tf.RandomShuffleQueue(cap, mad, [tf.int32, tf.int32], shapes=[[], [2]], seed=seed)
        s = tf.Session()
        s.run(r.enqueue_many([list(range(20)), [[i, -i] for i in range(20)]]))
        rec = [_try(s, r.dequeue_many(6))]
        rec.append([_try(s, r.dequeue()) for _ in range(3)])
        rec.append(_try(s, r.size()))
        s.run(r.close())
        rec.append(_try(s, r.dequeue_many(4)))
        rec.append(_try(s, r.dequeue_up_to(50)))
        rec.append(_try(s, r.dequeue()))
        out[label] = rec
    tf.reset_default_graph()
    tf.set_random_seed(1)
    r = tf.RandomShuffleQueue(10, 2, tf.float32, shared_name="shq")
    out["shared_name_seed2"] = (r.queue_ref.op.get_attr("seed"), r.queue_ref.op.get_attr("seed2"))
    out["ops"] = _graph_ops(tf)
    return out


def case_errors(tf):
    out = {}
    for label, fn in [
        ("padding_needs_shape_list", lambda: tf.PaddingFIFOQueue(5, [tf.int32], shapes=[None])),
        ("shapes_not_defined", lambda: tf.FIFOQueue(5, [tf.int32], shapes=[[None]])),
        ("names_len", lambda: tf.FIFOQueue(5, [tf.int32], names=["a", "b"])),
        ("enqueue_shape", lambda: tf.FIFOQueue(5, [tf.int32], shapes=[[]]).enqueue([[1, 2]])),
        ("enqueue_dict_no_names", lambda: tf.FIFOQueue(5, [tf.int32]).enqueue({"a": 1})),
        ("enqueue_bad_keys", lambda: tf.FIFOQueue(5, [tf.int32], names=["a"]).enqueue({"b": 1})),
        ("enqueue_needs_dict", lambda: tf.FIFOQueue(5, [tf.int32], names=["a"]).enqueue(1)),
        ("many_batch", lambda: tf.FIFOQueue(5, [tf.int32, tf.int32], shapes=[[], []])
         .enqueue_many([[1, 2], [1, 2, 3]])),
        ("many_rank", lambda: tf.FIFOQueue(5, [tf.int32]).enqueue_many([1])),
    ]:
        try:
            fn()
            out[label] = None
        except (ValueError, TypeError) as e:
            out[label] = (type(e).__name__, str(e))
    return out


CASES = [case_fifo_build, case_fifo_run, case_padding, case_shuffle, case_errors]


def cases(tf):
    out = {}
    for fn in CASES:
        tf.reset_default_graph()
        out[fn.__name__] = fn(tf)
    return out

"""TF 1.14's MapStagingArea (ops/data_flow_ops.py; kernels/map_stage_op.cc): the ops,
names, inputs, colocation and attrs each call makes (ordered and not), values through
complete and partial puts and gets (names and indices), the ordered area's key order
and the unordered one's (TF's std::unordered_map iteration, one shared area), duplicate
keys, TF's byte count (a put counts its last component), the build-time errors (key
dtype, indices) and the run-time ones (indices not ordered, a component put twice or
taken twice, the memory limit), gets / peeks / puts that wait for a put, a get or a
clear fetched in the same run (TF's executor runs ready ops at once), or for another
thread's runs (capacity, memory_limit); tf.raw_ops.Map* with indices the class refuses.
Made on this host (vendor recorded). tests/test_pmapstage.py runs `cases` with flowgrad in a subprocess
(a plan that waits forever would hang)."""
import importlib
import re
import threading

import numpy as np
from goldenio import host_vendor


def _err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - the class and message are the golden
        msg = getattr(e, "message", None) or str(e)
        return [type(e).__name__, re.sub(r"'_\d+_", "'_N_", msg.split("\n")[0])]
    return None


def _dfo(tf):
    if tf.__name__ == "tensorflow":
        return importlib.import_module("tensorflow.python.ops.data_flow_ops")
    return importlib.import_module("flowgrad.ops.data_flow_ops")


_ATTRS = ("dtypes", "fake_dtypes", "capacity", "memory_limit", "container", "shared_name")


def _attr(op, name):
    try:
        v = op.get_attr(name)
    except ValueError:
        return None
    if isinstance(v, list):
        return [d.name for d in v]
    return v.decode() if isinstance(v, bytes) else v


def _ops(g):
    return [[op.name, op.type, [t.name for t in op.inputs],
             [c.decode() for c in op.colocation_groups()],
             [[n, _attr(op, n)] for n in _ATTRS if _attr(op, n) is not None],
             [[t.dtype.name, t.shape.as_list() if t.shape.ndims is not None else None]
              for t in op.outputs]]
            for op in g.get_operations()]


def _names(x):
    if isinstance(x, dict):
        return {k: _names(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_names(v) for v in x]
    return getattr(x, "name", x)


def static(tf):
    dfo = _dfo(tf)
    g = tf.Graph()
    with g.as_default():
        a = dfo.MapStagingArea([tf.float32, tf.int32], shapes=[[2], []], capacity=3)
        k = tf.placeholder(tf.int64, [])
        ret = [a.put(k, [tf.constant([1., 2.]), tf.constant(7)], indices=[0, 1]),
               a.put(3, [tf.constant(7)], indices=[1], name="part"),
               a.get(k), a.get(), a.get(2, indices=[1]), a.peek(k), a.peek(4, indices=[0]),
               a.size(), a.incomplete_size(), a.clear()]
        b = dfo.MapStagingArea([tf.float32, tf.string], names=["x", "s"], ordered=True,
                               memory_limit=64, shared_name="shared")
        ret += [b.put(1, {"x": tf.constant(1.), "s": tf.constant("a")}),
                b.put(k, {"s": tf.constant("b")}), b.get(k), b.get(indices=["s"]),
                b.peek(1, indices=["x", "s"]), b.get(name="named"), b.size(name="sz"),
                b.incomplete_size(), b.clear()]
        c = dfo.MapStagingArea([tf.float32])
        ret += [c.put(tf.constant(5, tf.int64), [tf.constant(2.)], indices=[0]), c.get()]
        props = [a.name, b.name, c.name, a.capacity, b.memory_limit, b.names,
                 [d.name for d in b.dtypes], [s.as_list() for s in a.shapes],
                 b.shapes[0].ndims]
    return {"ops": _ops(g), "returns": _names(ret), "props": props}


def ordered_runs(tf):
    dfo = _dfo(tf)
    g = tf.Graph()
    out = {}
    with g.as_default():
        a = dfo.MapStagingArea([tf.float32, tf.int32], names=["x", "n"], shapes=[[2], []],
                               ordered=True)
        k = tf.placeholder(tf.int64, [])
        x = tf.placeholder(tf.float32, [2])
        n = tf.placeholder(tf.int32, [])
        put = a.put(k, {"x": x, "n": n})
        put_x, put_n = a.put(k, {"x": x}), a.put(k, {"n": n})
        _, got = a.get(k)
        _, got_x = a.get(k, indices=["x"])
        _, got_n = a.get(k, indices=["n"])
        first = a.get()
        first_n = a.get(indices=["n"])
        peek = a.peek(k)
        sizes = [a.size(), a.incomplete_size()]
        with tf.Session() as s:
            for key in (5, -3, 9, 1):
                s.run(put, {k: key, x: [key, 0.5], n: key * 2})
            out["sizes"] = s.run(sizes)
            out["peek"] = s.run(peek, {k: 9})
            out["get9"] = s.run(got, {k: 9})
            out["first"] = s.run(first)
            out["first_n"] = s.run(first_n)
            out["after_first_n"] = [s.run(sizes), s.run(got_x, {k: 1}), s.run(sizes)]
            s.run(put_x, {k: 7, x: [7., 7.]})
            s.run(put_n, {k: 2, n: 4})
            out["incomplete"] = s.run(sizes)
            s.run(put_n, {k: 7, n: 70})
            out["completed"] = [s.run(sizes), s.run(first), s.run(sizes)]
            s.run(put, {k: 7, x: [0., 0.], n: 0})   # a key held: the put is ignored
            out["duplicate"] = [s.run(sizes), s.run(got, {k: 7}), s.run(sizes)]
            s.run(a.clear())
            out["cleared"] = s.run(sizes)
    return out


def unordered_order(tf):
    """One unordered area: get() takes the first of TF's hash map's iteration."""
    dfo = _dfo(tf)
    g = tf.Graph()
    out = []
    with g.as_default():
        a = dfo.MapStagingArea([tf.int32])
        k = tf.placeholder(tf.int64, [])
        put = a.put(k, [tf.constant(1)], indices=[0])
        key, _ = a.get()
        by_key = a.get(k)
        with tf.Session() as s:
            for seq in (list(range(1, 25)), [0, 2, 4, 13, 26, 39, 5, 100, -1, -7],
                        [3, 14, 25, 36, 47, 58, 69, 80], [5, 3, 9, 1, 12, 7, 2]):
                for kk in seq:
                    s.run(put, {k: kk})
                out.append([s.run(key) for _ in seq])
            for kk in (1, 2, 3, 4, 5, 60, 31):
                s.run(put, {k: kk})
            s.run(by_key, {k: 3})
            s.run(put, {k: 9})
            out.append([s.run(key) for _ in range(7)])
    return out


def memory(tf):
    """TF's byte count: a put counts its last component's bytes (12 = three puts of a
    [2] and a [1] float32 fit), a get subtracts all it returns."""
    dfo = _dfo(tf)
    g = tf.Graph()
    out = []
    with g.as_default():
        a = dfo.MapStagingArea([tf.float32, tf.float32], memory_limit=12, ordered=True)
        k = tf.placeholder(tf.int64, [])
        put = a.put(k, [tf.constant([1., 2.]), tf.constant([3.])], indices=[0, 1])
        big_last = a.put(k, [tf.constant([3.]), tf.constant([1., 2., 3., 4.])],
                         indices=[0, 1])
        part = a.put(k, [tf.constant([1., 2., 3., 4.])], indices=[0])
        _, got = a.get()
        with tf.Session() as s:
            for kk in range(3):
                s.run(put, {k: kk})
            out.append(s.run(a.size()))
            out.append(s.run(got))
            out.append(_err(lambda: s.run(big_last, {k: 10})))
            out.append(_err(lambda: s.run(part, {k: 11})))
            out.append(s.run([a.size(), a.incomplete_size()]))
        b = dfo.MapStagingArea([tf.string], memory_limit=40)
        for vals in (["a" * 9], ["a" * 8], ["", ""]):
            with tf.Session() as s:
                out.append(_err(lambda: s.run(b.put(1, [tf.constant(vals)], indices=[0]))))
    return out


def errors(tf):
    dfo = _dfo(tf)
    g = tf.Graph()
    out = {}
    with g.as_default():
        a = dfo.MapStagingArea([tf.float32, tf.int32], shapes=[[2], []])
        b = dfo.MapStagingArea([tf.float32, tf.int32], names=["x", "n"])
        x, n = tf.constant([1., 2.]), tf.constant(3)
        out["build"] = [
            _err(lambda: a.put(tf.constant(1), [x, n], indices=[0, 1])),
            _err(lambda: a.put(1.5, [x, n], indices=[0, 1])),
            _err(lambda: a.put("k", [x, n], indices=[0, 1])),
            _err(lambda: a.put(1, [x, n])),
            _err(lambda: a.put(1, [x, n], indices=[0])),
            _err(lambda: a.put(1, [n], indices=[0])),
            _err(lambda: a.put(1, [x, n, n], indices=[0, 1, 1])),
            _err(lambda: a.put(1, {"x": x})),
            _err(lambda: b.put(1, [x], indices=[0])),
            _err(lambda: b.put(1, {"y": x})),
            _err(lambda: a.get(1, indices=[5])),
            _err(lambda: a.get(1, indices=[])),
            _err(lambda: a.get(1, indices=0)),
            _err(lambda: a.get(1, indices=["x"])),
            _err(lambda: b.get(1, indices=["y"])),
            _err(lambda: b.get(1, indices=["x", 1])),
            _err(lambda: a.peek(tf.constant(1.), indices=[0])),
            _err(lambda: a.get(tf.constant([1, 2], tf.int32))),
            _err(lambda: a.put(1, x, indices=[0])),
            _err(lambda: dfo.MapStagingArea([tf.float32], shapes=[[1], [2]])),
            _err(lambda: dfo.MapStagingArea([tf.float32], names=["a", "b"])),
            _err(lambda: dfo.MapStagingArea([tf.float32], shared_name=3)),
        ]
        unordered = a.put(1, [n, x], indices=[1, 0])
        put_n = a.put(2, [n], indices=[1])
        full = a.put(3, [x, n], indices=[0, 1])
        _, take_n = a.get(3, indices=[1])
        peek_n, = a.peek(3, indices=[1])
        with tf.Session() as s:
            out["run"] = [_err(lambda: s.run(unordered)), _err(lambda: s.run(put_n)),
                          _err(lambda: s.run(put_n)), s.run(b.incomplete_size()),
                          s.run(a.incomplete_size()), _err(lambda: s.run(full)),
                          s.run(take_n), _err(lambda: s.run(peek_n)),
                          _err(lambda: s.run(take_n)), s.run(a.size())]
    return out


def one_run(tf):
    """Waiting ops beside the op they wait for, in one run (either fetch order)."""
    dfo = _dfo(tf)
    g = tf.Graph()
    out = {}
    with g.as_default():
        for ordered in (False, True):
            a = dfo.MapStagingArea([tf.float32], capacity=1, ordered=ordered)
            k = tf.placeholder(tf.int64, [])
            v = tf.placeholder(tf.float32, [])
            put = a.put(k, [tf.tanh(v)], indices=[0])
            _, got = a.get(k)
            peeked, = a.peek(k)
            key, first = a.get()
            clear = a.clear()
            res = []
            with tf.Session() as s:
                res.append(s.run([got, put], {k: 4, v: .5})[0])
                res.append(s.run([put, got], {k: 6, v: -1.})[1])
                res.append(s.run([peeked, put], {k: 8, v: 2.})[0])
                res.append(s.run([put, key, first], {k: 9, v: 3.})[1:])   # put waits
                res.append(s.run(a.size()))
                s.run([put, clear], {k: 10, v: 1.})
                res.append([s.run(a.size()), s.run(first)])
            out["ordered" if ordered else "unordered"] = res
    return out


def incomplete_wait(tf):
    """A get or peek of a key whose tuple is incomplete waits for the put that completes
    it (same run, either fetch order)."""
    dfo = _dfo(tf)
    g = tf.Graph()
    out = []
    with g.as_default():
        a = dfo.MapStagingArea([tf.float32, tf.int32], names=["x", "n"], ordered=True)
        k = tf.placeholder(tf.int64, [])
        put_x = a.put(k, {"x": tf.constant(1.5)})
        put_n = a.put(k, {"n": tf.constant(4)})
        _, got = a.get(k)
        peeked = a.peek(k, indices=["n"])
        sizes = [a.size(), a.incomplete_size()]
        with tf.Session() as s:
            s.run(put_x, {k: 1})
            out.append(s.run(sizes))
            out.append(s.run([got, put_n], {k: 1})[0])
            s.run(put_n, {k: 2})
            out.append(s.run([put_x, peeked], {k: 2})[1])
            out.append(s.run(sizes))
    return out


def threads(tf):
    """Puts waiting for room across runs: a thread puts 4 tuples into an area of capacity
    1 and one of memory_limit 8 (one float32 pair) while the main thread gets them by
    key, and into an ordered one taken by get()."""
    dfo = _dfo(tf)
    g = tf.Graph()
    out = []
    with g.as_default():
        k = tf.placeholder(tf.int64, [])
        v = tf.placeholder(tf.float32, [2])
        for ordered, kw in ((False, {"capacity": 1}), (True, {"memory_limit": 8}),
                            (True, {"capacity": 1})):
            area = dfo.MapStagingArea([tf.float32], ordered=ordered, **kw)
            put, size = area.put(k, [v], indices=[0]), area.size()
            by_key, first = area.get(k)[1], area.get()
            with tf.Session() as sess:
                def producer():
                    for i in range(4):
                        sess.run(put, {k: 10 - i, v: [i, -i]})
                thread = threading.Thread(target=producer)
                thread.start()
                if kw.get("capacity") and ordered:
                    values = [sess.run(first) for _ in range(4)]
                else:
                    values = [sess.run(by_key, {k: 10 - i}) for i in range(4)]
                thread.join()
                out.append([values, sess.run(size)])
    return out


def key_shapes(tf):
    """A one-element key of any shape: get() returns the key tensor the tuple was put
    with (a completed tuple: the completing put's)."""
    dfo = _dfo(tf)
    g = tf.Graph()
    out = []
    with g.as_default():
        a = dfo.MapStagingArea([tf.int32, tf.float32], ordered=True)
        k = tf.placeholder(tf.int64, None)
        put = a.put(k, [tf.constant(1), tf.constant(2.)], indices=[0, 1])
        put_0 = a.put(k, [tf.constant(4)], indices=[0])
        put_1 = a.put(k, [tf.constant(8.)], indices=[1])
        first = a.get()
        _, by_key = a.get(k)
        with tf.Session() as s:
            s.run(put, {k: [[7]]})
            s.run(put, {k: 3})
            s.run(put_0, {k: [5]})
            s.run(put_1, {k: 5})
            s.run(put, {k: [9]})
            out.append([s.run(first) for _ in range(3)])
            out.append(s.run(by_key, {k: [[[9]]]}))
    return out


def raw(tf):
    """tf.raw_ops.MapStage / MapUnstage / OrderedMapPeek...: indices the Python class
    would refuse reach the kernel's checks."""
    g = tf.Graph()
    out = []
    with g.as_default():
        x, n = tf.constant([1., 2.]), tf.constant(3)
        common = {"dtypes": [tf.float32, tf.int32], "shared_name": "raw"}
        ops_ = [tf.raw_ops.MapStage(key=1, indices=[5], values=[x], **common),
                tf.raw_ops.MapStage(key=2, indices=[0, 1], values=[x, n], **common),
                tf.raw_ops.MapUnstage(key=2, indices=[0, 4], **common),
                tf.raw_ops.MapPeek(key=2, indices=[1], dtypes=[tf.int32], shared_name="raw"),
                tf.raw_ops.MapSize(**common), tf.raw_ops.MapIncompleteSize(**common),
                tf.raw_ops.OrderedMapStage(key=3, indices=[0, 1], values=[x, n], **common),
                tf.raw_ops.OrderedMapUnstageNoKey(indices=[1], dtypes=[tf.int32],
                                                  shared_name="raw"),
                tf.raw_ops.OrderedMapSize(**common)]
        out.append([[op.name, op.type] for op in g.get_operations()])
        with tf.Session() as s:
            for fetch in ops_:
                got = []
                out.append(_err(lambda: got.append(s.run(fetch))) or got)
    return out


CASES = [static, ordered_runs, unordered_order, memory, errors, one_run, incomplete_wait,
         threads, key_shapes, raw]


def cases(tf):
    out = {"vendor": host_vendor()}
    for fn in CASES:
        tf.reset_default_graph()
        out[fn.__name__] = fn(tf)
    return out

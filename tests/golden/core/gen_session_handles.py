"""tf.get_session_handle / get_session_tensor / delete_session_tensor and TensorHandle under
TF 1.14 (session_handles.json) and flowgrad (tests/test_session_handles.py): handle strings,
values, the ops built (reader and deleter subgraphs included), errors. Valid Python 3.7."""
import re

import numpy as np


def _err(e):
    msg = re.sub(r" \(defined at [^)]*\) ", "", str(e).split("\n")[0])
    return [type(e).__name__, msg]


def _ops(g):
    return [[o.name, o.type, o.device, [i.name for i in o.inputs]] for o in g.get_operations()]


def _val(x):
    return [str(x.dtype), np.asarray(x).tolist()]


def _try(out, key, fn):
    try:
        out[key] = ["ok", fn()]
    except Exception as e:  # noqa: BLE001 - the golden records TF's error
        out[key] = ["error"] + _err(e)


def basic(tf):
    out = {}
    g = tf.Graph()
    with g.as_default():
        c = tf.multiply(tf.constant([1., 2.]), tf.constant(3.))
        h = tf.get_session_handle(c)
        out["h"] = [h.name, h.op.type, str(h.dtype), str(h.shape), h.op.colocation_groups()]
        with tf.Session() as sess:
            hv = sess.run(h)
            out["handle"] = [type(hv).__name__, hv.handle, str(hv), hv._dtype.name]
            out["eval"] = _val(hv.eval())
            p, x = tf.get_session_tensor(hv.handle, tf.float32)
            out["pair"] = [p.name, p.device, str(p.dtype), x.name, x.device, str(x.shape)]
            y = x * 10
            out["read"] = _val(sess.run(y, feed_dict={p: hv.handle}))
            _try(out, "feed_handle_to_holder", lambda: sess.run(y, feed_dict={p: hv}))
            hv2 = sess.run(h)
            out["second"] = hv2.handle
            out["eval_again"] = _val(hv.eval())
            hv.delete()
            _try(out, "read_deleted", lambda: sess.run(y, feed_dict={p: hv.handle}))
            _try(out, "eval_deleted", lambda: hv.eval())
            _try(out, "delete_twice", lambda: hv.delete())
            _try(out, "bogus", lambda: sess.run(x, feed_dict={p: "bogus"}))
            _try(out, "unknown", lambda: sess.run(
                x, feed_dict={p: "c;1;/job:localhost/replica:0/task:0/device:CPU:0"}))
            p2, x2 = tf.get_session_tensor(hv2.handle, tf.int32, name="as_int")
            _try(out, "wrong_dtype", lambda: sess.run(x2, feed_dict={p2: hv2.handle}))
            dp, dop = tf.delete_session_tensor(hv2.handle, name="del")
            out["deleter"] = [dp.name, dop.name, dop.type, dop.device]
            out["delete_run"] = sess.run(dop, feed_dict={dp: hv2.handle})
            _try(out, "delete_again", lambda: sess.run(dop, feed_dict={dp: hv2.handle}))
            hv2.get_raw_handle()
        out["ops"] = _ops(g)
    _try(out, "not_tensor", lambda: tf.get_session_handle([1.]))
    return out


def feeds(tf):
    out = {}
    g = tf.Graph()
    with g.as_default():
        v = tf.constant(5, name="foo")
        h1 = tf.get_session_handle(v, name="myh")
        with tf.Session() as s:
            a = s.run(h1)
            out["named"] = a.handle
            out["fed_fetch"] = _val(s.run(v, feed_dict={v: a}))
            out["fed_downstream"] = _val(s.run(v * 3, feed_dict={v: a}))
            out["fed_handle_fetch"] = s.run(h1, feed_dict={h1: a}).handle
            out["fetch_nested"] = [x.handle for x in s.run({"k": [h1, h1]})["k"]]
        with tf.Session() as s:
            c = s.run(h1)
            out["new_session"] = c.handle
            p, x = tf.get_session_tensor(c.handle, tf.int32)
            out["same_session"] = _val(s.run(x, feed_dict={p: c.handle}))
            c.get_raw_handle()
        with tf.Session() as s2:
            _try(out, "other_session", lambda: s2.run(x, feed_dict={p: c.handle}))
        with tf.device("/cpu:0"):
            k = tf.get_session_handle(tf.constant([[1, 2]], tf.int64))
        with tf.Session() as s:
            kh = s.run(k)
            out["int64"] = [kh.handle, _val(kh.eval())]
            raw = kh.get_raw_handle()
            out["raw"] = [raw, kh._auto_gc_enabled]
        s = tf.Session()
        m = s.run(h1)
        key = m.get_raw_handle()
        s.close()
        s3 = tf.Session()
        p3, x3 = tf.get_session_tensor(key, tf.int32)
        _try(out, "closed", lambda: s3.run(x3, feed_dict={p3: key}))
        s3.close()
        out["ops"] = _ops(g)
    return out


def garbage(tf):
    """Every 10th collected TensorHandle deletes the 10 in one run (deleter subgraphs)."""
    out = {}
    g = tf.Graph()
    with g.as_default():
        h = tf.get_session_handle(tf.constant(1.5))
        with tf.Session() as s:
            names = []
            for _ in range(10):
                t = s.run(h)
                names.append(t.handle)
                del t
            out["names"] = names
            p, x = tf.get_session_tensor(names[0], tf.float32)
            _try(out, "collected", lambda: s.run(x, feed_dict={p: names[0]}))
            t = s.run(h)
            out["kept"] = _val(s.run(x, feed_dict={p: t.handle}))
        out["ops"] = _ops(g)
    return out


def callables(tf):
    """make_callable: a single Tensor fetch gives the raw handle string (TF's fast path),
    any other structure TensorHandles; a handle string is no fetch."""
    out = {}
    g = tf.Graph()
    with g.as_default():
        h = tf.get_session_handle(tf.constant(2.5))
        with tf.Session() as s:
            out["single"] = s.make_callable(h)()
            r = s.make_callable([h, h.op.inputs[0]])()
            out["list"] = [type(r[0]).__name__, r[0].handle, _val(r[1])]
            _try(out, "run_handle_string", lambda: s.run(r[0].handle))
            out["eval"] = _val(r[0].eval())
    return out


def cases(tf):
    return {"basic": basic(tf), "feeds": feeds(tf), "garbage": garbage(tf),
            "callables": callables(tf)}

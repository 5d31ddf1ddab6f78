"""More of TF 1.14's tf.SparseConditionalAccumulator (also tf.sparse.
SparseConditionalAccumulator): the shape take_grad returns (the accumulator's first
dimension, else -1), duplicate and unsorted indices, stale gradients dropped before any
check (tf.ConditionalAccumulator's too), set_global_step, every shape and index check
(class and first line), empty gradients, static shapes and op names, take_grad blocking
until other threads apply gradients, and its deadline. tests/test_sparse_accumulator.py runs cases() on flowgrad.

    python tools/goldens.py regen accumulators/sparse_cases
"""
import re
import threading
import time


def _error(e):
    msg = re.sub(r" \(defined at [^)]*\)", "", str(e).split("\n")[0])
    return ["error", type(e).__name__, msg]


def _shape(t):
    return None if t.shape.ndims is None else [d.value for d in t.shape.dims]


def _run_steps(tf, sess, steps):
    out = []
    for step in steps:
        try:
            r = sess.run(step)
            if hasattr(r, "indices") and hasattr(r, "values"):
                r = [r.indices, r.values, getattr(r, "shape", getattr(r, "dense_shape", None))]
            out.append(r)
        except Exception as e:  # noqa: BLE001 - the error is the golden
            out.append(_error(e))
    return out


def _case(tf, build):
    g = tf.Graph()
    with g.as_default():
        try:
            steps, shaped = build(tf)
        except Exception as e:  # noqa: BLE001 - the error is the golden
            return _error(e)
        out = {"ops": [[o.name, o.type] for o in g.get_operations()],
               "shapes": {k: _shape(v) for k, v in shaped.items()}}
        with tf.Session() as sess:
            out["runs"] = _run_steps(tf, sess, steps)
    return out


def _acc(tf, shape=None, dtype=None, **kw):
    return tf.sparse.SparseConditionalAccumulator(dtype or tf.float32, shape=shape, **kw)


def _take_shape(tf):
    """Unknown accumulator shape: take's shape is -1 then the values' dims, whatever
    grad_shape said; a known first dimension is returned as is."""
    a = _acc(tf)
    b = _acc(tf, shape=[6, 2], name="b")
    c = _acc(tf, shape=tf.TensorShape([None, 2]), name="c")
    d = _acc(tf, shape=[7, 1, 2], name="d")
    steps = []
    for q, shape in ((a, [5, 2]), (b, None), (c, [9, 2]), (d, None)):
        vals = [[[1., 2.]], [[3., 4.]]] if q is d else [[1., 2.], [3., 4.]]
        steps.append(q.apply_grad([4, 1], vals, grad_shape=shape))
        steps.append(q.take_grad(1))
    t = b.take_grad(1)
    return steps, {"indices": t.indices, "values": t.values, "shape": t.shape,
                   "b_values": b.take_indexed_slices_grad(1).values}


def _duplicates(tf):
    a = _acc(tf, shape=[10, 2])
    return [a.apply_grad([3, 3, 1], [[1., 1.], [2., 2.], [4., 4.]]),
            a.apply_grad([3, 0, 3], [[10., 10.], [20., 20.], [30., 30.]]),
            a.apply_grad([9, 1], [[5., 5.], [6., 6.]]),
            a.num_accumulated(), a.take_grad(3), a.num_accumulated()], {}


def _stale_unchecked(tf):
    """A stale gradient is dropped before its shape is checked (no error)."""
    a = _acc(tf, shape=[4, 2])
    ok = a.apply_grad([1], [[1., 1.]], local_step=0)
    take = a.take_grad(1)
    stale_bad = a.apply_grad([9], [[1., 1., 1.]], grad_shape=[7, 3], local_step=0)
    fresh_bad = a.apply_grad([9], [[1., 1., 1.]], grad_shape=[7, 3], local_step=1)
    return [ok, take, stale_bad, a.num_accumulated(), fresh_bad, a.num_accumulated()], {}


def _dense_stale_unchecked(tf):
    """tf.ConditionalAccumulator too drops a stale gradient before checking its shape."""
    a = tf.ConditionalAccumulator(tf.float32, shape=[2])
    bad = tf.placeholder_with_default([1., 2., 3.], None)
    return [a.apply_grad([1., 2.]), a.take_grad(1),
            a.apply_grad(bad, local_step=0), a.num_accumulated(),
            a.apply_grad(bad, local_step=1), a.num_accumulated()], {}


def _global_step(tf):
    a = _acc(tf, shape=[4, 1])
    set5 = a.set_global_step(5)
    set2 = a.set_global_step(tf.constant(2, tf.int64), name="back")
    return [set5,
            a.apply_grad([1], [[1.]], local_step=4),
            a.apply_grad([2], [[2.]], local_step=5),
            a.apply_grad([3], [[3.]], local_step=7),
            a.num_accumulated(),
            a.take_grad(2),
            set2,
            a.apply_grad([0], [[8.]], local_step=3),
            a.take_indexed_slices_grad(1)], {}


def _sum_float64(tf):
    a = _acc(tf, shape=[None, 3], dtype=tf.float64, reduction_type="SUM")
    # (TF infers the values' dtype from them: Python floats into a float64 accumulator
    # abort TF's process, so the values are float64 tensors)
    return [a.apply_grad(tf.constant([2, 0], tf.int32),
                         tf.constant([[1., 2., 3.], [4., 5., 6.]], tf.float64)),
            a.apply_grad([2], tf.constant([[0.5, 0.5, 0.5]], tf.float64)),
            a.take_grad(2)], {}


def _empty_gradient(tf):
    a = _acc(tf, shape=[4, 2])
    empty = a.apply_grad(tf.zeros([0], tf.int64), tf.zeros([0, 2]))
    empty_first = a.apply_grad(tf.zeros([0], tf.int64), tf.zeros([0, 2]), local_step=1)
    return [empty, a.num_accumulated(), a.apply_grad([1], [[1., 2.]]), a.take_grad(2),
            empty_first, a.take_grad(1)], {}


def _errors(tf):
    a = _acc(tf, shape=[4, 2])
    u = _acc(tf, name="u")
    return [
        a.apply_grad([5], [[1., 1.]]),                       # index past the first dim
        a.apply_grad([[1]], [[1., 1.]]),                     # indices not a vector
        a.apply_grad([1, 2], [[1., 1.]]),                    # values' first dim
        a.apply_grad([1], [[1., 1.]], grad_shape=[4]),       # shape rank too small
        a.apply_grad([1], [[1., 1.]], grad_shape=[4, 3]),    # shape dim 1
        a.apply_grad([1], [1.]),                             # values rank
        a.apply_grad([1], [[[1., 1.]]]),                     # values dim 1
        a.take_grad(0),
        u.apply_grad([1], 1.),                                 # 0-d values
        u.apply_grad([1], [[1., 1.]]),
        u.apply_grad([2], [1.]),                             # rank after the first
        u.apply_grad([2], [[1., 1., 1.]]),                   # dim after the first
        u.apply_grad([-3], [[1., 1.]]),
        u.take_grad(1),
    ], {}


def _build_errors(tf):
    out = {}
    for key, fn in (
            ("bad_reduction", lambda: _acc(tf, reduction_type="MAX")),
            ("values_dtype", lambda: _acc(tf).apply_grad([1], tf.constant([[1, 2]]))),
            ("take_float", lambda: _acc(tf).take_grad(1.5)),
            ("local_step_string", lambda: _acc(tf).apply_grad([1], [[1.]], local_step="a"))):
        g = tf.Graph()
        with g.as_default():
            try:
                fn()
                out[key] = "no error"
            except Exception as e:  # noqa: BLE001 - the error is the golden
                out[key] = _error(e)
    return out


def _blocking(tf):
    """take_grad(3) waits for gradients applied from other threads."""
    out = {}
    g = tf.Graph()
    with g.as_default():
        a = _acc(tf, shape=[6, 1], shared_name="shared_acc")
        idx = tf.placeholder(tf.int64, [None])
        val = tf.placeholder(tf.float32, [None, 1])
        apply = a.apply_grad(idx, val)
        take = a.take_indexed_slices_grad(3)
        with tf.Session() as sess:
            result = {}

            def taker():
                result["take"] = sess.run([take.indices, take.values, take.dense_shape])
            th = threading.Thread(target=taker)
            th.start()
            time.sleep(0.3)
            out["waiting"] = th.is_alive()
            for k in range(3):
                sess.run(apply, {idx: [k, 5], val: [[float(k)], [10. * k]]})
                time.sleep(0.1)
            th.join(10)
            out["take"] = result.get("take")
            opts = tf.RunOptions(timeout_in_ms=200)
            try:
                sess.run(take.values, options=opts)
                out["deadline"] = "no error"
            except Exception as e:  # noqa: BLE001 - the error is the golden
                out["deadline"] = _error(e)
    return out


CASES = {
    "take_shape": _take_shape,
    "duplicates": _duplicates,
    "stale_unchecked": _stale_unchecked,
    "dense_stale_unchecked": _dense_stale_unchecked,
    "global_step": _global_step,
    "sum_float64": _sum_float64,
    "empty_gradient": _empty_gradient,
    "errors": _errors,
}


def cases(tf):
    out = {name: _case(tf, build) for name, build in CASES.items()}
    out["build_errors"] = _build_errors(tf)
    out["blocking"] = _blocking(tf)
    out["same_class"] = tf.sparse.SparseConditionalAccumulator is tf.SparseConditionalAccumulator
    return out

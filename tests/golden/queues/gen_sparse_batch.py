"""tf.train.batch, maybe_batch, shuffle_batch, batch_join and shuffle_batch_join with
SparseTensor inputs, and the SparseTensorsMap ops they pass them through
(AddSparseToTensorsMap, AddManySparseToTensorsMap, TakeManySparseFromTensorsMap), under TF
1.14 (made on an Intel Xeon: the host is recorded, though nothing here is float arithmetic
that depends on it), run with flowgrad in tests/test_sparse_batch.py: every op's name and
type (inputs and control inputs outside tf.cond), the outputs' static shapes, the batches
the enqueue ops give when run in order in the main thread (no runner threads: no races)
and the end-of-input errors; the map ops' handles, takes and errors; build errors."""
import importlib
import re

import numpy as np
from goldenio import GoldenError, host_vendor


def _sp(tf, shift=0.0, rank2=True):
    if rank2:
        return tf.SparseTensor(tf.constant([[0, 0], [0, 2], [2, 1]], tf.int64),
                               tf.constant([1., 2., 3.]) + shift,
                               tf.constant([4, 5], tf.int64))
    return tf.SparseTensor(tf.constant([[0], [3]], tf.int64),
                           tf.constant([7, 8]) + int(shift), tf.constant([6], tf.int64))


def _many(tf):   # a minibatch of 3 whose row 1 is empty
    return tf.SparseTensor(tf.constant([[0, 0, 1], [0, 1, 0], [2, 2, 2]], tf.int64),
                           tf.constant([b"a", b"b", b"c"]), tf.constant([3, 3, 4], tf.int64))


def _builders(tf):
    return {
        "batch": lambda: tf.train.batch([_sp(tf), tf.constant([1, 2])], batch_size=2),
        "batch_dict": lambda: tf.train.batch({"s": _sp(tf), "d": tf.constant(3.)},
                                             batch_size=3),
        "batch_single": lambda: tf.train.batch([_sp(tf, rank2=False)], batch_size=2),
        "batch_many": lambda: tf.train.batch([_many(tf), tf.constant([1, 2, 3])],
                                             batch_size=2, enqueue_many=True),
        "batch_small": lambda: tf.train.batch([_many(tf)], batch_size=2, enqueue_many=True,
                                              allow_smaller_final_batch=True),
        "maybe_batch_ph": lambda: tf.train.maybe_batch(
            [_sp(tf), tf.constant(1)], tf.placeholder_with_default(True, []), batch_size=2),
        "maybe_batch_many_ph": lambda: tf.train.maybe_batch(
            [_many(tf)], tf.placeholder_with_default(True, []), batch_size=2,
            enqueue_many=True),
        "maybe_batch_vec": lambda: tf.train.maybe_batch(
            [_many(tf), tf.constant([4, 5, 6])], tf.constant([True, False, True]),
            batch_size=2, enqueue_many=True),
        "shuffle_batch": lambda: tf.train.shuffle_batch(
            [_sp(tf), tf.constant([1, 2])], batch_size=2, capacity=10, min_after_dequeue=1,
            seed=3),
        "batch_join": lambda: tf.train.batch_join(
            [[_sp(tf), tf.constant(1)], [_sp(tf, 10.), tf.constant(2)]], batch_size=3),
        "shuffle_batch_join": lambda: tf.train.shuffle_batch_join(
            [[_sp(tf, rank2=False)], [_sp(tf, 1., rank2=False)]], batch_size=2, capacity=8,
            min_after_dequeue=2, seed=1),
    }


def _sparse_ops(tf):
    """The module with the private map helpers (TF's sparse_ops or flowgrad's)."""
    return importlib.import_module(
        "tensorflow.python.ops.sparse_ops" if tf.__name__ == "tensorflow" else
        tf.__name__ + ".ops.sparse_ops")


def _norm(tf, v):
    """A fetched value as plain data; resource ids in messages as `_N_`."""
    if isinstance(v, str):
        return re.sub(r"'_\d+_", "'_N_", v)
    if type(v).__name__ == "SparseTensorValue":
        return [_norm(tf, v.indices), _norm(tf, v.values), _norm(tf, v.dense_shape)]
    if isinstance(v, dict):
        return {k: _norm(tf, x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_norm(tf, x) for x in v]
    a = np.asarray(v)
    if a.dtype == object:
        return [x.decode() for x in a.ravel()]
    return a


def _error(tf, e):
    return GoldenError.of(e, _norm(tf, e.message.split("\n")[0]))


def _desc(tf, t):
    if isinstance(t, dict):
        return {k: _desc(tf, x) for k, x in t.items()}
    if isinstance(t, (list, tuple)):
        return [_desc(tf, x) for x in t]
    if isinstance(t, tf.SparseTensor):
        return ["sparse", _desc(tf, t.indices), _desc(tf, t.values), _desc(tf, t.dense_shape)]
    return [t.name, str(t.shape), t.dtype.name]


def _ops(g):
    # (inside a tf.cond flowgrad's get_operations lists its own ops' inputs, not TF's)
    return [[o.name, o.type] + ([] if "cond" in o.name else [
        [i.name for i in o.inputs], [c.name for c in o.control_inputs]])
        for o in g.get_operations()]


def pipelines(tf):
    out = {}
    for name, build in sorted(_builders(tf).items()):
        g = tf.Graph()
        with g.as_default():
            res = build()
            rec = {"outputs": _desc(tf, res), "ops": _ops(g)}
            runner = g.get_collection(tf.GraphKeys.QUEUE_RUNNERS)[0]
            with tf.Session() as s:
                for _ in range(2):
                    for e in runner.enqueue_ops:
                        s.run(e)
                s.run(runner.close_op)
                batches = []
                for _ in range(4):
                    try:
                        batches.append(_norm(tf, s.run(res)))
                    except tf.errors.OpError as e:
                        batches.append(_error(tf, e))
                rec["batches"] = batches
        out[name] = rec
    return out


def map_ops(tf):
    """The raw map ops: handles (non-empty rows first), takes (each handle once, the other
    dimensions the largest), the index checks and TF's messages."""
    so = _sparse_ops(tf)
    out = {}
    g = tf.Graph()
    with g.as_default():
        sp = _sp(tf)
        many = so._add_many_sparse_to_tensors_map(sp, name="m")
        one = so._add_sparse_to_tensors_map(sp)
        shared = so._add_sparse_to_tensors_map(_sp(tf, 5.), shared_name="m")
        ph = tf.placeholder(tf.int64, [None])
        take = so._take_many_sparse_from_tensors_map(many.op, ph, rank=2)
        take1 = so._take_many_sparse_from_tensors_map(one.op, ph)
        out["static"] = [_desc(tf, many), _desc(tf, one), _desc(tf, take),
                         _desc(tf, take1), take.indices.op.get_attr("shared_name"),
                         take.indices.op.colocation_groups(),
                         take1.indices.op.get_attr("shared_name")]
        shape_ph = tf.placeholder(tf.int64, [None, 2])
        bad = {"order": [[0, 2], [0, 0]], "bounds": [[0, 2], [5, 0]],
               "repeated": [[0, 2], [0, 2]], "negative": [[0, 2], [-1, 0]],
               "rows": [[0, 2]]}
        ind = tf.placeholder(tf.int64, [None, None])
        vals = tf.constant([1., 2.])
        add_many_bad = so._add_many_sparse_to_tensors_map(
            tf.SparseTensor(ind, vals, tf.constant([4, 5], tf.int64)))
        add_one_bad = so._add_sparse_to_tensors_map(
            tf.SparseTensor(ind, vals, tf.constant([4, 5], tf.int64)))
        rank1 = so._add_many_sparse_to_tensors_map(_sp(tf, rank2=False))
        del shape_ph
        runs = []
        with tf.Session() as s:
            def run(f, feed=None):
                try:
                    runs.append(_norm(tf, s.run(f, feed)))
                except tf.errors.OpError as e:
                    runs.append(_error(tf, e))
            run(many)
            run(many)
            run(one)
            run(shared)
            for hs in ([0, 2], [0], [3, 4], [9], [1, 1], [], [8]):
                run(take, {ph: hs})
            run(take1, {ph: [0]})
            for k in sorted(bad):
                run(add_many_bad, {ind: bad[k]})
                run(add_one_bad, {ind: bad[k]})
            run(rank1)
        with tf.Session() as s:   # a new session's map: handles from 0, nothing to take
            run(many)
            run(take, {ph: [5]})
        out["runs"] = runs
    return out


def build_errors(tf):
    so = _sparse_ops(tf)
    cases = {
        # a constant False keep_input stores a Const, which TF cannot restore
        "maybe_batch_false": lambda: tf.train.maybe_batch([_sp(tf)], tf.constant(False),
                                                          batch_size=2),
        "join_rank": lambda: tf.train.batch_join([[_sp(tf)], [_many(tf)]], batch_size=2),
        "join_mixed": lambda: tf.train.batch_join([[_sp(tf)], [tf.constant([1])]],
                                                  batch_size=2),
        "take_not_op": lambda: so._take_many_sparse_from_tensors_map(
            tf.constant(1), tf.constant([0], tf.int64)),
        "take_not_map": lambda: so._take_many_sparse_from_tensors_map(
            tf.constant(1).op, tf.constant([0], tf.int64)),
        "add_not_sparse": lambda: so._add_sparse_to_tensors_map(tf.constant([1])),
        "take_rank": lambda: so._take_many_sparse_from_tensors_map(
            so._add_sparse_to_tensors_map(_sp(tf)).op, tf.constant([[0]], tf.int64)),
    }
    out = {}
    for name, build in sorted(cases.items()):
        with tf.Graph().as_default():
            try:
                build()
                out[name] = None
            except (TypeError, ValueError) as e:   # (a list's repr holds addresses)
                out[name] = GoldenError.of(e, str(e).split(":")[0])
    return out


def cases(tf):
    return {"host": host_vendor(), "pipelines": pipelines(tf), "map_ops": map_ops(tf),
            "build_errors": build_errors(tf)}

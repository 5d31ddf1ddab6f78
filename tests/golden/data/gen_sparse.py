"""TF 1.14's tf.data with SparseTensor elements: parse_single_example / parse_example with
VarLenFeature and SparseFeature in map and parse_example_dataset, batch, unbatch, shuffle,
filter, zip, from_tensors / from_tensor_slices of SparseTensors, dense_to_sparse_batch,
reinitializable and feedable iterators with output_classes, get_single_element, and
make_batched_features_dataset; values, orders, static structures (types, shapes,
classes), the ops a pipeline adds, and errors. tests/test_data_sparse.py runs the same
programs in flowgrad."""
from __future__ import absolute_import

import os
import shutil
import tempfile

from gen_experimental import _described, _plain, drain

PROGRAMS = {}


def _classes(x):
    if isinstance(x, dict):
        return [[k, _classes(v)] for k, v in sorted(x.items())]
    if isinstance(x, tuple):
        return [_classes(v) for v in x]
    return x.__name__


def _err(e):
    return "%s: %s" % (type(e).__name__, str(getattr(e, "message", e)).split("\n")[0])


def _ds(make, limit=40):
    def run(tf):
        try:
            with tf.Graph().as_default():
                ds = make(tf)
                nxt = ds.make_one_shot_iterator().get_next()
                with tf.Session() as sess:
                    return [_described(ds.output_types), _described(ds.output_shapes),
                            _classes(ds.output_classes),
                            [r.replace("[_Derived_]", "") if isinstance(r, str) else r
                             for r in drain(tf, nxt, sess, limit)]]
        except Exception as e:  # noqa: BLE001 - the error is the golden
            return _err(e)
    return run


def _example(tf, ints, floats, words, idx=None, val=None):
    f = tf.train.Feature
    feats = {"ints": f(int64_list=tf.train.Int64List(value=ints)),
             "floats": f(float_list=tf.train.FloatList(value=floats)),
             "words": f(bytes_list=tf.train.BytesList(value=[w.encode() for w in words])),
             "label": f(int64_list=tf.train.Int64List(value=[len(ints)]))}
    if idx is not None:
        feats["idx"] = f(int64_list=tf.train.Int64List(value=idx))
        feats["val"] = f(float_list=tf.train.FloatList(value=val))
    return tf.train.Example(features=tf.train.Features(feature=feats)).SerializeToString()


def _records(tf):
    return [_example(tf, [1, 2], [0.5], ["a"], [0, 3], [1.5, 2.5]),
            _example(tf, [], [1.5, 2.5, 3.5], [], [1], [4.0]),
            _example(tf, [3], [], ["b", "cc"], [], []),
            _example(tf, [4, 5, 6], [7.25], ["d"], [2, 4, 1], [0.25, 0.5, 0.75]),
            _example(tf, [7], [8.5, 9.5], ["e", "f", "g"], [0], [9.0])]


def _varlen(tf):
    return {"ints": tf.VarLenFeature(tf.int64), "floats": tf.VarLenFeature(tf.float32),
            "words": tf.VarLenFeature(tf.string),
            "label": tf.FixedLenFeature([], tf.int64)}


def _with_sparse_feature(tf):
    feats = _varlen(tf)
    feats["sf"] = tf.SparseFeature(index_key="idx", value_key="val", dtype=tf.float32, size=5)
    return feats


def _parsed(tf, feats=_varlen):
    return tf.data.Dataset.from_tensor_slices(_records(tf)).map(
        lambda s: tf.parse_single_example(s, feats(tf)))


def _sp(tf):
    return tf.SparseTensor(indices=[[0, 1], [0, 3], [2, 0], [3, 2]], values=[1.0, 2.0, 3.0, 4.0],
                           dense_shape=[4, 5])


PROGRAMS.update({
    "map_parse_single": _ds(lambda tf: _parsed(tf)),
    "map_parse_single_batch": _ds(lambda tf: _parsed(tf).batch(2)),
    "map_parse_single_batch_drop": _ds(lambda tf: _parsed(tf).batch(2, drop_remainder=True)),
    "map_parse_sparse_feature": _ds(lambda tf: _parsed(tf, _with_sparse_feature).batch(3)),
    "batch_unbatch": _ds(lambda tf: _parsed(tf).batch(2).apply(
        tf.data.experimental.unbatch())),
    "batch_batch": _ds(lambda tf: _parsed(tf).batch(2).batch(2)),
    "parse_example_dataset": _ds(lambda tf: tf.data.Dataset.from_tensor_slices(
        _records(tf)).batch(3).apply(tf.data.experimental.parse_example_dataset(
            _with_sparse_feature(tf)))),
    "map_parse_example": _ds(lambda tf: tf.data.Dataset.from_tensor_slices(
        _records(tf)).batch(2).map(lambda s: tf.parse_example(s, _varlen(tf)))),
    "shuffle_seeded": _ds(lambda tf: _parsed(tf).shuffle(5, seed=3).batch(2)),
    "repeat_take": _ds(lambda tf: _parsed(tf).repeat(2).skip(3).take(4)),
    "filter_on_sparse": _ds(lambda tf: _parsed(tf).filter(
        lambda d: tf.size(d["ints"].values) > 0).batch(2)),
    "map_sparse_to_dense": _ds(lambda tf: _parsed(tf).map(
        lambda d: tf.sparse_tensor_to_dense(d["ints"], default_value=-1))),
    "map_builds_sparse": _ds(lambda tf: tf.data.Dataset.range(4).map(
        lambda x: tf.SparseTensor([[0], [2]], tf.stack([x, 2 * x]), [3])).batch(3)),
    "zip_sparse_dense": _ds(lambda tf: tf.data.Dataset.zip(
        (_parsed(tf).map(lambda d: d["words"]), tf.data.Dataset.range(10))).batch(2)),
    "from_tensors_sparse": _ds(lambda tf: tf.data.Dataset.from_tensors(_sp(tf)).repeat(2)),
    "from_tensors_sparse_value": _ds(lambda tf: tf.data.Dataset.from_tensors(
        (tf.SparseTensorValue([[1]], [7], [3]), 5))),
    "from_tensor_slices_sparse": _ds(lambda tf: tf.data.Dataset.from_tensor_slices(_sp(tf))),
    "from_tensor_slices_sparse_batch": _ds(lambda tf: tf.data.Dataset.from_tensor_slices(
        (_sp(tf), tf.range(4))).batch(3)),
    "from_tensor_slices_scalar_sparse": _ds(lambda tf: tf.data.Dataset.from_tensor_slices(
        tf.SparseTensor(tf.zeros([0, 0], tf.int64), tf.zeros([0]), tf.zeros([0], tf.int64)))),
    "padded_batch_refused": _ds(lambda tf: _parsed(tf).padded_batch(
        2, {"ints": [None], "floats": [None], "words": [None], "label": []})),
    "from_sparse_tensor_slices": _ds(lambda tf: tf.data.Dataset.from_sparse_tensor_slices(
        tf.SparseTensor([[0, 1], [2, 0], [2, 3], [4, 4]], [1., 2., 3., 4.], [5, 6]))),
    "from_sparse_tensor_slices_rank3": _ds(lambda tf: tf.data.Dataset.from_sparse_tensor_slices(
        tf.SparseTensor([[0, 1, 1], [1, 0, 2]], [1, 2], [2, 3, 4])).batch(2)),
    "from_sparse_tensor_slices_unordered": _ds(
        lambda tf: tf.data.Dataset.from_sparse_tensor_slices(
            tf.SparseTensor([[2, 0], [0, 1]], [1., 2.], [3, 4]))),
    "from_sparse_tensor_slices_not_sparse": _ds(
        lambda tf: tf.data.Dataset.from_sparse_tensor_slices([1, 2])),
    "dense_to_sparse_fixed": _ds(lambda tf: tf.data.Dataset.range(4).map(
        lambda x: tf.fill(tf.reshape(x, [1]), x)).apply(
            tf.data.experimental.dense_to_sparse_batch(3, [3]))),
    "dense_to_sparse_too_long": _ds(lambda tf: tf.data.Dataset.range(4).map(
        lambda x: tf.fill(tf.reshape(x, [1]), x)).apply(
            tf.data.experimental.dense_to_sparse_batch(3, [2]))),
    "dense_to_sparse_unknown": _ds(lambda tf: tf.data.Dataset.range(7).map(
        lambda x: tf.fill(tf.reshape(x % 3, [1]), tf.cast(x, tf.float32) + 0.5)).apply(
            tf.data.experimental.dense_to_sparse_batch(2, [None]))),
    "dense_to_sparse_matrix": _ds(lambda tf: tf.data.Dataset.range(3).map(
        lambda x: tf.reshape(tf.range(2 * x), tf.stack([x, 2]))).apply(
            tf.data.experimental.dense_to_sparse_batch(2, tf.TensorShape([None, 2])))),
    "dense_to_sparse_rank_mismatch": _ds(lambda tf: tf.data.Dataset.range(3).map(
        lambda x: tf.fill(tf.reshape(x, [1]), x)).apply(
            tf.data.experimental.dense_to_sparse_batch(2, [2, 2]))),
    "dense_to_sparse_two_components": _ds(lambda tf: tf.data.Dataset.range(3).map(
        lambda x: (x, x)).apply(tf.data.experimental.dense_to_sparse_batch(2, [2]))),
    "dense_to_sparse_unbatch": _ds(lambda tf: tf.data.Dataset.range(5).map(
        lambda x: tf.fill(tf.reshape(x % 3, [1]), x)).apply(
            tf.data.experimental.dense_to_sparse_batch(2, [None])).apply(
                tf.data.experimental.unbatch())),
})


def _ops(make):
    """The op types a pipeline adds to the graph, in order (and its one-shot iterator's)."""
    def run(tf):
        with tf.Graph().as_default() as g:
            ds = make(tf)
            ds.make_one_shot_iterator().get_next()
            return [[op.name, op.type] for op in g.get_operations()]
    return run


PROGRAMS.update({
    "ops_map_parse_batch": _ops(lambda tf: _parsed(tf).batch(2)),
    "ops_unbatch": _ops(lambda tf: _parsed(tf).batch(2).apply(tf.data.experimental.unbatch())),
    "ops_dense_unbatch": _ops(lambda tf: tf.data.Dataset.range(4).batch(2).apply(
        tf.data.experimental.unbatch())),
    "ops_from_tensor_slices_sparse": _ops(lambda tf: tf.data.Dataset.from_tensor_slices(
        _sp(tf))),
    "ops_from_tensors_sparse": _ops(lambda tf: tf.data.Dataset.from_tensors(_sp(tf))),
    "ops_from_sparse_tensor_slices": _ops(lambda tf: tf.data.Dataset.from_sparse_tensor_slices(
        _sp(tf))),
    "ops_dense_to_sparse": _ops(lambda tf: tf.data.Dataset.range(4).map(
        lambda x: tf.fill(tf.reshape(x, [1]), x)).apply(
            tf.data.experimental.dense_to_sparse_batch(3, [3]))),
})


def _reinitializable(tf):
    try:
        with tf.Graph().as_default():
            a = _parsed(tf).batch(2)
            b = _parsed(tf).skip(2).batch(3)
            it = tf.data.Iterator.from_structure(a.output_types, a.output_shapes,
                                                 output_classes=a.output_classes)
            nxt = it.get_next()
            out = [_classes(it.output_classes), str(nxt["ints"].indices.shape),
                   str(nxt["ints"].dense_shape.shape)]
            with tf.Session() as sess:
                for d in (a, b):
                    sess.run(it.make_initializer(d))
                    out.append(drain(tf, nxt, sess))
            try:
                it.make_initializer(tf.data.Dataset.range(3))
            except (TypeError, ValueError) as e:
                out.append(_err(e))
            return out
    except Exception as e:  # noqa: BLE001 - the error is the golden
        return _err(e)


def _feedable(tf):
    try:
        with tf.Graph().as_default():
            a = _parsed(tf).map(lambda d: (d["words"], d["label"]))
            b = a.repeat(2)
            handle = tf.placeholder(tf.string, [])
            it = tf.data.Iterator.from_string_handle(handle, a.output_types, a.output_shapes,
                                                     output_classes=a.output_classes)
            nxt = it.get_next()
            ia = a.make_one_shot_iterator()
            ib = b.make_initializable_iterator()
            with tf.Session() as sess:
                ha, hb = sess.run([ia.string_handle(), ib.string_handle()])
                sess.run(ib.initializer)
                out = [_classes(it.output_classes)]
                for _ in range(3):
                    out.append(_plain(sess.run(nxt, {handle: ha})))
                    out.append(_plain(sess.run(nxt, {handle: hb})))
                return out
    except Exception as e:  # noqa: BLE001 - the error is the golden
        return _err(e)


def _single_element(tf):
    try:
        with tf.Graph().as_default():
            v = tf.data.experimental.get_single_element(_parsed(tf).batch(5))
            with tf.Session() as sess:
                return [_classes({k: type(x) for k, x in v.items()}), _plain(sess.run(v))]
    except Exception as e:  # noqa: BLE001 - the error is the golden
        return _err(e)


def _batched_features(tf):
    d = tempfile.mkdtemp()
    try:
        path = os.path.join(d, "ex.tfrecord")
        with tf.python_io.TFRecordWriter(path) as w:
            for r in _records(tf):
                w.write(r)
        with tf.Graph().as_default():
            ds = tf.data.experimental.make_batched_features_dataset(
                path, 2, _with_sparse_feature(tf), label_key="label", num_epochs=1,
                shuffle=False)
            nxt = ds.make_one_shot_iterator().get_next()
            with tf.Session() as sess:
                return [_described(ds.output_types), _described(ds.output_shapes),
                        _classes(ds.output_classes), drain(tf, nxt, sess)]
    except Exception as e:  # noqa: BLE001 - the error is the golden
        return _err(e)
    finally:
        shutil.rmtree(d, ignore_errors=True)


PROGRAMS.update({
    "iterator_from_structure": _reinitializable,
    "iterator_from_string_handle": _feedable,
    "get_single_element": _single_element,
    "make_batched_features_dataset": _batched_features,
})


def _file_cache(tf):
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            ds = _parsed(tf).cache(os.path.join(d, "c")).batch(2)
            it = ds.make_initializable_iterator()
            nxt = it.get_next()
            out = []
            with tf.Session() as sess:
                for _ in range(2):
                    sess.run(it.initializer)
                    out.append(drain(tf, nxt, sess))
            return out
    except Exception as e:  # noqa: BLE001 - the error is the golden
        return _err(e)
    finally:
        shutil.rmtree(d, ignore_errors=True)


PROGRAMS["file_cache"] = _file_cache


def cases(tf):
    return {name: PROGRAMS[name](tf) for name in sorted(PROGRAMS)}

"""TF 1.14's tf.data.experimental stateful transformations and whole-dataset ops:
Dataset.reduce, scan, unique, take_while, group_by_window, group_by_reducer + Reducer,
bucket_by_sequence_length, Counter, Optional / get_next_as_optional, TFRecordWriter,
copy_to_device / prefetch_to_device, and tf.contrib.data's batching aliases; values,
orders, static structures and errors. tests/test_data_grouping.py runs the same
programs in flowgrad."""
from __future__ import absolute_import

import os
import shutil
import tempfile

import numpy as np

from gen_experimental import _described, _plain, drain


def _ds(make, limit=60):
    def run(tf):
        try:
            with tf.Graph().as_default():
                ds = make(tf)
                it = ds.make_one_shot_iterator()
                nxt = it.get_next()
                with tf.Session() as sess:
                    return [_described(ds.output_types), _described(ds.output_shapes),
                            drain(tf, nxt, sess, limit)]
        except Exception as e:  # noqa: BLE001 - the error is the golden
            return "%s: %s" % (type(e).__name__, str(getattr(e, "message", e)).split("\n")[0])
    return run


def _value(make):
    def run(tf):
        try:
            with tf.Graph().as_default():
                v = make(tf)
                with tf.Session() as sess:
                    return _plain(sess.run(v))
        except Exception as e:  # noqa: BLE001 - the error is the golden
            return "%s: %s" % (type(e).__name__, str(getattr(e, "message", e)).split("\n")[0])
    return run


def _lengths(tf):
    return tf.data.Dataset.range(12).map(lambda x: tf.fill(tf.reshape(x % 5 + 1, [1]), x))


def _optional_iter(tf):
    with tf.Graph().as_default():
        it = tf.data.Dataset.range(2).map(lambda x: (x, tf.cast(x, tf.float32) * 2.5)) \
            .make_one_shot_iterator()
        opt = tf.data.experimental.get_next_as_optional(it)
        has, val = opt.has_value(), opt.get_value()
        out = [_described(opt.value_structure.output_types)
               if hasattr(opt.value_structure, "output_types") else None,
               [str(v.dtype) for v in val], [str(v.shape) for v in val]]
        with tf.Session() as sess:
            for _ in range(3):
                try:
                    out.append(_plain(sess.run([has, val])))
                except tf.errors.OpError as e:
                    out.append("%s: %s" % (type(e).__name__, e.message.split("\n")[0]))
        return out


def _optional_values(tf):
    with tf.Graph().as_default():
        a = tf.data.experimental.Optional.from_value((tf.constant(3), {"s": tf.constant("x")}))
        b = tf.data.experimental.Optional.none_from_structure(a.value_structure)
        va = a.get_value()
        out = [[str(t.dtype) for t in (va[0], va[1]["s"])]]
        with tf.Session() as sess:
            out.append(_plain(sess.run([a.has_value(), b.has_value(), va])))
            try:
                sess.run(b.get_value())
            except tf.errors.OpError as e:
                out.append("%s: %s" % (type(e).__name__, e.message.split("\n")[0]))
        return out


def _tfrecord_writer(compression):
    def run(tf):
        d = tempfile.mkdtemp()
        try:
            with tf.Graph().as_default():
                p = os.path.join(d, "out.tfrecord")
                ds = tf.data.Dataset.from_tensor_slices([b"a", b"bb", b"", b"dddd"])
                w = tf.data.experimental.TFRecordWriter(p, compression)
                op = w.write(ds)
                with tf.Session() as sess:
                    sess.run(op)
                back = tf.data.TFRecordDataset([p], compression_type=compression)
                nxt = back.make_one_shot_iterator().get_next()
                with tf.Session() as sess:
                    got = drain(tf, nxt, sess, 10)
                with open(p, "rb") as f:
                    raw = f.read()
                return [got, raw if not compression else len(raw) > 0]
        finally:
            shutil.rmtree(d, ignore_errors=True)
    return run


def _writer_error(tf):
    try:
        with tf.Graph().as_default():
            return tf.data.experimental.TFRecordWriter("x").write(tf.data.Dataset.range(3))
    except Exception as e:  # noqa: BLE001
        return "%s: %s" % (type(e).__name__, str(e).split("\n")[0])


def _card(tf):
    r = tf.data.Dataset.range
    return [r(10), r(3, 20, 4), r(10).repeat(), r(10).repeat(3), r(0).repeat(),
            r(10).take(4), r(10).take(40), r(10).repeat().take(7), r(10).skip(3),
            r(10).skip(30), r(10).repeat().skip(3), r(10).batch(3), r(10).batch(3, True),
            r(10).map(lambda x: x * 2).prefetch(2).cache(), r(10).shuffle(4, seed=1),
            r(10).shuffle(4, seed=1).repeat(2), r(10).filter(lambda x: x > 3),
            r(10).filter(lambda x: x > 3).repeat(), tf.data.Dataset.zip((r(10), r(4))),
            tf.data.Dataset.zip((r(10), r(4).repeat())), r(4).concatenate(r(6)),
            r(4).concatenate(r(6).repeat()), r(10).shard(3, 0), r(10).shard(3, 2),
            tf.data.Dataset.from_tensor_slices([[1, 2], [3, 4], [5, 6]]),
            tf.data.Dataset.from_tensors([1, 2]), r(10).padded_batch(4, []),
            r(10).apply(tf.data.experimental.map_and_batch(lambda x: x, 4)),
            r(10).flat_map(lambda x: r(x)), r(10).apply(tf.data.experimental.unbatch())
            if False else r(10).batch(2).apply(tf.data.experimental.unbatch()),
            r(10).apply(tf.data.experimental.scan(np.int64(0), lambda s, x: (s, x))),
            tf.data.experimental.RandomDataset(1),
            r(10).window(3), r(10).apply(tf.data.experimental.ignore_errors())]


E = "data.experimental"


def _x(tf):
    return tf.data.experimental


PROGRAMS = {
    # Dataset.reduce
    "reduce_sum": _value(lambda tf: tf.data.Dataset.range(10).reduce(
        np.int64(0), lambda s, x: s + x)),
    "reduce_tuple_state": _value(lambda tf: tf.data.Dataset.range(1, 6).reduce(
        (np.int64(0), np.float32(1.0)), lambda s, x: (s[0] + x, s[1] * tf.cast(x, tf.float32)))),
    "reduce_growing_shape": _value(lambda tf: tf.data.Dataset.range(5).reduce(
        tf.zeros([0], tf.int64), lambda s, x: tf.concat([s, [x * 2]], 0))),
    "reduce_empty": _value(lambda tf: tf.data.Dataset.range(0).reduce(
        np.int64(7), lambda s, x: s + x)),
    "reduce_dict_elements": _value(lambda tf: tf.data.Dataset.from_tensor_slices(
        {"a": [1, 2, 3], "b": [10, 20, 30]}).reduce(np.int32(0), lambda s, e: s + e["a"] *
                                                    e["b"])),
    "reduce_bad_dtype": _value(lambda tf: tf.data.Dataset.range(3).reduce(
        np.int32(0), lambda s, x: x)),
    # scan
    "scan_running_sum": _ds(lambda tf: tf.data.Dataset.range(6).apply(_x(tf).scan(
        np.int64(0), lambda s, x: (s + x, s * 10)))),
    "scan_tuple_state": _ds(lambda tf: tf.data.Dataset.range(5).apply(_x(tf).scan(
        (np.int64(1), np.int64(1)), lambda s, x: ((s[1], s[0] + s[1]), (x, s[0]))))),
    "scan_growing_state": _ds(lambda tf: tf.data.Dataset.range(4).apply(_x(tf).scan(
        tf.zeros([0], tf.int64), lambda s, x: (tf.concat([s, [x]], 0), tf.reduce_sum(s))))),
    "scan_bad_dtype": _ds(lambda tf: tf.data.Dataset.range(3).apply(_x(tf).scan(
        np.int32(0), lambda s, x: (x, x)))),
    "scan_not_pair": _ds(lambda tf: tf.data.Dataset.range(3).apply(_x(tf).scan(
        np.int64(0), lambda s, x: s + x))),
    # unique / take_while
    "unique_ints": _ds(lambda tf: tf.data.Dataset.from_tensor_slices(
        [1, 2, 1, 3, 2, 4, 4]).apply(_x(tf).unique())),
    "unique_strings": _ds(lambda tf: tf.data.Dataset.from_tensor_slices(
        ["b", "a", "b", "c", "a"]).apply(_x(tf).unique())),
    "unique_float_error": _ds(lambda tf: tf.data.Dataset.from_tensor_slices(
        [1.0, 2.0]).apply(_x(tf).unique())),
    "unique_tuple_error": _ds(lambda tf: tf.data.Dataset.from_tensor_slices(
        ([1], [2])).apply(_x(tf).unique())),
    "take_while": _ds(lambda tf: tf.data.Dataset.range(10).apply(_x(tf).take_while(
        lambda x: x < 4))),
    "take_while_tuple": _ds(lambda tf: tf.data.Dataset.zip((
        tf.data.Dataset.range(10), tf.data.Dataset.range(10, 0, -1))).apply(
            _x(tf).take_while(lambda a, b: a < b))),
    # group_by_window
    "group_by_window": _ds(lambda tf: tf.data.Dataset.range(20).apply(
        _x(tf).group_by_window(lambda x: x % 3, lambda k, ds: ds.batch(10), window_size=4))),
    "group_by_window_key_in_output": _ds(lambda tf: tf.data.Dataset.from_tensor_slices(
        [5, 3, 8, 1, 9, 4, 7, 2, 6]).map(lambda x: tf.cast(x, tf.int64)).apply(
            _x(tf).group_by_window(lambda x: x % 2, lambda k, ds: ds.batch(5).map(
                lambda b: (k, b)), window_size_func=lambda k: k + 2))),
    "group_by_window_flat": _ds(lambda tf: tf.data.Dataset.range(11).apply(
        _x(tf).group_by_window(lambda x: 2 - x % 3, lambda k, ds: ds.map(lambda x: x * 100),
                               window_size=3))),
    "group_by_window_no_size": _ds(lambda tf: tf.data.Dataset.range(3).apply(
        _x(tf).group_by_window(lambda x: x, lambda k, ds: ds))),
    "group_by_window_both_sizes": _ds(lambda tf: tf.data.Dataset.range(3).apply(
        _x(tf).group_by_window(lambda x: x, lambda k, ds: ds, 2, lambda k: k))),
    "group_by_window_bad_key": _ds(lambda tf: tf.data.Dataset.range(3).apply(
        _x(tf).group_by_window(lambda x: tf.cast(x, tf.int32), lambda k, ds: ds, 2))),
    # group_by_reducer
    "group_by_reducer_sum": _ds(lambda tf: tf.data.Dataset.from_tensor_slices(
        np.array([5, 3, 8, 1, 9, 4, 7, 2, 6], np.int64)).apply(_x(tf).group_by_reducer(
            lambda x: x % 3, _x(tf).Reducer(lambda k: (k, np.int64(0)),
                                           lambda s, x: (s[0], s[1] + x),
                                           lambda k, s: (k, s * 2))))),
    "group_by_reducer_collect": _ds(lambda tf: tf.data.Dataset.range(10).apply(
        _x(tf).group_by_reducer(lambda x: x % 2, _x(tf).Reducer(
            lambda k: tf.zeros([0], tf.int64), lambda s, x: tf.concat([s, [x]], 0),
            lambda s: s)))),
    # bucket_by_sequence_length
    "bucket_padded": _ds(lambda tf: _lengths(tf).apply(_x(tf).bucket_by_sequence_length(
        lambda x: tf.shape(x)[0], [3, 5], [2, 2, 2]))),
    "bucket_pad_to_boundary": _ds(lambda tf: _lengths(tf).filter(
        lambda x: tf.shape(x)[0] < 5).apply(_x(tf).bucket_by_sequence_length(
            lambda x: tf.shape(x)[0], [3, 5], [2, 3, 2], pad_to_bucket_boundary=True))),
    "bucket_no_padding": _ds(lambda tf: tf.data.Dataset.range(10).apply(
        _x(tf).bucket_by_sequence_length(lambda x: tf.cast(x % 4, tf.int32), [2], [3, 2],
                                         no_padding=True))),
    "bucket_drop_remainder": _ds(lambda tf: _lengths(tf).apply(
        _x(tf).bucket_by_sequence_length(lambda x: tf.shape(x)[0], [3], [2, 3],
                                         padding_values=np.int64(-1), drop_remainder=True))),
    "bucket_bad_sizes": _ds(lambda tf: _lengths(tf).apply(_x(tf).bucket_by_sequence_length(
        lambda x: tf.shape(x)[0], [3], [2]))),
    # Counter
    "counter": _ds(lambda tf: _x(tf).Counter(3, 2).take(4)),
    "counter_int32": _ds(lambda tf: _x(tf).Counter(dtype=tf.int32).take(3)),
    "counter_negative_step": _ds(lambda tf: _x(tf).Counter(0, -5).take(3)),
    # devices
    "prefetch_to_device": _ds(lambda tf: tf.data.Dataset.range(5).apply(
        _x(tf).prefetch_to_device("/cpu:0"))),
    "copy_to_device": _ds(lambda tf: tf.data.Dataset.range(4).map(lambda x: (x, x * 2)).apply(
        _x(tf).copy_to_device("/cpu:0"))),
    # contrib
    "contrib_batch_and_drop_remainder": _ds(lambda tf: tf.data.Dataset.range(7).apply(
        tf.contrib.data.batch_and_drop_remainder(3))),
    "contrib_padded_batch_and_drop_remainder": _ds(lambda tf: _lengths(tf).apply(
        tf.contrib.data.padded_batch_and_drop_remainder(5, [None]))),
    "contrib_sliding_window": _ds(lambda tf: tf.data.Dataset.range(8).apply(
        tf.contrib.data.sliding_window_batch(3, 2))),
    "contrib_sliding_window_stride": _ds(lambda tf: tf.data.Dataset.range(10).map(
        lambda x: (x, -x)).apply(tf.contrib.data.sliding_window_batch(
            2, window_shift=3, window_stride=2))),
    "contrib_sliding_window_both": _ds(lambda tf: tf.data.Dataset.range(3).apply(
        tf.contrib.data.sliding_window_batch(2, stride=1, window_shift=1))),
    "contrib_sloppy_interleave": _ds(lambda tf: tf.data.Dataset.range(3).apply(
        tf.contrib.data.sloppy_interleave(lambda x: tf.data.Dataset.range(x * 10, x * 10 + 3),
                                          1))),   # cycle 1: TF's sloppy order is otherwise racy
    "contrib_assert_element_shape": _ds(lambda tf: tf.data.Dataset.range(4).map(
        lambda x: (tf.fill(tf.reshape(x % 3 + 1, [1]), x), x)).apply(
            tf.contrib.data.assert_element_shape((tf.TensorShape([2]), tf.TensorShape([]))))),
    "contrib_assert_element_shape_static_bad": _ds(lambda tf: tf.data.Dataset.range(4).map(
        lambda x: tf.fill([3], x)).apply(tf.contrib.data.assert_element_shape(
            tf.TensorShape([2])))),
    "contrib_assert_element_shape_matrix": _ds(lambda tf: tf.data.Dataset.range(3).map(
        lambda x: tf.reshape(tf.range(x * 2 + 2), [-1, 2])).apply(
            tf.contrib.data.assert_element_shape(tf.TensorShape([2, 2])))),
    "contrib_reduce_dataset": _value(lambda tf: tf.contrib.data.reduce_dataset(
        tf.data.Dataset.range(6), tf.contrib.data.Reducer(
            lambda k: np.int64(0), lambda s, x: s + x * x, lambda s: s))),
    # rejection_resample (seeded: TF's random streams)
    "rejection_resample_initial": _ds(lambda tf: tf.data.Dataset.range(300).apply(
        _x(tf).rejection_resample(lambda x: tf.cast(x % 3, tf.int32), [0.6, 0.2, 0.2],
                                  initial_dist=[1 / 3.0] * 3, seed=7)), 40),
    "rejection_resample_estimated": _ds(lambda tf: (tf.set_random_seed(5), tf.data.Dataset.range(
        300).apply(_x(tf).rejection_resample(lambda x: tf.cast(tf.minimum(x % 5, 2), tf.int32),
                                             [0.2, 0.3, 0.5], seed=3)))[1], 40),
    "rejection_resample_same_dist": _ds(lambda tf: tf.data.Dataset.range(6).apply(
        _x(tf).rejection_resample(lambda x: tf.cast(x % 2, tf.int32), [0.5, 0.5],
                                  initial_dist=[0.5, 0.5], seed=1))),
    "rejection_resample_all_rejected_mix": _ds(lambda tf: tf.data.Dataset.range(60).apply(
        _x(tf).rejection_resample(lambda x: tf.cast(x % 2, tf.int32), [1.0, 0.0],
                                  initial_dist=[0.5, 0.5], seed=2)), 12),
    # cardinality
    "cardinality": _value(lambda tf: [tf.data.experimental.cardinality(d) for d in _card(tf)]),
    "optional_iterator": _optional_iter,
    "optional_values": _optional_values,
    "tfrecord_writer": _tfrecord_writer(None),
    "tfrecord_writer_gzip": _tfrecord_writer("GZIP"),
    "tfrecord_writer_bad_dataset": _writer_error,
}


def cases(tf):
    return {name: PROGRAMS[name](tf) for name in sorted(PROGRAMS)}


def _write_examples(tf, d):
    paths = []
    for f in range(3):
        p = os.path.join(d, "ex-%d.tfrecord" % f)
        with tf.python_io.TFRecordWriter(p) as w:
            for i in range(7):
                ex = tf.train.Example(features=tf.train.Features(feature={
                    "x": tf.train.Feature(float_list=tf.train.FloatList(
                        value=[f * 10 + i, i * 0.5])),
                    "id": tf.train.Feature(int64_list=tf.train.Int64List(value=[f * 100 + i])),
                    "s": tf.train.Feature(bytes_list=tf.train.BytesList(
                        value=[("f%d-%d" % (f, i)).encode()]))}))
                w.write(ex.SerializeToString())
        paths.append(p)
    return paths


def _features(tf):
    return {"x": tf.FixedLenFeature([2], tf.float32), "id": tf.FixedLenFeature([], tf.int64),
            "s": tf.FixedLenFeature([], tf.string, default_value="")}


def _batched(call, limit=30):
    def run(tf):
        d = tempfile.mkdtemp()
        try:
            _write_examples(tf, d)
            pattern = os.path.join(d, "ex-*.tfrecord")
            with tf.Graph().as_default():
                try:
                    out = call(tf, pattern)
                except Exception as e:  # noqa: BLE001 - the error is the golden
                    return "%s: %s" % (type(e).__name__, str(e).split("\n")[0].replace(d, "D"))
                if isinstance(out, tf.data.Dataset):
                    nxt = out.make_one_shot_iterator().get_next()
                    head = [_described(out.output_types), _described(out.output_shapes)]
                else:
                    nxt, head = out, []
                with tf.Session() as sess:
                    return head + [drain(tf, nxt, sess, limit)]
        finally:
            shutil.rmtree(d, ignore_errors=True)
    return run


PROGRAMS.update({
    "batched_features_no_shuffle": _batched(lambda tf, p: _x(tf).make_batched_features_dataset(
        p, 4, _features(tf), num_epochs=1, shuffle=False)),
    "batched_features_shuffled_epochs": _batched(lambda tf, p: _x(tf).make_batched_features_dataset(
        p, 5, _features(tf), num_epochs=2, shuffle_seed=4, shuffle_buffer_size=6)),
    "batched_features_label": _batched(lambda tf, p: _x(tf).make_batched_features_dataset(
        p, 3, _features(tf), label_key="id", num_epochs=1, shuffle=True, shuffle_seed=2,
        reader_num_threads=2)),
    "batched_features_forever_drops": _batched(lambda tf, p: _x(tf).make_batched_features_dataset(
        p, 8, _features(tf), shuffle=False), 4),
    "batched_features_bad_label": _batched(lambda tf, p: _x(tf).make_batched_features_dataset(
        p, 3, _features(tf), label_key="nope")),
    "batched_features_no_files": _batched(lambda tf, p: _x(tf).make_batched_features_dataset(
        p + ".none", 3, _features(tf))),
    "parse_example_dataset": _batched(lambda tf, p: tf.data.TFRecordDataset(
        sorted(tf.gfile.Glob(p))).batch(4).apply(_x(tf).parse_example_dataset(_features(tf)))),
    "contrib_read_batch_features": _batched(lambda tf, p: tf.contrib.data.read_batch_features(
        p, 6, _features(tf), randomize_input=False, num_epochs=1)),
})

"""TF 1.14's tf.data pipelines: element values and order (seeded shuffles included) and
where the sequence ends. Each program builds a pipeline with `tf` (TF 1.14 or flowgrad)
and returns what `drain` fetched; tests/test_data.py runs the same programs in flowgrad."""
from __future__ import absolute_import

import numpy as np


def drain(tf, nxt, sess, limit=200):
    out = []
    for _ in range(limit):
        try:
            out.append(sess.run(nxt))
        except tf.errors.OutOfRangeError as e:
            out.append("END: " + e.message.split("\n")[0])
            break
    return out


def one_shot(tf, ds):
    nxt = ds.make_one_shot_iterator().get_next()
    with tf.Session() as sess:
        return drain(tf, nxt, sess)


def inits(tf, ds, n=2, graph_seed=None):
    it = ds.make_initializable_iterator()
    nxt = it.get_next()
    out = []
    with tf.Session() as sess:
        for _ in range(n):
            sess.run(it.initializer)
            out.append(drain(tf, nxt, sess))
    return out


def _graph(fn, graph_seed=None):
    def prog(tf):
        g = tf.Graph()
        with g.as_default():
            if graph_seed is not None:
                tf.set_random_seed(graph_seed)
            return fn(tf)
    return prog


R = lambda tf, n: tf.data.Dataset.range(n)  # noqa: E731


PROGRAMS = {
    "range": _graph(lambda tf: one_shot(tf, R(tf, 5))),
    "range_args": _graph(lambda tf: one_shot(tf, tf.data.Dataset.range(2, 11, 3))),
    "slices_tuple_dict": _graph(lambda tf: one_shot(tf, tf.data.Dataset.from_tensor_slices(
        (np.arange(6.0, dtype=np.float32).reshape(3, 2), {"b": [1, 2, 3], "a": ["x", "y", "z"]})))),
    "from_tensors": _graph(lambda tf: one_shot(tf, tf.data.Dataset.from_tensors(
        ([1, 2], 3.0)).repeat(2))),
    "batch": _graph(lambda tf: one_shot(tf, R(tf, 10).batch(4))),
    "batch_drop": _graph(lambda tf: one_shot(tf, R(tf, 10).batch(4, drop_remainder=True))),
    "map_batch_repeat": _graph(lambda tf: one_shot(tf, R(tf, 7).map(
        lambda x: (x * 2, tf.cast(x, tf.float32) / 2.0)).batch(3).repeat(2))),
    "map_parallel": _graph(lambda tf: one_shot(tf, R(tf, 20).map(
        lambda x: x * x, num_parallel_calls=4).batch(6))),
    "filter": _graph(lambda tf: one_shot(tf, R(tf, 10).filter(lambda x: tf.equal(x % 3, 0)))),
    "take_skip": _graph(lambda tf: one_shot(tf, R(tf, 10).skip(2).take(5))),
    "zip_concat": _graph(lambda tf: one_shot(tf, tf.data.Dataset.zip((R(tf, 3), R(tf, 5))).concatenate(
        tf.data.Dataset.zip((R(tf, 2), R(tf, 2)))))),
    "flat_map": _graph(lambda tf: one_shot(tf, R(tf, 4).flat_map(lambda x: R(tf, x)))),
    "interleave": _graph(lambda tf: one_shot(tf, R(tf, 5).interleave(
        lambda x: tf.data.Dataset.from_tensors(x).repeat(x), cycle_length=2, block_length=2))),
    "padded_batch": _graph(lambda tf: one_shot(tf, R(tf, 5).map(
        lambda x: tf.fill([tf.cast(x, tf.int32)], x)).padded_batch(2, [None]))),
    "padded_batch_fixed": _graph(lambda tf: one_shot(tf, R(tf, 5).map(
        lambda x: (tf.fill([tf.cast(x, tf.int32)], x), x)).padded_batch(2, ([6], []), padding_values=(
            tf.constant(-1, tf.int64), tf.constant(0, tf.int64))))),
    "padded_batch_minus_one": _graph(lambda tf: _padded_minus_one(tf)),
    "prefetch_cache": _graph(lambda tf: one_shot(tf, R(tf, 6).map(lambda x: x + 1).cache()
                                                 .repeat(2).prefetch(3))),
    "shard": _graph(lambda tf: one_shot(tf, R(tf, 11).shard(3, 1))),
    "unbatch": _graph(lambda tf: one_shot(tf, R(tf, 7).batch(3).apply(
        tf.data.experimental.unbatch()))),
    "window_flat": _graph(lambda tf: one_shot(tf, R(tf, 7).window(3, 2).flat_map(
        lambda w: w.batch(3)))),
    "window_drop": _graph(lambda tf: one_shot(tf, R(tf, 7).window(3, 1, 2, True).flat_map(
        lambda w: w.batch(3)))),
    "map_and_batch": _graph(lambda tf: one_shot(tf, R(tf, 7).apply(
        tf.data.experimental.map_and_batch(lambda x: x * 10, 3)))),
    "map_and_batch_drop": _graph(lambda tf: one_shot(tf, R(tf, 7).apply(
        tf.data.experimental.map_and_batch(lambda x: x * 10, 3, drop_remainder=True)))),
    "choose": _graph(lambda tf: one_shot(tf, tf.data.experimental.choose_from_datasets(
        [R(tf, 3), R(tf, 3).map(lambda x: x + 10)],
        tf.data.Dataset.from_tensor_slices(tf.constant([0, 1, 1, 0, 1, 1, 0, 0], tf.int64))))),
    "generator": _graph(lambda tf: one_shot(tf, tf.data.Dataset.from_generator(
        lambda: iter([(1, [1.0, 2.0]), (2, [3.0, 4.0])]), (tf.int32, tf.float32),
        (tf.TensorShape([]), tf.TensorShape([2]))))),
    "capture_const": _graph(lambda tf: one_shot(tf, (lambda c: R(tf, 4).map(
        lambda x: x + c))(tf.constant(100, tf.int64)))),
    "enumerate_like_zip": _graph(lambda tf: one_shot(tf, tf.data.Dataset.zip(
        (R(tf, 3), tf.data.Dataset.from_tensor_slices(["a", "b", "c"]))))),
    "string_map": _graph(lambda tf: one_shot(tf, tf.data.Dataset.from_tensor_slices(
        ["a", "bb", "ccc"]).map(lambda s: (s, tf.constant(1))))),
}

# Seeded shuffles: element orders for several seeds, buffer sizes and repeat combinations.
for _gs in (None, 5):
    for _seed in (None, 1, 7, 123):
        if _gs is None and _seed is None:
            continue
        for _buf in (1, 3, 10, 25):
            PROGRAMS["shuffle/gs%s/s%s/b%d" % (_gs, _seed, _buf)] = _graph(
                lambda tf, s=_seed, b=_buf: inits(tf, R(tf, 10).shuffle(b, seed=s).repeat(2)),
                _gs)
        PROGRAMS["shuffle_fixed/gs%s/s%s" % (_gs, _seed)] = _graph(
            lambda tf, s=_seed: inits(tf, R(tf, 10).shuffle(
                4, seed=s, reshuffle_each_iteration=False).repeat(3)), _gs)
        PROGRAMS["shuffle_and_repeat/gs%s/s%s" % (_gs, _seed)] = _graph(
            lambda tf, s=_seed: inits(tf, R(tf, 10).apply(
                tf.data.experimental.shuffle_and_repeat(4, 3, seed=s))), _gs)
        PROGRAMS["shuffle_batch/gs%s/s%s" % (_gs, _seed)] = _graph(
            lambda tf, s=_seed: one_shot(tf, R(tf, 30).shuffle(8, seed=s).batch(7)), _gs)
PROGRAMS["shuffle_repeat_inside"] = _graph(
    lambda tf: inits(tf, R(tf, 6).repeat(3).shuffle(5, seed=2), 1), 3)
PROGRAMS["shuffle_two_ops"] = _graph(
    lambda tf: one_shot(tf, tf.data.Dataset.zip((R(tf, 8).shuffle(8), R(tf, 8).shuffle(3)))), 11)


def _padded_minus_one(tf):
    """padded shapes holding -1 (a tensor to TF: not a TensorShape), tensors, and an
    incompatible one: output shapes, values, TF's error"""
    ds = tf.data.Dataset.range(4).map(lambda x: (tf.fill([x, 2], x), tf.range(x)))
    out = []
    for ps in [([-1, 2], [-1]), ([-1, -1], [5]), ([tf.constant(4, tf.int64), 2], [None]),
               (tf.constant([4, 2], tf.int64), tf.constant([-1], tf.int64))]:
        b = ds.padded_batch(2, ps)
        out.append([str(s) for s in b.output_shapes])
        out.append(one_shot(tf, b))
    try:
        ds.padded_batch(2, ([1, 2, 3], [-1]))
    except ValueError as e:
        out.append(str(e))
    return out


def cases(tf):
    return {name: prog(tf) for name, prog in PROGRAMS.items()}


def _reinitializable(tf):
    train = tf.data.Dataset.range(5).map(lambda x: x * 2)
    val = tf.data.Dataset.range(3).map(lambda x: -x)
    it = tf.data.Iterator.from_structure(train.output_types, train.output_shapes)
    nxt = it.get_next()
    ti, vi = it.make_initializer(train), it.make_initializer(val)
    out = []
    with tf.Session() as sess:
        for init in (ti, vi, ti):
            sess.run(init)
            out.append(drain(tf, nxt, sess))
    return out


def _feedable(tf):
    a = tf.data.Dataset.range(100).repeat()
    b = tf.data.Dataset.range(3).map(lambda x: x + 1000)
    handle = tf.placeholder(tf.string, shape=[])
    it = tf.data.Iterator.from_string_handle(handle, a.output_types, a.output_shapes)
    nxt = it.get_next()
    ia = a.make_one_shot_iterator()
    ib = b.make_initializable_iterator()
    out = []
    with tf.Session() as sess:
        ha, hb = sess.run([ia.string_handle(), ib.string_handle()])
        sess.run(ib.initializer)
        for h in (ha, ha, hb, ha, hb, hb, hb):
            try:
                out.append(sess.run(nxt, {handle: h}))
            except tf.errors.OutOfRangeError as e:
                out.append("END: " + e.message.split("\n")[0])
    return out


def _placeholder_init(tf):
    x = tf.placeholder(tf.float32, [None])
    n = tf.placeholder(tf.int64, [])
    ds = tf.data.Dataset.from_tensor_slices(x).map(lambda v: v * 2.0).batch(n)
    it = ds.make_initializable_iterator()
    nxt = it.get_next()
    out = []
    with tf.Session() as sess:
        try:
            sess.run(nxt)
        except tf.errors.FailedPreconditionError as e:
            out.append("FP: " + e.message.split("\n")[0])
        sess.run(it.initializer, {x: [1, 2, 3, 4, 5], n: 2})
        out.append(drain(tf, nxt, sess))
        sess.run(it.initializer, {x: [7, 8], n: 5})
        out.append(drain(tf, nxt, sess))
    return out


def _one_shot_placeholder(tf):
    x = tf.placeholder(tf.float32, [None])
    try:
        tf.data.Dataset.from_tensor_slices(x).make_one_shot_iterator()
    except ValueError as e:
        return str(e)


def _end_repeats(tf):
    nxt = tf.data.Dataset.range(2).make_one_shot_iterator().get_next()
    with tf.Session() as sess:
        out = [sess.run(nxt), sess.run(nxt)]
        for _ in range(2):
            try:
                sess.run(nxt)
            except tf.errors.OutOfRangeError as e:
                out.append(type(e).__name__ + ": " + e.message.split("\n")[0])
    return out


def _batch_mismatch(tf):
    ds = tf.data.Dataset.range(1, 4).map(lambda x: tf.fill([tf.cast(x, tf.int32)], x)).batch(2)
    nxt = ds.make_one_shot_iterator().get_next()
    with tf.Session() as sess:
        try:
            sess.run(nxt)
        except tf.errors.InvalidArgumentError as e:
            return e.message.split("\n")[0]


def _variable_in_map(tf):
    v = tf.Variable(3, dtype=tf.int64)
    ds = tf.data.Dataset.range(3).map(lambda x: x * v)
    it = ds.make_initializable_iterator()
    nxt = it.get_next()
    with tf.Session() as sess:
        sess.run(v.initializer)
        sess.run(it.initializer)
        return drain(tf, nxt, sess)


PROGRAMS.update({
    "reinitializable": _graph(_reinitializable),
    "feedable": _graph(_feedable),
    "placeholder_init": _graph(_placeholder_init),
    "one_shot_placeholder": _graph(_one_shot_placeholder),
    "end_repeats": _graph(_end_repeats),
    "batch_mismatch": _graph(_batch_mismatch),
    "variable_in_map": _graph(_variable_in_map),
})


def _images_pipeline(tf, parallel, drop=False, repeat=False):
    rs = np.random.RandomState(3)
    x = rs.randint(0, 256, size=(50, 4, 4)).astype(np.float32)
    y = np.arange(50, dtype=np.int64)
    ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(20, seed=4)
    if repeat:
        ds = ds.repeat(2)
    ds = ds.map(lambda im, lab: (tf.reshape(im, [16]) / 255.0 - 0.5, lab * 2, tf.cast(lab, tf.float32)),
                num_parallel_calls=parallel)
    return one_shot(tf, ds.batch(16, drop_remainder=drop).prefetch(1))


PROGRAMS.update({
    "images_map_batch": _graph(lambda tf: _images_pipeline(tf, None)),
    "images_pmap_batch_drop": _graph(lambda tf: _images_pipeline(tf, 4, drop=True)),
    "images_repeat": _graph(lambda tf: _images_pipeline(tf, 2, repeat=True)),
    "slices_take_batch": _graph(lambda tf: one_shot(tf, tf.data.Dataset.from_tensor_slices(
        np.arange(20.0)).repeat(2).shuffle(7, seed=2, reshuffle_each_iteration=False)
        .map(lambda v: v * 3.0 + 1.0).batch(6))),
})


def _list_files(tf, shuffle, seed):
    import os
    import shutil
    import tempfile
    d = tempfile.mkdtemp()
    try:
        for name in ("b.txt", "a.txt", "d.txt", "c.txt", "e.csv", "f.txt"):
            open(os.path.join(d, name), "w").close()
        ds = tf.data.Dataset.list_files(os.path.join(d, "*.txt"), shuffle=shuffle, seed=seed)
        return [os.path.basename(f.decode()) for f in one_shot(tf, ds)[:-1]]
    finally:
        shutil.rmtree(d)


PROGRAMS.update({
    "list_files_sorted": _graph(lambda tf: _list_files(tf, False, None)),
    "list_files_seeded": _graph(lambda tf: _list_files(tf, None, 9)),
})

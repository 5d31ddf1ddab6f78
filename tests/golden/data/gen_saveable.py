"""TF 1.14's iterator save/restore: tf.data.experimental.make_saveable_from_iterator in
a Saver. Each program builds a pipeline, pulls some elements, saves, pulls more, then
restores in a new session and pulls again: the elements after a restore are TF's (the
ones the saved iterator would have produced). Also the checkpoint's keys and dtypes
and the errors. tests/test_data_saveable.py runs the same programs in flowgrad.

Not here because TF 1.14 crashes (segmentation fault) on them: saving an initializable
iterator that was never initialized, and saving a pipeline with window(); flowgrad's
behaviour for those is tested on its own in tests/test_data_saveable.py."""
from __future__ import absolute_import

import os
import shutil
import tempfile

import numpy as np

from gen_experimental import _plain, drain


def _files(d):
    paths = []
    for i in range(3):
        p = os.path.join(d, "t%d.txt" % i)
        with open(p, "w") as f:
            f.write("".join("f%d-line%d\n" % (i, j) for j in range(4)))
        paths.append(p)
    return paths


def _records(tf, d):
    p = os.path.join(d, "r.tfrecord")
    with tf.io.TFRecordWriter(p) as w:
        for i in range(7):
            w.write(("rec%d" % i).encode())
    return [p]


def _save_restore(make, before=2, after=3, initializable=False, feed=None):
    """make(tf, d) -> dataset. Pull `before`, save, pull `after` (a); restore in a new
    session (no initializer run), pull `after` (b) then drain."""
    def run(tf):
        d = tempfile.mkdtemp()
        try:
            with tf.Graph().as_default():
                ds = make(tf, d)
                if initializable:
                    it = ds.make_initializable_iterator()
                else:
                    it = ds.make_one_shot_iterator()
                nxt = it.get_next()
                saveable = tf.data.experimental.make_saveable_from_iterator(it)
                tf.add_to_collection(tf.GraphKeys.SAVEABLE_OBJECTS, saveable)
                saver = tf.train.Saver()
                prefix = os.path.join(d, "ckpt")
                with tf.Session() as sess:
                    if initializable:
                        sess.run(it.initializer, feed(tf) if feed else None)
                    first = drain(tf, nxt, sess, before)
                    saver.save(sess, prefix)
                    a = drain(tf, nxt, sess, after)
                with tf.Session() as sess:
                    saver.restore(sess, prefix)
                    b = drain(tf, nxt, sess, after)
                    rest = drain(tf, nxt, sess, 60)
                keys = sorted((k, s) for k, s in tf.train.list_variables(prefix))
            return {"first": first, "a": a, "b": b, "rest": rest,
                    "keys": [[k, list(s)] for k, s in keys]}
        finally:
            shutil.rmtree(d, ignore_errors=True)
    return run


def _error(make, action):
    def run(tf):
        d = tempfile.mkdtemp()
        try:
            with tf.Graph().as_default():
                return action(tf, make(tf, d), d)
        except Exception as e:  # noqa: BLE001 - the error is the golden
            return "%s: %s" % (type(e).__name__, str(getattr(e, "message", e)).split("\n")[0])
        finally:
            shutil.rmtree(d, ignore_errors=True)
    return run


def _save_one_shot(tf, ds, d):
    it = ds.make_one_shot_iterator()
    nxt = it.get_next()
    s = tf.data.experimental.make_saveable_from_iterator(it)
    saver = tf.train.Saver([s])
    with tf.Session() as sess:
        sess.run(nxt)
        saver.save(sess, os.path.join(d, "ckpt"))
    return "saved"


def _restore_missing(tf, ds, d):
    v = tf.Variable(1.0, name="v")
    with tf.Session() as sess:
        sess.run(v.initializer)
        tf.train.Saver([v]).save(sess, os.path.join(d, "ckpt"))
    it = ds.make_one_shot_iterator()
    s = tf.data.experimental.make_saveable_from_iterator(it)
    with tf.Session() as sess:
        tf.train.Saver([s]).restore(sess, os.path.join(d, "ckpt"))
    return "restored"


def _with_variable(tf):
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            v = tf.Variable([1.0, 2.0], name="w")
            ds = tf.data.Dataset.range(20).shuffle(8, seed=4).batch(3)
            it = ds.make_one_shot_iterator()
            nxt = it.get_next()
            s = tf.data.experimental.make_saveable_from_iterator(it)
            saver = tf.train.Saver([v, s])
            prefix = os.path.join(d, "ckpt")
            with tf.Session() as sess:
                sess.run(v.initializer)
                sess.run(nxt)
                sess.run(tf.assign(v, [3.0, 4.0]))
                saver.save(sess, prefix)
                sess.run(nxt)
            with tf.Session() as sess:
                saver.restore(sess, prefix)
                out = [_plain(sess.run(v).tolist()), drain(tf, nxt, sess, 3)]
            r = tf.train.NewCheckpointReader(prefix)
            out.append(sorted((k, str(t)) for k, t in r.get_variable_to_dtype_map().items()))
            out.append([s.name, s.specs[0].name, s.specs[0].slice_spec,
                        s.specs[0].tensor.op.type, str(s.specs[0].dtype)])
            return out
    finally:
        shutil.rmtree(d, ignore_errors=True)


def _restore_resets(tf):
    """A restore into a session whose iterator moved on puts it back."""
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            ds = tf.data.Dataset.range(10).map(lambda x: x * 3)
            it = ds.make_one_shot_iterator()
            nxt = it.get_next()
            s = tf.data.experimental.make_saveable_from_iterator(it)
            saver = tf.train.Saver([s])
            prefix = os.path.join(d, "ckpt")
            with tf.Session() as sess:
                drain(tf, nxt, sess, 3)
                saver.save(sess, prefix)
                moved = drain(tf, nxt, sess, 4)
                saver.restore(sess, prefix)
                again = drain(tf, nxt, sess, 4)
            return [moved, again]
    finally:
        shutil.rmtree(d, ignore_errors=True)


def _tf_checkpoint(tf):
    """The files of a checkpoint holding an iterator state (read back by flowgrad: its
    variant tensor round-trips byte for byte; restoring it is refused)."""
    d = tempfile.mkdtemp()
    try:
        with tf.Graph().as_default():
            ds = tf.data.Dataset.range(6).map(lambda x: x + 1)
            it = ds.make_one_shot_iterator()
            nxt = it.get_next()
            s = tf.data.experimental.make_saveable_from_iterator(it)
            prefix = os.path.join(d, "ckpt")
            with tf.Session() as sess:
                sess.run(nxt)
                tf.train.Saver([s]).save(sess, prefix, write_meta_graph=False)
            out = {}
            for suffix in (".index", ".data-00000-of-00001"):
                with open(prefix + suffix, "rb") as f:
                    out[suffix] = f.read()
            return out
    finally:
        shutil.rmtree(d, ignore_errors=True)


def _ph_feed(tf):
    g = tf.get_default_graph()
    return {g.get_tensor_by_name("n:0"): 9}


PROGRAMS = {
    "shuffle_map_batch": _save_restore(lambda tf, d: tf.data.Dataset.range(10).shuffle(
        5, seed=3).map(lambda x: x * 2).batch(2)),
    "shuffle_repeat_fused": _save_restore(lambda tf, d: tf.data.Dataset.range(10).shuffle(
        5, seed=1).repeat(3).batch(3), 4, 3),
    "reshuffle_each_epoch": _save_restore(lambda tf, d: tf.data.Dataset.range(6).shuffle(
        6, seed=2).map(lambda x: x + 1).repeat(3), 8, 4),
    "shuffle_no_reshuffle": _save_restore(lambda tf, d: tf.data.Dataset.range(6).shuffle(
        4, seed=7, reshuffle_each_iteration=False).repeat(2), 5, 3),
    "graph_seed_shuffle": _save_restore(lambda tf, d: (tf.set_random_seed(11),
                                                       tf.data.Dataset.range(12).shuffle(
                                                           12).batch(4))[1], 1, 1),
    "slices_dict": _save_restore(lambda tf, d: tf.data.Dataset.from_tensor_slices(
        {"a": np.arange(12).reshape(6, 2), "b": np.array([b"x", b"y", b"z", b"u", b"v",
                                                          b"w"])}).skip(1).take(4), 2, 1),
    "initializable_placeholder": _save_restore(
        lambda tf, d: tf.data.Dataset.range(tf.placeholder(tf.int64, [], name="n")).map(
            lambda x: x * x), 3, 2, initializable=True, feed=_ph_feed),
    "text_lines_interleave": _save_restore(lambda tf, d: tf.data.Dataset.from_tensor_slices(
        _files(d)).interleave(tf.data.TextLineDataset, cycle_length=2, block_length=2), 5, 3),
    "text_lines_flat_map": _save_restore(lambda tf, d: tf.data.Dataset.from_tensor_slices(
        _files(d)).flat_map(tf.data.TextLineDataset).batch(5), 1, 1),
    "tfrecord_shuffled": _save_restore(lambda tf, d: tf.data.TFRecordDataset(
        _records(tf, d)).shuffle(3, seed=5), 3, 2),
    "fixed_length": _save_restore(lambda tf, d: tf.data.FixedLengthRecordDataset(
        [_write(d, "fx.bin", bytes(range(40)))], 4, header_bytes=2, footer_bytes=2), 3, 2),
    "padded_filter_zip": _save_restore(lambda tf, d: tf.data.Dataset.zip((
        tf.data.Dataset.range(20).filter(lambda x: x % 3 > 0),
        tf.data.Dataset.range(20).map(lambda x: tf.fill(tf.reshape(x % 4, [1]), x)))).padded_batch(
            3, ([], [None])), 2, 2),
    "concat_prefetch_parallel_map": _save_restore(lambda tf, d: tf.data.Dataset.range(
        5).concatenate(tf.data.Dataset.range(40, 46)).map(
            lambda x: x * 10, num_parallel_calls=3).prefetch(2), 4, 3),
    "cache_repeat": _save_restore(lambda tf, d: tf.data.Dataset.range(4).map(
        lambda x: x + 100).cache().repeat(3), 6, 3),
    "unbatch_shard": _save_restore(lambda tf, d: tf.data.Dataset.range(24).batch(
        5).apply(tf.data.experimental.unbatch()).shard(3, 1), 3, 2),
    "at_end": _save_restore(lambda tf, d: tf.data.Dataset.range(3), 5, 1),
    "sample_from_datasets": _save_restore(lambda tf, d: tf.data.experimental.
                                          sample_from_datasets(
                                              [tf.data.Dataset.range(10),
                                               tf.data.Dataset.range(100, 110)],
                                              [0.3, 0.7], seed=8), 6, 4),
    "map_and_batch": _save_restore(lambda tf, d: tf.data.Dataset.range(17).apply(
        tf.data.experimental.map_and_batch(lambda x: x * 2, 4)), 2, 1),
    "error_generator": _error(lambda tf, d: tf.data.Dataset.from_generator(
        lambda: iter([1, 2, 3]), tf.int64), _save_one_shot),
    "error_stateful_map": _error(lambda tf, d: tf.data.Dataset.range(5).map(
        lambda x: tf.random_uniform([], seed=1) + tf.cast(x, tf.float32)), _save_one_shot),
    "error_key_missing": _error(lambda tf, d: tf.data.Dataset.range(3), _restore_missing),
    "with_variable": _with_variable,
    "restore_resets": _restore_resets,
}
TF_ONLY = {"tf_checkpoint": _tf_checkpoint}


def _write(d, name, data):
    p = os.path.join(d, name)
    with open(p, "wb") as f:
        f.write(data)
    return p


def cases(tf):
    out = {name: PROGRAMS[name](tf) for name in sorted(PROGRAMS)}
    out.update((name, f(tf)) for name, f in TF_ONLY.items())
    return out


def _pipeline_hook(tf):
    """CheckpointInputPipelineHook in two MonitoredTrainingSessions over a fake estimator:
    the second resumes the input pipeline where the first stopped."""
    d = tempfile.mkdtemp()
    try:
        class _Config(object):
            num_worker_replicas = 1
            save_checkpoints_secs = None
            save_checkpoints_steps = 2

        class _Est(object):
            _config = _Config()
            model_dir = d

        out = []
        for _ in range(2):
            with tf.Graph().as_default():
                gs = tf.train.get_or_create_global_step()
                ds = tf.data.Dataset.range(20).shuffle(6, seed=9)
                nxt = ds.make_one_shot_iterator().get_next()
                step = tf.assign_add(gs, 1)
                hook = tf.data.experimental.CheckpointInputPipelineHook(_Est())
                got = []
                with tf.train.MonitoredTrainingSession(hooks=[hook]) as sess:
                    for _ in range(5):
                        got.append(_plain(sess.run([nxt, step])))
                out.append(got)
        out.append(sorted(f for f in os.listdir(d) if f.startswith("checkpoint") or
                          f.startswith("input") and f.endswith(".index")))
        out.append(sorted(k for k, _ in tf.train.list_variables(
            tf.train.latest_checkpoint(d, "checkpoint_input"))))
        return out
    finally:
        shutil.rmtree(d, ignore_errors=True)


PROGRAMS["checkpoint_input_pipeline_hook"] = _pipeline_hook
